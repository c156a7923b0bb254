# SPDX-License-Identifier: GPL-2.0-only
# -j N: whole console lines, unmixed logs, and a real speed-up.

t_parallel_integrity()
{
	local n names='' bad=0
	ws_new
	for (( n = 1; n <= 12; n++ )); do
		cp "$WS/fake/chatter.flat" "$WS/fake/chatter$n.flat"
		printf '[c%d]\nfile = chatter%d.flat\n' "$n" "$n"
	done | cfg
	for (( n = 1; n <= 12; n++ )); do
		names+="c$n "
	done
	runner -j 4
	ok "-j4: exit 0" status_is 0
	ok "-j4: one whole line per test" test "$(grep -cxE 'PASS c[0-9]+ \(1 tests\)' "$OUT")" = 12
	ok "-j4: nothing else but the totals" test "$(wc -l < "$OUT")" = 13
	ok "-j4: totals" test "$(tail -n 1 "$OUT")" = "12 passed, 0 failed, 0 skipped"
	for (( n = 1; n <= 12; n++ )); do
		# Every guest line in a log must come from that log's test.
		if grep -E '^(INFO|PASS):' "$WS/logs/c$n.log" | grep -qv "chatter$n\.flat\$"; then
			bad=1
		fi
		[[ $(grep -c '^INFO:' "$WS/logs/c$n.log") == 300 ]] || bad=1
	done
	ok "-j4: logs never mix" test "$bad" = 0
	ok "-j4: SUMMARY in cfg order" test "$(grep -oE '^PASS c[0-9]+' "$WS/logs/SUMMARY" | tr '\n' ' ')" = \
		"$(for n in $names; do printf 'PASS %s ' "$n"; done)"
}

# How many tests run at once, counted by the tests themselves: -j2 runs two
# at a time and never three, -j1 one. Not timed: a loaded machine changes
# how long this takes, not what it checks (the speed-up is measured in
# bench/runner-bench.sh).
t_parallel_overlap()
{
	local n max
	ws_new
	for (( n = 1; n <= 8; n++ )); do
		printf '[o%d]\nfile = overlap.flat\n' "$n"
	done | cfg
	export FAKE_RUNS_DIR=$WS/runs
	mkdir -p "$FAKE_RUNS_DIR"
	for n in 1 2; do
		rm -f "$FAKE_RUNS_DIR.counts"
		runner -j "$n"
		ok "-j$n: all pass" status_is 0
		max=$(sort -n "$FAKE_RUNS_DIR.counts" | tail -n 1)
		ok "-j$n: at most $n tests ran at once, and $n did (max seen: $max)" test "$max" = "$n"
	done
	unset FAKE_RUNS_DIR
}
