#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/x86-run) - x86/run and the x86 boot code on their failure
# paths, with real QEMU under TCG: every status of the table in
# docs/architecture.md, the messages a user sees, and the setup errors.
# Needs a tree configured for x86_64 and x86/selftest.flat built.
set -u
cd "$(dirname "$0")/../.." || exit 2

EXPECT_NAME=x86-run
# shellcheck source=tests/host/expect.bash
source tests/host/expect.bash
# shellcheck source=tests/host/alloc-misuse.bash
source tests/host/alloc-misuse.bash
out=$EXPECT_OUT

if [ "$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)" != x86_64 ] || [ ! -f x86/selftest.flat ]; then
	echo "SKIP: x86-run: needs a tree configured for x86_64 with x86/selftest.flat built"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
# Under TCG, the reference, unless the caller (ACCEL=kvm make check) asks otherwise.
export ACCEL=${ACCEL:-tcg}

expect 0 '^SUMMARY: [0-9]+ tests$' "a passing run exits 0" -- \
	x86/run x86/selftest.flat -smp 2 -m 256 -append 'mem=256 smp=2'
expect 1 'FAIL: memory: fw_cfg RAM size' "a failing check exits 1 and prints FAIL" -- \
	x86/run x86/selftest.flat -m 256 -append 'mem=512'
expect 64 'Unhandled exception 6 #UD at ip [0-9a-f]{16}' "ud2 without a handler names #UD, vector, RIP" -- \
	timeout 20 x86/run x86/selftest.flat -append ud2
expect 64 'STACK: pc=@[0-9a-f]+ @[0-9a-f]+' "an unexpected exception prints a backtrace from its pc" -- \
	timeout 20 x86/run x86/selftest.flat -append ud2
expect 64 'selftest.c:[0-9]+: assert failed: argc < 0: on purpose' "a failed assert aborts with 64" -- \
	x86/run x86/selftest.flat -append assert
expect 64 'Unhandled exception 14 #PF at ip .*address 0000008000000000' \
	"a fault inside printf is still reported, not a hang on its lock" -- \
	timeout 20 x86/run x86/selftest.flat -append printf-fault
expect 64 'Unhandled exception 8 #DF' "a stack overflow hits the guard page and is reported as #DF" -- \
	timeout 20 x86/run x86/selftest.flat -append stack-overflow
expect 77 '' "exit(77) is a skip" -- x86/run x86/selftest.flat -append exit=77
expect 5 '' "exit(5) comes through as 5" -- x86/run x86/selftest.flat -append exit=5
expect 118 '' "exit(118), the largest code, comes through" -- x86/run x86/selftest.flat -append exit=118
expect 1 'exit\(200\): the code is out of range \(0 to 118\)' "exit(200), out of range, is a failure naming the code" -- \
	x86/run x86/selftest.flat -append exit=200
expect 1 'the guest exited with 3, a status reserved for the run' "a guest's exit(3) is a failure, not 'no status'" -- \
	x86/run x86/selftest.flat -append exit=3
expect 1 'the guest exited with 2, a status reserved for the run' "a guest's exit(2) is a failure, not a setup error" -- \
	x86/run x86/selftest.flat -append exit=2
expect 3 '' "a triple fault is 'no status', not a pass" -- x86/run x86/selftest.flat -append triple-fault
expect 124 '' "TIMEOUT=1.0001 is a duration for x86/run as for the runner" -- \
	env TIMEOUT=1.0001 x86/run x86/selftest.flat -append hang
# No process of a run outlives it: in a session of its own, nothing but ps is left.
left=$(setsid bash -c './x86-run x86/exit.flat > /dev/null 2>&1; ps -g $$ -o pid=,args= | grep -v " ps -g "')
if [ -z "$left" ]; then
	expect_ok "./x86-run leaves no process of its session behind"
else
	expect_bad "./x86-run left: $left"
fi
# Images of another machine, or none, are refused before QEMU starts.
expect 2 "is not a s390x test image: an ELF for machine 3, not 22" "an x86 .flat to s390x/run: exit 2 naming it" -- \
	s390x/run x86/exit.flat
garbage=$(mktemp)
printf 'garbage %.0s' {1..100} > "$garbage"
expect 2 "no ELF header and no short IPL PSW" "garbage to s390x/run: exit 2 naming it" -- s390x/run "$garbage"
expect 2 "no ELF header and no arm64 Image magic" "garbage to arm/run: exit 2 naming it" -- arm/run "$garbage"
rm -f "$garbage"
expect 2 "is not a arm64 test image: an ELF for machine 3, not 183" "an x86 .flat to arm/run: exit 2 naming it" -- \
	arm/run x86/exit.flat
