#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/compat) - the promise that a test written against
# kvm-unit-tests' x86 API builds here unchanged: tests/compat/x86/kut_api.c
# (with a helper file named in tests/compat/x86/helpers.txt) is built with
# the normal Makefile rules and run under TCG, with both firmwares x86/run
# may use. Needs a tree configured for x86_64.
set -u
cd "$(dirname "$0")/../.." || exit 2

EXPECT_NAME=compat
# shellcheck source=tests/host/expect.bash
source tests/host/expect.bash

if [ "$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)" != x86_64 ]; then
	echo "SKIP: compat: needs a tree configured for x86_64"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
export ACCEL=tcg
dir=tests/compat/x86
image=$dir/kut_api.flat

rm -f "$dir"/*.elf "$dir"/*.flat build/x86_64/tests/kut_api*.o
expect 0 'LD	tests/compat/x86/kut_api.elf' "kut_api.c and its helper file build unchanged" -- \
	make TEST_DIR="$dir" "$image"
expect 0 'kut_api_helpers' "a helper named in helpers.txt is not built as a test" -- \
	bash -c "make -s -n TEST_DIR=$dir all | grep -q 'kut_api_helpers\.elf' || echo kut_api_helpers left out"
expect 0 '^SUMMARY: 16 tests$' "it passes with 2 CPUs" -- timeout 60 x86/run "$image" -smp 2
expect 0 '^SUMMARY: 16 tests$' "it passes with 1 CPU" -- timeout 60 x86/run "$image" -smp 1
qboot=/usr/share/qemu/qboot.rom
if [ -f "$qboot" ]; then
	expect 0 '^SUMMARY: 16 tests$' "it passes with 4 CPUs under qboot" -- \
		timeout 60 x86/run "$image" -smp 4 -bios "$qboot"
	expect_end
else
	echo "SKIP: compat: no $qboot (Debian package qemu-system-data)"
	echo "$EXPECT_PASSED passed, $EXPECT_FAILED failed, 1 skipped"
	[ "$EXPECT_FAILED" -eq 0 ]
fi
