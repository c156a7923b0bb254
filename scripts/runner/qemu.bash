# SPDX-License-Identifier: GPL-2.0-only
# Finds QEMU, probes it once per run and picks the accelerator. A probe costs
# three QEMU start-ups (~150 ms), more than the runner's whole per-test
# budget, so its answers are cached in a file that is trusted only while it
# is newer than the QEMU binary it describes.

declare -g QEMU_VERSION_STRING='' QEMU_MACHINES='' QEMU_DEVICES='' ACCEL_NAME='' ACCEL_AUTO=''

# The qemu-system-* suffix and the Debian package for an ARCH.
qemu_arch_names()
{
	case $1 in
	x86_64) REPLY="x86_64 qemu-system-x86" ;;
	i386) REPLY="i386 qemu-system-x86" ;;
	arm64|aarch64) REPLY="aarch64 qemu-system-arm" ;;
	arm) REPLY="arm qemu-system-arm" ;;
	ppc64|ppc64le) REPLY="ppc64 qemu-system-ppc" ;;
	s390x) REPLY="s390x qemu-system-s390x" ;;
	riscv32|riscv64) REPLY="$1 qemu-system-misc" ;;
	*) REPLY="$1 qemu-system-$1" ;;
	esac
}

# Devices an arch's run script cannot work without.
qemu_arch_devices()
{
	case $1 in
	x86_64|i386) REPLY="isa-debug-exit" ;;
	*) REPLY='' ;;
	esac
}

# qemu_resolve ARCH: sets QEMU to the binary's path or stops the run.
qemu_resolve()
{
	local arch=$1 name pkg
	qemu_arch_names "$arch"
	name=${QEMU:-qemu-system-${REPLY%% *}} pkg=${REPLY#* }
	if [[ $name == */* ]]; then
		[[ -f $name && -x $name ]] ||
			runner_die "QEMU binary '$name' does not exist or is not executable"
		QEMU=$name
		return
	fi
	# hash fills BASH_CMDS without forking, unlike $(type -P ...).
	if ! hash "$name" 2>/dev/null; then
		runner_die "QEMU binary '$name' not found in PATH: install the Debian package $pkg or set QEMU=/path/to/qemu"
	fi
	QEMU=${BASH_CMDS[$name]}
}

# qemu_probe CACHEFILE ARCH: sets QEMU_VERSION_STRING, QEMU_MACHINES and
# QEMU_DEVICES (the needed devices QEMU has).
qemu_probe()
{
	local cache=$1 arch=$2 lines line dev tmp
	if [[ -f $cache && $cache -nt $QEMU ]]; then
		mapfile -t lines < "$cache"
		if [[ ${lines[0]} == "$QEMU" && ${#lines[@]} -eq 4 ]]; then
			QEMU_VERSION_STRING=${lines[1]} QEMU_MACHINES=${lines[2]} QEMU_DEVICES=${lines[3]}
			return
		fi
	fi
	tmp=$cache.$$
	# The three questions are independent: ask them at once.
	local -a pids=()
	"$QEMU" -version > "$tmp.v" 2>&1 &
	pids+=($!)
	"$QEMU" -machine help > "$tmp.m" 2>/dev/null &
	pids+=($!)
	"$QEMU" -machine none -device help > "$tmp.d" 2>/dev/null &
	pids+=($!)
	# Only these: a bare wait would also wait for the logs helper.
	wait "${pids[@]}"
	mapfile -t lines < "$tmp.v"
	if [[ ${lines[0]} != QEMU* ]]; then
		rm -f "$tmp.v" "$tmp.m" "$tmp.d"
		runner_die "'$QEMU -version' did not answer like QEMU: ${lines[0]:-no output}"
	fi
	QEMU_VERSION_STRING=${lines[0]}
	QEMU_MACHINES=''
	mapfile -t lines < "$tmp.m"
	for line in "${lines[@]:1}"; do
		line=${line%% *}
		[[ -n $line ]] && QEMU_MACHINES+="$line "
	done
	QEMU_DEVICES=''
	qemu_arch_devices "$arch"
	mapfile -t lines < "$tmp.d"
	for dev in $REPLY; do
		for line in "${lines[@]}"; do
			if [[ $line == *"name \"$dev\""* ]]; then
				QEMU_DEVICES+="$dev "
				break
			fi
		done
	done
	rm -f "$tmp.v" "$tmp.m" "$tmp.d"
	printf '%s\n' "$QEMU" "$QEMU_VERSION_STRING" "$QEMU_MACHINES" "$QEMU_DEVICES" > "$cache" 2>/dev/null
}

# qemu_check_needs ARCH: a QEMU without the arch's devices cannot run any test.
qemu_check_needs()
{
	local dev
	qemu_arch_devices "$1"
	for dev in $REPLY; do
		word_in "$dev" "$QEMU_DEVICES" ||
			runner_die "$QEMU ($QEMU_VERSION_STRING) has no '$dev' device, which $1 tests need"
	done
	if [[ -n $MACHINE && -n $QEMU_MACHINES ]] && ! word_in "$MACHINE" "$QEMU_MACHINES"; then
		runner_die "MACHINE=$MACHINE: $QEMU has no such machine (see '$QEMU -machine help')"
	fi
}

# True when KVM can run ARCH guests here: the device is usable and the guest
# arch is one this host's CPU runs natively.
kvm_usable()
{
	local arch=$1 host=${CONFIG[HOST]:-$HOSTTYPE}
	[[ -r $KVM_DEVICE && -w $KVM_DEVICE ]] || return 1
	case $host in
	x86_64) [[ $arch == x86_64 || $arch == i386 ]] ;;
	aarch64|arm64) [[ $arch == arm64 || $arch == aarch64 || $arch == arm ]] ;;
	ppc64*) [[ $arch == ppc64* ]] ;;
	*) [[ $arch == "$host" ]] ;;
	esac
}

# accel_resolve ARCH: sets ACCEL_NAME (kvm|tcg), ACCEL (with any properties)
# and ACCEL_AUTO (set when the user did not choose).
accel_resolve()
{
	local arch=$1
	if [[ -z $ACCEL ]]; then
		ACCEL_AUTO=1
		if kvm_usable "$arch"; then ACCEL=kvm; else ACCEL=tcg; fi
	fi
	ACCEL_NAME=${ACCEL%%,*}
	case $ACCEL_NAME in
	tcg) ;;
	kvm)
		kvm_usable "$arch" ||
			runner_die "ACCEL=kvm, but KVM cannot run $arch guests here ($KVM_DEVICE missing or not usable, or host ${CONFIG[HOST]:-$HOSTTYPE} cannot run $arch); unset ACCEL to use tcg" ;;
	*)
		runner_die "ACCEL=$ACCEL: the accelerator must be kvm or tcg" ;;
	esac
}
