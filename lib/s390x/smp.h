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
#include "processor.h"

/* QEMU's s390-ccw-virtio machine has at most 248 CPUs. */
#define MAX_CPUS	248

extern int nr_cpus;
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
extern bool cpu_online(int cpu);
extern int nr_cpus_online(void);
/* A started CPU's lowcore (prefix area); NULL if it was never started. */
extern struct lowcore *cpu_lowcore(int cpu);

/* Start cpu (SIGP SET PREFIX, RESTART) and wait until it runs; 0, or -1 if SIGP refused. */
extern int smp_boot_secondary(int cpu);
/* Run fn(data) on cpu and wait until it returns; starts the CPU if needed. */
extern void on_cpu(int cpu, void (*fn)(void *data), void *data);
/* The same, without waiting; cpu_idle_wait(cpu) waits. */
extern void on_cpu_async(int cpu, void (*fn)(void *data), void *data);
extern void cpu_idle_wait(int cpu);
/* Run fn(data) on every CPU (this one too) and wait for all. */
extern void on_cpus(void (*fn)(void *data), void *data);
/* Stop every other CPU, then this one (SIGP STOP): how exit() ends the machine. */
extern void smp_stop_all(void) __noreturn;

#endif /* _S390X_SMP_H_ */
