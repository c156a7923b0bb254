# SPDX-License-Identifier: GPL-2.0-only
# Which cfg entries a run covers (SELECTED, in cfg order), and for each
# whether it can run here (else its SKIP reason in PLAN_SKIP) and with which
# accelerator, machine and timeout.

declare -ga SELECTED=() PLAN_SKIP=() P_ACCEL=() P_MACHINE=() P_TIMEOUT=()

# select_tests ALL NAMES GROUPS: NAMES and GROUPS (blank-separated) select,
# nodefault tests too; with neither, every test, the nodefault ones as SKIP
# unless ALL. An unknown name or group must not make a green run of nothing.
select_tests() {
	local all=$1 names=$2 groups=$3 i n g sel
	local -A used=()
	[[ -n $names ]] && cfg_index
	for n in $names; do
		[[ -n ${T_INDEX[$n]} ]] || run_die "no test named '$n' in $CFG_FILE"
	done
	for (( i = 0; i < NTESTS; i++ )); do
		if [[ -z $names$groups ]]; then
			SELECTED+=("$i")
			[[ $all != 1 && " ${T_GROUPS[i]} " == *" nodefault "* ]] && PLAN_SKIP[i]=nodefault
			continue
		fi
		sel=''
		word_in "${T_NAME[i]}" "$names" && sel=1
		for g in $groups; do
			word_in "$g" "${T_GROUPS[i]}" && used[$g]=1 sel=1
		done
		[[ -z $sel ]] || SELECTED+=("$i")
	done
	for g in $groups; do
		[[ -n ${used[$g]} ]] || run_die "no test in $CFG_FILE is in group '$g'"
	done
}

# plan_checks LIST: REPLY, why the first failing path=value pair fails.
plan_checks() {
	local pair have -
	local -a pairs
	REPLY=''
	set -f
	# shellcheck disable=SC2206 # words, never globbed: a path may hold '*'
	pairs=($1)
	for pair in "${pairs[@]}"; do
		[[ -r ${pair%%=*} ]] || { REPLY="check: ${pair%%=*} does not exist"; return; }
		have=''
		read -r have < "${pair%%=*}"
		[[ $have == "${pair#*=}" ]] || { REPLY="check: ${pair%%=*} is '$have', not '${pair#*=}'"; return; }
	done
}

plan_skip() {
	local i=$1 want=${T_ACCEL[$1]%%,*} arch=${CONFIG[ARCH]}
	if [[ -n ${T_ARCH[i]} ]] && ! word_in "$arch" "${T_ARCH[i]}"; then
		PLAN_SKIP[i]="arch: needs ${T_ARCH[i]}, built for $arch"
	elif [[ -n ${T_MACHINE[i]} && -n $MACHINE && $MACHINE != "${T_MACHINE[i]}" ]]; then
		PLAN_SKIP[i]="machine: needs ${T_MACHINE[i]}, MACHINE=$MACHINE"
	elif [[ -n ${T_MACHINE[i]} && -n $QEMU_MACHINES ]] && ! word_in "${T_MACHINE[i]}" "$QEMU_MACHINES"; then
		PLAN_SKIP[i]="machine: ${T_MACHINE[i]} is not a machine of $QEMU"
	# tcg is always there: a test asking for it skips only when the user chose.
	elif [[ -n $want && $want != "$ACCEL_NAME" ]] && ! [[ $want == tcg && -n $ACCEL_AUTO ]]; then
		PLAN_SKIP[i]="accel: needs $want, running under $ACCEL_NAME"
	elif plan_checks "${CHECK-${T_CHECK[i]}}"; [[ -n $REPLY ]]; then
		PLAN_SKIP[i]=$REPLY
	elif [[ -n ${T_DISABLED[i]} ]] &&
		( ACCEL=${P_ACCEL[i]%%,*} MACHINE=${P_MACHINE[i]}; eval "${T_DISABLED[i]}" ) > /dev/null 2>&1; then
		PLAN_SKIP[i]="disabled_if: ${T_DISABLED[i]}"
	elif [[ ! -f ${CONFIG[TEST_DIR]}/${T_FILE[i]} ]]; then
		PLAN_SKIP[i]="missing image ${CONFIG[TEST_DIR]}/${T_FILE[i]}: run make"
	else
		return 1
	fi
}

plan_test() {
	local i=$1
	[[ -n ${PLAN_SKIP[i]} ]] && return
	cfg_test "$i"
	P_MACHINE[i]=${T_MACHINE[i]:-$MACHINE}
	P_ACCEL[i]=$ACCEL
	[[ ${T_ACCEL[i]} == *,* || ( -n ${T_ACCEL[i]} && ${T_ACCEL[i]} != "$ACCEL_NAME" ) ]] && P_ACCEL[i]=${T_ACCEL[i]}
	plan_skip "$i" || P_TIMEOUT[i]=${TIMEOUT:-${T_TIMEOUT[i]:-90s}}
}
