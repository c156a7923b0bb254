/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/barrier.h - the ARMv7 memory barriers, with the names arm64's header
 * has: the architecture orders almost nothing by itself, so code that
 * shares memory between CPUs or with devices says which order it needs.
 * ARMv7 has no load-only barriers (ld, ishld are ARMv8): the read barriers
 * are full ones here.
 */
#ifndef _ASM_ARM_BARRIER_H_
#define _ASM_ARM_BARRIER_H_

#define isb()		asm volatile("isb" : : : "memory")
#define dmb(opt)	asm volatile("dmb " #opt : : : "memory")
#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")

#define mb()		dsb(sy)
#define rmb()		dsb(sy)
#define wmb()		dsb(st)
#define smp_mb()	dmb(ish)
#define smp_rmb()	dmb(ish)
#define smp_wmb()	dmb(ishst)

#define sev()		asm volatile("sev" : : : "memory")
#define wfe()		asm volatile("wfe" : : : "memory")
#define wfi()		asm volatile("wfi" : : : "memory")

#endif /* _ASM_ARM_BARRIER_H_ */
