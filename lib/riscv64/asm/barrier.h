/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/barrier.h - riscv64 fences (RVWMO orders little by itself) and the
 * waiting hints, named as in kvm-unit-tests.
 */
#ifndef _ASM_RISCV64_BARRIER_H_
#define _ASM_RISCV64_BARRIER_H_

#define mb()		asm volatile("fence iorw, iorw" : : : "memory")
#define rmb()		asm volatile("fence ir, ir" : : : "memory")
#define wmb()		asm volatile("fence ow, ow" : : : "memory")
#define smp_mb()	asm volatile("fence rw, rw" : : : "memory")
#define smp_rmb()	asm volatile("fence r, r" : : : "memory")
#define smp_wmb()	asm volatile("fence w, w" : : : "memory")
/* PAUSE (Zihintpause) is a FENCE with pred=W, succ=0: a plain fence on a hart without the extension. */
#define cpu_relax()	asm volatile(".4byte 0x0100000f" : : : "memory")
#define wfi()		asm volatile("wfi" : : : "memory")

#endif /* _ASM_RISCV64_BARRIER_H_ */
