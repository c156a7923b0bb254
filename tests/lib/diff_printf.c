/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diff_printf.c - differential test of our snprintf against the host C
 * library's: every combination of flags, width, precision and length
 * modifier over a set of edge values, plus truncation at every buffer size.
 * Built against host headers; our functions are reached as kut_*.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int kut_snprintf(char *buf, size_t size, const char *fmt, ...);

static unsigned long tests, failures;

static void check(const char *what, const char *fmt, int ours, const char *obuf, int ref, const char *rbuf)
{
	tests++;
	if (ours == ref && !strcmp(obuf, rbuf))
		return;
	failures++;
	if (failures <= 20)
		printf("FAIL: printf: %s \"%s\": ours %d \"%s\", libc %d \"%s\"\n", what, fmt, ours, obuf, ref, rbuf);
}

#define DIFF(what, fmt, ...)							\
	do {									\
		char o[256], r[256];						\
		int on = kut_snprintf(o, sizeof(o), fmt, __VA_ARGS__);		\
		int rn = snprintf(r, sizeof(r), fmt, __VA_ARGS__);		\
		check(what, fmt, on, o, rn, r);					\
	} while (0)

static const char *const flag_sets[] = { "", "-", "0", "#", "+", " ", "-#", "0#", "+0", "- ", "-+#0" };
static const char *const widths[] = { "", "1", "5", "12", "25" };
static const char *const precs[] = { "", ".", ".0", ".1", ".3", ".20" };

static void integers(void)
{
	static const long long svals[] = {
		0, 1, -1, 7, -42, 255, 65535, INT_MAX, INT_MIN, LLONG_MAX, LLONG_MIN, 1000000007,
	};
	static const char convs[] = "diuxXo";
	char fmt[32];
	size_t f, w, p, v;
	const char *c;

	for (f = 0; f < sizeof(flag_sets) / sizeof(*flag_sets); f++)
	for (w = 0; w < sizeof(widths) / sizeof(*widths); w++)
	for (p = 0; p < sizeof(precs) / sizeof(*precs); p++)
	for (c = convs; *c; c++)
	for (v = 0; v < sizeof(svals) / sizeof(*svals); v++) {
		long long x = svals[v];

		/* Each length modifier with a value of its own type. */
		snprintf(fmt, sizeof(fmt), "%%%s%s%s%c", flag_sets[f], widths[w], precs[p], *c);
		DIFF("int", fmt, (int)x);
		snprintf(fmt, sizeof(fmt), "%%%s%s%shh%c", flag_sets[f], widths[w], precs[p], *c);
		DIFF("hh", fmt, (int)(signed char)x);
		snprintf(fmt, sizeof(fmt), "%%%s%s%sh%c", flag_sets[f], widths[w], precs[p], *c);
		DIFF("h", fmt, (int)(short)x);
		snprintf(fmt, sizeof(fmt), "%%%s%s%sl%c", flag_sets[f], widths[w], precs[p], *c);
		DIFF("l", fmt, (long)x);
		snprintf(fmt, sizeof(fmt), "%%%s%s%sll%c", flag_sets[f], widths[w], precs[p], *c);
		DIFF("ll", fmt, x);
		snprintf(fmt, sizeof(fmt), "%%%s%s%sz%c", flag_sets[f], widths[w], precs[p], *c);
		DIFF("z", fmt, (size_t)x);
		snprintf(fmt, sizeof(fmt), "%%%s%s%st%c", flag_sets[f], widths[w], precs[p], *c);
		DIFF("t", fmt, (ptrdiff_t)x);
	}
}

static void strings_and_chars(void)
{
	static const char *const svals[] = { "", "a", "hello", "a longer string of text" };
	char fmt[32];
	size_t f, w, p, v;

	for (f = 0; f < sizeof(flag_sets) / sizeof(*flag_sets); f++)
	for (w = 0; w < sizeof(widths) / sizeof(*widths); w++) {
		/* Only '-' is defined for %s and %c; other flags are undefined behaviour in C. */
		if (strspn(flag_sets[f], "-") != strlen(flag_sets[f]))
			continue;
		for (p = 0; p < sizeof(precs) / sizeof(*precs); p++)
		for (v = 0; v < sizeof(svals) / sizeof(*svals); v++) {
			snprintf(fmt, sizeof(fmt), "%%%s%s%ss", flag_sets[f], widths[w], precs[p]);
			DIFF("s", fmt, svals[v]);
		}
		snprintf(fmt, sizeof(fmt), "%%%s%sc", flag_sets[f], widths[w]);
		DIFF("c", fmt, 'x');
	}
}

static void pointers_and_stars(void)
{
	DIFF("p", "%p", (void *)0x1234);
	DIFF("p", "%20p|%-20p|", (void *)0xdeadbeef, (void *)0xffffffffffffffff);
	DIFF("star", "%*d|%-*d|%*d", 6, 42, 6, 42, -6, 42);
	DIFF("star", "%.*d|%.*s|%.*d", 4, 7, 2, "abcdef", -1, 9);
	DIFF("star", "%*.*x", 10, 6, 0xabc);
	DIFF("percent", "100%% sure %d%%", 5);
	DIFF("mixed", "%s=%d (%#x) [%-5c] %lld", "key", -1, 255, 'z', -9000000000LL);
}

/* Truncation: every size from 0 to past the full length, checking NUL and return value. */
static void truncation(void)
{
	const char *fmt = "%s-%08x-%d";
	char full[64];
	int len = snprintf(full, sizeof(full), fmt, "abc", 0xbeef, -12345), n;
	size_t size;

	for (size = 0; size <= (size_t)len + 2; size++) {
		char o[64], r[64];

		memset(o, '@', sizeof(o));
		memset(r, '@', sizeof(r));
		n = kut_snprintf(o, size, fmt, "abc", 0xbeef, -12345);
		snprintf(r, size, fmt, "abc", 0xbeef, -12345);
		tests++;
		if (n != len || memcmp(o, r, sizeof(o))) {
			failures++;
			printf("FAIL: printf: truncation at size %zu: returned %d, want %d\n", size, n, len);
		}
	}
	tests++;
	if (kut_snprintf(NULL, 0, fmt, "abc", 0xbeef, -12345) != len) {
		failures++;
		printf("FAIL: printf: snprintf(NULL, 0) does not return the length\n");
	}
}

int main(void)
{
	integers();
	strings_and_chars();
	pointers_and_stars();
	truncation();
	printf("SUMMARY: %lu tests", tests);
	if (failures)
		printf(", %lu unexpected failures", failures);
	printf("\n");
	return failures ? 1 : 0;
}
