# SPDX-License-Identifier: GPL-2.0-only
# Every way a run can be ended leaves no QEMU behind 3 s later, nothing in
# TMPDIR, and a SUMMARY saying how it ended (issues 9 and 18): SIGTERM,
# SIGHUP, SIGINT and SIGQUIT to the runner's process group (kill, a closed
# terminal, Ctrl-C, Ctrl-\) or to the runner alone, timeout(1) around it,
# SIGTERM and Ctrl-C to a standalone script. Real QEMU under TCG: the fake
# one has no run script between the runner and QEMU, which is where
# processes used to be orphaned.

# marked: the processes that inherited RUNNER_TEST_MARK=$WS.
marked()
{
	printf 'RUNNER_TEST_MARK=%s\n' "$WS" > "$SCRATCH/pattern"
	grep -l -a -F -f "$SCRATCH/pattern" /proc/[0-9]*/environ 2>/dev/null
}

# qemus N: waits (up to 60 s) until N QEMUs of this test run a guest.
qemus()
{
	local n
	printf 'RUNNER_TEST_MARK=%s\n' "$WS" > "$SCRATCH/pattern"
	for (( n = 0; n < 600; n++ )); do
		(( $(grep -l -a -F -f "$SCRATCH/pattern" /proc/[0-9]*/environ 2>/dev/null |
			while read -r f; do { tr '\0' ' ' < "${f%environ}cmdline"; } 2>/dev/null; echo; done |
			grep -c '^[^ ]*qemu-system.* -kernel ') >= $1 )) && return 0
		sleep 0.1
	done
	return 1
}

# gone_within_3s WHAT: no process of the test is left 3 s after a signal.
gone_within_3s()
{
	local n
	for (( n = 0; n < 30; n++ )); do
		[[ -z $(marked) ]] && break
		sleep 0.1
	done
	ok "$1: no process left 3 s later" test -z "$(marked)"
	# Whatever is left must not outlive the test.
	marked | while read -r f; do f=${f#/proc/}; kill -KILL "${f%/environ}" 2>/dev/null; done
}

# signal_run HOW SIGNAL: a -j2 run of two spinning guests, ended by SIGNAL
# sent to its process group (HOW=group) or to the runner alone (HOW=pid).
signal_run()
{
	local how=$1 sig=$2 pid target
	ws_new
	spin_cfg "$WS/spin.cfg"
	mkdir "$WS/tmp"
	set -m
	( cd "$REPO" && exec env --default-signal=INT,QUIT RUNNER_TEST_MARK="$WS" ACCEL=tcg LOG_DIR="$WS/logs" \
		TMPDIR="$WS/tmp" "$REPO/run_tests.sh" --cfg "$WS/spin.cfg" -j 2 ) > "$OUT" 2> "$ERR" < /dev/null &
	pid=$!
	set +m
	target=$pid
	[[ $how == group ]] && target=-$pid
	if ! qemus 2; then
		ok "SIG$sig to the $how: two QEMUs started" false
		kill -KILL -- "-$pid"
		return
	fi
	kill "-$sig" -- "$target"
	wait "$pid"
	record
	ok "SIG$sig to the $how: exit 128+N" status_is "$(( 128 + $(kill -l "$sig") ))"
	gone_within_3s "SIG$sig to the $how"
	ok "SIG$sig to the $how: SUMMARY says so" has "$WS/logs/SUMMARY" "^ended: interrupted by SIG$sig"
	ok "SIG$sig to the $how: nothing left in TMPDIR" test -z "$(ls -A "$WS/tmp")"
}

spin_cfg()
{
	cat > "$1" <<'EOF2'
[spin1]
file = selftest.flat
test_args = hang
timeout = 60
[spin2]
file = selftest.flat
test_args = hang
timeout = 60
EOF2
}

t_signals()
{
	local pid
	if ! real_tree; then
		skip "signals: no x86_64 build here (./configure && make) or no qemu-system-x86_64"
		return
	fi
	for how in group pid; do
		for sig in TERM HUP INT QUIT; do
			signal_run "$how" "$sig"
		done
	done 2>/dev/null

	# timeout(1) around the runner signals its whole process group.
	ws_new
	spin_cfg "$WS/spin.cfg"
	( cd "$REPO" && exec env --default-signal=INT RUNNER_TEST_MARK="$WS" ACCEL=tcg LOG_DIR="$WS/logs" \
		timeout 8 "$REPO/run_tests.sh" --cfg "$WS/spin.cfg" -j 2 ) > "$OUT" 2> "$ERR" < /dev/null
	record
	ok "timeout(1) around the runner: its status 124" status_is 124
	gone_within_3s "timeout(1) around the runner"
	ok "timeout(1) around the runner: SUMMARY says so" has "$WS/logs/SUMMARY" "^ended: interrupted by SIGTERM"

	# A standalone script killed alone.
	ws_new
	spin_cfg "$WS/spin.cfg"
	( cd "$REPO" && scripts/mkstandalone.sh --cfg "$WS/spin.cfg" --out "$WS/sa" spin1 ) > /dev/null 2>&1
	( exec env --default-signal=INT RUNNER_TEST_MARK="$WS" ACCEL=tcg "$WS/sa/spin1" ) > "$OUT" 2> "$ERR" < /dev/null &
	pid=$!
	if qemus 1; then
		kill -TERM "$pid"
		wait "$pid"
		record
		ok "standalone killed: exit 143" status_is 143
		gone_within_3s "standalone killed"
		ok "standalone killed: says the run was interrupted" has "$OUT" "^interrupted: SIGTERM"
	else
		ok "standalone: its QEMU started" false
		kill -KILL "$pid"
	fi

	# Ctrl-C on a standalone script: SIGINT to its process group, named so.
	set -m
	( exec env --default-signal=INT RUNNER_TEST_MARK="$WS" ACCEL=tcg "$WS/sa/spin1" ) > "$OUT" 2> "$ERR" < /dev/null &
	pid=$!
	set +m
	if qemus 1; then
		kill -INT -- "-$pid"
		wait "$pid"
		record
		ok "standalone Ctrl-C: exit 130" status_is 130
		gone_within_3s "standalone Ctrl-C"
		ok "standalone Ctrl-C: says SIGINT" has "$OUT" "^interrupted: SIGINT"
	else
		ok "standalone Ctrl-C: its QEMU started" false
		kill -KILL -- "-$pid"
	fi
}
