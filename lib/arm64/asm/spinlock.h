/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/spinlock.h - a test-and-set lock for arm64 (fairness does not matter
 * in tests). Exclusive loads and stores need the MMU on: with it off every
 * access is Device memory, where they may never succeed on real hardware.
 * Only the boot CPU runs with the MMU off (secondaries are started after
 * it is on), so then a plain store is enough.
 */
#ifndef _ASM_ARM64_SPINLOCK_H_
#define _ASM_ARM64_SPINLOCK_H_

#include "asm/sysreg.h"

struct spinlock {
	int v;
};

static inline void spin_lock(struct spinlock *lock)
{
	if (!(read_sysreg(sctlr_el1) & SCTLR_EL1_M)) {
		lock->v = 1;
		return;
	}
	while (__atomic_exchange_n(&lock->v, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&lock->v, __ATOMIC_RELAXED))
			asm volatile("yield" : : : "memory");
	}
}

static inline void spin_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->v, 0, __ATOMIC_RELEASE);
}

#endif /* _ASM_ARM64_SPINLOCK_H_ */
