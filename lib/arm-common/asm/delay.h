/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/delay.h - busy waits timed by the virtual counter (CNTVCT_EL0 at
 * CNTFRQ_EL0 ticks per second): they last at least what is asked, more
 * when the vCPU is descheduled.
 */
#ifndef _ASM_ARM64_DELAY_H_
#define _ASM_ARM64_DELAY_H_

#include "libcflat.h"

/* Wait for cycles ticks of the virtual counter. */
extern void delay(u64 cycles);
extern void udelay(unsigned long usecs);
extern void mdelay(unsigned long msecs);

#endif /* _ASM_ARM64_DELAY_H_ */
