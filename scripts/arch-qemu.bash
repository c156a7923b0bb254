# SPDX-License-Identifier: GPL-2.0-only
# arch-qemu.bash - which QEMU and accelerator run an arch's tests, and what
# that QEMU offers: the part of the run scripts' shared code
# (scripts/arch-run.bash sources it) that the runner uses too, so that both
# decide alike. Sourced, not run; SRCDIR is the tree. arch_load takes the
# QEMU binary, its package, the KVM hosts and the machine from
# scripts/arch.tbl.

# A setup error (status 2 of the table): say what, and stop.
run_die() {
	echo "${0##*/}: $*" >&2
	exit 2
}

# arch_load NAME: ARCH_QEMU_BIN, ARCH_QEMU_PKG, ARCH_KVM_HOSTS (host
# `uname -m` values on which KVM can run the guest) and ARCH_MACHINE from
# the arch's row of scripts/arch.tbl.
arch_load() {
	# shellcheck source=scripts/arch-table.bash
	source "$SRCDIR/scripts/arch-table.bash"
	arch_lookup "$1" || run_die "no arch '$1' in $ARCH_TABLE"
	ARCH_QEMU_BIN=$AT_QEMU_BIN ARCH_QEMU_PKG=$AT_QEMU_PKG ARCH_KVM_HOSTS=${AT_KVM_HOSTS//,/ }
	ARCH_MACHINE=$AT_MACHINE
	# port: the status is QEMU's exit status (a debug-exit device);
	# exit-line: the guest prints "EXIT: STATUS=n" (exit_line_filter).
	ARCH_STATUS=$AT_EXIT
	[ "$ARCH_STATUS" = port ] && ARCH_STATUS=""
}

# config.mak's value for KEY in REPLY (empty when absent). config.mak is
# read, never sourced; and no $(...), which would cost a process.
config_get() {
	local key=$1 line
	REPLY=""
	[ -f "$SRCDIR/config.mak" ] || return 0
	while IFS= read -r line; do
		if [ "${line%%=*}" = "$key" ]; then
			REPLY=${line#*=}
			return 0
		fi
	done < "$SRCDIR/config.mak"
}

# True when KVM can run this arch's guests here: the device is usable and
# this host's CPU is one of the arch's KVM hosts (arch.tbl). KVM_DEVICE lets
# the framework's own tests point at a device that is not there, or at a
# plain file that stands for one.
kvm_usable() {
	local dev=${KVM_DEVICE:-/dev/kvm}
	[ -r "$dev" ] && [ -w "$dev" ] || return 1
	case " $ARCH_KVM_HOSTS " in *" $HOSTTYPE "*) return 0 ;; esac
	return 1
}

# Sets QEMU (the binary's path), ACCEL, ACCEL_NAME (kvm or tcg) and
# ACCEL_AUTO (set when the user did not choose), or dies with what to
# install or change. The one resolver: the runner uses it too.
resolve_qemu_and_accel() {
	local bin=${QEMU:-$ARCH_QEMU_BIN} dir
	QEMU=""
	# A PATH walk in bash: no subshell, since every test run pays for it.
	if [[ $bin == */* ]]; then
		[ -f "$bin" ] && [ -x "$bin" ] && QEMU=$bin
		[ -n "$QEMU" ] || run_die "QEMU binary '$bin' does not exist or is not executable"
	else
		local IFS=:
		for dir in $PATH; do
			if [ -f "${dir:-.}/$bin" ] && [ -x "${dir:-.}/$bin" ]; then
				QEMU=${dir:-.}/$bin
				break
			fi
		done
	fi
	[ -n "$QEMU" ] ||
		run_die "QEMU binary '$bin' not found; on Debian: apt-get install $ARCH_QEMU_PKG (or set QEMU=/path/to/qemu)"
	ACCEL_AUTO=""
	case "${ACCEL:-}" in
	"")
		ACCEL_AUTO=1
		if kvm_usable; then ACCEL=kvm; else ACCEL=tcg; fi ;;
	kvm | kvm,*)
		kvm_usable || run_die "ACCEL=kvm, but KVM is not usable here: KVM cannot run $AT_NAME guests on this host" \
			"(${KVM_DEVICE:-/dev/kvm} missing or not read/write, or a $HOSTTYPE host); use ACCEL=tcg"
		;;
	tcg | tcg,*) ;;
	*) run_die "ACCEL=$ACCEL: the accelerator must be kvm or tcg, optionally with ,property=value" ;;
	esac
	ACCEL_NAME=${ACCEL%%,*}
	export QEMU ACCEL
}

# qemu_probe CACHEFILE: sets QEMU_VERSION_STRING, QEMU_MACHINES and
# QEMU_DEVICES (the devices of the arch's row that QEMU has), for the
# runner. A probe costs three QEMU start-ups (~150 ms), more than the
# runner's whole per-test budget, so its answers are cached in a file that
# is trusted only while it is newer than the QEMU binary it describes and
# names the same binary and the same devices asked about.
qemu_probe() {
	local cache=$1 lines line dev tmp
	if [[ -f $cache && $cache -nt $QEMU ]]; then
		mapfile -t lines < "$cache"
		if [[ ${lines[0]} == "$QEMU $AT_DEVICES" && ${#lines[@]} -eq 4 ]]; then
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
	# Only these: a bare wait would also wait for the runner's tests.
	wait "${pids[@]}"
	mapfile -t lines < "$tmp.v"
	if [[ ${lines[0]} != QEMU* ]]; then
		rm -f "$tmp.v" "$tmp.m" "$tmp.d"
		run_die "'$QEMU -version' did not answer like QEMU: ${lines[0]:-no output}"
	fi
	QEMU_VERSION_STRING=${lines[0]}
	QEMU_MACHINES=''
	mapfile -t lines < "$tmp.m"
	for line in "${lines[@]:1}"; do
		line=${line%% *}
		[[ -n $line ]] && QEMU_MACHINES+="$line "
	done
	QEMU_DEVICES=''
	mapfile -t lines < "$tmp.d"
	for dev in ${AT_DEVICES//,/ }; do
		for line in "${lines[@]}"; do
			if [[ $line == *"name \"$dev\""* ]]; then
				QEMU_DEVICES+="$dev "
				break
			fi
		done
	done
	rm -f "$tmp.v" "$tmp.m" "$tmp.d"
	# Renamed into place: a run reading it meanwhile never sees half of it.
	printf '%s\n' "$QEMU $AT_DEVICES" "$QEMU_VERSION_STRING" "$QEMU_MACHINES" "$QEMU_DEVICES" > "$tmp" 2>/dev/null &&
		mv -f -- "$tmp" "$cache" 2>/dev/null
}
