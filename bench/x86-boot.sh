#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-boot.sh - boot-to-exit cost of an x86_64 image, against QEMU's own
# start-and-quit time for the same machine options, and the cost of x86/run
# over calling QEMU directly. Runs are interleaved and the median of each is
# reported, since the machine may be shared and noisy.
#   bench/x86-boot.sh [RUNS]     (default 21; needs x86/selftest.flat built)
#
# "QEMU's own start-and-quit" is a minimal multiboot kernel built here: its
# first instruction writes to isa-debug-exit. The test image runs
# `selftest.flat exit=0`: the whole boot path (long mode, IDT, TSS, argv,
# environ, memory map, allocators) and then exit(0) from main.
set -u
cd "$(dirname "$0")/.." || exit 2
runs=${1:-21}
qemu=$(command -v "${QEMU:-qemu-system-x86_64}") || { echo "no qemu-system-x86_64" >&2; exit 2; }
[ -f x86/selftest.flat ] || { echo "build x86/selftest.flat first (make)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The smallest multiboot kernel: header, then outl(0, 0xf4).
cat > "$tmp/min.S" <<'ASM'
	.section .text
	.code32
	.align 4
	.long 0x1badb002, 0x3, -(0x1badb002 + 0x3)
	.globl _start
_start:
	movl $1, %eax
	outl %eax, $0xf4
1:	hlt
	jmp 1b
ASM
gcc -m32 -nostdlib -static -Wl,-Ttext=0x100000 -Wl,--build-id=none -o "$tmp/min.elf" "$tmp/min.S" ||
	{ echo "could not build the minimal kernel (gcc -m32)" >&2; exit 2; }

opts=(-nodefaults -machine "pc,accel=tcg" -device "isa-debug-exit,iobase=0xf4,iosize=0x4"
	-display none -serial stdio -no-reboot -m 256)

now_ms() { echo $(( $(date +%s%N) / 1000 )); }

# time_us CMD... : microseconds one run takes (output discarded)
time_us() {
	local t0 t1
	t0=$(now_ms)
	"$@" > /dev/null 2>&1
	t1=$(now_ms)
	echo $(( t1 - t0 ))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# The run script's own cost: the very QEMU command it prints (environ included), run directly.
export QEMU=$qemu ACCEL=tcg
run_cmd=(x86/run x86/selftest.flat -m 256 -append exit=0)
direct=$("${run_cmd[@]}" | head -n 1)

: > "$tmp/base"; : > "$tmp/test"; : > "$tmp/direct"; : > "$tmp/run"
for ((i = 0; i < runs; i++)); do
	time_us "$qemu" "${opts[@]}" -kernel "$tmp/min.elf" >> "$tmp/base"
	time_us "$qemu" "${opts[@]}" -kernel x86/selftest.flat -append exit=0 >> "$tmp/test"
	time_us eval "$direct" >> "$tmp/direct"
	time_us "${run_cmd[@]}" >> "$tmp/run"
done
base=$(median < "$tmp/base")
test=$(median < "$tmp/test")
direct=$(median < "$tmp/direct")
run=$(median < "$tmp/run")

awk -v runs="$runs" -v base="$base" -v test="$test" -v direct="$direct" -v run="$run" 'BEGIN {
	printf "%-52s %8s\n", "median of " runs " runs, TCG", "ms"
	printf "%-52s %8.1f\n", "QEMU start-and-quit (minimal multiboot kernel)", base / 1000
	printf "%-52s %8.1f\n", "selftest.flat exit=0, QEMU called directly", test / 1000
	printf "%-52s %8.1f\n", "the same, with the environ x86/run adds", direct / 1000
	printf "%-52s %8.1f\n", "selftest.flat exit=0 through x86/run", run / 1000
	printf "%-52s %8.3f  (target <= 1.10)\n", "boot-to-exit / start-and-quit", test / base
	printf "%-52s %8.1f  (target <= 30)\n", "x86/run overhead, ms", (run - direct) / 1000
}'
