/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lib_test.c - host tests of argv/environ parsing, of the report API's
 * output and exit statuses, and of the EXIT line. Written like a guest
 * test (report()); cases that must abort, that would disturb this
 * program's own counters, or that print, run in a child process
 * (host_run_child).
 */
#include "libcflat.h"
#include "argv.h"
#include "exit_line.h"
#include "string.h"
#include "host.h"

static char out[8192];

static void test_cmdline(void)
{
	report_prefix_push("argv");
	setup_args_cmdline("x86/t.flat a  b\tc");
	report(__argc == 4 && !strcmp(__argv[0], "x86/t.flat") && !strcmp(__argv[1], "a") &&
	       !strcmp(__argv[2], "b") && !strcmp(__argv[3], "c") && !__argv[4], "cmdline split at white space");
	report(!strcmp(__args, "a  b\tc"), "__args keeps the text after the program name: \"%s\"", __args);
	setup_args_cmdline("   ");
	report(__argc == 1 && !strcmp(__argv[0], "") && !__argv[1], "blank cmdline: argc 1, empty argv[0]");
	setup_args_cmdline("only");
	report(__argc == 1 && !strcmp(__args, ""), "no arguments: argc 1, empty __args");
	setup_args_progname("prog", " x y ");
	report(__argc == 3 && !strcmp(__argv[0], "prog") && !strcmp(__argv[2], "y"), "progname and arguments");
	setup_args_progname("prog", NULL);
	report(__argc == 1 && !__argv[1], "progname without arguments");
	report_prefix_pop();
}

static void too_many_args(void *arg)
{
	static char line[1024];
	int i;

	for (i = 0; i < ARGV_MAX + 2; i++)
		strcat(line, "w ");
	setup_args_cmdline(line);
}

static void too_long_cmdline(void *arg)
{
	static char line[8192];

	memset(line, 'x', sizeof(line) - 1);
	setup_args_cmdline(line);
}

static void test_argv_limits(void)
{
	int st;

	report_prefix_push("argv limits");
	st = host_run_child(too_many_args, NULL, out, sizeof(out));
	report(st == EXIT_ABORT && strstr(out, "more than 128 arguments"), "too many arguments abort (%d)", st);
	st = host_run_child(too_long_cmdline, NULL, out, sizeof(out));
	report(st == EXIT_ABORT && strstr(out, "over the limit"), "an over-long command line aborts (%d)", st);
	report_prefix_pop();
}

static void test_environ(void)
{
	static const char blob[] = "# a comment\n\nKEY=value\r\nKEY2=second=with=equals\n"
				   "  SPACED=1\nEMPTY=\nLAST=no-newline";

	report_prefix_push("environ");
	setup_env(blob, sizeof(blob) - 1);
	report(getenv("KEY") && !strcmp(getenv("KEY"), "value"), "KEY with CRLF: \"%s\"", getenv("KEY"));
	report(getenv("KEY2") && !strcmp(getenv("KEY2"), "second=with=equals"), "value keeps later '='");
	report(getenv("SPACED") && !strcmp(getenv("SPACED"), "1"), "leading white space ignored");
	report(getenv("EMPTY") && !strcmp(getenv("EMPTY"), ""), "empty value");
	report(getenv("LAST") && !strcmp(getenv("LAST"), "no-newline"), "last line without newline");
	report(!getenv("KE") && !getenv("KEY3") && !getenv("a comment"), "no prefix or comment matches");
	setup_env("A=1\0B=2\n", 8);
	report(getenv("A") && !getenv("B"), "the blob ends at a NUL");
	report_prefix_pop();
}

static void bad_environ(void *arg)
{
	const char *blob = arg;

	setup_env(blob, strlen(blob));
}

static void test_environ_errors(void)
{
	int st;

	report_prefix_push("environ errors");
	st = host_run_child(bad_environ, "A=1\n# fine\nnot a pair\n", out, sizeof(out));
	report(st == EXIT_ABORT && strstr(out, "environ: line 3: expected KEY=VAL, got \"not a pair\""),
	       "a line without '=' aborts naming line 3 (%d): %s", st, out);
	st = host_run_child(bad_environ, "=x\n", out, sizeof(out));
	report(st == EXIT_ABORT && strstr(out, "line 1"), "an empty key aborts (%d)", st);
	st = host_run_child(bad_environ, "1ABC=x\n", out, sizeof(out));
	report(st == EXIT_ABORT && strstr(out, "line 1"), "a key starting with a digit aborts (%d)", st);
	st = host_run_child(bad_environ, "A B=x\n", out, sizeof(out));
	report(st == EXIT_ABORT, "a key with a space aborts (%d)", st);
	report_prefix_pop();
}

/* Each report scenario runs in a child, which exits with report_summary()'s value. */
static void scenario_mixed(void *arg)
{
	report_prefix_push("outer");
	report_prefix_pushf("inner %d", 2);
	report(true, "a pass");
	report(false, "a fail %s", "here");
	report_prefix_pop();
	report_skip("skipped %d", 1);
	report_xfail(true, false, "expected");
	report_kfail(true, false, "known");
	report_info("note");
	report_prefix_popn(1);
	report_pass("bare");
	exit(report_summary());
}

static void scenario_all_skipped(void *arg)
{
	report_skip("one");
	report_skip("two");
	exit(report_summary());
}

