#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# migrate.bash QEMU ARGS... - the runner's half of migration tests: runs the
# VM under a chain of QEMUs (docs/migration.md). run_image starts it under
# timeout(1) in place of QEMU when MIGRATION=yes. Exits with the last QEMU's
# status; when the chain cannot go on it says why on stderr and in
# $MIG_REASON_FILE (run_image reports it as STOPPED) and exits 1.

# The bounds, in seconds, of a destination's listening, a migration, and the
# guest's running again: the destination running the VM, then "resumed"
# after the newline.
readonly MIG_LISTEN_WAIT=10 MIG_STEP_WAIT=60 MIG_RESUME_WAIT=10

# mig_qmp N JSON: send one QMP command to QEMU N; its answer (a return or
# an error, events skipped) in REPLY. Fails if QEMU says nothing for 5 s.
mig_qmp() {
	local line fd=${MIG_QMP_IN[$1]}
	{ printf '%s\n' "$2" 1>&"$fd"; } 2>/dev/null || return 1
	while IFS= read -r -t 5 -u "${MIG_QMP_OUT[$1]}" line; do
		[[ $line == '{"return"'* || $line == '{"error"'* ]] && REPLY=$line && return 0
	done
	return 1
}

# mig_start N ARGS...: start QEMU N of the chain, its stdout the console
# file, its stdin and QMP monitor FIFOs (opened read-write: neither side
# waits for the other).
mig_start() {
	local n=$1 a b c
	shift
	mkfifo "$MIG_DIR/in$n" "$MIG_DIR/qmp$n.in" "$MIG_DIR/qmp$n.out" || return 1
	exec {a}<>"$MIG_DIR/in$n" {b}<>"$MIG_DIR/qmp$n.in" {c}<>"$MIG_DIR/qmp$n.out"
	MIG_IN[n]=$a MIG_QMP_IN[n]=$b MIG_QMP_OUT[n]=$c
	echo "migration: QEMU $n: $(print_command "$@")" >&2
	"$@" -chardev "pipe,id=migqmp,path=$MIG_DIR/qmp$n" -mon chardev=migqmp,mode=control \
		<&"${MIG_IN[n]}" >>"$MIG_DIR/console" &
	MIG_PID[n]=$!
	# The greeting, then capabilities.
	IFS= read -r -t 10 -u "${MIG_QMP_OUT[n]}" REPLY && mig_qmp "$n" '{"execute":"qmp_capabilities"}'
}

mig_alive() {
	kill -0 "${MIG_PID[$1]}" 2>/dev/null
}

# mig_end N: QEMU N goes (quit, then SIGKILL after 2 s); its status in MIG_RAW[N].
mig_end() {
	local n=$1 i
	mig_qmp "$n" '{"execute":"quit"}' 2>/dev/null
	for (( i = 0; i < 20; i++ )); do
		mig_alive "$n" || break
		sleep 0.1
	done
	kill -KILL "${MIG_PID[n]}" 2>/dev/null
	mig_died "$n"
}

mig_cleanup() {
	local n
	for n in "${!MIG_PID[@]}"; do
		[ -n "${MIG_PID[n]}" ] && kill -KILL "${MIG_PID[n]}" 2>/dev/null && wait "${MIG_PID[n]}" 2>/dev/null
	done
	MIG_PID=()
	[ -n "${MIG_DIR:-}" ] && rm -rf -- "$MIG_DIR"
	MIG_DIR=""
}

# mig_died N [WHAT]: QEMU N ended (during WHAT: the reason, with its status).
mig_died() {
	local role=destination
	wait "${MIG_PID[$1]}"
	MIG_RAW[$1]=$?
	MIG_PID[$1]=""
	[ "$1" = "$MIG_N" ] && role=source
	[ -z "${2:-}" ] || MIG_REASON="the $role QEMU exited with status ${MIG_RAW[$1]} $2"
}

