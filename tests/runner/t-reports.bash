# SPDX-License-Identifier: GPL-2.0-only
# TAP 13 (-t) checked with TAP::Parser, and JUnit (--junit) checked with
# xmllint against junit.xsd, including for guest output that is hostile to
# both formats.

reports_cfg()
{
	cfg <<'EOF2'
[pass]
file = pass.flat
[fail]
file = fail.flat
[nasty]
file = nasty.flat
[hang]
file = hang.flat
timeout = 1
[signal]
file = signal.flat
[nostatus]
file = nostatus.flat
[guestskip]
file = skip.flat
[manual]
file = pass.flat
groups = nodefault
[noimage]
file = nope.flat
EOF2
}

t_tap()
{
	ws_new
	reports_cfg
	runner -t -j 3
	ok "tap: exit 1 (a test failed)" status_is 1
	ok "tap: starts with the version" test "$(head -n 1 "$OUT")" = "TAP version 13"
	"$TESTS_DIR/tap-check.pl" "$OUT" > "$WS/tap.check"
	ok "tap: TAP::Parser parses it cleanly" test $? = 0
	ok "tap: counts and cfg order under -j" line "$WS/tap.check" \
		"plan=1..9 ok=1 not_ok=5 skip=3 yaml=6 order=pass,fail,nasty,hang,signal,nostatus,guestskip,manual,noimage"
	ok "tap: timeout is not ok" has "$OUT" "^not ok 4 - hang$"
	ok "tap: crash is not ok" has "$OUT" "^not ok 5 - signal$"
	ok "tap: skip with its reason" line "$OUT" "ok 8 - manual # SKIP nodefault"
	ok "tap: guest lines as YAML" line "$OUT" '    - PASS: "selftest: one"'
	ok "tap: verdict in YAML" line "$OUT" "  verdict: TIMEOUT"
	ok "tap: no console lines" lacks "$OUT" "^(PASS|FAIL|SKIP|TIMEOUT|CRASH) "
	ok "tap: totals as a comment" line "$OUT" "# 1 passed, 5 failed, 3 skipped"
	prove -e cat "$OUT" > "$WS/prove.out" 2>&1
	ok "tap: prove reads it (plan and failures)" has "$WS/prove.out" "Failed 5/9 subtests"
	ok "tap: prove sees no parse error" lacks "$WS/prove.out" "Parse errors"
}

t_junit()
{
	ws_new
	reports_cfg
	runner --junit "$WS/junit.xml" -j 2
	ok "junit: exit 1" status_is 1
	xmllint --noout --schema "$TESTS_DIR/junit.xsd" "$WS/junit.xml" > "$WS/xmllint.out" 2>&1
	ok "junit: validates against junit.xsd" test $? = 0
	ok "junit: counts" has "$WS/junit.xml" '<testsuite name="x86_64" tests="9" failures="5" errors="0" skipped="3"'
	ok "junit: testcases in cfg order" test "$(grep -o '<testcase name="[^"]*"' "$WS/junit.xml" | tr '\n' ' ')" = \
		'<testcase name="pass" <testcase name="fail" <testcase name="nasty" <testcase name="hang" <testcase name="signal" <testcase name="nostatus" <testcase name="guestskip" <testcase name="manual" <testcase name="noimage" '
	ok "junit: skip reason" has "$WS/junit.xml" '<skipped message="nodefault"/>'
	ok "junit: timeout is a failure" has "$WS/junit.xml" '<failure type="TIMEOUT" message="1s">'
	ok "junit: crash is a failure" has "$WS/junit.xml" '<failure type="CRASH" message="QEMU killed by SIGSEGV">'
	ok "junit: log as system-out" has "$WS/junit.xml" '^PASS: selftest: one$'
	ok "junit: markup escaped" has "$WS/junit.xml" 'PASS: &lt;b&gt;&amp;amp; &apos;quoted&apos; &quot;double&quot;'
	ok "junit: a time per testcase" has "$WS/junit.xml" '<testcase name="hang" classname="x86_64" time="1\.[0-9]{3}">'
	ok "junit: console still shown" line "$OUT" "PASS pass (2 tests)"
	if hash python3 2>/dev/null; then
		python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$WS/junit.xml" 2>/dev/null
		ok "junit: a second XML parser reads it" test $? = 0
	fi
}
