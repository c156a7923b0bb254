#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/vmx) - the nested VMX library's host test, then (in a tree
# configured for x86_64 with x86/vmx.flat built) the suite under QEMU's
# TCG, which has no VMX: it must skip at once, naming the CPUID bit. The
# suite itself runs on Bochs (scripts/check-bochs.sh). The last line is
# "N passed, N failed[, N skipped]" (docs/architecture.md).
set -u
cd "$(dirname "$0")/../.." || exit 2
source tests/host/summary.bash
EXPECT_NAME=vmx
source tests/host/expect.bash

# The suite's own makefiles only, so that it builds even without ./configure.
if make -s -f tests/host/host.mk -f tests/vmx/suite.mk host-vmx-tests; then
	summary_run build/host/tests/vmx/vmx_test
else
	echo "FAIL: vmx_test does not build"
	SUMMARY_FAILED=$((SUMMARY_FAILED + 1))
fi

if [ "$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)" != x86_64 ] || [ ! -f x86/vmx.flat ]; then
	echo "SKIP: vmx: the run under TCG needs a tree configured for x86_64 with x86/vmx.flat built"
	SUMMARY_SKIPPED=$((SUMMARY_SKIPPED + 1))
else
	reason='^SKIP: vmx: VMX \(CPUID\.1:ECX\[5\]\) not supported by this CPU$'
	start=${EPOCHREALTIME/./}
	expect 77 "$reason" "TCG -cpu max: one SKIP naming the CPUID bit, status 77" -- \
		env ACCEL=tcg TIMEOUT=30 x86/run x86/vmx.flat -cpu max
	ms=$(( (${EPOCHREALTIME/./} - start) / 1000 ))
	if [ "$ms" -lt 10000 ] && [ "$(grep -c '^\(PASS\|FAIL\|SKIP\|KFAIL\):' "$EXPECT_OUT")" -eq 1 ]; then
		expect_ok "TCG: no other check runs; done in $ms ms"
	else
		expect_bad "TCG: $ms ms, or checks besides the SKIP"
	fi
fi
SUMMARY_PASSED=$((SUMMARY_PASSED + EXPECT_PASSED))
SUMMARY_FAILED=$((SUMMARY_FAILED + EXPECT_FAILED))
summary_print
