# SPDX-License-Identifier: GPL-2.0-only
# boot-lib.bash - what the boot benchmarks share: timing one command, the
# median of a file of timings, x86's exit-at-once multiboot kernel, and the
# four-way comparison of the EXIT-line arches (an image that stops at its
# first instruction, the test image, the QEMU command the run script prints,
# the run script). Sourced by bench/*-boot.sh.

# time_us CMD...: one run's wall time in microseconds, output discarded.
# EPOCHREALTIME: no fork to read the clock.
time_us() {
	local t0=${EPOCHREALTIME/./} t1
	"$@" > /dev/null 2>&1
	t1=${EPOCHREALTIME/./}
	echo $(( t1 - t0 ))
}

# median FILE: the median of the numbers in FILE, one a line.
median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# multiboot_exit_kernel OUT: the smallest multiboot kernel, its first
# instruction a write to isa-debug-exit (QEMU's start, the firmware and the
# multiboot loader, QEMU's exit: the floor of an x86 boot).
multiboot_exit_kernel() {
	cat > "$1.S" <<-'ASM'
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
	gcc -m32 -nostdlib -static -Wl,-Ttext=0x100000 -Wl,--build-id=none -o "$1" "$1.S" ||
		{ echo "could not build the minimal kernel (gcc -m32)" >&2; exit 2; }
}

# boot_four_way TITLE FLOOR_WHAT IMAGE FLOOR_IMAGE RUN_SCRIPT: with qemu,
# opts, runs and tmp set by the caller, times in one interleaved loop the
# floor image, IMAGE, the QEMU command RUN_SCRIPT prints for IMAGE (with the
# environ it adds) and RUN_SCRIPT itself; prints the medians. Returns 1 when
# boot-to-exit is over 1.10 times the floor.
# shellcheck disable=SC2154 # qemu, opts, runs, tmp: the caller's
boot_four_way() {
	local title=$1 floor_what=$2 image=$3 floor=$4 script=$5 direct f i
	local -a run_cmd=("$script" "$image" -m 256)
	# The QEMU command the run script prints first, to run it without the script.
	read -r direct < <("${run_cmd[@]}" 2>/dev/null)
	[[ $direct == *"${qemu##*/}"* ]] || { echo "$script did not print its QEMU command" >&2; exit 2; }
	for f in base test direct run; do : > "$tmp/$f"; done
	for ((i = 0; i < runs; i++)); do
		time_us "$qemu" "${opts[@]}" -kernel "$floor" >> "$tmp/base"
		time_us "$qemu" "${opts[@]}" -kernel "$image" >> "$tmp/test"
		time_us eval "$direct" >> "$tmp/direct"
		time_us "${run_cmd[@]}" >> "$tmp/run"
	done
	awk -v runs="$runs" -v title="$title" -v floor_what="$floor_what" -v image="$image" -v script="$script" \
		-v base="$(median "$tmp/base")" -v test="$(median "$tmp/test")" \
		-v direct="$(median "$tmp/direct")" -v run="$(median "$tmp/run")" 'BEGIN {
		printf "%-56s %8s\n", title ", TCG, -m 256: median of " runs " runs", "ms"
		printf "%-56s %8.1f\n", "QEMU start-and-quit (" floor_what ")", base / 1000
		printf "%-56s %8.1f\n", image " boot-to-exit, QEMU called directly", test / 1000
		printf "%-56s %8.1f\n", "the same with the environ " script " passes (-initrd)", direct / 1000
		printf "%-56s %8.1f\n", image " through " script, run / 1000
		printf "%-56s %8.3f  (target <= 1.10)\n", "boot-to-exit / start-and-quit", test / base
		printf "%-56s %8.1f\n", script " overhead over its QEMU command, ms", (run - direct) / 1000
		exit test / base > 1.10
	}'
}
