#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64-boot.sh - how long an arm64 image takes from QEMU's start to its
# exit(0), against QEMU starting the same virt machine and quitting at once,
# and what arm/run (its console filter, the environ) adds on top.
#   bench/arm64-boot.sh [RUNS]     (default 21; needs arm/exit.flat: make, configured for arm64)
#
# The baseline is a 16-byte image whose first instruction calls PSCI
# SYSTEM_OFF: QEMU's start-up, machine creation and power-off, nothing else.
# arm/exit.flat does the whole boot path (device tree, console, memory
# regions, argv/environ, DTB move, MMU, both allocators) and exits from
# main. The four variants are interleaved and medians reported, because the
# machine may be shared and noisy. Exits 1 when boot-to-exit is over 1.10
# times the baseline.
set -u
cd "$(dirname "$0")/.." || exit 2
# shellcheck source=bench/boot-lib.bash
source bench/boot-lib.bash
runs=${1:-21}
qemu=$(command -v "${QEMU:-qemu-system-aarch64}") ||
	{ echo "no qemu-system-aarch64 (apt-get install qemu-system-arm)" >&2; exit 2; }
[ -f arm/exit.flat ] || { echo "build arm/exit.flat first (./configure --arch=arm64 && make)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# movz x0, #0x8; movk x0, #0x8400, lsl #16 (x0 = SYSTEM_OFF); hvc #0; b .
printf '\x00\x01\x80\xd2\x00\x80\xb0\xf2\x02\x00\x00\xd4\x00\x00\x00\x14' > "$tmp/off.bin"

opts=(-nodefaults -machine "virt,accel=tcg" -cpu max -display none -serial stdio -no-reboot -m 256)

export QEMU=$qemu ACCEL=tcg
boot_four_way arm64 "PSCI SYSTEM_OFF at the first insn" arm/exit.flat "$tmp/off.bin" arm/run
