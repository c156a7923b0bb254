/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exit_line.c - the "EXIT: STATUS=n" line (see exit_line.h).
 */
#include "libcflat.h"
#include "spinlock.h"
#include "exit_line.h"

static struct spinlock exit_lock;
static int exit_owner = -1;	/* the CPU in exit(), which may come back through an exception */

void exit_line(int code, int cpu, bool at_line_start)
{
	if (__atomic_load_n(&exit_owner, __ATOMIC_RELAXED) != cpu) {
		spin_lock(&exit_lock);
		exit_owner = cpu;
	}
	if (!at_line_start)
		putchar('\n');
	printf("EXIT: STATUS=%d\n", code >= 0 && code <= 118 ? code : EXIT_FAIL);
}
