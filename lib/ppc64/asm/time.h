/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/time.h - time on ppc64 from the timebase (kvm-unit-tests' powerpc
 * names): its frequency from the device tree, busy waits (delay, udelay,
 * mdelay) and waits that give the CPU back to the hypervisor (sleep_tb,
 * usleep, msleep: H_CEDE until the decrementer fires).
 */
#ifndef _ASM_PPC64_TIME_H_
#define _ASM_PPC64_TIME_H_

#include "libcflat.h"
#include "processor.h"

/* The largest decrementer value that is positive in both the 32-bit and the large decrementer. */
#define DEC_MAX		0x7fffffffUL

/* Timebase ticks per second: the first CPU node's timebase-frequency (PAPR requires it). */
extern u64 tb_hz(void);
extern u64 get_clock_us(void);
extern u64 get_clock_ms(void);
/* Spin until cycles timebase ticks have passed. */
extern void delay(u64 cycles);
extern void udelay(u64 us);
/*
 * Cede the CPU (H_CEDE) until cycles ticks have passed: the decrementer
 * wakes it. Installs the library's decrementer handler (it rearms DEC to
 * DEC_MAX and returns with MSR[EE] off), replacing a test's own; returns
 * with MSR[EE] off.
 */
extern void sleep_tb(u64 cycles);
extern void usleep(u64 us);

static inline void mdelay(u64 ms)
{
	udelay(ms * 1000);
}

static inline void msleep(u64 ms)
{
	usleep(ms * 1000);
}

#endif /* _ASM_PPC64_TIME_H_ */
