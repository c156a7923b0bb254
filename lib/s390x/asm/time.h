/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/time.h - the TOD clock, for bounded waits in tests (kvm-unit-tests'
 * names): bit 51 of the clock counts microseconds.
 */
#ifndef _ASM_S390X_TIME_H_
#define _ASM_S390X_TIME_H_

#include "libcflat.h"

static inline u64 get_clock_us(void)
{
	u64 clk;

	asm volatile("stckf %0" : "=Q"(clk) : : "cc");
	return clk >> 12;
}

/* Wait until *flag is true, at most ms milliseconds; its value then. */
static inline bool wait_flag_ms(volatile bool *flag, u64 ms)
{
	u64 end = get_clock_us() + ms * 1000;

	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE) && get_clock_us() < end)
		;
	return *flag;
}

#endif /* _ASM_S390X_TIME_H_ */
