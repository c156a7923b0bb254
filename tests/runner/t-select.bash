# SPDX-License-Identifier: GPL-2.0-only
# Selection: names, groups, the nodefault rule (by name, by another group,
# by -a) and --list.

select_cfg()
{
	cfg <<'EOF2'
[plain]
file = pass.flat
groups = g1
[manual]
file = pass.flat
groups = nodefault risky
[other]
file = pass.flat
groups = g2 g1
[solo]
file = pass.flat
EOF2
}

t_select()
{
	ws_new
	select_cfg
	runner -l
	ok "list: every default test" test "$(tr '\n' ' ' < "$OUT")" = "plain other solo "
	runner -l -g g1
	ok "list: one group" test "$(tr '\n' ' ' < "$OUT")" = "plain other "
	runner -l --group g2 -g risky
	ok "list: two groups, nodefault test named through its other group" test "$(tr '\n' ' ' < "$OUT")" = "manual other "
	runner -l -g g2,risky
	ok "list: comma list of groups" test "$(tr '\n' ' ' < "$OUT")" = "manual other "
	runner -l solo manual
	ok "list: by name, cfg order, nodefault by name" test "$(tr '\n' ' ' < "$OUT")" = "manual solo "
	runner -l -a
	ok "list: -a takes nodefault tests" test "$(tr '\n' ' ' < "$OUT")" = "plain manual other solo "
	runner -l nosuch
	ok "unknown test name: exit 2" status_is 2
	ok "unknown test name: named" has "$ERR" "no test named 'nosuch'"
	runner -g nosuchgroup
	ok "unknown group: exit 2" status_is 2
	ok "unknown group: named" has "$ERR" "group 'nosuchgroup'"

	runner
	ok "default run: nodefault shows as SKIP" line "$OUT" "SKIP manual (nodefault)"
	ok "default run: the rest runs" test "$(tail -n 1 "$OUT")" = "3 passed, 0 failed, 1 skipped"
	runner manual
	ok "a) nodefault runs by name" line "$OUT" "PASS manual (2 tests)"
	runner -g risky
	ok "b) nodefault runs through its other group" test "$(cat "$OUT")" = "PASS manual (2 tests)
1 passed, 0 failed, 0 skipped"
	runner -a
	ok "c) nodefault runs under -a" line "$OUT" "PASS manual (2 tests)"
	ok "c) -a runs everything" test "$(tail -n 1 "$OUT")" = "4 passed, 0 failed, 0 skipped"
	runner -g g1 solo
	ok "names and groups add up" test "$(tail -n 1 "$OUT")" = "3 passed, 0 failed, 0 skipped"
}

# Listing needs config.mak and the cfg only: no QEMU, no logs.
t_list_is_cheap()
{
	ws_new
	select_cfg
	in_ws env QEMU=/nonexistent "$REPO/run_tests.sh" -l
	ok "list works without QEMU" status_is 0
	ok "list leaves no logs" test ! -e "$WS/logs"
}
