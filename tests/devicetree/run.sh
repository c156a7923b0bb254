#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/devicetree) - the device tree reader's host suite, on blobs
# made here: dtc's build of basic.dts, and QEMU's own virt tree
# (-machine virt,dumpdtb) for two machine shapes; then the same blobs
# truncated and damaged, and the fuzz target for DT_FUZZ_SECONDS (10 by
# default). What dtc, QEMU or clang's libFuzzer would need is skipped, and
# said so, when they are missing. Last line "N passed, N failed[, N skipped]".
set -u
cd "$(dirname "$0")/../.." || exit 2
source tests/host/summary.bash

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

skip() {
	echo "SKIP: $*"
	SUMMARY_SKIPPED=$((SUMMARY_SKIPPED + 1))
}

fail() {
	echo "FAIL: $*"
	SUMMARY_FAILED=$((SUMMARY_FAILED + 1))
}

# The suite's own makefiles only, so that it builds even without ./configure.
mk() {
	make -s -f tests/host/host.mk -f tests/devicetree/suite.mk "$@"
}

if ! mk dt-tests; then
	fail "dt_test does not build"
	summary_print
	exit
fi
dt_test=build/host/tests/devicetree/dt_test

blobs=()
if command -v dtc > /dev/null; then
	if dtc -q -I dts -O dtb -o "$tmp/basic.dtb" tests/devicetree/basic.dts; then
		summary_run "$dt_test" basic "$tmp/basic.dtb"
		blobs+=("$tmp/basic.dtb")
	else
		fail "dtc cannot build tests/devicetree/basic.dts"
	fi
else
	skip "basic.dts: dtc not installed (Debian: device-tree-compiler)"
fi

# QEMU writes its tree and exits; -kernel is needed for /chosen to be filled in.
if command -v qemu-system-aarch64 > /dev/null; then
	printf 'KEY=value\n' > "$tmp/initrd"
	: > "$tmp/kernel"
	for shape in "1 128 x" "4 1024 one two  three"; do
		read -r cpus mib args <<< "$shape"
		if qemu-system-aarch64 -machine "virt,dumpdtb=$tmp/virt.dtb" -cpu max -smp "$cpus" -m "$mib" \
			-kernel "$tmp/kernel" -initrd "$tmp/initrd" -append "$args" -display none > /dev/null 2>&1; then
			summary_run "$dt_test" virt "$tmp/virt.dtb" "$cpus" "$mib" "$args" 10
		else
			fail "qemu-system-aarch64 -machine virt,dumpdtb did not write a tree"
		fi
	done
	# QEMU's blob is 1 MiB of mostly free space: damage the compact form dtc writes.
	if [ -f "$tmp/virt.dtb" ] && command -v dtc > /dev/null &&
		dtc -q -I dtb -O dtb -o "$tmp/virt-compact.dtb" "$tmp/virt.dtb"; then
		blobs+=("$tmp/virt-compact.dtb")
	fi
else
	skip "QEMU's virt tree: qemu-system-aarch64 not installed (Debian: qemu-system-arm)"
fi

for b in "${blobs[@]}"; do
	summary_run "$dt_test" corrupt "$b" 5000
done

seconds=${DT_FUZZ_SECONDS:-10}
mkdir -p build/dt-fuzz
if ! command -v clang > /dev/null || ! mk dt-fuzz > build/dt-fuzz/build.log 2>&1; then
	skip "dt_fuzz: clang with libFuzzer (Debian: clang, libclang-rt-14-dev) is not usable"
	tail -n 5 build/dt-fuzz/build.log 2> /dev/null | sed 's/^/  /'
else
	# The blobs above seed the corpus, so the fuzzer starts from valid trees.
	mkdir -p build/dt-fuzz/corpus
	for b in "${blobs[@]}"; do
		cp "$b" build/dt-fuzz/corpus/
	done
	out=$(build/dt-fuzz/dt_fuzz -max_total_time="$seconds" -max_len=65536 -artifact_prefix=build/dt-fuzz/ \
		build/dt-fuzz/corpus 2>&1)
	rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' <<< "$out")
	if [ "$rc" -eq 0 ]; then
		echo "PASS: dt_fuzz: ${runs:-?} inputs in ${seconds}s without a sanitizer report"
		SUMMARY_PASSED=$((SUMMARY_PASSED + 1))
	else
		tail -n 30 <<< "$out"
		fail "dt_fuzz (status $rc); the input that failed is under build/dt-fuzz/"
	fi
fi
summary_print
