/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/barrier.h - x86 memory barriers. x86 keeps loads and stores in
 * order except a later load passing an earlier store, so the smp_ read
 * and write barriers only stop the compiler; mb() is a real fence.
 */
#ifndef _ASM_X86_BARRIER_H_
#define _ASM_X86_BARRIER_H_

#define mb()		asm volatile("mfence" : : : "memory")
#define rmb()		asm volatile("lfence" : : : "memory")
#define wmb()		asm volatile("sfence" : : : "memory")
#define smp_mb()	mb()
#define smp_rmb()	asm volatile("" : : : "memory")
#define smp_wmb()	asm volatile("" : : : "memory")

#endif /* _ASM_X86_BARRIER_H_ */
