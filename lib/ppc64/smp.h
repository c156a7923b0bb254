/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.h - CPUs, i.e. hardware threads: numbered 0..nr_cpus-1 in device
 * tree order (cpus[i] is CPU i's server number, from its core's
 * ibm,ppc-interrupt-server#s), started with RTAS start-cpu when a test
 * first asks one to run something (on_cpu, asm-generic/on_cpu.h), after
 * which they wait for more work.
 */
#ifndef _PPC64_SMP_H_
#define _PPC64_SMP_H_

#include "libcflat.h"
#include "asm-generic/on_cpu.h"
#include "processor.h"

#define MAX_CPUS	64
_Static_assert(MAX_CPUS <= ON_CPU_MAX_CPUS, "more CPUs than the on_cpu mailboxes");

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

#endif /* _PPC64_SMP_H_ */
