/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * on_cpu.h - running work on other CPUs through a mailbox per CPU, for the
 * arches that opt in (ARCH_SHARED_SRCS in their arch.mk: ppc64, s390x):
 * on_cpu, on_cpu_async, on_cpus and cpu_idle_wait with the signatures of
 * lib/on-cpus.h, no cpumasks. CPUs are numbered 0..nr_cpus-1; a secondary
 * is started the first time it is asked to run something, then waits on
 * its mailbox for a function, runs it, marks itself idle and waits again.
 */
#ifndef _ASM_GENERIC_ON_CPU_H_
#define _ASM_GENERIC_ON_CPU_H_

#include "libcflat.h"

/* The most CPUs the mailboxes serve: the arch's MAX_CPUS must not exceed it. */
#define ON_CPU_MAX_CPUS	256

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

/* For the arch: the boot CPU is online from the start (it runs the test and takes no work). */
extern void on_cpu_set_online(int cpu);
/* For the arch: a started secondary marks itself online and serves its mailbox forever. */
extern void on_cpu_secondary_loop(int cpu) __noreturn;

/*
 * What the arch provides: the running CPU's number; start cpu and return
 * once it is online (0, or -1 / the firmware's error); how a secondary
 * waits for work in its mailbox, and how it is told there is some.
 */
extern int cpu_self(void);
extern int smp_boot_secondary(int cpu);
extern void on_cpu_wait_work(void);
extern void on_cpu_kick(int cpu);

#endif /* _ASM_GENERIC_ON_CPU_H_ */
