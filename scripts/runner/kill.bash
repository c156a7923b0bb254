# SPDX-License-Identifier: GPL-2.0-only
# Ends every process of an interrupted run (sched.bash's run_all sources
# this when a signal arrives; a run that is not interrupted never reads it).

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
