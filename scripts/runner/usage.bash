# SPDX-License-Identifier: GPL-2.0-only
# run_tests.sh --help: the options, the environment and the exit status, in
# a file of its own since only --help reads it.

usage()
{
	cat <<'USAGE'
Usage: run_tests.sh [options] [test...]

Runs the tests of $TEST_DIR/unittests.cfg (TEST_DIR from config.mak), each
through $TEST_DIR/run, and prints one line per test and a last line
"N passed, N failed, N skipped".

Options:
  -a, --all            also run nodefault tests, and set ERRATA_FORCE=y
  -g, --group G        run the tests in group G (repeatable, or G1,G2)
  -j, --parallel N     run N tests at once (default 1)
  -t, --tap13          write TAP version 13 on stdout instead
      --junit FILE     also write JUnit XML to FILE
  -l, --list           list the selected tests' names and exit
  -v, --verbose        print each test's command before running it
      --cfg FILE       use FILE instead of $TEST_DIR/unittests.cfg
  -h, --help           show this help

Tests named on the command line and tests in the -g groups are run (either
selects, nodefault tests included); with neither, every test but the
nodefault ones.

Environment:
  QEMU           the QEMU binary (default: qemu-system-$ARCH from PATH)
  ACCEL          kvm or tcg[,props] (default: kvm when usable, else tcg)
  MACHINE        the QEMU machine type for every test
  FIRMWARE       x86: qboot (default) or seabios, for tests without a cfg firmware
  TIMEOUT        a timeout(1) duration for every test, overriding the cfg
  MAX_SMP        the CPU count smp expressions see (default: host CPUs)
  CHECK          path=value pairs replacing every test's cfg 'check'
  ERRATATXT      the errata file (default: from config.mak)
  UNITTESTS_ENV  a KEY=VAL file added to the tests' environ
  LOG_DIR        where logs go (default: logs; the previous run: LOG_DIR.old);
                 created if absent, refused if it holds other files; a second
                 run on the same LOG_DIR waits for the first
  NO_COLOR       set to turn colour off (it is only used on a terminal)

Exit status: 0 when no test failed, 1 when one failed, timed out or crashed,
2 for a usage or configuration error, 128+N when ended by signal N (130 for
Ctrl-C); logs/SUMMARY then says how the run ended.
USAGE
}
