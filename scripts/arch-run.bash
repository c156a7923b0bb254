# SPDX-License-Identifier: GPL-2.0-only
# arch-run.bash - shared by every ARCH/run script: run one image with a
# timeout, the default environ and the stopped-VM watch, and turn what
# QEMU's exit status carries into the one status table of
# docs/architecture.md. Sourced, not run; the caller names its arch with
# arch_load and finds QEMU and the accelerator with
# resolve_qemu_and_accel (scripts/arch-qemu.bash, shared with the runner).

# Statuses of docs/architecture.md that the run scripts produce themselves.
# shellcheck disable=SC2034 # ST_NOSTATUS is for the arch decoders
readonly ST_SETUP=2 ST_NOSTATUS=3 ST_STOPPED=120 ST_TIMEOUT=124

# shellcheck source=scripts/arch-qemu.bash
source "$SRCDIR/scripts/arch-qemu.bash"
# shellcheck source=scripts/stop-watch.bash
source "$SRCDIR/scripts/stop-watch.bash"

# A path to the same file without blanks, in REPLY, for QEMU options that
# split at blanks (x86 multiboot's -initrd holds "file arguments"). The path
# relative to the current directory if it has none, else a symlink in a
# private directory removed when the script ends.
blankless_path() {
	local p=$1 base
	REPLY=$p
	[[ $p == *[[:blank:]]* ]] || return 0
	if [[ $p == "$PWD"/* && ${p#"$PWD"/} != *[[:blank:]]* ]]; then
		REPLY=${p#"$PWD"/}
		return 0
	fi
	if [ -z "${BLANKLESS_DIR:-}" ]; then
		base=${TMPDIR:-/tmp}
		[[ $base == *[[:blank:]]* ]] && base=/tmp
		BLANKLESS_DIR=$(mktemp -d "$base/kut-run.XXXXXX") || run_die "cannot create a directory in $base"
	fi
	[[ $p == /* ]] || p=$PWD/$p
	# The same base name (a guest may check its argv[0]), made unique.
	base=${p##*/}
	base=${base//[[:blank:]]/_}
	REPLY=$BLANKLESS_DIR/$base
	[ -e "$REPLY" ] && REPLY=$BLANKLESS_DIR/$((++BLANKLESS_N))-$base
	ln -s -- "$p" "$REPLY" || run_die "cannot link $p into $BLANKLESS_DIR"
}

# Was -initrd among the user's QEMU options?
has_initrd() {
	local a
	for a in "$@"; do
		[ "$a" = -initrd ] && return 0
	done
	return 1
}

# QEMU's version string for the environ, into QEMU_VERSION_STRING; cached
# under build/ until the binary changes: asking QEMU costs ~60 ms, more than
# the rest of a run script.
qemu_version_cached() {
	local cache="$SRCDIR/build/qemu-version${QEMU//\//_}" path="" ver=""
	if [ -f "$cache" ] && [ ! "$QEMU" -nt "$cache" ]; then
		{ read -r path; read -r ver; } < "$cache"
	fi
	if [ "$path" != "$QEMU" ] || [ -z "$ver" ]; then
		read -r ver < <("$QEMU" -version 2>/dev/null)
		{ mkdir -p "$SRCDIR/build" && printf '%s\n%s\n' "$QEMU" "$ver" > "$cache"; } 2>/dev/null
	fi
	QEMU_VERSION_STRING=$ver
}

# The default environ file for -initrd, when configured and the user gave
# none. Sets ENVIRON_FILE (empty when there is none). The file is kept in
# build/ and reused while what it is made of stays the same (its first
# line, a comment, says what that was), so a run usually writes nothing
# and deletes nothing.
make_default_environ() {
	local kernel key first="" cache="$SRCDIR/build/environ-${ACCEL%%,*}" errata
	ENVIRON_FILE=""
	config_get DEFAULT_ENVIRON
	[ "$REPLY" = no ] && [ -z "${UNITTESTS_ENV:-}" ] && return 0
	[ -f "$SRCDIR/scripts/environ.bash" ] || return 0
	[ -n "${QEMU_VERSION_STRING:-}" ] || qemu_version_cached
	export QEMU_VERSION_STRING
	kernel=${HOST_KERNEL_RELEASE:-}
	[ -n "$kernel" ] || read -r kernel < /proc/sys/kernel/osrelease
	config_get ERRATATXT
	errata=${ERRATATXT:-$REPLY}
	key="# environ: $QEMU|$QEMU_VERSION_STRING|$ACCEL|$kernel|$errata|${UNITTESTS_ENV:-}|${ERRATA_FORCE:-}"
	[ -f "$cache" ] && read -r first < "$cache"
	if [ "$first" = "$key" ] && { [ -z "$errata" ] || [ ! "$errata" -nt "$cache" ]; } &&
		{ [ -z "${UNITTESTS_ENV:-}" ] || [ ! "$UNITTESTS_ENV" -nt "$cache" ]; }; then
		ENVIRON_FILE=$cache
		return 0
	fi
	# shellcheck source=/dev/null
	source "$SRCDIR/scripts/environ.bash"
	if ! mkdir -p "$SRCDIR/build" 2>/dev/null || ! : > "$cache.$$" 2>/dev/null; then
		cache="${TMPDIR:-/tmp}/kut-environ"	# read-only tree: a file per run, removed after
		ENVIRON_REMOVE=yes
	fi
	HOST_KERNEL_RELEASE=$kernel ERRATATXT=$errata environ_generate "$cache.$$"
	case $? in
	0) ;;
	1) rm -f "$cache.$$"; return 0 ;;
	*) rm -f "$cache.$$"; run_die "could not build the default environ (see above)" ;;
	esac
	if [ -n "${ENVIRON_REMOVE:-}" ]; then
		ENVIRON_FILE=$cache.$$
		return 0
	fi
	# The key line goes first; rename last, so a parallel run never reads half a file.
	{ echo "$key"; cat "$cache.$$"; } > "$cache.$$.new" && mv -f "$cache.$$.new" "$cache"
	rm -f "$cache.$$"
	ENVIRON_FILE=$cache
}

