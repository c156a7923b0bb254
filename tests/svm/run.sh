#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/svm) - build and run the host test of the nested SVM
# library; the last line is "N passed, N failed" (docs/architecture.md).
set -u
cd "$(dirname "$0")/../.." || exit 2
source tests/host/summary.bash

# The suite's own makefiles only, so that it builds even without ./configure.
if make -s -f tests/host/host.mk -f tests/svm/suite.mk host-svm-tests; then
	summary_run build/host/tests/svm/svm_test
else
	echo "FAIL: svm_test does not build"
	SUMMARY_FAILED=$((SUMMARY_FAILED + 1))
fi
summary_print