expect 2 "is not a x86_64 test image: an ELF for machine 62" "the 64-bit .elf to x86/run: exit 2 naming it" -- \
	x86/run x86/exit.elf
expect 124 'terminating on signal 15|timeout' "a hung guest is killed at TIMEOUT" -- \
	env TIMEOUT=2 x86/run x86/selftest.flat -append hang
# SIGTERM to x86/run alone (not its group): QEMU must not outlive it, nor its FIFOs.
x86/run x86/selftest.flat -append "hang marker-$$" > /dev/null 2>&1 &
pid=$!
for _ in $(seq 50); do pgrep -f "marker-$$" > /dev/null && break; sleep 0.1; done
sleep 0.3
kill -TERM "$pid"
wait "$pid"
st=$?
sleep 1
if [ "$st" -eq 143 ] && ! pgrep -f "marker-$$" > /dev/null && ! ls "${TMPDIR:-/tmp}"/kut-run."$pid".* > /dev/null 2>&1; then
	expect_ok "SIGTERM to x86/run alone: status 143, its QEMU and FIFOs are gone"
else
	expect_bad "SIGTERM to x86/run alone: status $st; QEMU left: $(pgrep -f "marker-$$" | tr '\n' ' ')"
	pkill -f "marker-$$"
fi
expect 120 '^STOPPED: guest panic reported to QEMU$' "a guest panic (pvpanic) ends the run at once, with its reason" -- \
	timeout 20 x86/run x86/selftest.flat -device pvpanic -append panic
expect 0 '^PASS: argv: no -append: __args is empty$' "the selftest passes with no arguments at all" -- \
	x86/run x86/selftest.flat
expect 0 'qboot\.rom' "qboot is the default firmware" -- x86/run x86/exit.flat
expect 0 '^PASS: acpi: the RSDT lists a valid MADT$' "SeaBIOS stays a choice (FIRMWARE=seabios), ACPI included" -- \
	env FIRMWARE=seabios x86/run x86/selftest.flat
grep -q 'qboot' "$out" && expect_bad "FIRMWARE=seabios still passed qboot.rom"
expect 2 "FIRMWARE='nonsense' is not qboot, seabios or the path of a ROM" "an unknown FIRMWARE is a setup error" -- \
	env FIRMWARE=nonsense x86/run x86/exit.flat
expect 0 ' -cpu qemu64 ' "CPU picks the CPU model" -- env CPU=qemu64 x86/run x86/exit.flat
expect 2 "QEMU binary 'no-such-qemu' not found; on Debian: apt-get install qemu-system-x86" \
	"a missing QEMU is a setup error naming the package" -- env QEMU=no-such-qemu x86/run x86/selftest.flat
expect 2 'ACCEL=kvm, but KVM is not usable' "ACCEL=kvm without KVM is a setup error" -- \
	env ACCEL=kvm KVM_DEVICE=/nonexistent x86/run x86/selftest.flat
expect 2 "no test image 'x86/nope.flat'" "a missing image is a setup error" -- x86/run x86/nope.flat
expect 2 'qemu-system-x86_64: .*-no-such-option' "a bad QEMU option is a setup error" -- \
	x86/run x86/selftest.flat -no-such-option
expect 0 "^/[^ ]*qemu-system-x86_64 .*-append 'mem=128 smp=1'" "the command line comes first, quoted" -- \
	x86/run x86/selftest.flat -m 128 -append 'mem=128 smp=1'

# The runner resolves a failed test's backtraces to source lines in its log.
cfgdir=$(mktemp -d)
printf '[ud]\nfile = selftest.flat\ntest_args = ud2\n' > "$cfgdir/ud.cfg"
expect 1 '^FAIL ud \(aborted: Unhandled exception 6 #UD' "run_tests.sh reports the abort's cause" -- \
	env LOG_DIR="$cfgdir/logs" ./run_tests.sh --cfg "$cfgdir/ud.cfg"
expect 0 'misbehave at .*x86/selftest.c:[0-9]+' "the log has the backtrace as function, file and line" -- \
	cat "$cfgdir/logs/ud.log"
printf '[panic]\nfile = selftest.flat\nextra_params = -device pvpanic\ntest_args = panic\ntimeout = 30\n' \
	> "$cfgdir/panic.cfg"
expect 1 '^CRASH panic \(guest panic reported to QEMU\)$' "run_tests.sh reports a stopped VM as a crash, with why" -- \
	env LOG_DIR="$cfgdir/logs" ./run_tests.sh --cfg "$cfgdir/panic.cfg"
expect 1 'message: "guest panic reported to QEMU"' "the TAP diagnostics carry the reason" -- \
	env LOG_DIR="$cfgdir/logs" ./run_tests.sh -t --cfg "$cfgdir/panic.cfg"
