/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * delay.h - busy waits of a rough length: delay(n) executes n pause
 * instructions; IPI_DELAY is long enough for an IPI to arrive under TCG.
 */
#ifndef _X86_DELAY_H_
#define _X86_DELAY_H_

#include "libcflat.h"

#define IPI_DELAY	1000000

static inline void delay(u64 count)
{
	while (count--)
		asm volatile("pause" : : : "memory");
}

static inline void io_delay(void)
{
	delay(10);
}

#endif /* _X86_DELAY_H_ */
