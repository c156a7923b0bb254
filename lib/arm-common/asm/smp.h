/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/smp.h - CPUs: numbered 0..nr_cpus-1 in device tree order (cpus[i] is
 * CPU i's MPIDR affinity, asm/setup.h), started with PSCI CPU_ON when a
 * test first gives one something to run (on-cpus.h), after which they wait
 * for more work. The CPU number is kept in TPIDRRO_EL0, which EL1 sets and
 * EL0 may read, so smp_processor_id() works in user mode too (on arm the
 * same register is TPIDRURO: asm/sysreg.h maps the AArch64 names).
 */
#ifndef _ASM_ARM64_SMP_H_
#define _ASM_ARM64_SMP_H_

#include "libcflat.h"
#include "asm/setup.h"
#include "asm/processor.h"
#include "asm/sysreg.h"
#include "cpumask.h"
#include "on-cpus.h"

static inline int smp_processor_id(void)
{
	return read_sysreg(tpidrro_el0);
}

typedef void (*secondary_entry_fn)(void);

/*
 * What secondary_entry uses for a CPU the library has not started (a test
 * calling psci_cpu_on() itself): the top of its stack (thread_stack_alloc())
 * and the function it runs, after which it waits for on_cpu() work.
 */
struct secondary_data {
	void *stack;
	secondary_entry_fn entry;
};
extern struct secondary_data secondary_data;

/* Make the running CPU number cpu, present and online (setup.c, for the boot CPU). */
extern void smp_set_boot_cpu(int cpu);
/*
 * Start cpu with PSCI CPU_ON and wait until it runs; 0, or the PSCI error
 * (the CPU is then left as it was). An online CPU is not started again.
 */
extern int smp_cpu_start(int cpu);
/* kvm-unit-tests' form: start cpu (which must be offline) and have it run entry; aborts if it cannot. */
extern void smp_boot_secondary(int cpu, secondary_entry_fn entry);
/*
 * Turn the running CPU off with PSCI CPU_OFF; on_cpu() starts it again.
 * Only from a function given to on_cpu_async(): never returns.
 */
extern void smp_cpu_off(void) __noreturn;

/* After smp_processor_id(), which it uses: thread_stack_alloc() and current_thread_info(). */
#include "asm/thread_info.h"

#endif /* _ASM_ARM64_SMP_H_ */
