/*
 * smp.h - CPUs: numbered 0..nr_cpus-1 in device tree order (cpus[i] is
 * CPU i's MPIDR affinity), started with PSCI CPU_ON when a test first asks
 * one to run something (on_cpu, lib/on_cpu.h), after which they wait for
 * more work.
 */
#ifndef _ARM64_SMP_H_
#define _ARM64_SMP_H_

#include "libcflat.h"
#include "on_cpu.h"
#include "processor.h"

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

#endif /* _ARM64_SMP_H_ */
