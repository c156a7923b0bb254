/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * on_cpu.h - running work on other CPUs on ppc64 (on_cpu, on_cpu_async,
 * on_cpus, cpu_idle_wait: the signatures of lib/on-cpus.h; no cpumasks yet):
 * each CPU has a mailbox; a started CPU waits on it for a function, runs
 * it, marks itself idle and waits again. CPUs are numbered 0..nr_cpus-1; a
 * CPU is started (RTAS start-cpu) the first time it is asked to run
 * something.
 */
#ifndef _PPC64_ON_CPU_H_
#define _PPC64_ON_CPU_H_

#include "libcflat.h"

#define MAX_CPUS	64

extern int nr_cpus;

extern bool cpu_online(int cpu);
extern int nr_cpus_online(void);
/* Run fn(data) on cpu and wait until it returns; starts the CPU if needed. */
extern void on_cpu(int cpu, void (*fn)(void *data), void *data);
/* The same, without waiting; cpu_idle_wait(cpu) waits. */
extern void on_cpu_async(int cpu, void (*fn)(void *data), void *data);
extern void cpu_idle_wait(int cpu);
/* Run fn(data) on every CPU (this one too) and wait for all. */
extern void on_cpus(void (*fn)(void *data), void *data);

/* For the arch: the boot CPU is online from the start. */
extern void on_cpu_set_online(int cpu);
/* For the arch: a started secondary marks itself online and serves its mailbox forever. */
extern void on_cpu_secondary_loop(int cpu) __noreturn;

/*
 * What smp.c provides: start cpu and return once it is online (0, or the
 * firmware's error); the running CPU's number; wait a little for another
 * CPU's store, and tell waiting CPUs a store happened.
 */
extern int smp_boot_secondary(int cpu);
extern int cpu_self(void);
extern void cpu_wait_event(void);
extern void cpu_send_event(void);

#endif /* _PPC64_ON_CPU_H_ */
