#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/riscv-run) - riscv/run and the riscv64 boot code on their
# failure paths, with real QEMU under TCG: the status table of
# docs/architecture.md and the setup errors. Needs a tree configured for
# riscv64 with the images built: `make check` runs it in the riscv64 copy
# (scripts/check-arch.sh).
set -u
cd "$(dirname "$0")/../.." || exit 2

EXPECT_NAME=riscv-run
# shellcheck source=tests/host/expect.bash
source tests/host/expect.bash

if [ "$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)" != riscv64 ] || [ ! -f riscv/selftest.flat ]; then
	echo "SKIP: riscv-run: needs a tree configured for riscv64 with riscv/selftest.flat built"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
# Under TCG, the reference, unless the caller (ACCEL=kvm make check) asks otherwise.
export ACCEL=${ACCEL:-tcg}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$EXPECT_OUT"' EXIT

# Two raw images OpenSBI enters at 0x80200000, in the Linux RISC-V Image
# header's place (two instructions, then "RISCV" at 48 and "RSC\x05" at 56),
# as the tests' images have it: one shuts down at once through the legacy
# SBI call (li a7, 8; ecall), one spins (j .).
riscv_image() {
	printf '%b' "$1"
	head -c 40 /dev/zero
	printf 'RISCV\0\0\0RSC\x05\0\0\0\0'
}
riscv_image '\x93\x08\x80\x00\x73\x00\x00\x00' > "$tmp/off.flat"
riscv_image '\x6f\x00\x00\x00\x00\x00\x00\x00' > "$tmp/spin.flat"

expect 0 '^SUMMARY: [0-9]+ tests' "a passing run exits 0" -- \
	riscv/run riscv/selftest.flat -smp 2 -m 256 -append 'setup smp=2 mem=256'
expect 1 'FAIL: ' "a failing check exits 1 and prints FAIL" -- \
	riscv/run riscv/selftest.flat -m 256 -append 'setup mem=512'
expect 64 'scause 0x2 = illegal instruction' "an illegal instruction nobody handles names scause and aborts" -- \
	timeout 30 riscv/run riscv/selftest.flat -append unexpected
expect 64 'STACK: pc=@' "the unexpected trap shows a backtrace" -- \
	timeout 30 riscv/run riscv/selftest.flat -append unexpected
expect 3 '' "a shutdown without a status line is 'no status', not a pass" -- timeout 30 riscv/run "$tmp/off.flat"
expect 124 '' "a spinning guest is killed at TIMEOUT" -- env TIMEOUT=2 riscv/run "$tmp/spin.flat"
expect 2 "QEMU binary 'no-such-qemu' not found; on Debian: apt-get install qemu-system-misc" \
	"a missing QEMU is a setup error naming the package" -- env QEMU=no-such-qemu riscv/run riscv/selftest.flat
expect 2 'qemu-system-riscv64: .*-no-such-option' "a bad QEMU option is a setup error" -- \
	riscv/run riscv/selftest.flat -no-such-option
expect 2 "no test image 'riscv/none.flat'" "a missing image is a setup error" -- riscv/run riscv/none.flat
expect_end
