/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/time.h - the TOD clock, for bounded waits in tests, and the clock
 * comparator and CPU timer (kvm-unit-tests' names where it has them).
 */
#ifndef _ASM_S390X_TIME_H_
#define _ASM_S390X_TIME_H_

#include "libcflat.h"

/* Bit 51 of the TOD clock and of the CPU timer is one microsecond. */
#define S390_CLOCK_SHIFT_US	12
#define STCK_SHIFT_US		S390_CLOCK_SHIFT_US
#define CPU_TIMER_SHIFT_US	S390_CLOCK_SHIFT_US

/* STORE CLOCK FAST: the TOD clock into *time; the condition code (0: the clock is running). */
static inline int stckf(u64 *time)
{
	int cc;

	asm volatile("	stckf	%0\n"
		     "	ipm	%1\n"
		     "	srl	%1,28\n"
		     : "=Q"(*time), "=d"(cc) : : "cc");
	return cc;
}

static inline u64 get_clock_us(void)
{
	u64 clk;

	stckf(&clk);
	return clk >> STCK_SHIFT_US;
}

static inline u64 get_clock_ms(void)
{
	return get_clock_us() / 1000;
}

/* Busy waits on the TOD clock. */
static inline void udelay(unsigned long us)
{
	u64 end = get_clock_us() + us;

	while (get_clock_us() < end)
		;
}

static inline void mdelay(unsigned long ms)
{
	udelay(ms * 1000);
}

/* The clock comparator (SET / STORE CLOCK COMPARATOR): a TOD value; past it, an interruption is pending. */
static inline void sckc(u64 value)
{
	asm volatile("sckc %0" : : "Q"(value));
}

static inline u64 stckc(void)
{
	u64 value;

	asm volatile("stckc %0" : "=Q"(value));
	return value;
}

/* The CPU timer (SET / STORE CPU TIMER): counts down in TOD units; negative, an interruption is pending. */
static inline void spt(s64 value)
{
	asm volatile("spt %0" : : "Q"(value));
}

static inline s64 stpt(void)
{
	s64 value;

	asm volatile("stpt %0" : "=Q"(value));
	return value;
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
