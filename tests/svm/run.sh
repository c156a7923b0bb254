#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/svm) - the nested SVM library's host test, then (in a tree
# configured for x86_64 with x86/svm.flat built) the suite on CPUs without
# SVM under TCG: it must skip at once, naming the missing CPUID bit. The
# last line is "N passed, N failed[, N skipped]" (docs/architecture.md).
set -u
cd "$(dirname "$0")/../.." || exit 2
source tests/host/summary.bash
EXPECT_NAME=svm
source tests/host/expect.bash

# The suite's own makefiles only, so that it builds even without ./configure.
if make -s -f tests/host/host.mk -f tests/svm/suite.mk host-svm-tests; then
	summary_run build/host/tests/svm/svm_test
else
	echo "FAIL: svm_test does not build"
	SUMMARY_FAILED=$((SUMMARY_FAILED + 1))
fi

if [ "$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)" != x86_64 ] || [ ! -f x86/svm.flat ]; then
	echo "SKIP: svm: the runs without SVM need a tree configured for x86_64 with x86/svm.flat built"
	SUMMARY_SKIPPED=$((SUMMARY_SKIPPED + 1))
else
	reason='^SKIP: svm: SVM \(CPUID 0x80000001 ECX\[2\]\) not supported by this CPU$'
	for cpu in Nehalem qemu64,-svm; do
		start=${EPOCHREALTIME/./}
		expect 77 "$reason" "-cpu $cpu: one SKIP naming the CPUID bit, status 77" -- \
			env ACCEL=tcg TIMEOUT=30 x86/run x86/svm.flat -cpu "$cpu"
		ms=$(( (${EPOCHREALTIME/./} - start) / 1000 ))
		if [ "$ms" -lt 10000 ] && [ "$(grep -c '^\(PASS\|FAIL\|SKIP\|KFAIL\):' "$EXPECT_OUT")" -eq 1 ]; then
			expect_ok "-cpu $cpu: no other check runs; done in $ms ms"
		else
			expect_bad "-cpu $cpu: $ms ms, or checks besides the SKIP"
		fi
	done
fi
SUMMARY_PASSED=$((SUMMARY_PASSED + EXPECT_PASSED))
SUMMARY_FAILED=$((SUMMARY_FAILED + EXPECT_FAILED))
summary_print
