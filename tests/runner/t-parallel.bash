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

t_parallel_speed()
{
	local n t1 t2
	ws_new
	for (( n = 1; n <= 8; n++ )); do
		printf '[s%d]\nfile = sleep.flat\n' "$n"
	done | cfg
	export FAKE_SLEEP=0.3
	t1=$EPOCHREALTIME
	runner -j 1
	t1=$(( ${EPOCHREALTIME/[.,]/} - ${t1/[.,]/} ))
	ok "-j1: all pass" status_is 0
	t2=$EPOCHREALTIME
	runner -j 2
	t2=$(( ${EPOCHREALTIME/[.,]/} - ${t2/[.,]/} ))
	unset FAKE_SLEEP
	ok "-j2: all pass" status_is 0
	# Sleeping guests need little CPU, so -j2 nears 2x; the bar is lower
	# than bench/runner-bench.sh's 1.8x because make check may share the
	# machine with builds, and a flaky suite helps nobody.
	ok "-j2 is at least 1.5x faster than -j1 ($(( t1 / 1000 )) ms vs $(( t2 / 1000 )) ms)" \
		test $(( t1 * 10 )) -ge $(( t2 * 15 ))
}
