# Runs the selected tests, at most JOBS at a time, and stops cleanly on
# Ctrl-C. Tests run as background jobs even with -j1 because bash runs a
# trap only once its foreground child has ended, and Ctrl-C must act now.

declare -g INTERRUPTED=0

# Every descendant of this shell, read from /proc. timeout(1) puts QEMU in
# a process group of its own, out of reach of the terminal's SIGINT, so the
# tree has to be walked: killing only our direct children would orphan it.
proc_descendants()
{
	local f stat pid ppid rest queue p
	local -A kids=()
	for f in /proc/[0-9]*/stat; do
		{ read -r stat < "$f"; } 2>/dev/null || continue
		pid=${stat%% *} rest=${stat##*) }
		rest=${rest#* } ppid=${rest%% *}
		kids[$ppid]+="$pid "
	done
	REPLY='' queue=${kids[$$]}
	while [[ -n ${queue// /} ]]; do
		p=${queue%% *} queue=${queue#* }
		REPLY+="$p "
		queue+=${kids[$p]}
	done
}

# Ends every process this run started: SIGTERM, then SIGKILL to whatever
# still lives a moment later.
kill_everything()
{
	local pids tries
	proc_descendants
	pids=$REPLY
	# shellcheck disable=SC2086
	[[ -n $pids ]] && kill -TERM $pids 2>/dev/null
	# A second look catches what was being forked during the first.
	proc_descendants
	# shellcheck disable=SC2086
	[[ -n $REPLY ]] && kill -TERM $REPLY 2>/dev/null
	pids+=$REPLY
	for (( tries = 0; tries < 20; tries++ )); do
		proc_descendants
		[[ -z $REPLY ]] && break
		sleep 0.05
	done
	# shellcheck disable=SC2086
	kill -KILL $pids $REPLY 2>/dev/null
	wait 2>/dev/null
}

run_all()
{
	local qi=0 running=0 pid st i nsel=${#SELECTED[@]}
	trap 'INTERRUPTED=130' INT
	trap 'INTERRUPTED=143' TERM
	while (( !INTERRUPTED && (qi < nsel || running > 0) )); do
		while (( qi < nsel && running < JOBS && !INTERRUPTED )); do
			i=${SELECTED[qi++]}
			plan_test "$i"
			if [[ -n ${PLAN_SKIP[i]} ]]; then
				result "$i" SKIP "${PLAN_SKIP[i]}"
				continue
			fi
			launch "$i"
			(( running++ ))
		done
		(( running )) || continue
		pid=''
		wait -n -p pid
		st=$?
		(( INTERRUPTED )) && break
		[[ -n $pid && -n ${PID_IDX[$pid]} ]] || continue
		i=${PID_IDX[$pid]}
		unset "PID_IDX[$pid]"
		(( running-- ))
		finish "$i" "$st"
	done
	trap - INT TERM
	if (( INTERRUPTED )); then
		kill_everything
		console_totals
		console_say "interrupted: $REPLY (not run or unfinished: $(( nsel - N_PASS - N_FAIL - N_SKIP )))"
		return "$INTERRUPTED"
	fi
	return 0
}
