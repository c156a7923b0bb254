/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * atomic.h - atomic counters shared between CPUs (kvm-unit-tests' x86
 * names): every operation is a sequentially consistent compiler builtin,
 * which on x86 is one locked instruction.
 */
#ifndef _X86_ATOMIC_H_
#define _X86_ATOMIC_H_

#include "libcflat.h"

typedef struct {
	volatile int counter;
} atomic_t;

typedef struct {
	volatile long long counter;
} atomic64_t;

#define ATOMIC_INIT(i)		{ (i) }

#define DEFINE_ATOMIC_OPS(pfx, type, t)						\
static inline t pfx##_read(const type *v)					\
{										\
	return __atomic_load_n(&v->counter, __ATOMIC_SEQ_CST);			\
}										\
static inline void pfx##_set(type *v, t i)					\
{										\
	__atomic_store_n(&v->counter, i, __ATOMIC_SEQ_CST);			\
}										\
static inline void pfx##_add(t i, type *v)					\
{										\
	__atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);			\
}										\
static inline void pfx##_sub(t i, type *v)					\
{										\
	__atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);			\
}										\
static inline void pfx##_inc(type *v)						\
{										\
	pfx##_add(1, v);							\
}										\
static inline void pfx##_dec(type *v)						\
{										\
	pfx##_sub(1, v);							\
}										\
static inline t pfx##_add_return(t i, type *v)					\
{										\
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);		\
}										\
static inline t pfx##_inc_return(type *v)					\
{										\
	return pfx##_add_return(1, v);						\
}										\
static inline t pfx##_dec_return(type *v)					\
{										\
	return pfx##_add_return(-1, v);						\
}										\
static inline bool pfx##_dec_and_test(type *v)					\
{										\
	return pfx##_dec_return(v) == 0;					\
}										\
static inline t pfx##_xchg(type *v, t i)					\
{										\
	return __atomic_exchange_n(&v->counter, i, __ATOMIC_SEQ_CST);		\
}										\
/* Set to new if it was old; return what it was. */				\
static inline t pfx##_cmpxchg(type *v, t old, t new)				\
{										\
	__atomic_compare_exchange_n(&v->counter, &old, new, false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);	\
	return old;								\
}

DEFINE_ATOMIC_OPS(atomic, atomic_t, int)
DEFINE_ATOMIC_OPS(atomic64, atomic64_t, long long)

#endif /* _X86_ATOMIC_H_ */
