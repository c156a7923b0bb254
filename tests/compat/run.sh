#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/compat) - the promise that a test written against
# kvm-unit-tests' x86 API builds here unchanged: tests/compat/x86/kut_api.c
# (with a helper file named in tests/compat/x86/helpers.txt) is built with
# the normal Makefile rules and run under TCG, with both firmwares x86/run
# may use; so is kut_later.c, for the names its own tests needed. With KUT_DIR set to a kvm-unit-tests checkout, the tests of
# tests/compat/kut-x86.txt are built unchanged from it as well. Needs a
# tree configured for x86_64.
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

rm -f "$dir"/*.elf "$dir"/*.flat build/x86_64/tests/kut_api*.o build/x86_64/tests/kut_later.o
expect 0 'LD	tests/compat/x86/kut_api.elf' "kut_api.c and its helper file build unchanged" -- \
	make TEST_DIR="$dir" "$image"
expect 0 'kut_api_helpers' "a helper named in helpers.txt is not built as a test" -- \
	bash -c "make -s -n TEST_DIR=$dir all | grep -q 'kut_api_helpers\.elf' || echo kut_api_helpers left out"
expect 0 '^SUMMARY: 16 tests$' "it passes with 2 CPUs" -- timeout 60 x86/run "$image" -smp 2
expect 0 '^SUMMARY: 16 tests$' "it passes with 1 CPU" -- timeout 60 x86/run "$image" -smp 1
# kut_later.c: the names added for kvm-unit-tests' own tests (only 5-level paging may skip).
expect 0 'LD	tests/compat/x86/kut_later.elf' "kut_later.c builds unchanged" -- \
	make TEST_DIR="$dir" "$dir/kut_later.flat"
expect 0 '^SUMMARY: 20 tests(, 1 skipped)?$' "kut_later passes with 3 CPUs, -cpu max and 256 MiB" -- \
	timeout 120 x86/run "$dir/kut_later.flat" -cpu max -smp 3 -m 256
qboot=/usr/share/qemu/qboot.rom
skipped=0
if [ -f "$qboot" ]; then
	expect 0 '^SUMMARY: 16 tests$' "it passes with 4 CPUs under qboot" -- \
		timeout 60 x86/run "$image" -smp 4 -bios "$qboot"
else
	echo "SKIP: compat: no $qboot (Debian package qemu-system-data)"
	skipped=$((skipped + 1))
fi

# kvm-unit-tests' own tests, from a checkout the caller names (nothing is
# fetched, and none of its code is kept here): each test of kut-x86.txt
# must build unchanged, in a copy of this tree, from x86/NAME.c and the
# headers of its x86/ directory (emulator.c includes emulator64.c).
kut=${KUT_DIR:-}
if [ -z "$kut" ] || [ ! -d "$kut/x86" ] || [ ! -f "$kut/lib/libcflat.h" ]; then
	echo "SKIP: compat: kvm-unit-tests' x86 tests: set KUT_DIR to a kvm-unit-tests checkout to build them"
	skipped=$((skipped + 1))
else
	copy=build/compat-kut
	rm -rf "$copy"
	mkdir -p "$copy/kut"
	if ! { git ls-files -z --cached --others --exclude-standard | grep -zv '^build/' |
		tar -c --null -T - -f - | tar -x -C "$copy" -f - &&
		cp "$kut"/x86/*.h "$copy/kut/" && cp config.mak "$copy/" && cp lib/config.h "$copy/lib/"; }; then
		echo "compat: could not prepare $copy"
		echo "$EXPECT_PASSED passed, $((EXPECT_FAILED + 1)) failed"
		exit 1
	fi
	[ -f "$kut/x86/emulator64.c" ] && cp "$kut/x86/emulator64.c" "$copy/kut/"
	while read -r name; do
		if [ ! -f "$kut/x86/$name.c" ]; then
			echo "SKIP: compat: kvm-unit-tests has no x86/$name.c"
			skipped=$((skipped + 1))
			continue
		fi
		cp "$kut/x86/$name.c" "$copy/kut/"
		expect 0 '' "kvm-unit-tests' x86/$name.c builds unchanged" -- \
			make -C "$copy" -s -j2 TEST_DIR=kut "kut/$name.flat"
	done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' tests/compat/kut-x86.txt)
fi
echo "$EXPECT_PASSED passed, $EXPECT_FAILED failed, $skipped skipped"
[ "$EXPECT_FAILED" -eq 0 ]
