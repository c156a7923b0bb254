/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exit_line.c - the "EXIT: STATUS=n" line (see exit_line.h).
 */
#include "libcflat.h"
#include "spinlock.h"
#include "exit_line.h"

static struct spinlock exit_lock;
static int exit_owner = -1;	/* the CPU in exit(), which may come back through an exception */

/*
 * The line is formatted here rather than by printf: a test that prints
 * nothing else then never runs printf's code, whose translation under TCG
 * is 0.3-0.6 ms, a fifth of the guest's part of such a test's boot-to-exit
 * on s390x.
 */
void exit_line(int code, int cpu, bool at_line_start)
{
	char line[] = "EXIT: STATUS=nnn\n", *p = line + sizeof("EXIT: STATUS=") - 1;
	int n = code >= 0 && code <= 118 ? code : EXIT_FAIL;

	if (__atomic_load_n(&exit_owner, __ATOMIC_RELAXED) != cpu) {
		spin_lock(&exit_lock);
		exit_owner = cpu;
	}
	if (!at_line_start)
		putchar('\n');
	if (n >= 100)
		*p++ = '0' + n / 100;
	if (n >= 10)
		*p++ = '0' + n / 10 % 10;
	*p++ = '0' + n % 10;
	*p++ = '\n';
	*p = '\0';
	puts(line);
}
