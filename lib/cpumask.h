/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpumask.h - sets of CPU numbers (kvm-unit-tests' cpumask_t API). Bits at
 * and above nr_cpus are never looked at, so a mask filled with
 * cpumask_setall() is "every CPU" whatever nr_cpus is. The arch's
 * asm/setup.h gives NR_CPUS and nr_cpus; only arches that have it include
 * this header. Changes of single bits are atomic, so CPUs may share a mask.
 */
#ifndef _CPUMASK_H_
#define _CPUMASK_H_

#include "libcflat.h"
#include "bitops.h"
#include "string.h"
#include "asm/setup.h"

#define CPUMASK_NR_LONGS	DIV_ROUND_UP(NR_CPUS, BITS_PER_LONG)

typedef struct cpumask {
	unsigned long bits[CPUMASK_NR_LONGS];
} cpumask_t;

#define cpumask_bits(maskp)	((maskp)->bits)

static inline void cpumask_check(int cpu)
{
	assert_msg(cpu >= 0 && cpu < nr_cpus, "cpumask: no CPU %d (%d CPUs)", cpu, nr_cpus);
}

static inline void cpumask_set_cpu(int cpu, cpumask_t *mask)
{
	cpumask_check(cpu);
	set_bit(cpu, mask->bits);
}

static inline void cpumask_clear_cpu(int cpu, cpumask_t *mask)
{
	cpumask_check(cpu);
	clear_bit(cpu, mask->bits);
}

static inline int cpumask_test_cpu(int cpu, const cpumask_t *mask)
{
	cpumask_check(cpu);
	return __atomic_load_n(&mask->bits[BIT_WORD(cpu)], __ATOMIC_ACQUIRE) >> (cpu % BITS_PER_LONG) & 1;
}

static inline int cpumask_test_and_set_cpu(int cpu, cpumask_t *mask)
{
	cpumask_check(cpu);
	return !!(__atomic_fetch_or(&mask->bits[BIT_WORD(cpu)], BIT_MASK(cpu), __ATOMIC_SEQ_CST) & BIT_MASK(cpu));
}

static inline int cpumask_test_and_clear_cpu(int cpu, cpumask_t *mask)
{
	cpumask_check(cpu);
	return !!(__atomic_fetch_and(&mask->bits[BIT_WORD(cpu)], ~BIT_MASK(cpu), __ATOMIC_SEQ_CST) &
		  BIT_MASK(cpu));
}

static inline void cpumask_setall(cpumask_t *mask)
{
	memset(mask, 0xff, sizeof(*mask));
}

static inline void cpumask_clear(cpumask_t *mask)
{
	memset(mask, 0, sizeof(*mask));
}

static inline void cpumask_copy(cpumask_t *dst, const cpumask_t *src)
{
	memcpy(dst, src, sizeof(*dst));
}

/* The next CPU of mask after cpu (-1 to start), or nr_cpus when there is none. */
static inline int cpumask_next(int cpu, const cpumask_t *mask)
{
	while (++cpu < nr_cpus && !cpumask_test_cpu(cpu, mask))
		;
	return cpu;
}

#define for_each_cpu(cpu, mask) \
	for ((cpu) = cpumask_next(-1, mask); (cpu) < nr_cpus; (cpu) = cpumask_next(cpu, mask))

static inline int cpumask_weight(const cpumask_t *mask)
{
	int cpu, n = 0;

	for_each_cpu(cpu, mask)
		n++;
	return n;
}

static inline bool cpumask_empty(const cpumask_t *mask)
{
	return cpumask_next(-1, mask) >= nr_cpus;
}

static inline bool cpumask_full(const cpumask_t *mask)
{
	return cpumask_weight(mask) == nr_cpus;
}

/*
 * Set operations over CPUs 0..nr_cpus-1; bits above are cleared in dst.
 * cpumask_and and cpumask_andnot return whether dst has any CPU.
 */
#define CPUMASK_OP(name, expr)								\
static inline void name(cpumask_t *dst, const cpumask_t *a, const cpumask_t *b)	\
{											\
	int cpu;									\
											\
	for (cpu = 0; cpu < NR_CPUS; cpu++) {						\
		bool in_a = cpu < nr_cpus && test_bit(cpu, a->bits);			\
		bool in_b = cpu < nr_cpus && test_bit(cpu, b->bits);			\
											\
		if (expr)								\
			set_bit(cpu, dst->bits);					\
		else									\
			clear_bit(cpu, dst->bits);					\
	}										\
}
CPUMASK_OP(__cpumask_and, in_a && in_b)
CPUMASK_OP(cpumask_or, in_a || in_b)
CPUMASK_OP(cpumask_xor, in_a != in_b)
CPUMASK_OP(__cpumask_andnot, in_a && !in_b)
#undef CPUMASK_OP

static inline bool cpumask_and(cpumask_t *dst, const cpumask_t *a, const cpumask_t *b)
{
	__cpumask_and(dst, a, b);
	return !cpumask_empty(dst);
}

static inline bool cpumask_andnot(cpumask_t *dst, const cpumask_t *a, const cpumask_t *b)
{
	__cpumask_andnot(dst, a, b);
	return !cpumask_empty(dst);
}

static inline bool cpumask_equal(const cpumask_t *a, const cpumask_t *b)
{
	int cpu;

	for (cpu = 0; cpu < nr_cpus; cpu++) {
		if (cpumask_test_cpu(cpu, a) != cpumask_test_cpu(cpu, b))
			return false;
	}
	return true;
}

/* Whether every CPU of a is in b. */
static inline bool cpumask_subset(const cpumask_t *a, const cpumask_t *b)
{
	int cpu;

	for_each_cpu(cpu, a) {
		if (!cpumask_test_cpu(cpu, b))
			return false;
	}
	return true;
}

/* Maintained by the arch's SMP code: CPUs in the device tree, started, and waiting for work. */
extern cpumask_t cpu_present_mask;
extern cpumask_t cpu_online_mask;
extern cpumask_t cpu_idle_mask;
#define cpu_present(cpu)		cpumask_test_cpu(cpu, &cpu_present_mask)
#define cpu_online(cpu)			cpumask_test_cpu(cpu, &cpu_online_mask)
#define cpu_idle(cpu)			cpumask_test_cpu(cpu, &cpu_idle_mask)
#define for_each_present_cpu(cpu)	for_each_cpu(cpu, &cpu_present_mask)
#define for_each_online_cpu(cpu)	for_each_cpu(cpu, &cpu_online_mask)

static inline void set_cpu_present(int cpu, bool present)
{
	if (present)
		cpumask_set_cpu(cpu, &cpu_present_mask);
	else
		cpumask_clear_cpu(cpu, &cpu_present_mask);
}

static inline void set_cpu_online(int cpu, bool online)
{
	if (online)
		cpumask_set_cpu(cpu, &cpu_online_mask);
	else
		cpumask_clear_cpu(cpu, &cpu_online_mask);
}

static inline void set_cpu_idle(int cpu, bool idle)
{
	if (idle)
		cpumask_set_cpu(cpu, &cpu_idle_mask);
	else
		cpumask_clear_cpu(cpu, &cpu_idle_mask);
}

#endif /* _CPUMASK_H_ */
