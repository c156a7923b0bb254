/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/barrier.h - ppc64 memory barriers: sync orders everything, lwsync
 * everything but a store before a load, isync stops speculation past it.
 */
#ifndef _ASM_PPC64_BARRIER_H_
#define _ASM_PPC64_BARRIER_H_

#define mb()		asm volatile("sync" : : : "memory")
#define rmb()		asm volatile("lwsync" : : : "memory")
#define wmb()		asm volatile("lwsync" : : : "memory")
#define isync()		asm volatile("isync" : : : "memory")
#define cpu_relax()	asm volatile("or 1,1,1; or 2,2,2" : : : "memory")	/* low, then medium priority */

#endif /* _ASM_PPC64_BARRIER_H_ */
