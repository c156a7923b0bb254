# SPDX-License-Identifier: GPL-2.0-only
# Runs the selected tests, at most JOBS at a time, and stops cleanly on a
# signal (docs/runner.md, "How a run ends"). Tests run as background jobs
# even with -j1: bash runs a trap only once its foreground child has ended.

declare -g INTERRUPTED=0 RUN_ENDING=''
# In the environment of every process of the run: one whose parent died is
# still found and ended.
declare -gx RUN_TESTS_ID="$$.${EPOCHREALTIME/[.,]/}"

sched_traps() {
	trap 'INTERRUPTED=130' INT
	trap 'INTERRUPTED=143' TERM
	trap 'INTERRUPTED=129' HUP
	trap 'INTERRUPTED=131' QUIT
}

# run_marked: REPLY, every process with this RUN_TESTS_ID (grep's own
# environment has none).
run_marked() {
	local -a f
	mapfile -t f < <(env -u RUN_TESTS_ID grep -lsxz "RUN_TESTS_ID=$RUN_TESTS_ID" /proc/[0-9]*/environ)
	f=("${f[@]#/proc/}")
	REPLY=${f[*]%/environ}
}

# kill_everything: SIGTERM to every process of the run, SIGKILL a second later.
kill_everything() {
	local tries
	run_marked
	# shellcheck disable=SC2086 # pids
	[[ -n $REPLY ]] && kill -TERM $REPLY 2>/dev/null
	for (( tries = 0; tries < 20; tries++ )); do
		run_marked
		[[ -z $REPLY ]] && break
		sleep 0.05
	done
	# shellcheck disable=SC2086 # pids
	[[ -n $REPLY ]] && kill -KILL $REPLY 2>/dev/null
	wait 2>/dev/null
}

run_all() {
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
	if (( !INTERRUPTED )); then
		trap - INT TERM HUP QUIT
		RUN_ENDING="complete: every selected test has its verdict"
		return 0
	fi
	# The console may be gone (SIGHUP): a write there must not end the run.
	trap '' PIPE
	kill_everything
	trap - INT TERM HUP QUIT
	console_totals
	RUN_ENDING="interrupted by SIG$(kill -l "$INTERRUPTED") after $REPLY"
	RUN_ENDING+="; not run or unfinished: $(( nsel - N_PASS - N_FAIL - N_SKIP ))"
	# A closed terminal cannot take the message; SUMMARY has it.
	console_say "interrupted: ${RUN_ENDING#interrupted by }" 2>/dev/null
	return "$INTERRUPTED"
}
