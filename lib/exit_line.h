/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exit_line.h - the status line of the arches whose way out is the console
 * and a power-off or stop (arm64, ppc64, s390x): "EXIT: STATUS=n" on a line
 * of its own, which ARCH/run reads. A power-off without it is "no status", never a pass.
 */
#ifndef _EXIT_LINE_H_
#define _EXIT_LINE_H_

#include "libcflat.h"

/*
 * Print the line for code (outside 0..118 it becomes 1, as on x86, whose
 * exit device carries no more; so a status is the same on every arch and
 * never one of the runner's own). One CPU prints it; another one exiting
 * at the same time waits here for the power-off
 * or stop. cpu: the running CPU's
 * number; at_line_start: whether the console's last character was a newline.
 */
extern void exit_line(int code, int cpu, bool at_line_start);

#endif /* _EXIT_LINE_H_ */
