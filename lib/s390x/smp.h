/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.h - CPUs: numbered 0..nr_cpus-1 in read SCP info's order (cpu_addrs[i]
 * is CPU i's CPU address), started with SIGP when a test first asks one to
 * run something (on_cpu), after which they wait for more work. Each
 * secondary's lowcore (prefix area) comes from memory below 2 GiB, since
 * the prefix register holds a 31-bit address.
 */
#ifndef _S390X_SMP_H_
#define _S390X_SMP_H_

#include "libcflat.h"
#include "asm-generic/on_cpu.h"
#include "processor.h"

/* QEMU's s390-ccw-virtio machine has at most 248 CPUs. */
#define MAX_CPUS	248
_Static_assert(MAX_CPUS <= ON_CPU_MAX_CPUS, "more CPUs than the on_cpu mailboxes");

extern u16 cpu_addrs[MAX_CPUS];

static inline int cpu_count(void)
{
	return nr_cpus;
}

static inline int smp_id(void)
{
	return smp_processor_id();
}

/* The CPUs from read SCP info, and which one runs (setup.c). */
extern void smp_setup(void);
/* The CPU number of a CPU address, or -1. */
extern int cpu_addr_to_cpu(u16 addr);
/* Does SIGP SENSE say the CPU at addr is stopped? */
extern bool smp_sense_stopped(u16 addr);
/* A started CPU's lowcore (prefix area); NULL if it was never started. */
extern struct lowcore *cpu_lowcore(int cpu);

/* smp_boot_secondary (asm-generic/on_cpu.h) uses SIGP SET PREFIX and RESTART; -1 if SIGP refused. */
/* Stop every other CPU, then this one (SIGP STOP): how exit() ends the machine. */
extern void smp_stop_all(void) __noreturn;

#endif /* _S390X_SMP_H_ */
