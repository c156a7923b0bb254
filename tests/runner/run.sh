#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The runner's own test suite (run_tests.sh, scripts/runner/, environ,
# errata), mostly against a fake QEMU. Follows the host-suite protocol of
# docs/architecture.md: last line "N passed, N failed, N skipped", exit 0
# only when nothing failed. Run as tests/runner/run.sh [t_function...].

TESTS_DIR=$(cd "${BASH_SOURCE[0]%/*}" && pwd)
REPO=$(cd "$TESTS_DIR/../.." && pwd)
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/runner-tests.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
# Real-QEMU checks run under TCG, the reference, unless ACCEL asks otherwise.
export REAL_ACCEL=${ACCEL:-tcg}
# The user's settings would change what the runner does.
unset ACCEL QEMU MACHINE TIMEOUT CHECK MAX_SMP ERRATATXT UNITTESTS_ENV LOG_DIR \
	ERRATA_FORCE NO_COLOR KVM_DEVICE DEFAULT_ENVIRON HOST_KERNEL_RELEASE QEMU_VERSION_STRING

# shellcheck source=tests/runner/lib.bash
. "$TESTS_DIR/lib.bash"
for f in "$TESTS_DIR"/t-*.bash; do
	# shellcheck source=/dev/null
	. "$f"
done

if (( $# )); then
	tests=("$@")
else
	mapfile -t tests < <(declare -F | sed -n 's/^declare -f \(t_.*\)/\1/p')
fi
for t in "${tests[@]}"; do
	printf '== %s\n' "$t"
	"$t"
done
printf '%d passed, %d failed, %d skipped\n' "$T_PASSED" "$T_FAILED" "$T_SKIPPED"
(( T_FAILED == 0 ))