# mig_step ARGS...: move the VM from QEMU MIG_N to a new destination.
mig_step() {
	local src=$MIG_N dst=$((MIG_N + 1)) sock deadline status
	sock=$MIG_DIR/mig$dst.sock
	if ! mig_start "$dst" "$@" -incoming "unix:$sock"; then
		if mig_alive "$dst"; then
			MIG_REASON="destination QEMU $dst did not answer on its monitor"
		else
			mig_died "$dst" "before it could take the VM"
		fi
		return 1
	fi
	deadline=$((EPOCHSECONDS + MIG_LISTEN_WAIT))
	until [ -S "$sock" ]; do
		mig_alive "$dst" || { mig_died "$dst" "before listening for the VM"; return 1; }
		(( EPOCHSECONDS < deadline )) ||
			{ MIG_REASON="destination QEMU $dst did not listen within ${MIG_LISTEN_WAIT}s"; return 1; }
		sleep 0.05
	done
	mig_qmp "$src" "{\"execute\":\"migrate\",\"arguments\":{\"uri\":\"unix:$sock\"}}"
	if [[ $REPLY == '{"error"'* ]]; then
		MIG_REASON="QEMU $src refused to migrate: $REPLY"
		return 1
	fi
	deadline=$((EPOCHSECONDS + MIG_STEP_WAIT))
	while :; do
		mig_alive "$src" || { mig_died "$src" "during migration"; return 1; }
		mig_alive "$dst" || { mig_died "$dst" "during migration"; return 1; }
		mig_qmp "$src" '{"execute":"query-migrate"}' || { MIG_REASON="QEMU $src stopped answering"; return 1; }
		[[ $REPLY =~ \"status\":\ *\"([a-z-]+)\" ]] && status=${BASH_REMATCH[1]}
		case $status in
		completed) break ;;
		failed|cancelled)
			[[ $REPLY =~ \"error-desc\":\ *\"([^\"]*)\" ]]
			MIG_REASON="migration $src -> $dst $status${BASH_REMATCH[1]:+: ${BASH_REMATCH[1]}}"
			return 1 ;;
		esac
		(( EPOCHSECONDS < deadline )) || { MIG_REASON="migration $src -> $dst not done within ${MIG_STEP_WAIT}s"; return 1; }
		sleep 0.05
	done
	# The source says completed once it has sent the last byte; the destination may still be loading the
	# devices, whose state would overwrite console input sent now. It is done when it runs the VM.
	deadline=$((EPOCHSECONDS + MIG_RESUME_WAIT))
	until mig_qmp "$dst" '{"execute":"query-status"}' && [[ $REPLY =~ \"running\":\ *true ]]; do
		mig_alive "$dst" || { mig_died "$dst" "after the migration"; return 1; }
		if (( EPOCHSECONDS >= deadline )); then
			MIG_REASON="the guest did not run again on QEMU $dst within ${MIG_RESUME_WAIT}s of the migration"
			return 1
		fi
		sleep 0.05
	done
	echo "migration: QEMU $src -> $dst completed" >&2
	mig_end "$src"
	MIG_N=$dst
}

# mig_console: copy what the console file gained to stdout; the guest's
# complete "MIGRATE: " lines in it go to MIG_LINES.
mig_console() {
	local chunk line
	MIG_LINES=()
	chunk=$(tail -c "+$((MIG_OFF + 1))" "$MIG_DIR/console"; echo x)
	chunk=${chunk%x}
	[ -n "$chunk" ] || return 0
	MIG_OFF=$((MIG_OFF + ${#chunk}))
	printf '%s' "$chunk"
	MIG_PART+=$chunk
	if [[ $MIG_PART == *'MIGRATE: '* ]]; then
		while [[ $MIG_PART == *$'\n'* ]]; do
			line=${MIG_PART%%$'\n'*}
			MIG_PART=${MIG_PART#*$'\n'}
			line=${line%$'\r'}
			[[ $line == 'MIGRATE: '* ]] && MIG_LINES+=("${line#MIGRATE: }")
		done
	fi
	# Only a line still open can hold a marker yet to come.
	[[ $MIG_PART == *$'\n'* ]] && MIG_PART=${MIG_PART##*$'\n'}
	return 0
}

# migrate_chain ARGS...: sets MIG_STATUS to the exit status of the last
# QEMU, and MIG_REASON when the chain failed.
migrate_chain() {
	local resume=0 continuous="" what
	# run_image's directory (MIG_TMPDIR) is removed even if this script is killed.
	local tmp=${MIG_TMPDIR:-${TMPDIR:-/tmp}}
	MIG_DIR=$(mktemp -d "$tmp/kut-mig.XXXXXX") || { MIG_REASON="cannot create a directory in $tmp"; return; }
	MIG_PID=() MIG_IN=() MIG_QMP_IN=() MIG_QMP_OUT=() MIG_RAW=() MIG_N=0 MIG_OFF=0 MIG_PART="" MIG_REASON="" MIG_STATUS=""
	: > "$MIG_DIR/console"
	# A QEMU that refuses its options exits at once: its status stands, as for a single QEMU.
	if ! mig_start 0 "$@" && mig_alive 0; then
		MIG_REASON="QEMU 0 did not answer on its monitor"
	fi
	while [ -z "$MIG_REASON" ] && mig_alive "$MIG_N"; do
		mig_console
		for what in "${MIG_LINES[@]}"; do
			case $what in
			now|end-continuous)
				[ "$what" = now ] && [ -z "$continuous" ] && { mig_step "$@" || break; }
				continuous=""
				printf '\n' >&"${MIG_IN[MIG_N]}"
				resume=$((EPOCHSECONDS + MIG_RESUME_WAIT)) ;;
			resumed) resume=0 ;;
			begin-continuous) continuous=yes ;;
			# migrate_skip(): nothing to wait for, and nothing is.
			skip) ;;
			esac
		done
		[ -n "$MIG_REASON" ] && break
		if [ -n "$continuous" ]; then
			mig_step "$@" || break
			printf '.' >&"${MIG_IN[MIG_N]}"
		else
			sleep 0.05
		fi
		(( resume && EPOCHSECONDS > resume )) &&
			MIG_REASON="the guest did not run again on QEMU $MIG_N within ${MIG_RESUME_WAIT}s of the migration"
	done
	[ -z "$MIG_REASON" ] && [ -n "${MIG_PID[MIG_N]:-}" ] && mig_died "$MIG_N"
	mig_console
	[ -n "$MIG_PART" ] && printf '\n'
	MIG_STATUS=${MIG_RAW[MIG_N]:-}
	mig_cleanup
}

# Any signal (timeout(1)'s SIGTERM, Ctrl-C) ends every QEMU of the chain first.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	LC_ALL=C
	SRCDIR=${0%/*}/..
	# shellcheck source=scripts/run-image.bash
	source "$SRCDIR/scripts/run-image.bash"	# print_command
	for sig in INT TERM HUP QUIT; do
		# shellcheck disable=SC2064 # the signal is known now
		trap "mig_cleanup; trap - $sig; kill -$sig \$\$" "$sig"
	done
	migrate_chain "$@"
	if [ -n "$MIG_REASON" ]; then
		echo "migration: $MIG_REASON" >&2
		[ -n "${MIG_REASON_FILE:-}" ] && echo "$MIG_REASON" > "$MIG_REASON_FILE"
		[[ $MIG_STATUS == 1[3-9][0-9] ]] && exit "$MIG_STATUS"
		exit 1
	fi
	exit "${MIG_STATUS:-1}"
fi
