# SPDX-License-Identifier: GPL-2.0-only
# The runner tried as a careless or hostile user would (issue 9), on the fake
# QEMU: log directories that are not the runner's, two runs at once, numbers
# that overflow, blanks in paths, a full disk, bytes a terminal must not see.

# LOG_DIR is created if absent, refused if it holds other files, and a run
# never deletes a file it did not write.
t_logdir_owned()
{
	ws_new
	printf '[pass]\nfile = pass.flat\n' | cfg
	LOG_DIR=new/dir runner
	ok "LOG_DIR absent: created" test -f "$WS/new/dir/pass.log"
	mkdir "$WS/mine"
	printf 'precious\n' > "$WS/mine/notes.txt"
	LOG_DIR=mine runner
	ok "LOG_DIR with a user's file: exit 2" status_is 2
	ok "LOG_DIR with a user's file: says which" has "$ERR" "LOG_DIR mine holds 'notes.txt', which is not a log"
	ok "LOG_DIR with a user's file: the file is kept" line "$WS/mine/notes.txt" precious
	ok "LOG_DIR with a user's file: nothing ran" test ! -e "$WS/mine/pass.log"
	ok "LOG_DIR with a user's file: no mine.old" test ! -e "$WS/mine.old"
	LOG_DIR=fake runner
	ok "LOG_DIR=the test directory: exit 2" status_is 2
	ok "LOG_DIR=the test directory: left alone" test -f "$WS/fake/unittests.cfg"
	# A user's file in logs.old survives any number of runs.
	runner
	runner
	printf 'keep\n' > "$WS/logs.old/mine.txt"
	runner
	ok "a user's file in logs.old: exit 2" status_is 2
	ok "a user's file in logs.old: kept" line "$WS/logs.old/mine.txt" keep
	rm "$WS/logs.old/mine.txt"
	runner
	ok "logs.old rotates again once it is the runner's alone" status_is 0
	ok "logs.old holds the run before" test -f "$WS/logs.old/pass.log"
	mkdir "$WS/empty"
	LOG_DIR=empty/ runner
	ok "an empty LOG_DIR is taken" test -f "$WS/empty/pass.log"
	: > "$WS/afile"
	LOG_DIR=afile runner
	ok "LOG_DIR naming a file: exit 2" status_is 2
}

# Two runs in one tree: the second waits for the first's log directory, and
# each reports its own verdicts (with two cfgs that share a test name, one
# passing and one failing).
t_two_runs()
{
	local pa pb
	ws_new
	printf '[t]\nfile = sleep.flat\n' > "$WS/a.cfg"
	printf '[t]\nfile = fail.flat\n' > "$WS/b.cfg"
	( cd "$WS" && FAKE_SLEEP=1 QEMU=$TESTS_DIR/fake/qemu KVM_DEVICE=$WS/no-kvm \
		"$REPO/run_tests.sh" --cfg a.cfg ) > "$WS/a.out" 2> "$WS/a.err" &
	pa=$!
	sleep 0.3
	( cd "$WS" && QEMU=$TESTS_DIR/fake/qemu KVM_DEVICE=$WS/no-kvm \
		"$REPO/run_tests.sh" --cfg b.cfg ) > "$WS/b.out" 2> "$WS/b.err" &
	pb=$!
	wait "$pa"
	ok "two runs: the first passes" test $? = 0
	wait "$pb"
	ok "two runs: the second fails" test $? = 1
	ok "two runs: the first prints its own verdict" line "$WS/a.out" "PASS t (1 tests)"
	ok "two runs: the second prints its own verdict" line "$WS/b.out" "FAIL t (3 tests, 1 unexpected failures)"
	ok "two runs: the second said it waited" has "$WS/b.err" "logs is in use by run [0-9]+; waiting"
	ok "two runs: logs/ is the second's" has "$WS/logs/t.log" "fail.flat"
	ok "two runs: logs.old/ is the first's" has "$WS/logs.old/t.log" "sleep.flat"
	ok "two runs: the lock is gone" test ! -e "$WS/logs/.lock"
	# A lock left by a killed run does not block the next.
	printf '999999999 1\n' > "$WS/logs/.lock"
	runner --cfg a.cfg
	ok "a stale lock is taken over" status_is 0
}

