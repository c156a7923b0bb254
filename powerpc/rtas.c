/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtas.c - RTAS services (PAPR chapter 7) a partition uses, against their
 * definitions, one sub-test per argument:
 *   get-time-of-day [date=YYYY-MM-DD]  a valid date and time that advances with the timebase; with date=,
 *                                      the date QEMU was given with -rtc base=
 *   set-time-of-day                    the time set is the time read back (then it keeps running); an
 *                                      invalid month or day is a parameter error
 *   event-scan                         no event pending at boot: status 1 (no errors found), the buffer
 *                                      untouched
 *   bad-args                           wrong argument or result counts, and a token nobody defined, give
 *                                      -3 (parameter error)
 *   cpu-state                          (two CPUs) query-cpu-stopped-state: 0 (stopped) for a CPU not
 *                                      started, 2 (running) once it runs; an unknown server is -3
 * A hypervisor whose RTC loses the offset it was given, forgets set-time-of-day, writes an event buffer
 * with nothing to report, trusts the argument counts, or reports a CPU's state wrong, fails here.
 */
#include "libcflat.h"
#include "accel.h"
#include "argv.h"
#include "rtas.h"
#include "smp.h"
#include "asm/page.h"
#include "asm/time.h"

#define RTAS_NO_ERRORS_FOUND	1	/* event-scan: nothing to report */
#define QCSS_STOPPED		0
#define QCSS_RUNNING		2

struct tod {
	u32 year, month, day, hour, min, sec, ns;
};

static int get_tod(struct tod *t)
{
	u32 r[7];
	int ret = rtas_call("get-time-of-day", 0, 8, r);

	t->year = r[0];
	t->month = r[1];
	t->day = r[2];
	t->hour = r[3];
	t->min = r[4];
	t->sec = r[5];
	t->ns = r[6];
	return ret;
}

static bool tod_valid(const struct tod *t)
{
	return t->year >= 1970 && t->month >= 1 && t->month <= 12 && t->day >= 1 && t->day <= 31 && t->hour < 24 &&
	       t->min < 60 && t->sec < 60;
}

/* Seconds since 1970 of a valid date (days from the civil calendar, March-based years). */
static u64 tod_seconds(const struct tod *t)
{
	u64 y = t->year - (t->month <= 2), era = y / 400, yoe = y - era * 400;
	u64 doy = (153 * (t->month + (t->month > 2 ? -3 : 9)) + 2) / 5 + t->day - 1;
	u64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	u64 days = era * 146097 + doe - 719468;

	return ((days * 24 + t->hour) * 60 + t->min) * 60 + t->sec;
}

static void check_get(int argc, char **argv)
{
	const char *date = argv_find_value(argc, argv, "date");
	struct tod a, b;
	u64 tb0, tb1, elapsed_ns, rtc_ns, tolerance;
	int ret;

	ret = get_tod(&a);
	tb0 = get_tb();
	report(ret == RTAS_OUT_SUCCESS && tod_valid(&a), "status %d, %04u-%02u-%02u %02u:%02u:%02u", ret,
	       a.year, a.month, a.day, a.hour, a.min, a.sec);
	report_kfail(under_tcg(), a.ns < 1000000000, "nanoseconds %u below 10^9%s", a.ns,
		     a.ns < 1000000000 ? "" : " (QEMU 7.2: the low 32 bits of the nanoseconds since 1970)");
	if (date) {
		u32 y = atol(date), m = atol(date + 5), d = atol(date + 8);

		report(a.year == y && a.month == m && a.day == d, "the date is -rtc base=%s", date);
	}
	/*
	 * Across a second boundary: 1.2 s of timebase is 1.2 s of RTC, give or
	 * take 0.2 s; without valid nanoseconds, the seconds give or take one.
	 */
	msleep(1200);
	ret = get_tod(&b);
	tb1 = get_tb();
	elapsed_ns = (tb1 - tb0) * 1000 / (tb_hz() / 1000000);
	if (a.ns < 1000000000 && b.ns < 1000000000) {
		rtc_ns = (tod_seconds(&b) - tod_seconds(&a)) * 1000000000 + b.ns - a.ns;
		tolerance = 200000000;
	} else {
		rtc_ns = (tod_seconds(&b) - tod_seconds(&a)) * 1000000000;
		tolerance = 1000000000;
	}
	report(ret == RTAS_OUT_SUCCESS && rtc_ns + tolerance >= elapsed_ns && rtc_ns <= elapsed_ns + tolerance,
	       "the clock ran %lu ms while the timebase counted %lu ms (+-%lu)", rtc_ns / 1000000,
	       elapsed_ns / 1000000, tolerance / 1000000);
}

