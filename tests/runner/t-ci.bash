# SPDX-License-Identifier: GPL-2.0-only
# --shard K/N and CI_NODE_INDEX/CI_NODE_TOTAL (disjoint parts whose union is
# the whole, balanced by a previous run's durations), and --compare OLD
# (regressed, fixed, new, missing; exit 1 on a regression), issue 18.

t_shard()
{
	local k all parts='' n
	ws_new
	for n in 1 2 3 4 5 6 7; do
		printf '[t%d]\nfile = pass.flat\n' "$n"
	done > "$WS/fake/unittests.cfg"
	printf '[m]\nfile = pass.flat\ngroups = nodefault\n' >> "$WS/fake/unittests.cfg"
	runner -a -l
	all=$(sort "$OUT" | tr '\n' ' ')
	for k in 1 2 3; do
		runner -a -l --shard "$k/3"
		ok "--shard $k/3: lists a part" test -s "$OUT"
		cp "$OUT" "$WS/part$k"
		parts+=$(cat "$OUT")$'\n'
	done
	ok "--shard k/3: the parts are disjoint" test -z "$(printf '%s' "$parts" | sort | uniq -d)"
	ok "--shard k/3: their union is -a -l" test "$(printf '%s' "$parts" | sort | tr '\n' ' ')" = "$all"
	CI_NODE_INDEX=2 CI_NODE_TOTAL=3 runner -a -l
	ok "CI_NODE_INDEX=2 CI_NODE_TOTAL=3 lists what --shard 2/3 does" cmp -s "$OUT" "$WS/part2"
	runner --shard 4/3 -l
	ok "--shard 4/3: exit 2" status_is 2
	CI_NODE_INDEX=0 CI_NODE_TOTAL=3 runner -l
	ok "CI_NODE_INDEX=0: exit 2 naming it" has "$ERR" "CI_NODE_INDEX/CI_NODE_TOTAL '0/3'"
	# Balanced by the durations of the last run: t1 took as long as all
	# the others together, so it is a part of its own.
	mkdir -p "$WS/logs"
	printf 'log\n' > "$WS/logs/t1.log"
	printf 't1 70.000\nt2 10.000\nt3 10.000\nt4 10.000\nt5 10.000\nt6 10.000\nt7 10.000\nm 10.000\n' \
		> "$WS/logs/durations"
	runner -a -l --shard 1/2
	ok "--shard balanced by durations: the longest test alone" test "$(tr '\n' ' ' < "$OUT")" = "t1 "
	runner -a -l --shard 2/2
	ok "--shard balanced by durations: the others together" test "$(wc -l < "$OUT")" = 7
	rm -rf "$WS/logs"
	runner -a --shard 2/3
	ok "--shard: a run writes its durations" test "$(wc -l < "$WS/logs/durations")" = "$(wc -l < "$WS/part2")"
}

t_compare()
{
	ws_new
	printf '[a]\nfile = pass.flat\n[b]\nfile = pass.flat\n[c]\nfile = fail.flat\n[d]\nfile = pass.flat\n' | cfg
	runner --junit "$WS/old.xml"
	cp -r "$WS/logs" "$WS/oldlogs"
	runner --compare "$WS/old.xml"
	ok "--compare, nothing changed: exit 0 (c failed before too)" status_is 0
	ok "--compare, nothing changed: no difference named" lacks "$OUT" "^compare:"
	printf '[a]\nfile = pass.flat\n[b]\nfile = fail.flat\n[c]\nfile = pass.flat\n[e]\nfile = pass.flat\n' | cfg
	runner --compare "$WS/old.xml"
	ok "--compare: a regression exits 1" status_is 1
	ok "--compare: names the regressed test" has "$OUT" "^compare: regressed: b \(PASS -> FAIL b "
	ok "--compare: names the fixed test" line "$OUT" "compare: fixed: c (FAIL -> PASS)"
	ok "--compare: names the new test" line "$OUT" "compare: new: e (PASS)"
	ok "--compare: names the missing test" line "$OUT" "compare: missing: d (PASS before)"
	runner --compare "$WS/oldlogs"
	ok "--compare with a log directory: a regression exits 1" status_is 1
	ok "--compare with a log directory: names it" has "$OUT" "^compare: regressed: b "
	runner --compare "$WS/nothing.xml"
	ok "--compare with no such file: exit 2" status_is 2
}