# Numbers are checked before any arithmetic.
t_numbers()
{
	ws_new
	printf '[pass]\nfile = pass.flat\n' | cfg
	runner -j 18446744073709551615
	ok "-j 2^64-1: exit 2" status_is 2
	ok "-j 2^64-1: says the range" has "$ERR" "expected a number of jobs from 1 to 256"
	runner -j 0
	ok "-j 0: exit 2" status_is 2
	MAX_SMP=99999999999999999999 runner
	ok "huge MAX_SMP: exit 2" status_is 2
	ok "huge MAX_SMP: says the range" has "$ERR" "MAX_SMP=99999999999999999999 is not a CPU count from 1 to 4096"
	TIMEOUT=99999999999999999999 runner
	ok "huge TIMEOUT: exit 2" status_is 2
	TIMEOUT=0 runner
	ok "TIMEOUT=0 (none) runs" status_is 0
}

# Blanks in the tree's path and in LOG_DIR.
t_blanks()
{
	local blank
	ws_new
	blank="$WS two words"
	mv "$WS" "$blank"
	WS=$blank OUT=$blank/out ERR=$blank/err
	sed -i "s|^ERRATATXT=.*|ERRATATXT=$WS/errata.txt|" "$WS/config.mak"
	printf '[pass]\nfile = pass.flat\nextra_params = -name "a b"\n' | cfg
	LOG_DIR="$WS/log dir" runner
	ok "blanks in the tree and LOG_DIR: exit 0" status_is 0
	ok "blanks in the tree and LOG_DIR: the log" has "$WS/log dir/pass.log" "PASS: selftest: one"
	ok "blanks: no stray messages" test ! -s "$ERR"
}

# A full disk: a test whose log cannot be written fails, and a lost
# SUMMARY is an error, never a green run. A tmpfs of N pages holds N files
# (.run_tests, environ.tcg, pass.log, durations, SUMMARY): 2 pages lose the
# log, 3 lose SUMMARY. Needs root to mount it.
t_full_disk()
{
	local mnt pages
	ws_new
	printf '[pass]\nfile = pass.flat\n' | cfg
	for pages in 2 3; do
		mnt=$WS/small$pages
		mkdir "$mnt"
		if ! mount -t tmpfs -o size=$(( pages * 4 ))k tmpfs "$mnt" 2>/dev/null; then
			skip "full disk: cannot mount a small tmpfs here (needs root)"
			return
		fi
		LOG_DIR=$mnt/logs runner
		umount "$mnt"
		if (( pages == 2 )); then
			ok "full disk, no room for a log: exit 1" status_is 1
			ok "full disk, no room for a log: FAIL with the reason" has "$OUT" "^FAIL pass \(empty log .*disk full"
		else
			ok "full disk, no room for SUMMARY: exit 2" status_is 2
			ok "full disk, no room for SUMMARY: says so" has "$OUT" "cannot write .*SUMMARY"
		fi
	done
}

# A read-only LOG_DIR is refused with its reason, before any test runs.
# Needs root to mount a read-only tmpfs (root may write anywhere else).
t_readonly_logdir()
{
	ws_new
	printf '[pass]\nfile = pass.flat\n' | cfg
	mkdir "$WS/ro"
	if ! mount -t tmpfs -o ro,size=16k tmpfs "$WS/ro" 2>/dev/null; then
		skip "read-only LOG_DIR: cannot mount a read-only tmpfs here (needs root)"
		return
	fi
	LOG_DIR=$WS/ro runner
	umount "$WS/ro"
	ok "read-only LOG_DIR: exit 2" status_is 2
	ok "read-only LOG_DIR: the reason" has "$ERR" "cannot write in LOG_DIR .*ro"
	ok "read-only LOG_DIR: nothing ran" lacks "$OUT" "PASS"
}

