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

# Two raw images (arm64: with the Linux arm64 header's place left empty, so
# QEMU loads them at the start of RAM and runs them): one powers off through
# PSCI at once (hvc #0 with x0/r0 = SYSTEM_OFF), one spins. What the
# unexpected exception names, and QEMU's name, differ by arch.
if [ "$arch" = arm64 ]; then
	printf '\x00\x01\x80\xd2\x00\x80\xb0\xf2\x02\x00\x00\xd4\x00\x00\x00\x14' > "$tmp/off.flat"
	printf '\x00\x00\x00\x14' > "$tmp/spin.flat"
	unexpected='ESR .*UNKNOWN' unexpected_what="prints ESR" where='ELR' where_what=ELR
	qemu="qemu-system-aarch64"
else
	# ldr r0, [pc] (the word after hvc); hvc #0; .word SYSTEM_OFF -- and b .
	printf '\x00\x00\x9f\xe5\x70\x00\x40\xe1\x08\x00\x00\x84' > "$tmp/off.flat"
	printf '\xfe\xff\xff\xea' > "$tmp/spin.flat"
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
