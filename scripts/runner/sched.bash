# SPDX-License-Identifier: GPL-2.0-only
# Runs the selected tests, at most JOBS at a time, and stops cleanly on
# SIGINT, SIGTERM and SIGHUP (Ctrl-C, kill, timeout(1), a closed terminal).
# Tests run as background jobs even with -j1 because bash runs a trap only
# once its foreground child has ended, and a signal must act now.

declare -g INTERRUPTED=0 RUN_ENDING=''
# Every process of this run carries this in its environment, so that one
# whose parent died (a run script killed by a signal sent to the whole
# process group) is still found and ended.
declare -gx RUN_TESTS_ID="$$.${EPOCHREALTIME/[.,]/}"

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

# Appends to REPLY the processes, other than this shell, whose environment
# holds RUN_TESTS_ID: what is left of the run once parents have died.
proc_marked()
{
	local f pid all
	local -a env
	for f in /proc/[0-9]*/environ; do
		pid=${f#/proc/} pid=${pid%/environ}
		[[ $pid == "$$" || ! -O $f ]] && continue
		{ mapfile -d '' -t env < "$f"; } 2>/dev/null || continue
		printf -v all '\n%s' "${env[@]}"
		[[ $all$'\n' == *$'\n'"RUN_TESTS_ID=$RUN_TESTS_ID"$'\n'* ]] && REPLY+="$pid "
	done
}

# Ends every process this run started: SIGTERM, then SIGKILL to whatever
# still lives a moment later.
kill_everything()
{
	local pids tries
	proc_descendants
	proc_marked
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
		proc_marked
		[[ -z $REPLY ]] && break
		sleep 0.05
	done
	# shellcheck disable=SC2086
	kill -KILL $pids $REPLY 2>/dev/null
	wait 2>/dev/null
}

# From here on a signal ends the run in order: run_all stops at once, ends
# what it started and the SUMMARY says so.
sched_traps()
{
	trap 'INTERRUPTED=130' INT
	trap 'INTERRUPTED=143' TERM
	trap 'INTERRUPTED=129' HUP
}

run_all()
{
	local qi=0 running=0 pid st i nsel=${#SELECTED[@]}
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
	if (( INTERRUPTED )); then
		# The console may be gone with the terminal (SIGHUP) or its pipe:
		# a write there must not end the run before SUMMARY is written.
		trap '' PIPE
		kill_everything
		trap - INT TERM HUP
		console_totals
		RUN_ENDING="interrupted by SIG$(kill -l "$INTERRUPTED") after $REPLY"
		RUN_ENDING+="; not run or unfinished: $(( nsel - N_PASS - N_FAIL - N_SKIP ))"
		# A closed terminal cannot take the message; SUMMARY has it.
		console_say "interrupted: ${RUN_ENDING#interrupted by }" 2>/dev/null
		return "$INTERRUPTED"
	fi
	trap - INT TERM HUP
	RUN_ENDING="complete: every selected test has its verdict"
	return 0
}
