# SPDX-License-Identifier: GPL-2.0-only
# Ctrl-C: exit 130 soon, and no QEMU (or anything else) left running.

# Lists the processes that inherited the run's RUNNER_TEST_MARK. The
# pattern comes from a file so that grep's own command line does not match.
leftovers()
{
	printf 'RUNNER_TEST_MARK=%s\n' "$WS" > "$SCRATCH/pattern"
	grep -l -a -F -f "$SCRATCH/pattern" /proc/[0-9]*/environ 2>/dev/null
}

t_interrupt()
{
	local pid n t0
	ws_new
	cfg <<'EOF2'
[h1]
file = hang.flat
timeout = 60
[h2]
file = hang.flat
timeout = 60
[h3]
file = hang.flat
timeout = 60
EOF2
	# Job control gives the runner a process group of its own, as a shell
	# does for a foreground command, and lets it see SIGINT.
	set -m
	( cd "$WS" && exec env --default-signal=INT RUNNER_TEST_MARK="$WS" QEMU="$TESTS_DIR/fake/qemu" "$REPO/run_tests.sh" -j 2 ) > "$OUT" 2> "$ERR" < /dev/null &
	pid=$!
	set +m
	for (( n = 0; n < 100; n++ )); do
		[[ $(grep -ls '^fake-qemu:' "$WS"/logs/h*.log | wc -l) == 2 ]] && break
		sleep 0.05
	done
	ok "interrupt: two QEMUs were running" test "$n" -lt 100
	ok "interrupt: leftovers() sees them" test -n "$(leftovers)"
	t0=$EPOCHREALTIME
	# What the terminal does on Ctrl-C: SIGINT to the foreground group.
	kill -INT -- "-$pid"
	wait "$pid"
	record
	t0=$(( ${EPOCHREALTIME/[.,]/} - ${t0/[.,]/} ))
	ok "interrupt: exit 130" status_is 130
	ok "interrupt: stops within 3s ($(( t0 / 1000 )) ms)" test "$t0" -lt 3000000
	ok "interrupt: says so" has "$OUT" "^interrupted: "
	ok "interrupt: no process left" test -z "$(leftovers)"
	ok "interrupt: the third test never started" test ! -e "$WS/logs/h3.log"
	ok "interrupt: no stray shell messages" test ! -s "$ERR"
}

# run_marked, which kill_everything ends: every process carrying the run's
# RUN_TESTS_ID, an orphan whose parent is gone too, and none of another run.
t_run_marked()
{
	local mine orphan other
	(
		# shellcheck source=scripts/runner/sched.bash
		. "$REPO/scripts/runner/sched.bash"
		sleep 30 &
		mine=$!
		( sleep 30 & echo "$!" > "$SCRATCH/orphan" )
		RUN_TESTS_ID=other sleep 30 &
		other=$!
		read -r orphan < "$SCRATCH/orphan"
		run_marked
		echo "$REPLY" > "$SCRATCH/marked"
		kill "$mine" "$orphan" "$other"
		echo "$mine $orphan $other" > "$SCRATCH/pids"
	)
	read -r mine orphan other < "$SCRATCH/pids"
	ok "run_marked: the run's process" has "$SCRATCH/marked" "(^| )$mine( |$)"
	ok "run_marked: the run's orphan" has "$SCRATCH/marked" "(^| )$orphan( |$)"
	ok "run_marked: not another run's" lacks "$SCRATCH/marked" "(^| )$other( |$)"
}
