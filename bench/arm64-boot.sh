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
# machine may be shared and noisy.
set -u
cd "$(dirname "$0")/.." || exit 2
runs=${1:-21}
qemu=$(command -v "${QEMU:-qemu-system-aarch64}") ||
	{ echo "no qemu-system-aarch64 (apt-get install qemu-system-arm)" >&2; exit 2; }
[ -f arm/exit.flat ] || { echo "build arm/exit.flat first (./configure --arch=arm64 && make)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# movz x0, #0x8; movk x0, #0x8400, lsl #16 (x0 = SYSTEM_OFF); hvc #0; b .
printf '\x00\x01\x80\xd2\x00\x80\xb0\xf2\x02\x00\x00\xd4\x00\x00\x00\x14' > "$tmp/off.bin"

opts=(-nodefaults -machine "virt,accel=tcg" -cpu max -display none -serial stdio -no-reboot -m 256)

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
run_cmd=(arm/run arm/exit.flat -m 256)
# The QEMU command arm/run prints first (with the environ it adds), to run it without the script.
read -r direct < <("${run_cmd[@]}" 2>/dev/null)
[[ $direct == *qemu-system-aarch64* ]] || { echo "arm/run did not print its QEMU command" >&2; exit 2; }

for f in base test direct run; do : > "$tmp/$f"; done
for ((i = 0; i < runs; i++)); do
	time_us "$qemu" "${opts[@]}" -kernel "$tmp/off.bin" >> "$tmp/base"
	time_us "$qemu" "${opts[@]}" -kernel arm/exit.flat >> "$tmp/test"
	time_us eval "$direct" >> "$tmp/direct"
	time_us "${run_cmd[@]}" >> "$tmp/run"
done

awk -v runs="$runs" -v base="$(median "$tmp/base")" -v test="$(median "$tmp/test")" \
	-v direct="$(median "$tmp/direct")" -v run="$(median "$tmp/run")" 'BEGIN {
	printf "%-56s %8s\n", "arm64, TCG, -m 256: median of " runs " runs", "ms"
	printf "%-56s %8.1f\n", "QEMU start-and-quit (PSCI SYSTEM_OFF at the first insn)", base / 1000
	printf "%-56s %8.1f\n", "arm/exit.flat boot-to-exit, QEMU called directly", test / 1000
	printf "%-56s %8.1f\n", "the same with the environ arm/run passes (-initrd)", direct / 1000
	printf "%-56s %8.1f\n", "arm/exit.flat through arm/run", run / 1000
	printf "%-56s %8.3f  (target <= 1.10)\n", "boot-to-exit / start-and-quit", test / base
	printf "%-56s %8.1f\n", "arm/run overhead over its QEMU command, ms", (run - direct) / 1000
}'