static void check_set(void)
{
	struct tod t;
	int ret;

	ret = rtas_call("set-time-of-day", 7, 1, NULL, 2010, 2, 3, 4, 5, 6, 0);
	report(ret == RTAS_OUT_SUCCESS, "set-time-of-day 2010-02-03 04:05:06: status %d", ret);
	ret = get_tod(&t);
	report(ret == RTAS_OUT_SUCCESS && t.year == 2010 && t.month == 2 && t.day == 3 && t.hour == 4 &&
	       t.min == 5 && t.sec >= 6 && t.sec <= 8, "read back %04u-%02u-%02u %02u:%02u:%02u", t.year, t.month,
	       t.day, t.hour, t.min, t.sec);
	ret = rtas_call("set-time-of-day", 7, 1, NULL, 2011, 12, 31, 23, 59, 59, 0);
	get_tod(&t);
	report(ret == RTAS_OUT_SUCCESS && t.year == 2011 && t.month == 12 && t.day == 31 && t.hour == 23,
	       "set to the last second of 2011: read back %04u-%02u-%02u %02u:%02u:%02u", t.year, t.month, t.day,
	       t.hour, t.min, t.sec);

	ret = rtas_call("set-time-of-day", 7, 1, NULL, 2010, 13, 1, 0, 0, 0, 0);
	report_kfail(under_tcg(), ret == RTAS_OUT_PARAM_ERROR, "month 13: status %d (-3, parameter error)%s", ret,
		     ret == RTAS_OUT_SUCCESS ? " (QEMU 7.2 accepts any date)" : "");
	ret = rtas_call("set-time-of-day", 7, 1, NULL, 2010, 2, 30, 0, 0, 0, 0);
	report_kfail(under_tcg(), ret == RTAS_OUT_PARAM_ERROR, "February 30: status %d (-3, parameter error)%s", ret,
		     ret == RTAS_OUT_SUCCESS ? " (QEMU 7.2 accepts any date)" : "");
}

static void check_event_scan(void)
{
	static u8 buf[2048] __aligned(16);
	size_t i;
	bool untouched = true;
	int ret;

	memset(buf, 0xa5, sizeof(buf));
	/* Event mask: all classes; critical 0; the buffer and its length. */
	ret = rtas_call("event-scan", 4, 1, NULL, 0xffffffff, 0, (u32)virt_to_phys(buf), (u32)sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		untouched &= buf[i] == 0xa5;
	report(ret == RTAS_NO_ERRORS_FOUND, "status %d (1, no errors found)", ret);
	report(untouched, "the buffer is untouched");
	ret = rtas_call("event-scan", 3, 1, NULL, 0xffffffff, 0, (u32)virt_to_phys(buf));
	report(ret == RTAS_OUT_PARAM_ERROR, "three arguments: status %d (-3)", ret);
}

static void check_bad_args(void)
{
	u32 r[8];
	int ret;

	ret = rtas_call("get-time-of-day", 1, 8, r, 0);
	report(ret == RTAS_OUT_PARAM_ERROR, "get-time-of-day with an argument: status %d (-3)", ret);
	ret = rtas_call("get-time-of-day", 0, 1, NULL);
	report(ret == RTAS_OUT_PARAM_ERROR, "get-time-of-day with one result: status %d (-3)", ret);
	ret = rtas_call("set-time-of-day", 3, 1, NULL, 2010, 1, 1);
	report(ret == RTAS_OUT_PARAM_ERROR, "set-time-of-day with three arguments: status %d (-3)", ret);
	ret = rtas_call("query-cpu-stopped-state", 0, 2, r);
	report(ret == RTAS_OUT_PARAM_ERROR, "query-cpu-stopped-state without its argument: status %d (-3)", ret);
	ret = rtas_call_by_token(0x7fff1234, 0, 1, NULL);
	report(ret == RTAS_OUT_PARAM_ERROR, "token 0x7fff1234, defined by nobody: status %d (-3)", ret);
}

static void nothing(void *data)
{
}

static void check_cpu_state(void)
{
	u32 state;
	int ret;

	if (nr_cpus < 2) {
		report_skip("query-cpu-stopped-state of another CPU: one CPU only (-smp 2)");
		return;
	}
	ret = rtas_call("query-cpu-stopped-state", 1, 2, &state, cpus[0]);
	report(ret == RTAS_OUT_SUCCESS && state == QCSS_RUNNING, "CPU 0, running this: status %d, state %u (2)", ret,
	       state);
	if (cpu_online(1)) {
		report_skip("CPU 1 already started");
	} else {
		ret = rtas_call("query-cpu-stopped-state", 1, 2, &state, cpus[1]);
		report(ret == RTAS_OUT_SUCCESS && state == QCSS_STOPPED,
		       "CPU 1, never started: status %d, state %u (0)", ret, state);
	}
	on_cpu(1, nothing, NULL);
	ret = rtas_call("query-cpu-stopped-state", 1, 2, &state, cpus[1]);
	report(ret == RTAS_OUT_SUCCESS && state == QCSS_RUNNING, "CPU 1, started: status %d, state %u (2)", ret, state);
	ret = rtas_call("query-cpu-stopped-state", 1, 2, &state, 0xfffff);
	report(ret == RTAS_OUT_PARAM_ERROR, "server 0xfffff: status %d (-3)", ret);
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2)
		report_abort("usage: rtas.elf get-time-of-day [date=YYYY-MM-DD]|set-time-of-day|event-scan|bad-args|"
			     "cpu-state ...");
	for (i = 1; i < argc; i++) {
		if (strchr(argv[i], '='))
			continue;
		report_prefix_push(argv[i]);
		if (!strcmp(argv[i], "get-time-of-day"))
			check_get(argc, argv);
		else if (!strcmp(argv[i], "set-time-of-day"))
			check_set();
		else if (!strcmp(argv[i], "event-scan"))
			check_event_scan();
		else if (!strcmp(argv[i], "bad-args"))
			check_bad_args();
		else if (!strcmp(argv[i], "cpu-state"))
			check_cpu_state();
		else
			report_abort("unknown sub-test '%s'", argv[i]);
		report_prefix_pop();
	}
	return report_summary();
}
