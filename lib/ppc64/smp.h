/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.h - CPUs, i.e. hardware threads: numbered 0..nr_cpus-1 in device
 * tree order (cpus[i] is CPU i's server number, from its core's
 * ibm,ppc-interrupt-server#s), started with RTAS start-cpu when a test
 * first asks one to run something (on_cpu), after which they wait for more
 * work. The names and meanings are those of arm64 (lib/arm64/smp.h).
 */
#ifndef _PPC64_SMP_H_
#define _PPC64_SMP_H_

#include "libcflat.h"
#include "processor.h"

#define MAX_CPUS	64

extern int nr_cpus;
extern u32 cpus[MAX_CPUS];

static inline int cpu_count(void)
{
	return nr_cpus;
}

static inline int smp_id(void)
{
	return smp_processor_id();
}

/* Make the running CPU number cpu, online (setup.c, for the boot thread). */
extern void smp_set_boot_cpu(int cpu);
/* The CPU number of a server number, or -1. */
extern int server_to_cpu(u32 server);
extern bool cpu_online(int cpu);
extern int nr_cpus_online(void);

/* Start cpu (RTAS start-cpu) and wait until it runs; 0, or the RTAS status. */
extern int smp_boot_secondary(int cpu);
/* Run fn(data) on cpu and wait until it returns; starts the CPU if needed. */
extern void on_cpu(int cpu, void (*fn)(void *data), void *data);
/* The same, without waiting; cpu_idle_wait(cpu) waits. */
extern void on_cpu_async(int cpu, void (*fn)(void *data), void *data);
extern void cpu_idle_wait(int cpu);
/* Run fn(data) on every CPU (this one too) and wait for all. */
extern void on_cpus(void (*fn)(void *data), void *data);

#endif /* _PPC64_SMP_H_ */
