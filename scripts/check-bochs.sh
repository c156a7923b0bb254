#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# check-bochs.sh - the Bochs leg of `make check` (scripts/check.sh calls
# it): x86 images run on Bochs (TARGET=bochs, scripts/bochs.bash), whose
# Debian build emulates VMX, which QEMU's TCG lacks. A passing and a failing
# selftest (status 0 and 1), then the vmx group through the runner, which
# must pass with at least 80 checks passing. About 70 s on 2 cores. Skips,
# naming why, where Bochs or GRUB is not installed or the tree is not
# configured for x86_64. The last line is "N passed, N failed[, N skipped]".
set -u
cd "$(dirname "$0")/.." || exit 2
EXPECT_NAME="bochs leg"
source tests/host/expect.bash

skip() {
	echo "SKIP: bochs leg: $*"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
}

missing=""
for tool in bochs grub-mkrescue xorriso mformat; do
	command -v "$tool" > /dev/null || missing+=" $tool"
done
[ -f /usr/share/bochs/BIOS-bochs-latest ] && [ -f /usr/share/bochs/VGABIOS-lgpl-latest ] || missing+=" (Bochs BIOS)"
[ -z "$missing" ] || skip "not installed:$missing (Debian: bochs bochsbios bochs-term vgabios grub-pc-bin xorriso mtools)"
[ "$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)" = x86_64 ] || skip "the tree is not configured for x86_64"
make -s x86/selftest.flat x86/vmx.flat || { echo "FAIL: bochs leg: the images do not build"; echo "0 passed, 1 failed"; exit 1; }

export TARGET=bochs
expect 0 '^SUMMARY: [0-9]+ tests' "selftest on Bochs passes, status 0" -- \
	env TIMEOUT=120 x86/run x86/selftest.flat -m 256 -append 'mem=256'
expect 1 '^FAIL: memory: multiboot map' "selftest with a wrong mem= fails, status 1" -- \
	env TIMEOUT=120 x86/run x86/selftest.flat -m 256 -append 'mem=512'
expect 0 '^PASS vmx ' "TARGET=bochs ./run_tests.sh -g vmx passes" -- ./run_tests.sh -g vmx
n=$(grep -c '^PASS: ' logs/vmx.log 2>/dev/null)
if [ "${n:-0}" -ge 80 ] && ! grep -q '^FAIL: ' logs/vmx.log; then
	expect_ok "vmx on Bochs: $n checks passed, none failed"
else
	expect_bad "vmx on Bochs: ${n:-0} checks passed (at least 80 wanted), or a FAIL in logs/vmx.log"
fi
expect_end
