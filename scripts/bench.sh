#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# bench.sh - what `make bench` runs: every benchmark that applies to this
# tree, one after the other (they time things, so never in parallel), each
# printing its own table. Exits 1 when a benchmark reports a missed target.
set -u
cd "$(dirname "$0")/.." || exit 2
arch=$(sed -n 's/^ARCH=//p' config.mak)
status=0

run() {
	echo "=== $*"
	"$@" || status=1
	echo
}

run bench/alloc/run.sh
# An arch's boot benchmark, named after it or its test directory (arch.tbl).
# shellcheck source=scripts/arch-table.bash
source scripts/arch-table.bash
arch_lookup "$arch" || exit 2
for boot in "bench/$arch-boot.sh" "bench/$AT_TEST_DIR-boot.sh"; do
	if [ -x "$boot" ]; then
		run "$boot"
		break
	fi
done
run bench/runner-bench.sh
exit "$status"
