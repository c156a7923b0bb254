#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/powerpc-run) - powerpc/run, our ROM and the ppc64 boot code on
# their failure paths, with real QEMU under TCG: the status table of
# docs/architecture.md (the stopped VM too), the setup errors and a
# standalone test. Needs a tree configured for ppc64 or ppc64le with the
# images built: `make check` runs it in the ppc64 and ppc64le copies
# (scripts/check-arch.sh).
set -u
cd "$(dirname "$0")/../.." || exit 2

EXPECT_NAME=powerpc-run
# shellcheck source=tests/host/expect.bash
source tests/host/expect.bash

arch=$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)
if [[ $arch != ppc64* ]] || [ ! -f powerpc/selftest.elf ]; then
	echo "SKIP: powerpc-run: needs a tree configured for ppc64 or ppc64le with powerpc/selftest.elf built"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
export ACCEL=tcg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$EXPECT_OUT"' EXIT

# Two one-instruction images, linked like the tests (lib/ppc64/flat.lds):
# one is an illegal instruction, which the ROM's vectors turn into a power-off
# without a status line; one spins.
cc=$(sed -n 's/^CC=//p' config.mak)
endian=$(sed -n 's/^ENDIAN=//p' config.mak)
mk_image() {
	printf '\t.section .text.entry, "ax"\n\t.globl start\nstart:\n\t%s\n' "$2" > "$tmp/$1.S"
	"$cc" "-m$endian-endian" -nostdlib -no-pie -Wl,-T,lib/ppc64/flat.lds -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
		-o "$tmp/$1.elf" "$tmp/$1.S"
}
if ! mk_image crash '.long 0' || ! mk_image spin 'b .'; then
	echo "0 passed, 1 failed"
	exit 1
fi

expect 0 '^SUMMARY: [0-9]+ tests' "a passing run exits 0" -- \
	powerpc/run powerpc/selftest.elf -smp 2 -m 256 -append 'setup smp=2 mem=256'
expect 1 'FAIL: ' "a failing check exits 1 and prints FAIL" -- \
	powerpc/run powerpc/selftest.elf -m 256 -append 'setup mem=512'
expect 64 'Unhandled program interrupt \(vector 0x700\).*SRR0' \
	"an illegal instruction nobody handles prints the vector and SRR0 and aborts" -- \
	timeout 30 powerpc/run powerpc/selftest.elf -append unexpected
expect 64 'STACK: pc=@' "the unexpected interrupt shows a backtrace" -- \
	timeout 30 powerpc/run powerpc/selftest.elf -append unexpected
expect 3 '' "a crash before the image's vectors powers off through the ROM: 'no status', at once" -- \
	timeout 30 powerpc/run "$tmp/crash.elf"
expect 120 '^STOPPED: guest panic reported to QEMU' \
	"a guest panic (RTAS ibm,os-term) ends the run at once as a stopped VM" -- \
	env TIMEOUT=60 powerpc/run powerpc/selftest.elf -append panic
expect 124 '' "a spinning guest is killed at TIMEOUT" -- env TIMEOUT=2 powerpc/run "$tmp/spin.elf"
expect 2 "QEMU binary 'no-such-qemu' not found; on Debian: apt-get install qemu-system-ppc" \
	"a missing QEMU is a setup error naming the package" -- env QEMU=no-such-qemu powerpc/run powerpc/selftest.elf
expect 2 'ACCEL=kvm, but KVM is not usable' "ACCEL=kvm without KVM is a setup error" -- \
	env ACCEL=kvm KVM_DEVICE=/nonexistent powerpc/run powerpc/selftest.elf
expect 2 'qemu-system-ppc64: .*-no-such-option' "a bad QEMU option is a setup error" -- \
	powerpc/run powerpc/selftest.elf -no-such-option
expect 2 "no ROM '/nonexistent/rom.bin'" "a missing ROM is a setup error" -- \
	env ROM=/nonexistent/rom.bin powerpc/run powerpc/selftest.elf
expect 2 "no test image 'powerpc/none.elf'" "a missing image is a setup error" -- powerpc/run powerpc/none.elf
# make standalone packs the ROM with the image: the script runs anywhere.
if scripts/mkstandalone.sh --out "$tmp/standalone" exit > /dev/null; then
	expect 0 '^PASS exit' "a standalone test carries the ROM and passes from another directory" -- \
		env -C "$tmp" ./standalone/exit
else
	expect 0 '' "make standalone writes the exit test" -- false
fi
expect_end
