/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * on-cpus.h - running a function on other CPUs (kvm-unit-tests' names and
 * signatures); the arch's SMP code implements them. A CPU started for this
 * waits for the next function when one returns.
 */
#ifndef _ON_CPUS_H_
#define _ON_CPUS_H_

#include "libcflat.h"
#include "cpumask.h"

/* Run func(data) on cpu and wait until it returns (on this CPU: just call it). The CPU is started if needed. */
extern void on_cpu(int cpu, void (*func)(void *data), void *data);
/* The same without waiting; cpu_idle_wait(cpu) or the idle mask tells when it is done. */
extern void on_cpu_async(int cpu, void (*func)(void *data), void *data);
/* Run func(data) on every CPU, this one included, and wait for all. */
extern void on_cpus(void (*func)(void *data), void *data);
/* Run func(data) on every CPU of mask (this one may be in it), without waiting, or waiting for all. */
extern void on_cpumask_async(const cpumask_t *mask, void (*func)(void *data), void *data);
extern void on_cpumask(const cpumask_t *mask, void (*func)(void *data), void *data);
/* Wait until cpu has finished what it was given. */
extern void cpu_idle_wait(int cpu);

#endif /* _ON_CPUS_H_ */
