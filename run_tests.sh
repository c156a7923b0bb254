#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# run_tests.sh: runs an arch's unit tests as listed in its unittests.cfg and
# reports a verdict per test (console, TAP, JUnit, logs/). See docs/runner.md
# and docs/unittests-cfg.md; run it from the directory holding config.mak.

# Bash parses, matches patterns and splits words several times slower in a
# multibyte locale; the runner handles names, options and bytes, never
# text that needs one. Messages stay in English either way.
LC_ALL=C
RUNNER_SRCDIR=${BASH_SOURCE[0]%/*}
[[ $RUNNER_SRCDIR == "${BASH_SOURCE[0]}" ]] && RUNNER_SRCDIR=.

# What --list needs is loaded first; the rest only for a real run, since
# sourcing costs time that listing a cfg cannot spare.
# shellcheck source=scripts/runner/util.bash
. "$RUNNER_SRCDIR/scripts/runner/util.bash"
# shellcheck source=scripts/runner/config.bash
. "$RUNNER_SRCDIR/scripts/runner/config.bash"
# shellcheck source=scripts/runner/cfg.bash
. "$RUNNER_SRCDIR/scripts/runner/cfg.bash"
# shellcheck source=scripts/runner/select.bash
. "$RUNNER_SRCDIR/scripts/runner/select.bash"
# shellcheck source=scripts/runner/main.bash
. "$RUNNER_SRCDIR/scripts/runner/main.bash"

# What a run needs up to opening its log directory, which starts moving the
# previous run's logs away in the background (mv takes milliseconds to
# start): the rest is read meanwhile.
load_open_parts()
{
	# shellcheck source=scripts/runner/logs.bash
	. "$RUNNER_SRCDIR/scripts/runner/logs.bash"
	# shellcheck source=scripts/runner/sched.bash
	. "$RUNNER_SRCDIR/scripts/runner/sched.bash"
	# shellcheck source=scripts/runner/junit.bash
	[[ -z $OPT_JUNIT ]] || . "$RUNNER_SRCDIR/scripts/runner/junit.bash"
}

load_run_parts()
{
	# shellcheck source=scripts/runner/qemu.bash
	. "$RUNNER_SRCDIR/scripts/runner/qemu.bash"
	# shellcheck source=scripts/environ.bash
	. "$RUNNER_SRCDIR/scripts/environ.bash"
	# shellcheck source=scripts/runner/plan.bash
	. "$RUNNER_SRCDIR/scripts/runner/plan.bash"
	# shellcheck source=scripts/runner/exec.bash
	. "$RUNNER_SRCDIR/scripts/runner/exec.bash"
	# shellcheck source=scripts/runner/console.bash
	. "$RUNNER_SRCDIR/scripts/runner/console.bash"
	# TAP only when asked for.
	# shellcheck source=scripts/runner/tap.bash
	[[ -z $OPT_TAP ]] || . "$RUNNER_SRCDIR/scripts/runner/tap.bash"
}

runner_main "$@"
