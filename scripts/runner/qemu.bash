# SPDX-License-Identifier: GPL-2.0-only
# Finds QEMU and the accelerator the way every run script does (one resolver:
# scripts/arch-run.bash, with the arch's row of scripts/arch.tbl), then
# probes QEMU once per run. A probe costs three QEMU start-ups (~150 ms), more
# than the runner's whole per-test budget, so its answers are cached in a
# file that is trusted only while it is newer than the QEMU binary it
# describes.

declare -g QEMU_VERSION_STRING='' QEMU_MACHINES='' QEMU_DEVICES='' ACCEL_NAME='' ACCEL_AUTO=''

# qemu_resolve ARCH: QEMU, ACCEL, ACCEL_NAME, ACCEL_AUTO and the AT_* row of
# ARCH, through the run scripts' own code; a problem stops the run (exit 2).
qemu_resolve()
{
	# shellcheck disable=SC2034 # read by arch-run.bash
	local SRCDIR=$RUNNER_SRCDIR
	# shellcheck source=scripts/arch-run.bash
	declare -F resolve_qemu_and_accel > /dev/null || . "$RUNNER_SRCDIR/scripts/arch-run.bash"
	arch_load "$1"
	resolve_qemu_and_accel
}

# qemu_probe CACHEFILE: sets QEMU_VERSION_STRING, QEMU_MACHINES and
# QEMU_DEVICES (the needed devices QEMU has).
qemu_probe()
{
	local cache=$1 lines line dev tmp
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
	printf '%s\n' "$QEMU" "$QEMU_VERSION_STRING" "$QEMU_MACHINES" "$QEMU_DEVICES" > "$tmp" 2>/dev/null &&
		mv -f -- "$tmp" "$cache" 2>/dev/null
}

# qemu_check_needs ARCH: a QEMU without the arch's devices cannot run any test.
qemu_check_needs()
{
	local dev
	for dev in ${AT_DEVICES//,/ }; do
		word_in "$dev" "$QEMU_DEVICES" ||
			runner_die "$QEMU ($QEMU_VERSION_STRING) has no '$dev' device, which $1 tests need"
	done
	if [[ -n $MACHINE && -n $QEMU_MACHINES ]] && ! word_in "$MACHINE" "$QEMU_MACHINES"; then
		runner_die "MACHINE=$MACHINE: $QEMU has no such machine (see '$QEMU -machine help')"
	fi
}
