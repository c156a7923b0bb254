# SPDX-License-Identifier: GPL-2.0-only
# Every verdict and every skip reason, with the console line for each, the
# final count line, the exit status and the logs.

t_verdicts()
{
	ws_new
	printf 'Y\n' > "$WS/param"
	cfg <<EOF2
[pass]
file = pass.flat
[fail]
file = fail.flat
[guestskip]
file = skip.flat
[hang]
file = hang.flat
timeout = 1
[signal]
file = signal.flat
[noise]
file = noise.flat
[nostatus]
file = nostatus.flat
[abort]
file = abort.flat
[manual]
file = pass.flat
groups = nodefault
[noimage]
file = nope.flat
[otherarch]
file = pass.flat
arch = arm64
[kvmonly]
file = pass.flat
accel = kvm
[othermachine]
file = pass.flat
machine = q35
[unknownmachine]
file = pass.flat
machine = nosuchboard
[checkfails]
file = pass.flat
check = $WS/param=N
[checkmissing]
file = pass.flat
check = $WS/nonexistent=Y
[checkholds]
file = pass.flat
check = $WS/param=Y
[disabled]
file = pass.flat
disabled_if = [[ \$ARCH == x86_64 && \$ACCEL == tcg ]]
[enabled]
file = pass.flat
disabled_if = [[ \$ARCH == arm64 ]]
EOF2
	local start=$EPOCHREALTIME
	MACHINE=pc runner
	ok "verdicts: exit 1 when a test failed" status_is 1
	ok "PASS line" line "$OUT" "PASS pass (2 tests)"
	ok "FAIL line" line "$OUT" "FAIL fail (3 tests, 1 unexpected failures)"
	ok "SKIP when the guest skipped everything" line "$OUT" "SKIP guestskip (all checks skipped in the guest)"
	ok "TIMEOUT line with the duration" line "$OUT" "TIMEOUT hang (1s)"
	ok "CRASH on a signal" line "$OUT" "CRASH signal (QEMU killed by SIGSEGV)"
	ok "stderr noise does not spoil a PASS" line "$OUT" "PASS noise (1 tests)"
	ok "CRASH without a status" line "$OUT" "CRASH nostatus (no status: the guest never reported one)"
	ok "abort is a FAIL" line "$OUT" "FAIL abort (aborted: Abort: assertion failed)"
	ok "SKIP nodefault" line "$OUT" "SKIP manual (nodefault)"
	ok "SKIP missing image" line "$OUT" "SKIP noimage (missing image fake/nope.flat: run make)"
	ok "SKIP arch" line "$OUT" "SKIP otherarch (arch: needs arm64, built for x86_64)"
	ok "SKIP accel" line "$OUT" "SKIP kvmonly (accel: needs kvm, running under tcg)"
	ok "SKIP machine" line "$OUT" "SKIP othermachine (machine: needs q35, MACHINE=pc)"
	ok "SKIP check" line "$OUT" "SKIP checkfails (check: $WS/param is 'Y', not 'N')"
	ok "SKIP check on a missing file" line "$OUT" "SKIP checkmissing (check: $WS/nonexistent does not exist)"
	ok "a holding check runs" line "$OUT" "PASS checkholds (2 tests)"
	ok "SKIP disabled_if" line "$OUT" "SKIP disabled (disabled_if: [[ \$ARCH == x86_64 && \$ACCEL == tcg ]])"
	ok "a false disabled_if runs" line "$OUT" "PASS enabled (2 tests)"
	ok "last line counts (timeouts and crashes fail)" test "$(tail -n 1 "$OUT")" = "4 passed, 5 failed, 10 skipped"
	ok "no colour when stdout is not a terminal" lacks "$OUT" $'\e'
	ok "no stray shell messages" test ! -s "$ERR"
	ok "the timeout ended the hang in about 1s" awk -v a="${start/,/.}" -v b="${EPOCHREALTIME/,/.}" 'BEGIN { exit !(b - a < 6) }'

	ok "log holds the command line" has "$WS/logs/pass.log" "^$TESTS_DIR/fake/qemu .* -kernel fake/pass.flat -smp 1"
	ok "log holds the guest output" line "$WS/logs/pass.log" "PASS: selftest: one"
	ok "log holds QEMU's stderr" has "$WS/logs/noise.log" "qemu: warning"
	ok "logs/SUMMARY has the revision" has "$WS/logs/SUMMARY" "^revision: [0-9a-f]{7,}"
	ok "logs/SUMMARY has the results" line "$WS/logs/SUMMARY" "FAIL fail (3 tests, 1 unexpected failures)"
	ok "logs/SUMMARY has the totals" line "$WS/logs/SUMMARY" "4 passed, 5 failed, 10 skipped"
	ok "skipped tests leave no log" test ! -e "$WS/logs/manual.log"

	cfg <<'EOF2'
[pass]
file = pass.flat
[unknownmachine]
file = pass.flat
machine = nosuchboard
EOF2
	runner
	ok "SKIP a machine QEMU lacks" line "$OUT" "SKIP unknownmachine (machine: nosuchboard is not a machine of $TESTS_DIR/fake/qemu)"
	ok "all pass: exit 0" status_is 0
	ok "all pass: last line" test "$(tail -n 1 "$OUT")" = "1 passed, 0 failed, 1 skipped"
	ok "the previous run is kept in logs.old" test -f "$WS/logs.old/fail.log"
	ok "logs/ holds only this run" test ! -e "$WS/logs/fail.log"
	runner
	ok "logs.old holds only the run before" test ! -e "$WS/logs.old/fail.log"
}

