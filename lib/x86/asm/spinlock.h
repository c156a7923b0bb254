/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/spinlock.h - a test-and-set lock for x86: tests are small, so
 * fairness does not matter, and one xchg is easy to trust.
 */
#ifndef _ASM_X86_SPINLOCK_H_
#define _ASM_X86_SPINLOCK_H_

struct spinlock {
	int v;
};

static inline void spin_lock(struct spinlock *lock)
{
	while (__atomic_exchange_n(&lock->v, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&lock->v, __ATOMIC_RELAXED))
			__builtin_ia32_pause();
	}
}

static inline void spin_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->v, 0, __ATOMIC_RELEASE);
}

#endif /* _ASM_X86_SPINLOCK_H_ */