# Bytes a terminal must not get, and NULs that must not cut reports.
t_bytes()
{
	ws_new
	image "$WS/fake/esc.flat" <<'EOF2'
# An abort whose message holds escape sequences and a NUL.
printf 'PASS: before\0after the nul\n'
printf 'Abort: \033]0;pwned\007\033[2J cleared\n'
exit 64
EOF2
	printf '[esc]\nfile = esc.flat\n' | cfg
	runner -t --junit "$WS/j.xml"
	ok "ESC from a guest: not on the terminal" lacks "$OUT" $'\e'
	ok "ESC from a guest: the reason is still shown" has "$OUT" "cleared"
	ok "NUL from a guest: TAP keeps what follows it" has "$OUT" "PASS: \"beforeafter the nul\""
	ok "NUL from a guest: JUnit keeps what follows it" has "$WS/j.xml" "after the nul"
}

# Errors found before anything runs, with exit 2.
t_early_errors()
{
	ws_new
	printf '[pass]\nfile = pass.flat\n' | cfg
	runner --junit "$WS/no/such/dir/j.xml"
	ok "--junit into a missing directory: exit 2" status_is 2
	ok "--junit into a missing directory: before any test" test ! -e "$WS/logs/pass.log"
	ok "--junit into a missing directory: says so" has "$ERR" "directory .*no/such/dir does not exist"
	in_ws env QEMU=/tmp KVM_DEVICE="$WS/no-kvm" "$REPO/run_tests.sh"
	ok "QEMU=a directory: exit 2" status_is 2
	ok "QEMU=a directory: says so" has "$ERR" "'/tmp' does not exist or is not executable"
}

# Issue 18's probes on the fake QEMU: output the runner must handle in
# linear, bounded time and memory, waits that must end, a full TMPDIR.

# A guest line of 8 MiB without a newline, and 40 MB of output: the run
# stays quick, and TAP and JUnit carry the log's last 64 KiB, marked as cut.
t_huge_output()
{
	local t0 ms
	ws_new
	image "$WS/fake/line.flat" <<'EOF2'
head -c 8388608 /dev/zero | tr '\0' x
exit 1
EOF2
	image "$WS/fake/flood.flat" <<'EOF2'
yes 'INFO: a chatty guest fills the log with this line' | head -c 40000000
report PASS end
summary 1 tests
exit 0
EOF2
	printf '[line]\nfile = line.flat\n[flood]\nfile = flood.flat\n' | cfg
	t0=$EPOCHREALTIME
	runner -t --junit "$WS/j.xml"
	ms=$(( (${EPOCHREALTIME/[.,]/} - ${t0/[.,]/}) / 1000 ))
	ok "huge output: the verdicts (exit 1)" status_is 1
	ok "huge output: the flood passes" has "$OUT" "^ok 2 - flood$"
	ok "huge output: 8 MiB line and 40 MB in under 15 s ($ms ms)" test "$ms" -lt 15000
	ok "huge output: the logs are whole on disk" test "$(stat -c %s "$WS/logs/line.log")" -gt 8388608
	ok "huge output: TAP says how much of the log was cut" has "$OUT" "^  log_cut_bytes: [0-9]+$"
	ok "huge output: the JUnit file stays small" test "$(stat -c %s "$WS/j.xml")" -lt 300000
	ok "huge output: JUnit marks the excerpt as cut" has "$WS/j.xml" "first [0-9]+ bytes cut: its last 65536 follow"
	xmllint --noout --schema "$TESTS_DIR/junit.xsd" "$WS/j.xml" > /dev/null 2>&1
	ok "huge output: the JUnit file validates" test $? = 0
}

