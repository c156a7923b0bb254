#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-boot.sh - boot-to-exit time of an x86_64 test, under each accelerator
# this host has, against an exit-at-once kernel on the same firmware.
#   bench/x86-boot.sh [RUNS]     (default 21; needs x86/exit.flat built)
#
# For each accelerator (TCG, and KVM when /dev/kvm is usable) and in one
# interleaved loop, since the machine may be shared and noisy:
#   base    QEMU with qboot and a minimal multiboot kernel whose first
#           instruction writes to isa-debug-exit: the floor;
#   direct  the QEMU command x86/run prints for x86/exit.flat (a test that
#           only returns 0: long mode, IDT, TSS, argv, environ, memory map,
#           allocators), run directly;
#   run     `x86/run x86/exit.flat`, as a user types it: the run script,
#           its environ and its stopped-VM watch included.
# Medians are reported, with run/base (target: 1.1 under TCG, 1.5 under
# KVM) and the run script's own cost (run - direct). A few runs of the base
# kernel on SeaBIOS show what the firmware choice saves.
set -u
cd "$(dirname "$0")/.." || exit 2
# shellcheck source=bench/boot-lib.bash
source bench/boot-lib.bash
runs=${1:-21}
qemu=$(command -v "${QEMU:-qemu-system-x86_64}") || { echo "no qemu-system-x86_64" >&2; exit 2; }
[ -f x86/exit.flat ] || { echo "build x86/exit.flat first (make)" >&2; exit 2; }
qboot=""
for dir in "${qemu%/bin/*}/share/qemu" /usr/share/qemu; do
	[ -f "$dir/qboot.rom" ] && { qboot=$dir/qboot.rom; break; }
done
[ -n "$qboot" ] || { echo "no qboot.rom (Debian package qemu-system-data)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

multiboot_exit_kernel "$tmp/min.elf"

accels=(tcg)
if [ -c /dev/kvm ] && [ -r /dev/kvm ] && [ -w /dev/kvm ] && [ "$(uname -m)" = x86_64 ]; then
	accels+=(kvm)
fi

status=0
export QEMU=$qemu
for accel in "${accels[@]}"; do
	opts=(-nodefaults -machine pc -accel "$accel" -device "isa-debug-exit,iobase=0xf4,iosize=0x4"
		-display none -serial stdio -no-reboot)
	run_cmd=(env ACCEL="$accel" x86/run x86/exit.flat)
	direct=$("${run_cmd[@]}" 2>/dev/null | head -n 1)
	for f in base direct run seabios; do : > "$tmp/$f"; done
	for ((i = 0; i < runs; i++)); do
		time_us "$qemu" "${opts[@]}" -bios "$qboot" -kernel "$tmp/min.elf" >> "$tmp/base"
		time_us eval "$direct" >> "$tmp/direct"
		time_us "${run_cmd[@]}" >> "$tmp/run"
		# SeaBIOS takes seconds under a software KVM: a few runs tell enough.
		(( i < 3 )) && time_us "$qemu" "${opts[@]}" -kernel "$tmp/min.elf" >> "$tmp/seabios"
	done
	target=1.10
	[ "$accel" = kvm ] && target=1.50
	awk -v runs="$runs" -v accel="$accel" -v target="$target" \
		-v base="$(median "$tmp/base")" -v direct="$(median "$tmp/direct")" \
		-v run="$(median "$tmp/run")" -v seabios="$(median "$tmp/seabios")" 'BEGIN {
		printf "%-56s %9s\n", "median of " runs " interleaved runs, " toupper(accel), "ms"
		printf "%-56s %9.1f\n", "exit-at-once kernel on qboot (the floor)", base / 1000
		printf "%-56s %9.1f\n", "exit-at-once kernel on SeaBIOS (3 runs)", seabios / 1000
		printf "%-56s %9.1f\n", "x86/exit.flat, the QEMU command x86/run prints", direct / 1000
		printf "%-56s %9.1f\n", "x86/exit.flat through x86/run", run / 1000
		printf "%-56s %9.3f  (target <= %s)\n", "x86/run exit.flat / exit-at-once on qboot", run / base, target
		printf "%-56s %9.1f\n", "run script cost (through x86/run - direct), ms", (run - direct) / 1000
		printf "%-56s %9.1f\n", "SeaBIOS / qboot, exit-at-once kernel", seabios / base
		exit (run / base > target)
	}' || status=1
	echo
done
exit "$status"
