# SPDX-License-Identifier: GPL-2.0-only
# The log directory (LOG_DIR, default logs/): NAME.log per test, environ.ACCEL
# and SUMMARY, the previous run kept in LOG_DIR.old/. A run owns its logs:
# - it holds LOG_DIR/.lock while it runs; a second run on the same LOG_DIR
#   waits for it (saying so), so two runs never read or move each other's files;
# - LOG_DIR/.run_tests lists every file the run created; a directory without
#   it, or holding other files, is not a log directory and is refused (exit
#   2), and only listed files are ever moved to LOG_DIR.old/ or deleted.

declare -ga OWNED=()
declare -g LOG_DIR LOG_MANIFEST='' LOG_MANIFEST_ID='' LOG_LOCK='' LOG_LOCK_ID='' LOG_MOVE_PID=''

# Sets REPLY to "PID STARTTIME" of process $1 (empty when it is gone): a
# PID alone could have been reused by another process since.
proc_id()
{
	local stat rest
	REPLY=''
	{ read -r stat < "/proc/$1/stat"; } 2>/dev/null || return 1
	rest=${stat##*) }
	local -
	set -f
	# shellcheck disable=SC2206 # numbers and letters only, split on purpose
	stat=($rest)
	REPLY="$1 ${stat[19]}"
}

# logs_revision SRCDIR: REPLY is the commit checked out in SRCDIR (12 hex
# digits, "unknown" outside a git tree), read from .git without running git:
# a process costs more than the rest of a one-test run's bookkeeping.
# Uncommitted changes are not looked for.
logs_revision()
{
	local git=$1/.git common line ref=''
	REPLY=unknown
	if [[ -f $git ]]; then
		# A worktree: .git names its directory.
		{ read -r line < "$git"; } 2>/dev/null || return 0
		git=${line#gitdir: }
		[[ $git == /* ]] || git=$1/$git
	fi
	{ read -r line < "$git/HEAD"; } 2>/dev/null || return 0
	common=$git
	if [[ -f $git/commondir ]]; then
		read -r common < "$git/commondir"
		[[ $common == /* ]] || common=$git/$common
	fi
	if [[ $line == "ref: "* ]]; then
		ref=${line#ref: } line=''
		{ read -r line < "$git/$ref" || read -r line < "$common/$ref"; } 2>/dev/null
		if [[ -z $line && -f $common/packed-refs ]]; then
			while read -r line; do
				[[ $line == *" $ref" ]] && break
				line=''
			done < "$common/packed-refs"
		fi
	fi
	[[ ${#line} -ge 12 && ${line:0:12} != *[!0-9a-f]* ]] && REPLY=${line:0:12}
	return 0
}

# logs_lock DIR: takes DIR/.lock, waiting while another live run holds it.
logs_lock()
{
	local lock=$1/.lock holder said='' rc
	proc_id "$$"
	LOG_LOCK_ID=$REPLY
	while :; do
		# noclobber makes the redirection an O_EXCL create: one run wins.
		set -C
		{ printf '%s\n' "$LOG_LOCK_ID" > "$lock"; } 2>/dev/null
		rc=$?
		set +C
		if (( rc == 0 )); then
			LOG_LOCK=$lock
			return
		fi
		holder=''
		{ read -r holder < "$lock"; } 2>/dev/null
		if [[ -n $holder ]] && proc_id "${holder%% *}" && [[ $REPLY == "$holder" ]]; then
			if (( ${INTERRUPTED:-0} )); then
				printf 'run_tests.sh: interrupted while waiting for %s\n' "$1" >&2
				exit "$INTERRUPTED"
			fi
			if [[ -z $said ]]; then
				printf 'run_tests.sh: %s is in use by run %s; waiting (or set LOG_DIR to another directory)\n' \
					"$1" "${holder%% *}" >&2
				said=1
			fi
			sleep 0.2
			continue
		fi
		[[ -z $holder ]] && { sleep 0.05; read -r holder < "$lock"; } 2>/dev/null && [[ -n $holder ]] && continue
		# A run that just ended removes its lock in the background: give
		# that rm time, and look again.
		sleep 0.1
		rc=''
		{ read -r rc < "$lock"; } 2>/dev/null
		[[ $rc == "$holder" ]] || continue
		# A lock left by a run that was killed: overwrite it, and keep it
		# only if no other run did the same meanwhile.
		printf '%s\n' "$LOG_LOCK_ID" > "$lock" 2>/dev/null || runner_die "cannot write $lock"
		sleep 0.05
		holder=''
		{ read -r holder < "$lock"; } 2>/dev/null
		if [[ $holder == "$LOG_LOCK_ID" ]]; then
			LOG_LOCK=$lock
			return
		fi
	done
}

# logs_unlock: the lock, if still this run's, goes when the run ends
# (runner_cleanup, the EXIT trap; every caller exits next).
logs_unlock()
{
	local holder=''
	[[ -n $LOG_LOCK ]] || return 0
	{ read -r holder < "$LOG_LOCK"; } 2>/dev/null
	[[ $holder == "$LOG_LOCK_ID" ]] && RUNNER_TMP+=("$LOG_LOCK")
	LOG_LOCK=''
}

# logs_owned DIR: sets OWNED to the files of DIR that its manifest lists, or
# fails with REPLY naming a file that is not a run's log.
logs_owned()
{
	local dir=$1 f base
	local -A listed=()
	local -a names all
	OWNED=()
	if [[ -f $dir/.run_tests ]]; then
		mapfile -t names < "$dir/.run_tests"
		for f in "${names[@]:1}"; do
			listed[$f]=1
		done
	fi
	all=("$dir"/* "$dir"/.[!.]* "$dir"/..?*)
	for f in "${all[@]}"; do
		[[ -e $f || -L $f ]] || continue
		base=${f##*/}
		[[ $base == .run_tests || $base == .lock ]] && continue
		if [[ -z ${listed[$base]} || ! -f $f || -L $f ]]; then
			REPLY=$base
			return 1
		fi
		OWNED+=("$base")
	done
	return 0
}

# logs_open DIR: creates or takes over DIR for this run (DIR.old keeps the
# previous run's files). Stops the run (exit 2) rather than touch a file
# that a run did not write.
logs_open()
{
	local dir=$1 old msg f
	local -a prev stale=()
	local -A moving=()
	while [[ $dir == */ && $dir != / ]]; do
		dir=${dir%/}
	done
	old=$dir.old
	LOG_DIR=$dir
	[[ -e $dir && ! -d $dir ]] && runner_die "LOG_DIR $dir exists and is not a directory"
	if [[ ! -d $dir ]]; then
		msg=$(mkdir -p -- "$dir" 2>&1) || runner_die "cannot create LOG_DIR $dir: ${msg##*: }"
	fi
	[[ -w $dir && -x $dir ]] || runner_die "cannot write in LOG_DIR $dir: permission denied"
	logs_lock "$dir"
	if ! logs_owned "$dir"; then
		logs_unlock
		runner_die "LOG_DIR $dir holds '$REPLY', which is not a log of run_tests.sh: choose another LOG_DIR" \
			"or move the directory's files away (nothing was changed)"
	fi
	prev=("${OWNED[@]}")
	if (( ${#prev[@]} )); then
		[[ -e $old && ! -d $old ]] && { logs_unlock; runner_die "$old exists and is not a directory"; }
		if [[ -d $old ]] && ! logs_owned "$old"; then
			logs_unlock
			runner_die "$old holds '$REPLY', which is not a log of run_tests.sh: move it away (nothing was changed)"
		fi
		[[ -d $old ]] || mkdir -- "$old" 2>/dev/null || { logs_unlock; runner_die "cannot create $old"; }
		# Files of the run before last that no file of the last run
		# replaces; usually none, and then mv is the one process.
		for f in "${prev[@]}"; do
			moving[$f]=1
		done
		for f in "${OWNED[@]}"; do
			[[ -n ${moving[$f]} ]] || stale+=("$old/$f")
		done
		(( ${#stale[@]} )) && rm -f -- "${stale[@]}"
		# The last run's manifest goes along and lists them there. In
		# the background: nothing of this run is written before
		# logs_new, which waits for it.
		mv -f -- "${prev[@]/#/$dir/}" "$dir/.run_tests" "$old/" &
		LOG_MOVE_PID=$!
	fi
	# Written by the first logs_new: a file is created rather than
	# truncated where possible, since ext4 flushes a truncated file's
	# data to disk when it is closed (milliseconds on a slow disk).
	LOG_MANIFEST=$dir/.run_tests LOG_MANIFEST_ID=${LOG_LOCK_ID%% *}
}

# logs_new NAME: records that this run writes LOG_DIR/NAME, once the
# previous run's files are out of the way.
logs_new()
{
	if [[ -n $LOG_MOVE_PID ]]; then
		wait "$LOG_MOVE_PID" || { logs_unlock; runner_die "cannot move the logs of $LOG_DIR to $LOG_DIR.old"; }
		LOG_MOVE_PID=''
	fi
	if [[ -n $LOG_MANIFEST_ID ]]; then
		printf '# files written by run_tests.sh (run %s)\n' "$LOG_MANIFEST_ID" > "$LOG_MANIFEST" ||
			{ logs_unlock; runner_die "cannot write in LOG_DIR $LOG_DIR"; }
		LOG_MANIFEST_ID=''
	fi
	printf '%s\n' "$1" >> "$LOG_MANIFEST"
}

# logs_summary REVISION ENDING: writes LOG_DIR/SUMMARY in one write (a full
# disk then fails it as a whole); returns 1 with the reason on stderr if it
# could not be written.
logs_summary()
{
	local i text
	printf -v text 'revision: %s\n' "$1"
	printf -v i '%(%Y-%m-%d %H:%M:%S %z)T' -1
	text+="date: $i"$'\n'
	text+="arch: ${CONFIG[ARCH]}"$'\n'"accel: $ACCEL"$'\n'"qemu: $QEMU ($QEMU_VERSION_STRING)"$'\n'
	for i in "${SELECTED[@]}"; do
		[[ -n ${R_LINE[i]} ]] && text+=${R_LINE[i]}$'\n'
	done
	console_totals
	text+="$REPLY"$'\n'"ended: $2"$'\n'
	logs_new SUMMARY
	printf '%s' "$text" > "$LOG_DIR/SUMMARY"
}