expect 1 '' "JUnit is written for it" -- \
	env LOG_DIR="$cfgdir/logs" ./run_tests.sh --junit "$cfgdir/junit.xml" --cfg "$cfgdir/panic.cfg"
expect 0 '<failure [^>]*guest panic reported to QEMU' "the JUnit failure carries the reason" -- cat "$cfgdir/junit.xml"
rm -rf "$cfgdir"

# A tree whose path holds a blank: multiboot splits -initrd at blanks and
# starts the guest's command line with the kernel's path (issue 9).
blank=$(mktemp -d)/"tree with blanks"
mkdir -p "$blank/x86" "$blank/scripts"
cp x86/run x86/selftest.flat "$blank/x86/"
cp scripts/*.bash scripts/arch.tbl "$blank/scripts/"
cp errata.txt "$blank/"
sed "s|^SRCDIR=.*|SRCDIR=$blank|; s|^ERRATATXT=.*|ERRATATXT=$blank/errata.txt|" config.mak > "$blank/config.mak"
ln -s x86/run "$blank/x86-run"
cfgblank=$blank/one.cfg
printf '[selftest]\nfile = selftest.flat\nsmp = 2\nextra_params = -m 256\ntest_args = mem=256 smp=2 one two\n' > "$cfgblank"
expect 0 '^SUMMARY: [0-9]+ tests$' "./x86-run in a tree whose path has blanks" -- \
	env -C "$blank" ./x86-run x86/selftest.flat -m 128 -append 'mem=128 smp=1'
expect 0 '^SUMMARY: [0-9]+ tests$' "x86/run with an image path that has blanks" -- \
	x86/run "$blank/x86/selftest.flat" -m 128 -append 'mem=128 smp=1'
expect 5 '' "an -initrd path with blanks is one file" -- \
	x86/run x86/selftest.flat -initrd "$blank/errata.txt" -append exit=5
expect 0 '^PASS selftest ' "run_tests.sh with a LOG_DIR whose path has blanks" -- \
	env LOG_DIR="$blank/log dir" ./run_tests.sh --cfg "$cfgblank" selftest
rm -rf "${blank%/*}"

# A new test file builds with no Makefile edit, and one failing report fails the run.
new=x86/zz-new-test-$$
trap 'rm -f "$out" "$new".c "$new".elf "$new".flat build/x86_64/tests/"${new#x86/}".[od]' EXIT
cat > "$new.c" <<'C'
#include "libcflat.h"
int main(int argc, char **argv)
{
	report(argc == 1, "no arguments");
	report(false, "fails on purpose");
	return report_summary();
}
C
if make -s "$new.flat" > "$out" 2>&1; then
	expect_ok "make $new.flat builds a new test with no Makefile edit"
	expect 1 'FAIL: fails on purpose' "one failing report makes the run exit 1" -- x86/run "$new.flat"
	expect 1 '^SUMMARY: 2 tests, 1 unexpected failures$' "its SUMMARY counts the failure" -- x86/run "$new.flat"
else
	expect_bad "make $new.flat failed"
fi

# make install quotes PREFIX: a blank is part of the path; a quote is refused
# before anything is written, by make and by configure.
inst=$(mktemp -d)
expect 0 '' "make install PREFIX='.../some dir'" -- make -s install PREFIX="$inst/some dir"
if [ -f "$inst/some dir/share/kvm-unit-tests/tests/selftest" ] && [ ! -e "$inst/some" ] && [ ! -e dir ]; then
	expect_ok "make install PREFIX with a blank: installed there, nothing elsewhere"
else
	expect_bad "make install PREFIX with a blank: $(ls "$inst") $(ls -d dir 2>/dev/null)"
fi
expect 2 "PREFIX and DESTDIR must not hold a single quote" "make install PREFIX with a quote is refused" -- \
	make -s install PREFIX="$inst/it's"
if [ ! -e "$inst/it's" ]; then
	expect_ok "make install PREFIX with a quote: nothing written"
else
	expect_bad "make install PREFIX with a quote wrote $inst/it's"
fi
cp config.mak "$inst/config.mak.before"
expect 1 "a quote or a newline cannot be part of the path" "configure --prefix with a quote is refused" -- \
	./configure --prefix="$inst/it's"
if cmp -s config.mak "$inst/config.mak.before"; then
	expect_ok "configure --prefix with a quote: config.mak untouched"
else
	expect_bad "configure --prefix with a quote changed config.mak"
fi
rm -rf "$inst"

# The allocator's misuse checks (tests/host/alloc-misuse.bash).
if make -s x86/alloc.flat > "$out" 2>&1; then
	alloc_misuse_all x86/run x86/alloc.flat -m 256
else
	expect_bad "make x86/alloc.flat failed"
fi

expect_end
