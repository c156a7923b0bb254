/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.h - CPUs: numbered 0..nr_cpus-1 in device tree order (cpus[i] is
 * CPU i's MPIDR affinity), started with PSCI CPU_ON when a test first asks
 * one to run something (on_cpu), after which they wait for more work.
 */
#ifndef _ARM64_SMP_H_
#define _ARM64_SMP_H_

#include "libcflat.h"
#include "processor.h"

#define MAX_CPUS	64

extern int nr_cpus;
extern u64 cpus[MAX_CPUS];

static inline int cpu_count(void)
{
	return nr_cpus;
}

static inline int smp_id(void)
{
	return smp_processor_id();
}

/* Make the running CPU number cpu, online (setup.c, for the boot CPU). */
extern void smp_set_boot_cpu(int cpu);
/* The CPU number of an MPIDR affinity value, or -1. */
extern int mpidr_to_cpu(u64 mpidr);
extern bool cpu_online(int cpu);
extern int nr_cpus_online(void);

/* Start cpu (PSCI CPU_ON) and wait until it runs; 0, or the PSCI error. */
extern int smp_boot_secondary(int cpu);
/* Run fn(data) on cpu and wait until it returns; starts the CPU if needed. */
extern void on_cpu(int cpu, void (*fn)(void *data), void *data);
/* The same, without waiting; cpu_idle_wait(cpu) waits. */
extern void on_cpu_async(int cpu, void (*fn)(void *data), void *data);
extern void cpu_idle_wait(int cpu);
/* Run fn(data) on every CPU (this one too) and wait for all. */
extern void on_cpus(void (*fn)(void *data), void *data);

#endif /* _ARM64_SMP_H_ */
