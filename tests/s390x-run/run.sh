#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/s390x-run) - s390x/run and the s390x boot code on their
# failure paths, with real QEMU under TCG: the status table of
# docs/architecture.md and the setup errors. Needs a tree configured for
# s390x with the images built: `make check` runs it in the s390x copy
# (scripts/check-arch.sh).
set -u
cd "$(dirname "$0")/../.." || exit 2

EXPECT_NAME=s390x-run
# shellcheck source=tests/host/expect.bash
source tests/host/expect.bash
# shellcheck source=tests/host/alloc-misuse.bash
source tests/host/alloc-misuse.bash

if [ "$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)" != s390x ] || [ ! -f s390x/selftest.elf ]; then
	echo "SKIP: s390x-run: needs a tree configured for s390x with s390x/selftest.elf built"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
export ACCEL=tcg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$EXPECT_OUT"' EXIT

# Raw images, which QEMU loads at 0 and starts at the address of their
# short IPL PSW (bytes 0-7; here 0x8). stop.bin stores its CPU address
# and SIGP-stops itself; dwait.bin loads a disabled-wait PSW (a crash);
# spin.bin branches to itself.
raw_image() {
	printf '\x00\x08\x00\x00\x80\x00\x00\x08%b' "$1"
}
# stap 0x100; lh %r3,0x100; sigp %r0,%r3,5 (stop); j .
raw_image '\xb2\x12\x01\x00\x48\x30\x01\x00\xae\x03\x00\x05\xa7\xf4\x00\x00' > "$tmp/stop.bin"
# lpswe 0x10; pad; the PSW at 0x10: 64-bit, wait, address 0x1234
raw_image '\xb2\xb2\x00\x10\x00\x00\x00\x00\x00\x02\x00\x01\x80\x00\x00\x00\x00\x00\x00\x00\x00\x00\x12\x34' \
	> "$tmp/dwait.bin"
raw_image '\xa7\xf4\x00\x00' > "$tmp/spin.bin"
# The same crash after a while (llilh %r1,0x400; brct %r1,.), once QEMU's
# monitor is up: its panic event then gives the PSW.
raw_image '\xa5\x1e\x04\x00\xa7\x16\x00\x00\xb2\xb2\x00\x18\x00\x00\x00\x00\x00\x02\x00\x01\x80\x00\x00\x00\x00\x00\x00\x00\x00\x00\x12\x34' \
	> "$tmp/dwait-late.bin"

expect 0 '^SUMMARY: [0-9]+ tests' "a passing run exits 0" -- \
	s390x/run s390x/selftest.elf -smp 2 -m 256 -append 'setup smp=2 mem=256'
expect 1 'FAIL: ' "a failing check exits 1 and prints FAIL" -- \
	s390x/run s390x/selftest.elf -m 256 -append 'setup mem=512'
expect 64 'code 0x1 \(operation\), instruction at 0x[0-9a-f]+' \
	"an operation exception nobody handles prints its code and address and aborts" -- \
	timeout 30 s390x/run s390x/selftest.elf -append unexpected
expect 64 'old PSW=[0-9a-f]{16} [0-9a-f]{16}' "the unexpected interruption prints the old PSW" -- \
	timeout 30 s390x/run s390x/selftest.elf -append unexpected
expect 64 'STACK: pc=@[0-9a-f]+ @' "and a backtrace" -- timeout 30 s390x/run s390x/selftest.elf -append unexpected
expect 64 'on CPU 1: code 0x1 \(operation\)' "an unexpected interruption on a secondary CPU names it and aborts" -- \
	timeout 30 s390x/run s390x/selftest.elf -smp 2 -append unexpected-smp
expect 64 'unknown sub-test' "a bad argument aborts naming it" -- s390x/run s390x/selftest.elf -append nonsense
expect 3 '' "a SIGP stop without a status line is 'no status', not a pass" -- timeout 10 s390x/run "$tmp/stop.bin"
expect 120 '^STOPPED: guest panic reported to QEMU' "a crash into a disabled wait ends the run at once as a stopped VM" -- \
	timeout 10 s390x/run "$tmp/dwait.bin"
expect 120 '^STOPPED: guest panic reported to QEMU: disabled-wait at PSW address 0x1234$' \
	"a later crash into a disabled wait names the wait PSW" -- timeout 20 s390x/run "$tmp/dwait-late.bin"
expect 124 '' "a spinning guest is killed at TIMEOUT" -- env TIMEOUT=2 s390x/run "$tmp/spin.bin"
expect 2 "QEMU binary 'no-such-qemu' not found; on Debian: apt-get install qemu-system-misc" \
	"a missing QEMU is a setup error naming the package" -- env QEMU=no-such-qemu s390x/run s390x/selftest.elf
expect 2 'ACCEL=kvm, but KVM is not usable' "ACCEL=kvm without KVM is a setup error" -- \
	env ACCEL=kvm KVM_DEVICE=/nonexistent s390x/run s390x/selftest.elf
expect 2 'qemu-system-s390x: .*-no-such-option' "a bad QEMU option is a setup error" -- \
	s390x/run s390x/selftest.elf -no-such-option
expect 2 'kernel command line exceeds maximum size: [0-9]+ > 4096' \
	"a command line longer than the image's area (0x10430) is refused by QEMU" -- \
	s390x/run s390x/selftest.elf -append "setup $(printf '%05000d' 0)"
expect 2 "no test image 's390x/none.elf'" "a missing image is a setup error" -- s390x/run s390x/none.elf
alloc_misuse_all s390x/run s390x/alloc.elf -m 256
expect_end
