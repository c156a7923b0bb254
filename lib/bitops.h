/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bitops.h - bit masks and bit searches on longs.
 */
#ifndef _BITOPS_H_
#define _BITOPS_H_

#include "libcflat.h"

#define BIT(nr)			(1UL << (nr))
#define BIT_ULL(nr)		(1ULL << (nr))
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
/* Bits h..l set, h >= l; written so that h = BITS_PER_LONG - 1 does not overflow. */
#define GENMASK(h, l)		((~0UL << (l)) & (~0UL >> (BITS_PER_LONG - 1 - (h))))
#define GENMASK_ULL(h, l)	((~0ULL << (l)) & (~0ULL >> (63 - (h))))

/*
 * Bit searches, 0-based as in kvm-unit-tests (not as in C's ffs or Linux's
 * fls, which are 1-based): ffs(0x8) == 3, fls(0x8) == 3. Undefined for 0.
 */
static inline unsigned long ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

static inline unsigned long fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(word);
}

static inline bool is_power_of_2(unsigned long n)
{
	return n && !(n & (n - 1));
}

/* Smallest order with (1 << order) >= size; 0 for sizes 0 and 1. */
static inline unsigned int get_order(size_t size)
{
	return size > 1 ? fls(size - 1) + 1 : 0;
}

static inline void set_bit(int nr, unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(int nr, unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

/* Atomic: of two CPUs clearing the same bit, exactly one sees it set. */
static inline bool test_and_clear_bit(int nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline bool test_and_set_bit(int nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline bool test_bit(int nr, const unsigned long *addr)
{
	return (addr[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

#endif /* _BITOPS_H_ */
