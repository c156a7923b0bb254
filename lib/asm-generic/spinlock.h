/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm-generic/spinlock.h - a test-and-set lock through the compiler's
 * atomics, for arches whose atomics work wherever tests run (fairness does
 * not matter in tests). The arch's asm/barrier.h gives cpu_relax().
 */
#ifndef _ASM_GENERIC_SPINLOCK_H_
#define _ASM_GENERIC_SPINLOCK_H_

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

#endif /* _ASM_GENERIC_SPINLOCK_H_ */