# Every wait has a bound: a QEMU that hangs on the device probe, and one
# that ignores SIGTERM at the timeout.
t_bounded_waits()
{
	local t0 ms
	ws_new
	printf '[pass]\nfile = pass.flat\n[stubborn]\nfile = stubborn.flat\ntimeout = 1\n' | cfg
	# Its own path: the probe cache knows the usual fake QEMU.
	sed 's/^\[\[ \$\* == \*"-device help"\* \]\] && {/[[ $* == *"-device help"* ]] \&\& { sleep 1000; /' \
		"$TESTS_DIR/fake/qemu" > "$WS/qemu-probe-hangs"
	chmod +x "$WS/qemu-probe-hangs"
	t0=$EPOCHREALTIME
	in_ws env QEMU="$WS/qemu-probe-hangs" KVM_DEVICE="$WS/no-kvm" "$REPO/run_tests.sh" pass
	ms=$(( (${EPOCHREALTIME/[.,]/} - ${t0/[.,]/}) / 1000 ))
	ok "a QEMU hanging at the device probe: exit 2" status_is 2
	ok "a QEMU hanging at the device probe: says so" has "$ERR" "did not list its machines and devices within 10 s"
	ok "a QEMU hanging at the device probe: about 10 s ($ms ms)" test "$ms" -lt 15000
	image "$WS/fake/stubborn.flat" <<'EOF2'
trap '' TERM
hang
EOF2
	t0=$EPOCHREALTIME
	runner stubborn
	ms=$(( (${EPOCHREALTIME/[.,]/} - ${t0/[.,]/}) / 1000 ))
	ok "a QEMU ignoring SIGTERM: TIMEOUT" line "$OUT" "TIMEOUT stubborn (1s)"
	ok "a QEMU ignoring SIGTERM: killed a second later ($ms ms)" test "$ms" -lt 5000
}

# A full TMPDIR is named as what failed. Needs root to mount a tmpfs.
t_full_tmpdir()
{
	ws_new
	printf '[pass]\nfile = pass.flat\n' | cfg
	mkdir "$WS/tmp"
	if ! mount -t tmpfs -o size=4k,nr_inodes=1 tmpfs "$WS/tmp" 2>/dev/null; then
		skip "full TMPDIR: cannot mount a small tmpfs here (needs root)"
		return
	fi
	TMPDIR=$WS/tmp runner
	umount "$WS/tmp"
	ok "full TMPDIR: the test fails (exit 1)" status_is 1
	ok "full TMPDIR: says what failed" has "$OUT" "^FAIL pass \(setup error: .*cannot create a directory in $WS/tmp: No space left"
	ok "full TMPDIR: the cfg is not blamed" lacks "$ERR" "parse"
}

# A 10 MB test_args is refused at parse, naming its line.
t_huge_value()
{
	ws_new
	{ printf '[pass]\nfile = pass.flat\ntest_args = '; head -c 10485760 /dev/zero | tr '\0' a; echo; } | cfg
	runner
	ok "10 MB test_args: exit 2" status_is 2
	ok "10 MB test_args: FILE:LINE and the limit" has "$ERR" "unittests.cfg:3: 'test_args' is 10485760 bytes long: at most 65536"
	ok "10 MB test_args: nothing ran" test ! -e "$WS/logs/pass.log"
}

# An image for another machine is refused before QEMU starts (exit 2).
t_image_machine()
{
	ws_new
	head -c 4096 /dev/urandom > "$WS/random.bin"
	in_ws env QEMU="$TESTS_DIR/fake/qemu" "$REPO/s390x/run" fake/pass.flat
	ok "x86 image to s390x/run: exit 2" status_is 2
	ok "x86 image to s390x/run: names the machine" has "$ERR" "is not a s390x test image: an ELF for machine 3, not 22"
	in_ws env QEMU="$TESTS_DIR/fake/qemu" "$REPO/arm/run" fake/pass.flat
	ok "x86 image to arm/run: exit 2 naming it" has "$ERR" "is not a arm64 test image: an ELF for machine 3, not 183"
	in_ws env QEMU="$TESTS_DIR/fake/qemu" "$REPO/arm/run" random.bin
	ok "random bytes to arm/run: exit 2" status_is 2
	ok "random bytes to arm/run: says why" has "$ERR" "no ELF header and no arm64 Image magic"
	printf '\177ELF\2\1\1' > "$WS/short.elf"
	in_ws env QEMU="$TESTS_DIR/fake/qemu" "$REPO/s390x/run" short.elf
	ok "a truncated ELF to s390x/run: exit 2 naming it" has "$ERR" "too short to be a s390x test image"
}
