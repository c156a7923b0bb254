/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/spinlock.h - a test-and-set lock for ppc64 (fairness does not matter
 * in tests). Real mode is cacheable, so lwarx/stwcx. work with the MMU off.
 */
#ifndef _ASM_PPC64_SPINLOCK_H_
#define _ASM_PPC64_SPINLOCK_H_

#include "asm/barrier.h"

struct spinlock {
	int v;
};

static inline void spin_lock(struct spinlock *lock)
{
	while (__atomic_exchange_n(&lock->v, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&lock->v, __ATOMIC_RELAXED))
			cpu_relax();
	}
}

static inline void spin_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->v, 0, __ATOMIC_RELEASE);
}

#endif /* _ASM_PPC64_SPINLOCK_H_ */