static void scenario_xpass(void *arg)
{
	report_xfail(true, true, "passed unexpectedly");
	exit(report_summary());
}

static void scenario_pass(void *arg)
{
	report(true, "ok");
	report_xfail(true, false, "xf");
	exit(report_summary());
}

static void scenario_abort(void *arg)
{
	report(true, "before");
	report_abort("gave up at %d", 7);
}

static void scenario_pop_empty(void *arg)
{
	report_prefix_pop();
}

static void scenario_prefix_with_colon(void *arg)
{
	report_prefix_push("a: b");
	report_prefix_push("c");
	report_prefix_pop();
	report(true, "x");
	exit(report_summary());
}

static void scenario_assert(void *arg)
{
	assert_msg(1 + 1 == 3, "math is %s", "hard");
}

static void (*const scenarios[])(void *) = {
	scenario_mixed, scenario_all_skipped, scenario_xpass, scenario_pass, scenario_abort,
	scenario_pop_empty, scenario_prefix_with_colon, scenario_assert,
};
static int sc_status[ARRAY_SIZE(scenarios)];
static char sc_out[ARRAY_SIZE(scenarios)][2048];

/* Run before this program reports anything: a child inherits the report state. */
static void run_report_scenarios(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(scenarios); i++)
		sc_status[i] = host_run_child(scenarios[i], NULL, sc_out[i], sizeof(sc_out[i]));
}

static void test_report(void)
{
	report_prefix_push("report");
	report(sc_status[0] == EXIT_FAIL, "a failure makes report_summary return 1 (%d)", sc_status[0]);
	report(!strcmp(sc_out[0],
		       "PASS: outer: inner 2: a pass\n"
		       "FAIL: outer: inner 2: a fail here\n"
		       "SKIP: outer: skipped 1\n"
		       "XFAIL: outer: expected\n"
		       "KFAIL: outer: known\n"
		       "INFO: outer: note\n"
		       "PASS: bare\n"
		       "SUMMARY: 6 tests, 1 unexpected failures, 1 known failures, 1 expected failures, 1 skipped\n"),
	       "lines, prefixes and summary:\n%s", sc_out[0]);
	report(sc_status[1] == EXIT_SKIP && strstr(sc_out[1], "SUMMARY: 2 tests, 2 skipped\n"),
	       "all skipped gives 77 (%d)", sc_status[1]);
	report(sc_status[2] == EXIT_FAIL && strstr(sc_out[2], "XPASS: passed unexpectedly\n") &&
	       strstr(sc_out[2], "SUMMARY: 1 tests, 1 unexpected failures\n"),
	       "XPASS counts as a failure (%d)", sc_status[2]);
	report(sc_status[3] == EXIT_PASS && strstr(sc_out[3], "SUMMARY: 2 tests, 1 expected failures\n"),
	       "XFAIL alone passes (%d)", sc_status[3]);
	report(sc_status[4] == EXIT_ABORT && strstr(sc_out[4], "ABORT: gave up at 7\n") &&
	       strstr(sc_out[4], "SUMMARY: 1 tests\n"),
	       "report_abort prints, summarises and exits 64 (%d)", sc_status[4]);
	report(sc_status[5] == EXIT_ABORT && strstr(sc_out[5], "prefix stack is empty"),
	       "popping an empty prefix stack aborts");
	report(sc_status[6] == EXIT_PASS && strstr(sc_out[6], "PASS: a: b: x\n"),
	       "a prefix containing \": \" pops whole");
	report(sc_status[7] == EXIT_ABORT && strstr(sc_out[7], "assert failed: 1 + 1 == 3: math is hard"),
	       "assert_msg prints file, line, condition and message: %s", sc_out[7]);
	report_prefix_pop();
}

struct exit_case {
	int code;
	bool at_line_start;
	const char *want;
};

static void print_exit_line(void *arg)
{
	const struct exit_case *c = arg;

	exit_line(c->code, 0, c->at_line_start);
}

/* exit_line() formats the status itself: every width, the codes outside 0..118, the newline it may add. */
static void test_exit_line(void)
{
	static const struct exit_case cases[] = {
		{ 0, true, "EXIT: STATUS=0\n" }, { 7, true, "EXIT: STATUS=7\n" }, { 64, true, "EXIT: STATUS=64\n" },
		{ 100, true, "EXIT: STATUS=100\n" }, { 118, true, "EXIT: STATUS=118\n" },
		{ 119, true, "EXIT: STATUS=1\n" }, { -2, true, "EXIT: STATUS=1\n" },
		{ 5, false, "\nEXIT: STATUS=5\n" },
	};
	unsigned int i;
	bool ok;
	int st;

	report_prefix_push("exit_line");
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		st = host_run_child(print_exit_line, (void *)&cases[i], out, sizeof(out));
		ok = st == 0 && !strcmp(out, cases[i].want);
		report(ok, "code %d%s", cases[i].code, cases[i].at_line_start ? "" : " after a partial line");
		if (!ok)
			printf("\tgot (status %d): %s", st, out);
	}
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	run_report_scenarios();
	test_cmdline();
	test_argv_limits();
	test_environ();
	test_environ_errors();
	test_report();
	test_exit_line();
	return report_summary();
}
