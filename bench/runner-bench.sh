#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Speed figures for run_tests.sh (issues 4, 9 and 18):
#   1. listing a 100-entry cfg:          < 50 ms; listing 1, 2, 4, 10 MB cfgs: linear
#   2. the runner's own work per test:   <= 50 ms over the run script's time
#   3. -j2 vs -j1 on 20 trivial tests:   >= 1.8x faster
# Parts 1-3 run on a fake QEMU (no guest, so only the runner is timed);
# 2 and 3 are repeated with real QEMU when ./config.mak, $TEST_DIR/run and
# $TEST_DIR/selftest.flat exist (2: one test through the runner within 50 ms
# of the run script alone, medians of interleaved runs; 3: reported beside
# the machine's own ceiling). Run from the build directory:
#   bench/runner-bench.sh [-n ROUNDS]
# Times are the fastest of the rounds. Prints one "name: value" line per figure and "PASS"/"FAIL" per target;
# exits 1 when a target is missed.

ROUNDS=5
[[ $1 == -n ]] && ROUNDS=$2
SRC=$(cd "${BASH_SOURCE[0]%/*}/.." && pwd)
BUILD=$PWD
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/runner-bench.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
export LOG_DIR=$SCRATCH/logs
unset ACCEL TIMEOUT MACHINE CHECK UNITTESTS_ENV
missed=0
declare -a big alone through

# now: microseconds since the epoch, in REPLY.
now() { REPLY=${EPOCHREALTIME/[.,]/}; }

# time_us COMMAND...: the fastest of ROUNDS runs, in REPLY (µs). The
# minimum, not the mean: other work on the machine only ever adds time.
time_us()
{
	local r t0 best=''
	for (( r = 0; r < ROUNDS; r++ )); do
		now; t0=$REPLY
		"$@" > /dev/null 2>&1
		now
		(( t0 = REPLY - t0 ))
		[[ -z $best ]] || (( t0 < best )) && best=$t0
	done
	REPLY=$best
}

# time_one COMMAND...: one run, in REPLY (µs).
time_one()
{
	local t0
	now; t0=$REPLY
	"$@" > /dev/null 2>&1
	now
	(( REPLY -= t0 ))
}

# ms MICROSECONDS: in milliseconds with one decimal; a negative figure (noise) keeps its sign.
ms() {
	local us=$1 sign=''
	(( us < 0 )) && sign=- us=$(( -us ))
	printf '%s%d.%d ms' "$sign" $(( us / 1000 )) $(( us / 100 % 10 ))
}

target()
{
	if (( $2 )); then
		printf '  %s: PASS\n' "$1"
	else
		printf '  %s: FAIL\n' "$1"
		missed=1
	fi
}

# A fake tree whose "QEMU" does nothing: what is left is the runner.
fake_tree()
{
	local t=$SCRATCH/fake n
	mkdir -p "$t/fake"
	# The fake QEMU stands for x86's: x86/run is the run script, and the
	# images carry the x86 ELF header line the fake QEMU skips.
	ln -s "$SRC/x86/run" "$t/fake/run"
	# shellcheck source=tests/runner/lib.bash
	. "$SRC/tests/runner/lib.bash"
	printf 'summary 1 tests\nexit 0\n' | image "$t/fake/pass.flat"
	printf 'sleep 0.25\nsummary 1 tests\nexit 0\n' | image "$t/fake/sleep.flat"
	printf 'SRCDIR=%s\nARCH=x86_64\nTEST_DIR=fake\nHOST=x86_64\nDEFAULT_ENVIRON=yes\nERRATATXT=%s/errata.txt\n' \
		"$SRC" "$SRC" > "$t/config.mak"
	for (( n = 1; n <= 100; n++ )); do
		# shellcheck disable=SC2016 # $MAX_SMP is for the cfg, not here
		printf '[test%d]\nfile = pass.flat\nsmp = $MAX_SMP\nextra_params = -cpu max -m 256 # comment\n' "$n"
		printf 'groups = g%d all\ntimeout = 30s\ntest_args = a b c\n\n' $(( n % 7 ))
	done > "$t/fake/unittests.cfg"
	for (( n = 1; n <= 20; n++ )); do
		printf '[t%d]\nfile = pass.flat\n' "$n"
	done > "$t/fake/twenty.cfg"
	for (( n = 1; n <= 20; n++ )); do
		printf '[s%d]\nfile = sleep.flat\n' "$n"
	done > "$t/fake/sleep.cfg"
	FAKE=$t
}

