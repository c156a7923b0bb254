#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# check-arch.sh ARCH - build and run ARCH's guest suite from a tree
# configured for another arch: a copy of the tracked sources goes to
# build/check-ARCH/, is configured there for ARCH, built, and run.
set -u
arch=${1:?usage: scripts/check-arch.sh ARCH}
cd "$(dirname "$0")/.." || exit 2
dir=build/check-$arch

mkdir -p "$dir"
# Tracked and new files alike, so a change under test is in the copy.
git ls-files -z --cached --others --exclude-standard | grep -zv '^build/' |
	tar -c --null -T - -f - | tar -x -C "$dir" -f - ||
	{ echo "check-arch: could not copy the tree to $dir"; exit 2; }
cd "$dir" || exit 2
./configure --arch="$arch" >/dev/null || exit 2
make -s -j"$(nproc)" || { echo "0 passed, 1 failed"; exit 1; }
# The suite, then the arch's run-script tests if it has them; one total line.
passed=0 failed=0 skipped=0
# shellcheck source=scripts/arch-table.bash
source scripts/arch-table.bash
arch_lookup "$arch" || { echo "check-arch: no arch '$arch' in scripts/arch.tbl"; exit 2; }
for cmd in ./run_tests.sh "tests/$AT_TEST_DIR-run/run.sh"; do
	[ -x "${cmd%% *}" ] || continue
	line=$($cmd | tee /dev/stderr | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	[[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]] || { failed=$((failed + 1)); continue; }
	passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2]))
	[[ $line =~ ([0-9]+)\ skipped ]] && skipped=$((skipped + BASH_REMATCH[1]))
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
