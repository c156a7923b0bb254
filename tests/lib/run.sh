#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/lib) - build and run the host tests of lib/; the last line
# is "N passed, N failed" (docs/architecture.md, host suites).
set -u
cd "$(dirname "$0")/../.." || exit 2
source tests/host/summary.bash

make -s host-lib-tests || { echo "0 passed, 1 failed"; exit 1; }
for t in diff_printf diff_string lib_test acpi_test pci_test; do
	summary_run "build/host/tests/lib/$t"
done
summary_print
