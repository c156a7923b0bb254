#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# check.sh - what `make check` runs: every host suite (tests/*/run.sh), then
# the guest suite of the configured arch, then the guest suites of the other
# arches whose cross compiler and QEMU are installed (each built in a copy
# of the tree under build/), all under TCG unless ACCEL says otherwise; then,
# when KVM is usable and ACCEL was not given, the KVM leg. Each suite ends
# with "N passed, N failed[, N skipped]"; this script adds them up and prints
# the total as its last line.
set -u
cd "$(dirname "$0")/.." || exit 2

passed=0 failed=0 skipped=0
failed_suites=()

# Read a suite's last counts line from its output file, and add it up.
count_suite() {
	local name=$1 out=$2 rc=$3 line p=0 f=0 s=0
	line=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "check: suite '$name' printed no 'N passed, N failed' line (exit status $rc)"
		f=1
	else
		[[ $line =~ ([0-9]+)\ passed ]] && p=${BASH_REMATCH[1]}
		[[ $line =~ ([0-9]+)\ failed ]] && f=${BASH_REMATCH[1]}
		[[ $line =~ ([0-9]+)\ skipped ]] && s=${BASH_REMATCH[1]}
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "check: suite '$name' exited with status $rc"
			f=1
		fi
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	[ "$f" -eq 0 ] || failed_suites+=("$name")
}

run_suite() {
	local name=$1 out rc
	shift
	out=$(mktemp)
	echo "=== $name"
	"$@" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	count_suite "$name" "$out" "$rc"
	rm -f "$out"
}

# The framework's own checks run under TCG, the reference: on a KVM host
# they would otherwise check the hypervisor. ACCEL=kvm (or tcg) runs them
# all under what it says; with no ACCEL, a KVM leg of its own follows when
# KVM is usable here.
user_accel=${ACCEL:-}
export ACCEL=${ACCEL:-tcg}
echo "check: framework legs under ACCEL=$ACCEL${user_accel:+ (as asked)}"

for suite in tests/*/run.sh; do
	run_suite "host: $(basename "$(dirname "$suite")")" "$suite"
done

arch=$(sed -n 's/^ARCH=//p' config.mak)
run_suite "guest: $arch ($ACCEL)" ./run_tests.sh

# Other arches of scripts/arch.tbl: only where their toolchain and QEMU are installed.
# shellcheck source=scripts/arch-table.bash
source scripts/arch-table.bash
arch_lookup ""
(( $? == 2 )) && exit 2
for other in $ARCH_NAMES; do
	[ "$other" = "$arch" ] && continue
	arch_lookup "$other"
	[ -f "lib/$AT_LIB_DIR/arch.mk" ] || continue
	cc=${AT_CROSS_PREFIX}gcc qemu=$AT_QEMU_BIN
	if ! command -v "$cc" >/dev/null || ! command -v "$qemu" >/dev/null; then
		echo "=== guest: $other: skipped ($cc or $qemu not installed: $AT_GCC_PKG, $AT_QEMU_PKG)"
		skipped=$((skipped + 1))
		continue
	fi
	run_suite "guest: $other ($ACCEL)" scripts/check-arch.sh "$other"
done

# The Bochs leg: nested VMX, which QEMU's TCG lacks, on Bochs' emulated
# VMX (scripts/check-bochs.sh skips, saying why, without Bochs or GRUB).
run_suite "bochs leg" scripts/check-bochs.sh

# The KVM leg: the framework's KVM plumbing, with the hypervisor's own
# results shown as information (scripts/check-kvm.sh says how).
if [ -z "$user_accel" ]; then
	run_suite "kvm leg" scripts/check-kvm.sh
fi

echo
if [ ${#failed_suites[@]} -gt 0 ]; then
	echo "check: failed suites: ${failed_suites[*]}"
fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line+=", $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
