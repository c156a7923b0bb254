/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/spinlock.h - a test-and-set lock for arm and arm64 (fairness does not matter
 * in tests). Exclusive loads and stores need the MMU on: with it off every
 * access is Device memory, where they may never succeed on real hardware.
 * Only the boot CPU runs with the MMU off (secondaries are started after
 * it is on), so then a plain store is enough. Whether the MMU is on comes
 * from mmu_on[cpu] (kept by mmu.c), not SCTLR_EL1, which EL0 cannot read.
 */
#ifndef _ASM_ARM64_SPINLOCK_H_
#define _ASM_ARM64_SPINLOCK_H_

#include "libcflat.h"
#include "asm/sysreg.h"
#include "asm/mmu.h"

struct spinlock {
	int v;
};

static inline void spin_lock(struct spinlock *lock)
{
	if (!mmu_on[read_sysreg(tpidrro_el0)]) {
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
