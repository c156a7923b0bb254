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

# One run's wall time in microseconds, output discarded. EPOCHREALTIME: no fork to read the clock.
time_us() {
	local t0=${EPOCHREALTIME/./} t1
	"$@" > /dev/null 2>&1
	t1=${EPOCHREALTIME/./}
	echo $(( t1 - t0 ))
}

median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

export QEMU=$qemu ACCEL=tcg
run_cmd=(s390x/run s390x/exit.elf -m 256)
# The QEMU command s390x/run prints first (with the environ it adds), to run it without the script.
read -r direct < <("${run_cmd[@]}" 2>/dev/null)
[[ $direct == *qemu-system-s390x* ]] || { echo "s390x/run did not print its QEMU command" >&2; exit 2; }

for f in base test direct run; do : > "$tmp/$f"; done
for ((i = 0; i < runs; i++)); do
	time_us "$qemu" "${opts[@]}" -kernel "$tmp/stop.bin" >> "$tmp/base"
	time_us "$qemu" "${opts[@]}" -kernel s390x/exit.elf >> "$tmp/test"
	time_us eval "$direct" >> "$tmp/direct"
	time_us "${run_cmd[@]}" >> "$tmp/run"
done

awk -v runs="$runs" -v base="$(median "$tmp/base")" -v test="$(median "$tmp/test")" \
	-v direct="$(median "$tmp/direct")" -v run="$(median "$tmp/run")" 'BEGIN {
	printf "%-56s %8s\n", "s390x, TCG, -m 256: median of " runs " runs", "ms"
	printf "%-56s %8.1f\n", "QEMU start-and-quit (SIGP stop at the first insns)", base / 1000
	printf "%-56s %8.1f\n", "s390x/exit.elf boot-to-exit, QEMU called directly", test / 1000
	printf "%-56s %8.1f\n", "the same with the environ s390x/run passes (-initrd)", direct / 1000
	printf "%-56s %8.1f\n", "s390x/exit.elf through s390x/run", run / 1000
	printf "%-56s %8.3f  (target <= 1.10)\n", "boot-to-exit / start-and-quit", test / base
	printf "%-56s %8.1f\n", "s390x/run overhead over its QEMU command, ms", (run - direct) / 1000
	exit test / base > 1.10
}'
