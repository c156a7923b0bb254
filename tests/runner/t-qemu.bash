# SPDX-License-Identifier: GPL-2.0-only
# Against real QEMU, in the configured tree (skipped when it is not built):
# the arch's default suite passes, a spinning guest is killed at a 3 s
# timeout and the run goes on, failures and crashes are reported, and the
# TAP and JUnit of a real run validate.

# real_tree: true when ./configure and make have been run for x86_64 here.
real_tree()
{
	local line arch='' test_dir=''
	[[ -f $REPO/config.mak ]] || return 1
	while IFS= read -r line; do
		case $line in
		ARCH=*) arch=${line#*=} ;;
		TEST_DIR=*) test_dir=${line#*=} ;;
		esac
	done < "$REPO/config.mak"
	[[ $arch == x86_64 && -x $REPO/$test_dir/run && -f $REPO/$test_dir/selftest.flat ]] &&
		hash qemu-system-x86_64 2>/dev/null
}

# real ARGS...: run_tests.sh in the real tree, logs kept out of it.
real()
{
	( cd "$REPO" && ACCEL=$REAL_ACCEL LOG_DIR=$WS/logs "$REPO/run_tests.sh" "$@" ) > "$OUT" 2> "$ERR" < /dev/null
	record
}

t_qemu()
{
	if ! real_tree; then
		skip "real QEMU: no x86_64 build here (./configure && make) or no qemu-system-x86_64"
		return
	fi
	ws_new
	real
	ok "real: the default suite passes" status_is 0
	ok "real: last line" has "$OUT" "^[1-9][0-9]* passed, 0 failed, [0-9]+ skipped$"
	ok "real: logs/SUMMARY" test -f "$WS/logs/SUMMARY"

	cat > "$WS/real.cfg" <<'EOF2'
[spin]
file = selftest.flat
test_args = hang
timeout = 3
[after]
file = selftest.flat
smp = 2
extra_params = -m 128
test_args = mem=128 smp=2
[fails]
file = selftest.flat
test_args = exit=1
[triple]
file = selftest.flat
test_args = triple-fault
EOF2
	local t0=$EPOCHREALTIME ms
	real --cfg "$WS/real.cfg" -t
	ms=$(( (${EPOCHREALTIME/[.,]/} - ${t0/[.,]/}) / 1000 ))
	ok "real: a failure makes exit 1" status_is 1
	ok "real: the spinning guest times out" has "$OUT" "^not ok 1 - spin$"
	ok "real: TIMEOUT with its duration" has "$OUT" 'message: "3s"'
	ok "real: the run goes on after the timeout" has "$OUT" "^ok 2 - after$"
	ok "real: a failing guest is not ok" has "$OUT" "^not ok 3 - fails$"
	ok "real: a triple fault is a crash" has "$OUT" "verdict: CRASH"
	ok "real: the whole run took about 3 s plus the tests ($ms ms)" test "$ms" -lt 9000
	"$TESTS_DIR/tap-check.pl" "$OUT" > "$WS/tap.check"
	ok "real: TAP parses" test $? = 0
	real --cfg "$WS/real.cfg" after fails --junit "$WS/junit.xml"
	ok "real: FAIL line" has "$OUT" "^FAIL fails "
	xmllint --noout --schema "$TESTS_DIR/junit.xsd" "$WS/junit.xml" 2> "$WS/xmllint.out"
	ok "real: JUnit validates" test $? = 0
}
