/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.h - the CPUs of an x86 test: CPU 0 boots, setup starts every other
 * CPU QEMU was given (-smp; fw_cfg says how many), and they then wait
 * for work handed to them with on_cpu(). kvm-unit-tests' names.
 */
#ifndef _X86_SMP_H_
#define _X86_SMP_H_

#define MAX_CPUS	64
#define MAX_TEST_CPUS	MAX_CPUS

#ifndef __ASSEMBLER__
#include "libcflat.h"
#include "asm/spinlock.h"
#include "atomic.h"
#include "percpu.h"

/* The CPUs QEMU was given; all of them are running once main() starts. */
extern int cpu_count(void);
/* This CPU's number, 0 .. cpu_count() - 1 (0 is the boot CPU). */
static inline int smp_id(void)
{
	return this_cpu_read_smp_id();
}

/* The CPUs that are running a function given with on_cpu*() (the caller's CPU included). */
extern int cpus_active(void);

/*
 * Run fn(data) on cpu and wait until it returns (directly when cpu is this
 * CPU). fn runs with interrupts off, as in an IPI handler. CPU 0 runs main
 * and takes no work from other CPUs: on_cpu(0, ...) is for CPU 0 itself.
 * The wake-up IPI uses vector 0x20, which tests leave to the library.
 */
extern void on_cpu(int cpu, void (*fn)(void *data), void *data);
/* The same without waiting: fn runs while the caller goes on. */
extern void on_cpu_async(int cpu, void (*fn)(void *data), void *data);
/* Run fn(data) on every CPU, this one included, and wait for all. */
extern void on_cpus(void (*fn)(void *data), void *data);

/* kvm-unit-tests' tests call it; here setup has started every CPU already, and it checks that. */
extern void smp_init(void);
/* Start every CPU (setup_x86 calls it once, after the allocators). */
extern void smp_boot(void);
#endif

#endif /* _X86_SMP_H_ */
