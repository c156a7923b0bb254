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
		# shellcheck source=scripts/runner/kill.bash
		. "$RUNNER_SRCDIR/scripts/runner/kill.bash"
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
