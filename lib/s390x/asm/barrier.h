/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/barrier.h - s390x memory barriers, named as in kvm-unit-tests. The
 * architecture keeps loads and stores in order except a later load passing
 * an earlier store, so only mb() needs an instruction (a serializing
 * "bcr 14,0", the fast-BCR-serialization form); the others only stop the
 * compiler from reordering.
 */
#ifndef _ASM_S390X_BARRIER_H_
#define _ASM_S390X_BARRIER_H_

#define barrier()	asm volatile("" : : : "memory")
#define mb()		asm volatile("bcr 14,0" : : : "memory")
#define rmb()		barrier()
#define wmb()		barrier()
#define smp_mb()	mb()
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()

static inline void cpu_relax(void)
{
	barrier();
}

#endif /* _ASM_S390X_BARRIER_H_ */
