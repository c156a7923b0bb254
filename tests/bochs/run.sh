#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/bochs) - host test of the Bochs runner's parts that need no
# Bochs (scripts/bochs.bash): the grub.cfg it writes (argv[0] first, each
# word quoted so GRUB passes it unchanged, the environ as module 0), the
# bochsrc (memory, CPU model and count, the serial FIFO, a triple fault a
# panic), QEMU's -m/-smp/-append/-initrd read from the command line, the
# environ without QEMU's facts, and what Bochs' log says ended a run.
# Runs with Bochs itself are scripts/check-bochs.sh's. The last line is
# "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
EXPECT_NAME=bochs
source tests/host/expect.bash
# shellcheck source=scripts/bochs.bash
source scripts/bochs.bash

DIED=""
# run_image's, which bochs.bash calls on a setup error.
run_die() {
	DIED=$*
	return 2
}

is() {
	if [ "$1" = "$2" ]; then expect_ok "$3"; else expect_bad "$3: got '$1', want '$2'"; fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$EXPECT_OUT"' EXIT

cfg=$(bochs_grub_cfg vmx.flat x86/vmx.flat "a b=\$x it's" 1)
is "$(grep multiboot <<< "$cfg")" "	multiboot /boot/vmx.flat 'x86/vmx.flat' 'a' 'b=\$x' 'it'\\''s'" \
	"grub.cfg: argv[0] first, every word single-quoted, a quote escaped"
is "$(grep -c '^	module /boot/environ environ$' <<< "$cfg")" 1 "grub.cfg: the environ is module 0"
is "$(grep -c module <<< "$(bochs_grub_cfg t.flat t.flat '' '')")" 0 "grub.cfg: no environ, no module"
is "$(grep -c '^set timeout=0$' <<< "$cfg")" 1 "grub.cfg: no menu wait"
is "$(grep -ci serial <<< "$cfg")" 0 "grub.cfg: GRUB leaves the serial port to the guest"

rc=$(bochs_rc /t/b.iso /t/serial /t/log 256 2 corei7_skylake_x)
is "$(grep -c '^megs: 256$' <<< "$rc")" 1 "bochsrc: memory"
is "$(grep -c '^cpu: model=corei7_skylake_x, count=2, .*reset_on_triple_fault=0, ignore_bad_msrs=0$' <<< "$rc")" 1 \
	"bochsrc: CPU model and count; a triple fault is a panic, not a reset"
is "$(grep -c '^com1: enabled=1, mode=file, dev="/t/serial"$' <<< "$rc")" 1 "bochsrc: the serial port to the FIFO"
is "$(grep -c '^panic: action=fatal$' <<< "$rc")" 1 "bochsrc: a panic ends Bochs"
is "$(grep -c 'path="/t/b.iso"' <<< "$rc")" 1 "bochsrc: the ISO as the CD-ROM"

bochs_split_cmd qemu -nodefaults -kernel x86/a.flat -m 1G -smp 2 -append 'x y' -initrd /e -device pc-testdev
is "$BX_IMAGE|$BX_MEGS|$BX_CPUS|$BX_APPEND|$BX_INITRD" "x86/a.flat|1024|2|x y|/e" "QEMU options: -kernel, -m 1G, -smp, -append, -initrd"
bochs_split_cmd qemu -kernel k -smp cpus=3,sockets=1 -m size=64M
is "$BX_MEGS|$BX_CPUS" "64|3" "QEMU options: -m size=64M, -smp cpus=3,..."
bochs_split_cmd qemu -kernel k
is "$BX_MEGS|$BX_CPUS|$BX_APPEND" "128|1|" "QEMU's defaults: 128 MiB, 1 CPU"
DIED=""
bochs_split_cmd qemu -kernel k -m lots
is "${DIED:0:28}" "TARGET=bochs: -m 'lots' is n" "a memory size that is none is a setup error"

printf '%s\n' QEMU_ACCEL=tcg ERRATA_123456789abc=y TARGET=qemu NO_TEST_DEVICE=0 MINE=1 > "$tmp/in"
bochs_environ "$tmp/in" "$tmp/out"
is "$(tr '\n' ' ' < "$tmp/out")" "ERRATA_123456789abc=y MINE=1 TARGET=bochs NO_TEST_DEVICE=1 " \
	"environ: QEMU's facts out, TARGET=bochs and NO_TEST_DEVICE=1 in"
bochs_environ "" "$tmp/out"
is "$(tr '\n' ' ' < "$tmp/out")" "TARGET=bochs NO_TEST_DEVICE=1 " "environ without a default one"

log() { printf '%s\n' "$@" > "$tmp/log"; bochs_verdict "$tmp/log"; echo "$REPLY"; }
is "$(log '00001i[BIOS  ] x' '00042i[      ] Shutdown port: shutdown requested')" shutdown "log: the guest powered off"
is "$(log '00779p[CPU0  ] >>PANIC<< exception(): 3rd (13) exception with no resolution')" reset \
	"log: a triple fault is a reset (no status)"
is "$(log '00010p[CPU0  ] >>PANIC<< VMCALL: not implemented yet')" "panic: VMCALL: not implemented yet" \
	"log: a Bochs panic is named"
is "$(log '00001i[BIOS  ] nothing')" "" "log: nothing ended it"
is "$(log '00010p[CPU0  ] >>PANIC<< first' '00020p[CPU0  ] >>PANIC<< second')" "panic: second" \
	"log: the last panic is named"
is "$(log '00779p[CPU0  ] >>PANIC<< exception(): 3rd (13) exception with no resolution' '00780p[CPU0  ] >>PANIC<< x')" \
	reset "log: a triple fault, then a panic: reset"
is "$(log '00010p[CPU0  ] >>PANIC<< x' '00042i[      ] Shutdown port: shutdown requested')" shutdown \
	"log: a shutdown wins"

is "$(grep -c 'grub-pc-bin' <<< "$BOCHS_PACKAGES")" 1 "the packages named on a missing tool include GRUB's"
is "$(grep -c '^bochs$' scripts/debian-packages.txt)" 1 "scripts/debian-packages.txt lists bochs"
expect_end
