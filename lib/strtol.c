/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * strtol.c - strtol and friends with C semantics: leading space, a sign,
 * base 0 (prefix decides) or 2..36, "0x" accepted for base 16, saturation
 * on overflow, and *endptr at the first unused character (or at nptr when
 * no digit was read). There is no errno here: callers test the saturated
 * value and endptr.
 */
#include "libcflat.h"
#include "stdlib.h"
#include "ctype.h"

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

struct parsed {
	unsigned long long mag;	/* saturated at the caller's limit */
	bool neg;
	bool over;		/* the digits exceeded the limit */
	bool any;		/* at least one digit */
};

static struct parsed parse(const char *nptr, char **endptr, int base, unsigned long long max_mag)
{
	struct parsed r = { 0 };
	const char *s = nptr;

	if (base < 0 || base == 1 || base > 36) {
		if (endptr)
			*endptr = (char *)nptr;
		return r;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		r.neg = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' && tolower((unsigned char)s[1]) == 'x' &&
	    digit_value((unsigned char)s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	for (; digit_value((unsigned char)*s) < base; s++) {
		unsigned int d = digit_value((unsigned char)*s);

		r.any = true;
		if (r.over || r.mag > (max_mag - d) / base)
			r.over = true;
		else
			r.mag = r.mag * base + d;
	}
	if (endptr)
		*endptr = (char *)(r.any ? s : nptr);
	if (r.over)
		r.mag = max_mag;
	return r;
}

/* Signed: the magnitude may reach max + 1 on the negative side only. */
static long long to_signed(struct parsed r, long long max)
{
	if (r.neg)
		return r.mag > (unsigned long long)max ? -max - 1 : -(long long)r.mag;
	return r.mag > (unsigned long long)max ? max : (long long)r.mag;
}

long long strtoll(const char *nptr, char **endptr, int base)
{
	return to_signed(parse(nptr, endptr, base, (unsigned long long)LLONG_MAX + 1), LLONG_MAX);
}

long strtol(const char *nptr, char **endptr, int base)
{
	return to_signed(parse(nptr, endptr, base, (unsigned long long)LONG_MAX + 1), LONG_MAX);
}

/* As in C: a minus sign negates the unsigned result, unless it overflowed. */
unsigned long long strtoull(const char *nptr, char **endptr, int base)
{
	struct parsed r = parse(nptr, endptr, base, ULLONG_MAX);

	return r.neg && !r.over ? -r.mag : r.mag;
}

unsigned long strtoul(const char *nptr, char **endptr, int base)
{
	struct parsed r = parse(nptr, endptr, base, ULONG_MAX);

	return r.neg && !r.over ? -(unsigned long)r.mag : (unsigned long)r.mag;
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}
