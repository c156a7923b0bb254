/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report.c - the report API: one line per check, a prefix stack, and the
 * closing SUMMARY line whose result becomes the image's exit status.
 *
 * Result states (Xen Test Framework style, kvm-unit-tests names):
 *   PASS   the check held                     FAIL   it did not (unexpected)
 *   XFAIL  failed, and was expected to fail   XPASS  passed though expected to fail (counts as failure)
 *   KFAIL  failed because of a known bug      SKIP   not run, with the reason
 */
#include "libcflat.h"
#include "string.h"
#include "spinlock.h"

#define PREFIX_MAX	256
#define PREFIX_DEPTH	32

static struct spinlock report_lock;
static char prefixes[PREFIX_MAX];	/* "a: b: ": each entry ends with ": " */
static unsigned int marks[PREFIX_DEPTH];	/* where each entry starts, so a ": " inside one is harmless */
static unsigned int depth;
static unsigned int tests, failures, xfailures, kfailures, skipped;

void report_prefix_push(const char *prefix)
{
	report_prefix_pushf("%s", prefix);
}

void report_prefix_pushf(const char *fmt, ...)
{
	size_t len, room;
	va_list va;
	int n;

	spin_lock(&report_lock);
	len = strlen(prefixes);
	room = sizeof(prefixes) - len;
	va_start(va, fmt);
	n = vsnprintf(prefixes + len, room, fmt, va);
	va_end(va);
	/* Too long or too deep: keep the stack consistent rather than cut a prefix. */
	if (n < 0 || (size_t)n + 3 > room || depth == PREFIX_DEPTH) {
		prefixes[len] = '\0';
		spin_unlock(&report_lock);
		report_abort("report prefix stack full (%d bytes, %d entries)", PREFIX_MAX, PREFIX_DEPTH);
	}
	strcat(prefixes, ": ");
	marks[depth++] = len;
	spin_unlock(&report_lock);
}

void report_prefix_pop(void)
{
	spin_lock(&report_lock);
	if (!depth) {
		spin_unlock(&report_lock);
		report_abort("report_prefix_pop: the prefix stack is empty");
	}
	prefixes[marks[--depth]] = '\0';
	spin_unlock(&report_lock);
}

void report_prefix_popn(int n)
{
	while (n-- > 0)
		report_prefix_pop();
}

static void emit(const char *tag, const char *fmt, va_list va)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, va);
	printf("%s: %s%s\n", tag, prefixes, msg);
}

/* The core: count, then print, under the lock so lines stay whole. */
static bool va_report(const char *fmt, bool pass, bool xfail, bool kfail, va_list va)
{
	const char *tag;

	spin_lock(&report_lock);
	tests++;
	if (pass) {
		tag = xfail ? "XPASS" : "PASS";
		if (xfail)
			failures++;
	} else if (xfail) {
		tag = "XFAIL";
		xfailures++;
	} else if (kfail) {
		tag = "KFAIL";
		kfailures++;
	} else {
		tag = "FAIL";
		failures++;
	}
	emit(tag, fmt, va);
	spin_unlock(&report_lock);
	return pass;
}

bool report(bool pass, const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	va_report(fmt, pass, false, false, va);
	va_end(va);
	return pass;
}

void report_pass(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	va_report(fmt, true, false, false, va);
	va_end(va);
}

void report_fail(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	va_report(fmt, false, false, false, va);
	va_end(va);
}

bool report_xfail(bool xfail, bool pass, const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	va_report(fmt, pass, xfail, false, va);
	va_end(va);
	return pass;
}

bool report_kfail(bool kfail, bool pass, const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	va_report(fmt, pass, false, kfail, va);
	va_end(va);
	return pass;
}

void report_skip(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	spin_lock(&report_lock);
	tests++;
	skipped++;
	emit("SKIP", fmt, va);
	spin_unlock(&report_lock);
	va_end(va);
}

void report_info(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	spin_lock(&report_lock);
	emit("INFO", fmt, va);
	spin_unlock(&report_lock);
	va_end(va);
}

void report_abort(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	spin_lock(&report_lock);
	emit("ABORT", fmt, va);
	spin_unlock(&report_lock);
	va_end(va);
	report_summary();
	abort();
}

/*
 * "SUMMARY: N tests, F unexpected failures, K known failures,
 * X expected failures, S skipped", leaving out the parts that are zero.
 * The return value is the image's exit status: fail, else skip when every
 * check was skipped, else pass.
 */
int report_summary(void)
{
	int status;

	spin_lock(&report_lock);
	printf("SUMMARY: %u tests", tests);
	if (failures)
		printf(", %u unexpected failures", failures);
	if (kfailures)
		printf(", %u known failures", kfailures);
	if (xfailures)
		printf(", %u expected failures", xfailures);
	if (skipped)
		printf(", %u skipped", skipped);
	printf("\n");
	if (failures)
		status = EXIT_FAIL;
	else if (tests && skipped == tests)
		status = EXIT_SKIP;
	else
		status = EXIT_PASS;
	spin_unlock(&report_lock);
	return status;
}