# The same, two at a time.
# shellcheck disable=SC2317 # called through time_us
direct_pairs()
{
	local img=$1 n
	for (( n = 0; n < 10; n++ )); do
		"$TEST_DIR/run" "$TEST_DIR/$img" -smp 1 > /dev/null 2>&1 &
		"$TEST_DIR/run" "$TEST_DIR/$img" -smp 1 > /dev/null 2>&1
		wait
	done
}

# big_cfg BYTES FILE: a cfg of about BYTES, of entries like the 100-entry one.
big_cfg()
{
	local n=0 size=0
	while (( size < $1 )); do
		# shellcheck disable=SC2016 # $MAX_SMP is for the cfg, not here
		printf '[test%d]\nfile = pass.flat\nsmp = $MAX_SMP\nextra_params = -cpu max -m 256 # comment\n' "$n"
		printf 'groups = g%d all\ntimeout = 30s\ntest_args = a b c\n\n' $(( n % 7 ))
		(( n++, size = n * 115 ))
	done > "$2"
}

# median_us US...: the median of the values, in REPLY.
median_us()
{
	local -a v
	mapfile -t v < <(printf '%s\n' "$@" | sort -n)
	REPLY=${v[${#v[@]} / 2]}
}

# Runs the run script on its own 20 times: the baseline for 20 tests.
# shellcheck disable=SC2317 # called through time_us
direct_runs()
{
	local img=$1 n
	for (( n = 0; n < 20; n++ )); do
		"$TEST_DIR/run" "$TEST_DIR/$img" -smp 1 > /dev/null 2>&1
	done
}

fake_tree
export QEMU=$SRC/tests/runner/fake/qemu
cd "$FAKE" || exit 2
TEST_DIR=fake
"$SRC/run_tests.sh" t1 --cfg fake/twenty.cfg > /dev/null 2>&1   # warm the probe cache

echo "fake QEMU ($ROUNDS rounds each)"
time_us "$SRC/run_tests.sh" -l
list=$REPLY
echo "  list 100-entry cfg: $(ms "$list")"
target "listing < 50 ms" $(( list < 50000 ))
time_us "$SRC/run_tests.sh" -l -g g3
echo "  list 100-entry cfg, one group: $(ms "$REPLY")"
# Listing grows linearly with the cfg's size: the 10 MB cfg may cost at most
# 1.5 times per MB what the 1 MB one does.
for mb in 1 2 4 10; do
	big_cfg $(( mb * 1000000 )) "$SCRATCH/big$mb.cfg"
	ROUNDS_SAVED=$ROUNDS ROUNDS=1
	(( mb == 1 )) && ROUNDS=3
	time_us "$SRC/run_tests.sh" -l --cfg "$SCRATCH/big$mb.cfg"
	ROUNDS=$ROUNDS_SAVED
	big[mb]=$REPLY
	echo "  list a $mb MB cfg ($(grep -c '^\[' "$SCRATCH/big$mb.cfg") entries): $(ms "$REPLY"), $(ms $(( REPLY / mb ))) per MB"
	rm -f "$SCRATCH/big$mb.cfg"
done
target "listing is linear (10 MB per MB <= 1.5 x 1 MB)" $(( big[10] * 2 <= big[1] * 30 ))

time_us direct_runs pass.flat
direct=$REPLY
time_us "$TEST_DIR/run" "$TEST_DIR/pass.flat" -smp 1
one_direct=$REPLY
time_us "$SRC/run_tests.sh" --cfg fake/twenty.cfg
runner=$REPLY
time_us "$SRC/run_tests.sh" t1 --cfg fake/twenty.cfg
one_runner=$REPLY
# Per test: what one more test adds through the runner beyond what it adds
# when run alone. Fixed: a whole one-test run's extra (start-up, cfg, logs).
per=$(( ((runner - one_runner) - (direct - one_direct)) / 19 ))
echo "  20 tests: run script alone $(ms "$direct"), through run_tests.sh $(ms "$runner")"
echo "  1 test: run script alone $(ms "$one_direct"), through run_tests.sh $(ms "$one_runner")"
echo "  runner overhead per test: $(ms "$per"); fixed per run: $(ms $(( one_runner - one_direct )))"
target "overhead per test <= 50 ms" $(( per <= 50000 ))
target "one-test run overhead <= 50 ms" $(( one_runner - one_direct <= 50000 ))

time_us "$SRC/run_tests.sh" --cfg fake/sleep.cfg -j 1
j1=$REPLY
time_us "$SRC/run_tests.sh" --cfg fake/sleep.cfg -j 2
j2=$REPLY
echo "  20 sleeping (0.25 s) tests: -j1 $(ms "$j1"), -j2 $(ms "$j2"), speed-up $(( j1 * 100 / j2 / 100 )).$(( j1 * 100 / j2 % 100 ))x"
target "-j2 >= 1.8x faster" $(( j1 * 10 >= j2 * 18 ))

cd "$BUILD" || exit 2
unset QEMU
TEST_DIR=''
if [[ -f config.mak ]]; then
	while IFS= read -r line; do
		[[ $line == TEST_DIR=* ]] && TEST_DIR=${line#TEST_DIR=}
	done < config.mak
fi
if [[ -n $TEST_DIR && -x $TEST_DIR/run && -f $TEST_DIR/selftest.flat ]]; then
	# TCG, the reference: the same for the run script and the runner.
	export ACCEL=${BENCH_ACCEL:-tcg}
	echo "real QEMU, $TEST_DIR/selftest.flat under $ACCEL ($ROUNDS rounds each)"
	printf '[selftest]\nfile = selftest.flat\n' > "$SCRATCH/one.cfg"
	for (( n = 1; n <= 20; n++ )); do
		printf '[selftest%d]\nfile = selftest.flat\n' "$n"
	done > "$SCRATCH/twenty.cfg"
	"$SRC/run_tests.sh" --cfg "$SCRATCH/one.cfg" > /dev/null 2>&1   # warm the probe cache
	# Interleaved, so that the machine's load changes both alike; medians.
	alone=() through=()
	for (( r = 0; r < 4 * ROUNDS + 1; r++ )); do
		time_one "$TEST_DIR/run" "$TEST_DIR/selftest.flat" -smp 1
		alone+=("$REPLY")
		time_one "$SRC/run_tests.sh" --cfg "$SCRATCH/one.cfg"
		through+=("$REPLY")
	done
	median_us "${alone[@]}"
	one_direct=$REPLY
	median_us "${through[@]}"
	echo "  one test (median of $(( 4 * ROUNDS + 1 )), interleaved): $TEST_DIR/run alone $(ms "$one_direct")," \
		"./run_tests.sh NAME $(ms "$REPLY") (overhead $(ms $(( REPLY - one_direct ))))"
	target "one-test run overhead <= 50 ms" $(( REPLY - one_direct <= 50000 ))
	ROUNDS=$(( ROUNDS > 2 ? 2 : ROUNDS ))
	time_us "$SRC/run_tests.sh" --cfg "$SCRATCH/twenty.cfg" -j 1
	j1=$REPLY
	time_us "$SRC/run_tests.sh" --cfg "$SCRATCH/twenty.cfg" -j 2
	j2=$REPLY
	echo "  20 selftests: -j1 $(ms "$j1"), -j2 $(ms "$j2"), speed-up $(( j1 * 100 / j2 / 100 )).$(( j1 * 100 / j2 % 100 ))x"
	# No target here: each TCG QEMU runs two threads, so what two CPUs allow
	# is the machine's ceiling (the same runs in pairs without the runner).
	time_us direct_runs selftest.flat
	j1=$REPLY
	time_us direct_pairs selftest.flat
	j2=$REPLY
	echo "  ceiling, $TEST_DIR/run alone: 20 in a row $(ms "$j1"), 10 pairs $(ms "$j2"), speed-up $(( j1 * 100 / j2 / 100 )).$(( j1 * 100 / j2 % 100 ))x"
else
	echo "real QEMU: skipped (no config.mak, $TEST_DIR/run or $TEST_DIR/selftest.flat here)"
fi
exit "$missed"
