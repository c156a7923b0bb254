#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# run_tests.sh: runs an arch's unit tests as listed in its unittests.cfg and
# reports a verdict per test (console, TAP, JUnit, logs/). See docs/runner.md
# and docs/unittests-cfg.md; run it from the directory holding config.mak.

# Names, options and guest bytes need no locale; messages stay in English.
LC_ALL=C
RUNNER_SRCDIR=${BASH_SOURCE[0]%/*}
[[ $RUNNER_SRCDIR == "${BASH_SOURCE[0]}" ]] && RUNNER_SRCDIR=.
# shellcheck disable=SC2034 # the name in run-image.bash's messages
RI_NAME=run_tests.sh
# shellcheck source=scripts/run-image.bash
. "$RUNNER_SRCDIR/scripts/run-image.bash"
for part in cfg main logs sched plan exec report ci; do
	# shellcheck source=/dev/null
	. "$RUNNER_SRCDIR/scripts/runner/$part.bash"
done
runner_main "$@"