# Map QEMU's raw exit status to the status table. The arch's
# decode_exit_status sets STATUS from the guest's own value, or leaves it
# empty (a signal's 128 + N, for instance, stays as it is).
map_status() {
	local raw=$1
	STATUS=""
	if [ "$ARCH_STATUS" = exit-line ]; then
		decode_exit_line "$raw"
	else
		decode_exit_status "$raw"
	fi
	STATUS=${STATUS:-$raw}
}

# Print a command line that can be pasted back into a shell: words that
# need it are single-quoted, the rest are left alone for readability.
print_command() {
	local a out=""
	for a in "$@"; do
		if [[ -n $a && $a != *[!A-Za-z0-9_./,=:+@%-]* ]]; then
			out+="$a "
		else
			out+="'${a//\'/\'\\\'\'}' "
		fi
	done
	echo "${out% }"
}

# How the guest's status reaches the run script, set by arch_load from the
# exit column of scripts/arch.tbl: ARCH_STATUS=exit-line for a guest that
# prints "EXIT: STATUS=n" on its console and then powers off, so that QEMU
# exits 0 (arm64, s390x); else
# the arch defines decode_exit_status to read QEMU's exit status (x86's
# isa-debug-exit).
ARCH_STATUS=""

# The console of an exit-line guest goes through one awk process, which
# exits with the status on the last EXIT line (255 when there is none).
# A firmware console may end lines with CR LF (OpenSBI's does): the CR is allowed.
# Without awk (a standalone test needs only bash and coreutils) bash reads
# the lines itself: slower on a chatty guest, the same status.
exit_line_filter() {
	local line st=255
	if hash awk 2>/dev/null; then
		awk '
			{ print; fflush() }
			/^EXIT: STATUS=[0-9]+\r?$/ { found = 1; st = substr($0, 14) + 0 }
			END { exit found && st <= 118 ? st : 255 }'
		return
	fi
	while IFS= read -r line || [[ -n $line ]]; do
		printf '%s\n' "$line"
		[[ $line =~ ^EXIT:\ STATUS=([0-9]{1,3})$'\r'?$ ]] && st=$((10#${BASH_REMATCH[1]}))
	done
	(( st <= 118 )) || st=255
	return "$st"
}

# An exit-line guest: QEMU exiting 0 carries the printed status, and no
# line is "no status"; QEMU's own error (1) is a setup error.
decode_exit_line() {
	local raw=$1
	if [ "$raw" -eq 0 ]; then
		STATUS=${GUEST_STATUS:-$ST_NOSTATUS}
	elif (( raw < 128 )); then
		STATUS=$ST_SETUP	# QEMU refused to start (1)
	fi
}

# run_killed SIG: this script got SIG while QEMU ran: end QEMU and the
# watch, then die of the same signal, so that the caller sees 128 + SIG.
run_killed() {
	kill -TERM "$QEMU_PID" 2>/dev/null
	wait "$QEMU_PID" 2>/dev/null
	stop_watch_end
	trap - "$1" EXIT
	kill -"$1" "$$"
}

# Run QEMU with the arguments given; print the command line first.
#   run_qemu ARGS...  -> exits with the mapped status
run_qemu() {
	local raw ps cmd=("$QEMU" "$@")
	GUEST_STATUS=""
	# The watch enforces it (stop-watch.bash).
	stop_watch_timeout "${TIMEOUT:-0}" ||
		run_die "TIMEOUT=$TIMEOUT is not a duration (e.g. 90, 90s, 1.5m, 2h; 0: none; at most 7 digits)"
	# The monitor is plumbing: the printed command works without it.
	print_command "${cmd[@]}"
	stop_watch_prepare
	# However the script ends, the reader and the FIFOs go with it.
	trap stop_watch_end EXIT
	stop_watch_start
	# QEMU's stderr goes to the caller and to a file for stop_reason; tee is
	# waited for, so that all of it is out before the status is.
	local err tee_pid con="" filter_pid="" sig
	QEMU_PID=""
	exec {err}> >(tee "$STOP_DIR.stderr" >&2)
	tee_pid=$!
	if [ "$ARCH_STATUS" = exit-line ]; then
		exec {con}> >(exit_line_filter)
		filter_pid=$!
	fi
	# QEMU runs in the background and this script waits for it, so that a
	# signal to this script alone (a standalone test killed, timeout(1)
	# around it) ends QEMU too instead of leaving it running. It stays in
	# this script's process group, so that Ctrl-C reaches it.
	"${cmd[@]}" "${STOP_QEMU_ARGS[@]}" 0<&0 1>&"${con:-1}" 2>&"$err" &
	QEMU_PID=$!
	for sig in INT TERM HUP; do
		# shellcheck disable=SC2064 # the signal is known now
		trap "run_killed $sig" "$sig"
	done
	wait "$QEMU_PID"
	raw=$?
	trap - INT TERM HUP
	if [ -n "$con" ]; then
		exec {con}>&-
		wait "$filter_pid"
		ps=$?
		(( ps != 255 )) && GUEST_STATUS=$ps
	fi
	exec {err}>&-
	wait "$tee_pid"
	stop_watch_end
	# QEMU hung after the guest's shutdown and the watch killed it: as if it had exited.
	[ -n "$STOP_KILLED" ] && (( raw == 128 + 9 )) && raw=0
	if [ -n "$STOP_TIMED_OUT" ]; then
		echo "${0##*/}: timeout: QEMU ended after TIMEOUT=$TIMEOUT"
		exit "$ST_TIMEOUT"
	fi
	[ -n "${ENVIRON_REMOVE:-}" ] && rm -f "$ENVIRON_FILE"
	[ -n "${BLANKLESS_DIR:-}" ] && rm -rf -- "$BLANKLESS_DIR"
	if [ -n "$STOP_REASON" ]; then
		# Unindented and last, so the runner quotes it as the cause.
		echo "STOPPED: $STOP_REASON"
		exit "$ST_STOPPED"
	fi
	map_status "$raw"
	exit "$STATUS"
}
