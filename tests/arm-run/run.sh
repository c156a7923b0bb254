#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/arm-run) - arm/run and the arm64 boot code on their failure
# paths, with real QEMU under TCG: the status table of docs/architecture.md
# and the setup errors. Needs a tree configured for arm64 with the images
# built: `make check` runs it in the arm64 copy (scripts/check-arch.sh).
set -u
cd "$(dirname "$0")/../.." || exit 2

EXPECT_NAME=arm-run
# shellcheck source=tests/host/expect.bash
source tests/host/expect.bash

if [ "$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)" != arm64 ] || [ ! -f arm/selftest.flat ]; then
	echo "SKIP: arm-run: needs a tree configured for arm64 with arm/selftest.flat built"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
# Under TCG, the reference, unless the caller (ACCEL=kvm make check) asks otherwise.
export ACCEL=${ACCEL:-tcg}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$EXPECT_OUT"' EXIT

# Two raw images behind a Linux arm64 Image header (its first instruction
# branches over the 64-byte header, "ARM\x64" at offset 56, image_size 0 so
# QEMU loads it where it loads a raw image), which arm/run asks for: one
# powers off through PSCI at once (hvc #0 with x0 = SYSTEM_OFF), one spins.
arm64_image() {
	printf '\x10\x00\x00\x14'
	head -c 52 /dev/zero
	printf 'ARM\x64\0\0\0\0%b' "$1"
}
arm64_image '\x00\x01\x80\xd2\x00\x80\xb0\xf2\x02\x00\x00\xd4\x00\x00\x00\x14' > "$tmp/off.flat"
arm64_image '\x00\x00\x00\x14' > "$tmp/spin.flat"

expect 0 '^SUMMARY: [0-9]+ tests' "a passing run exits 0" -- \
	arm/run arm/selftest.flat -smp 2 -m 256 -append 'setup smp=2 mem=256'
expect 1 'FAIL: ' "a failing check exits 1 and prints FAIL" -- \
	arm/run arm/selftest.flat -m 256 -append 'setup mem=512'
expect 64 'ESR .*UNKNOWN' "an undefined instruction nobody handles prints ESR and aborts" -- \
	timeout 30 arm/run arm/selftest.flat -append unexpected
expect 64 'ELR' "the unexpected exception names ELR" -- timeout 30 arm/run arm/selftest.flat -append unexpected
expect 3 '' "a power-off without a status line is 'no status', not a pass" -- arm/run "$tmp/off.flat"
expect 124 '' "a spinning guest is killed at TIMEOUT" -- env TIMEOUT=2 arm/run "$tmp/spin.flat"
expect 2 "QEMU binary 'no-such-qemu' not found; on Debian: apt-get install qemu-system-arm" \
	"a missing QEMU is a setup error naming the package" -- env QEMU=no-such-qemu arm/run arm/selftest.flat
expect 2 'ACCEL=kvm, but KVM is not usable' "ACCEL=kvm without KVM is a setup error" -- \
	env ACCEL=kvm KVM_DEVICE=/nonexistent arm/run arm/selftest.flat
expect 2 'qemu-system-aarch64: .*-no-such-option' "a bad QEMU option is a setup error" -- \
	arm/run arm/selftest.flat -no-such-option
expect_end
