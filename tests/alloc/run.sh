#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/alloc) - the allocator's host suite: the unit tests, then the
# fuzz target for ALLOC_FUZZ_SECONDS (20 by default; skipped when clang's
# libFuzzer is missing). Last line "N passed, N failed[, N skipped]".
set -u
cd "$(dirname "$0")/../.." || exit 2
source tests/host/summary.bash

# The suite's own makefiles only, so that it builds even without ./configure.
mk() {
	make -s -f tests/host/host.mk -f tests/alloc/suite.mk "$@"
}

if mk alloc-tests; then
	summary_run build/host/tests/alloc/alloc_test
else
	echo "FAIL: alloc_test does not build"
	SUMMARY_FAILED=$((SUMMARY_FAILED + 1))
fi

seconds=${ALLOC_FUZZ_SECONDS:-20}
if ! command -v clang > /dev/null || ! mk alloc-fuzz > build/fuzz-build.log 2>&1; then
	echo "SKIP: alloc_fuzz: clang with libFuzzer (Debian: clang, libclang-rt-14-dev) is not usable"
	sed 's/^/  /' build/fuzz-build.log 2> /dev/null | tail -n 5
	SUMMARY_SKIPPED=$((SUMMARY_SKIPPED + 1))
else
	mkdir -p build/fuzz/corpus
	out=$(build/fuzz/alloc_fuzz -max_total_time="$seconds" -artifact_prefix=build/fuzz/ \
		build/fuzz/corpus 2>&1)
	rc=$?
	counts=$(grep '^alloc_fuzz: [0-9]* operations' <<< "$out" | tail -n 1)
	if [ "$rc" -eq 0 ] && [ -n "$counts" ]; then
		echo "PASS: $counts, no violation in ${seconds}s"
		SUMMARY_PASSED=$((SUMMARY_PASSED + 1))
	else
		tail -n 40 <<< "$out"
		echo "FAIL: alloc_fuzz (status $rc); the input that failed is under build/fuzz/"
		SUMMARY_FAILED=$((SUMMARY_FAILED + 1))
	fi
fi
summary_print
