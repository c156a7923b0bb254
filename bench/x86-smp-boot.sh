#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-smp-boot.sh - what bringing up every CPU costs at boot: the
# boot-to-exit time of an x86_64 image with -smp 4 against -smp 1 under
# TCG (setup starts all CPUs QEMU gives before main), runs interleaved,
# medians compared. The same pair of QEMU's own start-and-quit times (a
# minimal multiboot kernel) shows what QEMU and the firmware add for the
# extra CPUs, apart from this library's bring-up.
#   bench/x86-smp-boot.sh [RUNS] [-- extra QEMU options, e.g. -bios /usr/share/qemu/qboot.rom]
# Default 21 runs; needs x86/selftest.flat built. Target: 4 CPUs <= 1.2 x 1 CPU.
set -u
cd "$(dirname "$0")/.." || exit 2
# shellcheck source=bench/boot-lib.bash
source bench/boot-lib.bash
runs=21
if [ $# -gt 0 ] && [ "$1" != -- ]; then
	runs=$1
	shift
fi
[ "${1:-}" = -- ] && shift
qemu=$(command -v "${QEMU:-qemu-system-x86_64}") || { echo "no qemu-system-x86_64" >&2; exit 2; }
[ -f x86/selftest.flat ] || { echo "build x86/selftest.flat first (make)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

multiboot_exit_kernel "$tmp/min.elf"

opts=(-nodefaults -machine "pc,accel=tcg" -device "isa-debug-exit,iobase=0xf4,iosize=0x4"
	-display none -serial stdio -no-reboot -m 256 "$@")

for f in base1 base4 test1 test4; do : > "$tmp/$f"; done
for ((i = 0; i < runs; i++)); do
	time_us "$qemu" "${opts[@]}" -smp 1 -kernel "$tmp/min.elf" >> "$tmp/base1"
	time_us "$qemu" "${opts[@]}" -smp 4 -kernel "$tmp/min.elf" >> "$tmp/base4"
	time_us "$qemu" "${opts[@]}" -smp 1 -kernel x86/selftest.flat -append exit=0 >> "$tmp/test1"
	time_us "$qemu" "${opts[@]}" -smp 4 -kernel x86/selftest.flat -append exit=0 >> "$tmp/test4"
done
base1=$(median "$tmp/base1")
base4=$(median "$tmp/base4")
test1=$(median "$tmp/test1")
test4=$(median "$tmp/test4")

awk -v runs="$runs" -v b1="$base1" -v b4="$base4" -v t1="$test1" -v t4="$test4" -v extra="$*" 'BEGIN {
	printf "%-52s %8s\n", "median of " runs " runs, TCG" (extra != "" ? ", " extra : ""), "ms"
	printf "%-52s %8.1f\n", "QEMU start-and-quit, -smp 1", b1 / 1000
	printf "%-52s %8.1f\n", "QEMU start-and-quit, -smp 4", b4 / 1000
	printf "%-52s %8.1f\n", "selftest.flat exit=0, -smp 1", t1 / 1000
	printf "%-52s %8.1f\n", "selftest.flat exit=0, -smp 4 (all CPUs started)", t4 / 1000
	printf "%-52s %8.1f\n", "bring-up of 3 CPUs beyond what QEMU adds, ms", ((t4 - b4) - (t1 - b1)) / 1000
	ratio = t4 / t1
	printf "%-52s %8.3f  (target <= 1.20)\n", "4-CPU boot / 1-CPU boot", ratio
	exit ratio > 1.20
}'