# Colour on a terminal, and only there; NO_COLOR turns it off.
t_colour()
{
	ws_new
	cfg <<'EOF2'
[pass]
file = pass.flat
[fail]
file = fail.flat
EOF2
	local cmd="cd '$WS' && QEMU='$TESTS_DIR/fake/qemu' '$REPO/run_tests.sh'"
	script -qec "$cmd" /dev/null > "$WS/tty.out" 2>&1
	ok "colour on a terminal" grep -q $'\e\\[32mPASS\e\\[0m pass' "$WS/tty.out"
	ok "colour in FAIL" grep -q $'\e\\[31mFAIL' "$WS/tty.out"
	ok "logs have no colour" lacks "$WS/logs/SUMMARY" $'\e'
	NO_COLOR=1 script -qec "$cmd" /dev/null > "$WS/tty.out" 2>&1
	ok "NO_COLOR turns colour off" lacks "$WS/tty.out" $'\e\\['
}

# ri_exit_line, for the arches whose status is an EXIT line: the console
# passes through unchanged and the last EXIT line's status is kept; a status
# of 10 digits or more is no status line.
t_exit_line()
{
	local dir=$SCRATCH/exit-line
	mkdir -p "$dir"
	exit_line() {
		rm -f "$dir/guest"
		printf "$1" | ( RI_TMP=$dir; . "$REPO/scripts/run-image.bash"; ri_exit_line ) > "$dir/out"
		REPLY=none
		[[ -f $dir/guest ]] && REPLY=$(< "$dir/guest")
	}
	exit_line 'a\nEXIT: STATUS=5\r\nb\nEXIT: STATUS=007\nc'
	ok "exit line: the console passes through" test "$(od -c < "$dir/out")" = \
		"$(printf 'a\nEXIT: STATUS=5\r\nb\nEXIT: STATUS=007\nc\n' | od -c)"
	ok "exit line: the last status is kept" test "$REPLY" = 7
	exit_line 'EXIT: STATUS=118\nEXIT: STATUS=1234567890\n'
	ok "exit line: 10 digits are no status" test "$REPLY" = 118
	exit_line 'EXIT: STATUS=\nEXIT: STATUS=2 \n'
	ok "exit line: a malformed one is none" test "$REPLY" = none
}
