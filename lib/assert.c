/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * assert.c - the ways a test ends early: abort() and a failed assert().
 * Both end with EXIT_ABORT, which the runner reports as a failure.
 */
#include "libcflat.h"

void abort(void)
{
	exit(EXIT_ABORT);
}

void __assert_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list va;

	printf("%s:%d: assert failed: %s", file, line, cond);
	if (fmt) {
		char msg[256];

		va_start(va, fmt);
		vsnprintf(msg, sizeof(msg), fmt, va);
		va_end(va);
		printf(": %s", msg);
	}
	printf("\n");
	dump_stack();
	abort();
}
