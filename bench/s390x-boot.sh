#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# s390x-boot.sh - how long an s390x image takes from QEMU's start to its
# exit(0), against QEMU starting the same s390-ccw-virtio machine and
# quitting at once, and what s390x/run (its console filter, the environ)
# adds on top.
#   bench/s390x-boot.sh [RUNS]     (default 21; needs s390x/exit.elf: make, configured for s390x)
#
# The baseline is a 24-byte raw image whose first instructions SIGP-stop
# its own CPU: QEMU's start-up, machine creation and shutdown, nothing
# else. s390x/exit.elf does the whole boot path (SCLP console and read
# info, argv/environ, both allocators, the identity map and DAT) and exits
# from main with the EXIT line and SIGP stop. Both get the same options.
# The four variants are interleaved and medians reported, because the
# machine may be shared and noisy. Exits 1 when boot-to-exit is over 1.10
# times the baseline.
set -u
cd "$(dirname "$0")/.." || exit 2
# shellcheck source=bench/boot-lib.bash
source bench/boot-lib.bash
runs=${1:-21}
qemu=$(command -v "${QEMU:-qemu-system-s390x}") ||
	{ echo "no qemu-system-s390x (apt-get install qemu-system-misc)" >&2; exit 2; }
[ -f s390x/exit.elf ] || { echo "build s390x/exit.elf first (./configure --arch=s390x && make)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Short IPL PSW (start at 0x8); stap 0x100; lh %r3,0x100; sigp %r0,%r3,5 (stop); j .
printf '\x00\x08\x00\x00\x80\x00\x00\x08\xb2\x12\x01\x00\x48\x30\x01\x00\xae\x03\x00\x05\xa7\xf4\x00\x00' \
	> "$tmp/stop.bin"

opts=(-nodefaults -nographic -machine s390-ccw-virtio -accel tcg -chardev "stdio,id=con0"
	-device "sclpconsole,chardev=con0" -no-reboot -m 256)

export QEMU=$qemu ACCEL=tcg
boot_four_way s390x "SIGP stop at the first insns" s390x/exit.elf "$tmp/stop.bin" s390x/run
