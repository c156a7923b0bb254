#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/arm-run) - arm/run and the arm64 or arm boot code on their
# failure paths, with real QEMU under TCG: the status table of
# docs/architecture.md and the setup errors. Needs a tree configured for
# arm64 or arm with the images built: `make check` runs it in the arm64 and
# arm copies (scripts/check-arch.sh).
set -u
cd "$(dirname "$0")/../.." || exit 2

EXPECT_NAME=arm-run
# shellcheck source=tests/host/expect.bash
source tests/host/expect.bash

arch=$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)
if [[ $arch != arm64 && $arch != arm ]] || [ ! -f arm/selftest.flat ]; then
	echo "SKIP: arm-run: needs a tree configured for arm64 or arm with arm/selftest.flat built"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
# Under TCG, the reference, unless the caller (ACCEL=kvm make check) asks otherwise.
export ACCEL=${ACCEL:-tcg}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$EXPECT_OUT"' EXIT

# Two raw images behind the header arm/run asks for, one that powers off
# through PSCI at once (hvc #0 with x0/r0 = SYSTEM_OFF), one that spins.
# arm64: a Linux arm64 Image header (its first instruction branches over the
# 64 bytes, "ARM\x64" at offset 56, image_size 0 so QEMU loads it where it
# loads a raw image). arm: a zImage-style header (eight no-ops, a branch to
# offset 0x34, the magic 0x016f2818 at 0x24, start and end 0, the byte order
# mark), as lib/arm/cstart.S has. What the unexpected exception names, and
# QEMU's name, differ by arch.
arm64_image() {
	printf '\x10\x00\x00\x14'
	head -c 52 /dev/zero
	printf 'ARM\x64\0\0\0\0%b' "$1"
}
arm_image() {
	# mov r0, r0 eight times: printf repeats its format for each argument.
	printf '\x00\x00\xa0\xe1%.0s' 1 2 3 4 5 6 7 8
	printf '\x03\x00\x00\xea\x18\x28\x6f\x01'
	head -c 8 /dev/zero
	printf '\x01\x02\x03\x04%b' "$1"
}
if [ "$arch" = arm64 ]; then
	arm64_image '\x00\x01\x80\xd2\x00\x80\xb0\xf2\x02\x00\x00\xd4\x00\x00\x00\x14' > "$tmp/off.flat"
	arm64_image '\x00\x00\x00\x14' > "$tmp/spin.flat"
	unexpected='ESR .*UNKNOWN' unexpected_what="prints ESR" where='ELR' where_what=ELR
	qemu="qemu-system-aarch64"
else
	# ldr r0, [pc] (the word after hvc); hvc #0; .word SYSTEM_OFF -- and b .
	arm_image '\x00\x00\x9f\xe5\x70\x00\x40\xe1\x08\x00\x00\x84' > "$tmp/off.flat"
	arm_image '\xfe\xff\xff\xea' > "$tmp/spin.flat"
	unexpected='vector und' unexpected_what="names the UND vector" where='pc [0-9a-f]{8}' where_what="its pc"
	qemu="qemu-system-arm"
fi

expect 0 '^SUMMARY: [0-9]+ tests' "a passing run exits 0" -- \
	arm/run arm/selftest.flat -smp 2 -m 256 -append 'setup smp=2 mem=256'
expect 1 'FAIL: ' "a failing check exits 1 and prints FAIL" -- \
	arm/run arm/selftest.flat -m 256 -append 'setup mem=512'
expect 64 "$unexpected" "an undefined instruction nobody handles $unexpected_what and aborts" -- \
	timeout 30 arm/run arm/selftest.flat -append unexpected
expect 64 "$where" "the unexpected exception names $where_what" -- timeout 30 arm/run arm/selftest.flat -append unexpected
expect 3 '' "a power-off without a status line is 'no status', not a pass" -- arm/run "$tmp/off.flat"
expect 124 '' "a spinning guest is killed at TIMEOUT" -- env TIMEOUT=2 arm/run "$tmp/spin.flat"
expect 2 "QEMU binary 'no-such-qemu' not found; on Debian: apt-get install qemu-system-arm" \
	"a missing QEMU is a setup error naming the package" -- env QEMU=no-such-qemu arm/run arm/selftest.flat
expect 2 'ACCEL=kvm, but KVM is not usable' "ACCEL=kvm without KVM is a setup error" -- \
	env ACCEL=kvm KVM_DEVICE=/nonexistent arm/run arm/selftest.flat
expect 2 "$qemu: .*-no-such-option" "a bad QEMU option is a setup error" -- \
	arm/run arm/selftest.flat -no-such-option
expect_end
