#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/compat-arm64) - the compatibility fixture: kut_api.c and
# kut_api2.c, guest tests written only against kvm-unit-tests' arm API,
# must build unchanged and pass. They are built in an arm64-configured copy
# of the tree (as build/compat-arm64/arm/kut_api*.c) and run under TCG:
# kut_api on a GICv2 and a GICv3 machine, kut_api2 with pci-testdev on both.
# Skips when the arm64 cross compiler or QEMU is missing.
set -u
cd "$(dirname "$0")/../.." || exit 2

EXPECT_NAME=compat-arm64
# shellcheck source=tests/host/expect.bash
source tests/host/expect.bash

if ! command -v qemu-system-aarch64 > /dev/null; then
	echo "SKIP: compat-arm64: qemu-system-aarch64 is not installed (Debian package qemu-system-arm)"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
dir=build/compat-arm64
rm -rf "$dir"
mkdir -p "$dir"
git ls-files -z --cached --others --exclude-standard | grep -zv '^build/' |
	tar -c --null -T - -f - | tar -x -C "$dir" -f - ||
	{ echo "compat-arm64: could not copy the tree to $dir"; echo "0 passed, 1 failed"; exit 1; }
cd "$dir" || exit 2
if ! out=$(./configure --arch=arm64 2>&1); then
	echo "SKIP: compat-arm64: no arm64 compiler: $out"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
cp tests/compat-arm64/kut_api.c arm/kut_api.c
cp tests/compat-arm64/kut_api2.c arm/kut_api2.c
export ACCEL=tcg TIMEOUT=60s

expect 0 '' "kut_api.c builds unchanged against the asm/ headers" -- make -s arm/kut_api.flat
for gic in 2 3; do
	expect 0 '^SUMMARY: [0-9]+ tests$' "kut_api passes on GICv$gic with 4 CPUs" -- \
		arm/run arm/kut_api.flat -smp 4 -machine gic-version=$gic -append 'smp=4'
done
expect 0 'PASS: start_usr runs the function in user mode' "and exits from user mode" -- \
	arm/run arm/kut_api.flat -smp 2 -append 'smp=2'
expect 0 '' "kut_api2.c builds unchanged (sysregs by encoding, fdt, pci, vmalloc, secondary_data)" -- \
	make -s arm/kut_api2.flat
expect 0 '^SUMMARY: [0-9]+ tests, 1 skipped$' "kut_api2 passes with 2 CPUs and pci-testdev (GICv2: no ITS)" -- \
	arm/run arm/kut_api2.flat -smp 2 -device pci-testdev
expect 0 'PASS: its: MAPD, MAPC' "and on GICv3 with its ITS" -- \
	arm/run arm/kut_api2.flat -smp 2 -device pci-testdev -machine gic-version=3
expect_end
