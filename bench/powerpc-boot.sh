#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# powerpc-boot.sh - how long a ppc64 image takes from QEMU's start to its
# exit(0) on our ROM, against an image that powers off at once on the same
# ROM, and what booting through SLOF instead of the ROM would cost.
#   bench/powerpc-boot.sh [RUNS [SLOF_RUNS]]   (default 21 and 3; needs powerpc/exit.elf: make, configured
#                                            for ppc64 or ppc64le)
#
# The baseline is a one-instruction image (an illegal instruction: the
# ROM's vectors power off): QEMU's start-up, pseries creation, the ROM and
# the power-off, nothing else. powerpc/exit.elf does the whole boot path
# (device tree, vectors, console, CPUs, memory, argv/environ, tree move,
# both allocators) and exits from main. SLOF cannot run our images to the
# end (it passes no device tree in r3, and enters them big endian), so its
# figure is the time until SLOF says it enters the image ("Booting from
# memory"), after which QEMU is killed: a lower bound of a SLOF boot. The
# variants are interleaved and medians reported, because the machine may be
# shared and noisy.
set -u
cd "$(dirname "$0")/.." || exit 2
# shellcheck source=bench/boot-lib.bash
source bench/boot-lib.bash
runs=${1:-21}
slof_runs=${2:-3}
qemu=$(command -v "${QEMU:-qemu-system-ppc64}") ||
	{ echo "no qemu-system-ppc64 (apt-get install qemu-system-ppc)" >&2; exit 2; }
arch=$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)
if [[ $arch != ppc64* ]] || [ ! -f powerpc/exit.elf ]; then
	echo "build powerpc/exit.elf first (./configure --arch=ppc64 && make)" >&2
	exit 2
fi
rom=build/$arch/rom.bin
cc=$(sed -n 's/^CC=//p' config.mak)
endian=$(sed -n 's/^ENDIAN=//p' config.mak)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '\t.section .text.entry, "ax"\n\t.globl start\nstart:\n\t.long 0\n' > "$tmp/off.S"
"$cc" "-m$endian-endian" -nostdlib -no-pie -Wl,-T,lib/ppc64/flat.lds -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments -o "$tmp/off.elf" "$tmp/off.S" || exit 2

machine=pseries,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off
opts=(-nodefaults -machine "$machine" -accel tcg -display none -serial stdio -no-reboot -m 256)

# SLOF: until it enters the image, then QEMU is killed.
slof_until_entry() {
	local line
	coproc SLOF { timeout 60 "$qemu" "${opts[@]}" -kernel powerpc/exit.elf 2>&1; }
	while IFS= read -r line <&"${SLOF[0]}"; do
		[[ $line == *"Booting from memory"* ]] && break
	done
	kill "$SLOF_PID" 2>/dev/null
	wait "$SLOF_PID" 2>/dev/null
	return 0
}

export QEMU=$qemu ACCEL=tcg
for f in base test run slof; do : > "$tmp/$f"; done
for ((i = 0; i < runs; i++)); do
	time_us "$qemu" "${opts[@]}" -bios "$rom" -kernel "$tmp/off.elf" >> "$tmp/base"
	time_us "$qemu" "${opts[@]}" -bios "$rom" -kernel powerpc/exit.elf >> "$tmp/test"
	time_us powerpc/run powerpc/exit.elf -m 256 >> "$tmp/run"
done
for ((i = 0; i < slof_runs; i++)); do
	time_us slof_until_entry >> "$tmp/slof"
done

awk -v runs="$runs" -v slof_runs="$slof_runs" -v arch="$arch" -v base="$(median "$tmp/base")" -v test="$(median "$tmp/test")" \
	-v run="$(median "$tmp/run")" -v slof="$(median "$tmp/slof")" 'BEGIN {
	printf "%-60s %8s\n", arch ", TCG, pseries -m 256: median of " runs " runs", "ms"
	printf "%-60s %8.1f\n", "ROM + an image that powers off at its first instruction", base / 1000
	printf "%-60s %8.1f\n", "ROM + powerpc/exit.elf boot-to-exit, QEMU called directly", test / 1000
	printf "%-60s %8.1f\n", "powerpc/exit.elf through powerpc/run (environ, console filter)", run / 1000
	printf "%-60s %8.1f\n", "SLOF, until it enters powerpc/exit.elf (" slof_runs " runs)", slof / 1000
	printf "%-60s %8.3f  (target <= 1.10)\n", "boot-to-exit / power-off-at-once", test / base
	printf "%-60s %8.1f\n", "what the ROM saves over SLOF, ms (at least)", (slof - test) / 1000
}'
