# SPDX-License-Identifier: GPL-2.0-only
# Decides, on the host and before anything starts, whether each selected test
# can run here, and with which accelerator, machine and timeout. A test that
# cannot gets its SKIP reason in PLAN_SKIP; no QEMU is started for it.

declare -ga P_ACCEL=() P_MACHINE=() P_TIMEOUT=()

# plan_checks LIST: sets REPLY to the reason the first failing path=value
# pair gives, or to nothing when all hold. A missing file fails the check:
# it usually means the module or feature is absent altogether.
plan_checks()
{
	local pair path want have
	local -a pairs
	REPLY=''
	# Words, never globbed: a path may hold '*'.
	local -
	set -f
	# shellcheck disable=SC2206 # split on purpose, never globbed
	pairs=($1)
	for pair in "${pairs[@]}"; do
		path=${pair%%=*} want=${pair#*=} have=''
		if [[ ! -r $path ]]; then
			REPLY="check: $path does not exist"
			return
		fi
		read -r have < "$path"
		if [[ $have != "$want" ]]; then
			REPLY="check: $path is '$have', not '$want'"
			return
		fi
	done
}

# plan_test I
plan_test()
{
	local i=$1 want arch=${CONFIG[ARCH]} checks
	[[ -n ${PLAN_SKIP[i]} ]] && return
	cfg_test "$i"
	if [[ -n ${T_ARCH[i]} ]] && ! word_in "$arch" "${T_ARCH[i]}"; then
		PLAN_SKIP[i]="arch: needs ${T_ARCH[i]}, built for $arch"
		return
	fi

	P_MACHINE[i]=$MACHINE
	if [[ -n ${T_MACHINE[i]} ]]; then
		if [[ -n $MACHINE && $MACHINE != "${T_MACHINE[i]}" ]]; then
			PLAN_SKIP[i]="machine: needs ${T_MACHINE[i]}, MACHINE=$MACHINE"
			return
		fi
		if [[ -n $QEMU_MACHINES ]] && ! word_in "${T_MACHINE[i]}" "$QEMU_MACHINES"; then
			PLAN_SKIP[i]="machine: ${T_MACHINE[i]} is not a machine of $QEMU"
			return
		fi
		P_MACHINE[i]=${T_MACHINE[i]}
	fi

	want=${T_ACCEL[i]%%,*}
	P_ACCEL[i]=$ACCEL
	if [[ -n $want ]]; then
		# tcg is always there, so a test asking for it only skips when
		# the user insisted on something else.
		if [[ $want != "$ACCEL_NAME" ]] && ! [[ $want == tcg && -n $ACCEL_AUTO ]]; then
			PLAN_SKIP[i]="accel: needs $want, running under $ACCEL_NAME"
			return
		fi
		[[ ${T_ACCEL[i]} == *,* || $want != "$ACCEL_NAME" ]] && P_ACCEL[i]=${T_ACCEL[i]}
	fi

	checks=${T_CHECK[i]}
	[[ -n ${CHECK+set} ]] && checks=$CHECK
	if [[ -n $checks ]]; then
		plan_checks "$checks"
		if [[ -n $REPLY ]]; then
			PLAN_SKIP[i]=$REPLY
			return
		fi
	fi

	if [[ -n ${T_DISABLED[i]} ]] &&
		( ACCEL=${P_ACCEL[i]%%,*} MACHINE=${P_MACHINE[i]}; eval "${T_DISABLED[i]}" ) >/dev/null 2>&1; then
		PLAN_SKIP[i]="disabled_if: ${T_DISABLED[i]}"
		return
	fi

	if [[ ! -f ${CONFIG[TEST_DIR]}/${T_FILE[i]} ]]; then
		PLAN_SKIP[i]="missing image ${CONFIG[TEST_DIR]}/${T_FILE[i]}: run make"
		return
	fi

	P_TIMEOUT[i]=${TIMEOUT:-${T_TIMEOUT[i]:-90s}}
}
