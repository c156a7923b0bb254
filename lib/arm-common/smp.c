/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.c - bring-up of secondary CPUs through PSCI and a mailbox per CPU
 * through which on_cpu() hands them work. A started CPU loops in
 * secondary_cinit(): wait (WFE) while idle, run the function it was given,
 * become idle again (SEV) and wait.
 *
 * Invariant: a CPU's mailbox is written only while the CPU is idle, by the
 * one CPU that then clears its idle bit; the CPU reads it only after seeing
 * that bit clear (acquire), and sets the bit again only after the call.
 */
#include "libcflat.h"
#include "alloc.h"
#include "asm/barrier.h"
#include "asm/page.h"
#include "asm/mmu.h"
#include "asm/processor.h"
#include "asm/psci.h"
#include "asm/smp.h"
#include "asm/thread_info.h"

#define SECONDARY_STACK_SIZE	(16 * 1024)

struct mailbox {
	void (*fn)(void *data);
	void *data;
};

int nr_cpus;
unsigned long cpus[NR_CPUS];
cpumask_t cpu_present_mask, cpu_online_mask, cpu_idle_mask;
struct thread_info thread_infos[NR_CPUS];
/* Read by secondary_entry with the MMU off: kept cleaned to memory. */
u64 secondary_stacks[NR_CPUS];
/* The stack and function of a CPU a test starts itself with psci_cpu_on(cpus[n], __pa(secondary_entry)). */
struct secondary_data secondary_data;

static struct mailbox mailboxes[NR_CPUS];

extern char secondary_entry[];
void secondary_cinit(int cpu, bool from_data);

int mpidr_to_cpu(unsigned long mpidr)
{
	int i;

	for (i = 0; i < nr_cpus; i++) {
		if (cpus[i] == mpidr)
			return i;
	}
	return -1;
}

static void set_cpu_number(int cpu)
{
	write_sysreg(cpu, tpidrro_el0);
	thread_infos[cpu].cpu = cpu;
	thread_infos[cpu].flags = 0;
}

void smp_set_boot_cpu(int cpu)
{
	int i;

	set_cpu_number(cpu);
	for (i = 0; i < nr_cpus; i++)
		set_cpu_present(i, true);
	set_cpu_online(cpu, true);
}

void secondary_cinit(int cpu, bool from_data)
{
	struct mailbox *mb = &mailboxes[cpu];

	set_cpu_number(cpu);
	mmu_enable(mmu_idmap);
	if (from_data) {
		set_cpu_online(cpu, true);
		secondary_data.entry();
	}
	set_cpu_idle(cpu, true);
	set_cpu_online(cpu, true);
	sev();
	for (;;) {
		while (cpu_idle(cpu))
			wfe();
		mb->fn(mb->data);
		set_cpu_idle(cpu, true);
		sev();
	}
}

int smp_cpu_start(int cpu)
{
	u8 *stack;
	int ret;

	assert_msg(cpu >= 0 && cpu < nr_cpus, "smp_cpu_start: no CPU %d (%d CPUs)", cpu, nr_cpus);
	if (cpu_online(cpu))
		return 0;
	assert_msg(mmu_enabled(), "smp_cpu_start: secondaries need the MMU on (their locks are exclusives)");
	if (secondary_stacks[cpu]) {
		/* Started before and turned off since: CPU_ON fails with ALREADY_ON until it is really off. */
		while (psci_affinity_state(cpus[cpu]) != PSCI_0_2_AFFINITY_LEVEL_OFF)
			cpu_relax();
	} else {
		stack = memalign(16, SECONDARY_STACK_SIZE);
		assert_msg(stack, "smp_cpu_start: no memory for CPU %d's stack", cpu);
		secondary_stacks[cpu] = (u64)(uintptr_t)(stack + SECONDARY_STACK_SIZE);
		dcache_clean_poc((uintptr_t)&secondary_stacks[cpu], (uintptr_t)&secondary_stacks[cpu + 1]);
		dcache_clean_poc((uintptr_t)&mmu_idmap, (uintptr_t)(&mmu_idmap + 1));
	}
	ret = psci_cpu_on_context(cpus[cpu], virt_to_phys(secondary_entry), cpu);
	if (ret) {
		printf("smp: PSCI CPU_ON of CPU %d (MPIDR %#lx) failed: %s\n", cpu, cpus[cpu], psci_strerror(ret));
		return ret;
	}
	while (!cpu_online(cpu))
		wfe();
	return 0;
}

void smp_cpu_off(void)
{
	int cpu = smp_processor_id(), ret;

	assert_msg(cpu_online(cpu) && !cpu_idle(cpu), "smp_cpu_off: only from a function on_cpu_async() gave");
	/* It comes back through secondary_entry with the MMU off: no exclusives until mmu_enable(). */
	mmu_on[cpu] = false;
	set_cpu_online(cpu, false);
	set_cpu_idle(cpu, true);
	sev();
	ret = psci_cpu_off();
	report_abort("smp_cpu_off: PSCI CPU_OFF of CPU %d returned: %s", cpu, psci_strerror(ret));
}

void cpu_idle_wait(int cpu)
{
	while (!cpu_idle(cpu))
		wfe();
}

void on_cpu_async(int cpu, void (*func)(void *data), void *data)
{
	struct mailbox *mb = &mailboxes[cpu];

	assert_msg(cpu >= 0 && cpu < nr_cpus, "on_cpu: no CPU %d (%d CPUs)", cpu, nr_cpus);
	assert_msg(cpu != smp_processor_id(), "on_cpu_async: CPU %d cannot wait for itself", cpu);
	if (!cpu_online(cpu) && smp_cpu_start(cpu))
		report_abort("on_cpu: CPU %d could not be started", cpu);
	cpu_idle_wait(cpu);
	mb->fn = func;
	mb->data = data;
	set_cpu_idle(cpu, false);
	dsb(ish);
	sev();
}

void on_cpu(int cpu, void (*func)(void *data), void *data)
{
	if (cpu == smp_processor_id()) {
		func(data);
		return;
	}
	on_cpu_async(cpu, func, data);
	cpu_idle_wait(cpu);
}

void on_cpumask_async(const cpumask_t *mask, void (*func)(void *data), void *data)
{
	int cpu, me = smp_processor_id();

	for_each_cpu(cpu, mask) {
		if (cpu != me)
			on_cpu_async(cpu, func, data);
	}
	if (cpumask_test_cpu(me, mask))
		func(data);
}

void on_cpumask(const cpumask_t *mask, void (*func)(void *data), void *data)
{
	int cpu, me = smp_processor_id();

	on_cpumask_async(mask, func, data);
	for_each_cpu(cpu, mask) {
		if (cpu != me)
			cpu_idle_wait(cpu);
	}
}

void on_cpus(void (*func)(void *data), void *data)
{
	on_cpumask(&cpu_present_mask, func, data);
}

static void run_entry(void *entry)
{
	((secondary_entry_fn)entry)();
}

void smp_boot_secondary(int cpu, secondary_entry_fn entry)
{
	assert_msg(!cpu_online(cpu), "smp_boot_secondary: CPU %d is already online", cpu);
	on_cpu_async(cpu, run_entry, (void *)entry);
}
