/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.c - bring-up of secondary CPUs through PSCI and a mailbox per CPU
 * through which on_cpu() hands them work. A started CPU loops in
 * secondary_cinit(): wait (WFE) for a function, run it, mark itself idle
 * (SEV), wait again.
 */
#include "libcflat.h"
#include "alloc.h"
#include "asm/barrier.h"
#include "asm/page.h"
#include "mmu.h"
#include "psci.h"
#include "smp.h"

#define SECONDARY_STACK_SIZE	(16 * 1024)

struct mailbox {
	void (*fn)(void *data);
	void *data;
	bool busy;
	bool online;
};

int nr_cpus;
u64 cpus[MAX_CPUS];
/* Read by secondary_entry with the MMU off: kept cleaned to memory. */
u64 secondary_stacks[MAX_CPUS];

static struct mailbox mailboxes[MAX_CPUS];

extern char secondary_entry[];
void secondary_cinit(int cpu);

int mpidr_to_cpu(u64 mpidr)
{
	int i;

	for (i = 0; i < nr_cpus; i++) {
		if (cpus[i] == mpidr)
			return i;
	}
	return -1;
}

bool cpu_online(int cpu)
{
	return cpu >= 0 && cpu < nr_cpus && __atomic_load_n(&mailboxes[cpu].online, __ATOMIC_ACQUIRE);
}

int nr_cpus_online(void)
{
	int i, n = 0;

	for (i = 0; i < nr_cpus; i++)
		n += cpu_online(i);
	return n;
}

void smp_set_boot_cpu(int cpu)
{
	write_sysreg(cpu, tpidr_el1);
	mailboxes[cpu].online = true;
}

void secondary_cinit(int cpu)
{
	struct mailbox *mb = &mailboxes[cpu];

	mmu_enable(mmu_idmap);
	__atomic_store_n(&mb->online, true, __ATOMIC_RELEASE);
	sev();
	for (;;) {
		void (*fn)(void *data);

		while (!__atomic_load_n(&mb->busy, __ATOMIC_ACQUIRE))
			wfe();
		fn = mb->fn;
		fn(mb->data);
		__atomic_store_n(&mb->busy, false, __ATOMIC_RELEASE);
		sev();
	}
}

int smp_boot_secondary(int cpu)
{
	u8 *stack;
	int ret;

	assert_msg(cpu >= 0 && cpu < nr_cpus, "smp_boot_secondary: no CPU %d (%d CPUs)", cpu, nr_cpus);
	if (cpu_online(cpu))
		return 0;
	assert_msg(mmu_enabled(), "smp_boot_secondary: secondaries need the MMU on (their locks are exclusives)");
	stack = memalign(16, SECONDARY_STACK_SIZE);
	assert_msg(stack, "smp_boot_secondary: no memory for CPU %d's stack", cpu);
	secondary_stacks[cpu] = (u64)(uintptr_t)(stack + SECONDARY_STACK_SIZE);
	dcache_clean_poc((uintptr_t)&secondary_stacks[cpu], (uintptr_t)&secondary_stacks[cpu + 1]);
	dcache_clean_poc((uintptr_t)&mmu_idmap, (uintptr_t)(&mmu_idmap + 1));
	ret = psci_cpu_on(cpus[cpu], virt_to_phys(secondary_entry), cpu);
	if (ret) {
		printf("smp: PSCI CPU_ON of CPU %d (MPIDR %#lx) failed: %s\n", cpu, cpus[cpu], psci_strerror(ret));
		return ret;
	}
	while (!cpu_online(cpu))
		wfe();
	return 0;
}

void on_cpu_async(int cpu, void (*fn)(void *data), void *data)
{
	struct mailbox *mb = &mailboxes[cpu];

	assert_msg(cpu >= 0 && cpu < nr_cpus, "on_cpu: no CPU %d (%d CPUs)", cpu, nr_cpus);
	assert_msg(cpu != smp_processor_id(), "on_cpu_async: CPU %d cannot wait for itself", cpu);
	if (!cpu_online(cpu) && smp_boot_secondary(cpu))
		report_abort("on_cpu: CPU %d could not be started", cpu);
	cpu_idle_wait(cpu);
	mb->fn = fn;
	mb->data = data;
	__atomic_store_n(&mb->busy, true, __ATOMIC_RELEASE);
	dsb(ish);
	sev();
}

void cpu_idle_wait(int cpu)
{
	while (__atomic_load_n(&mailboxes[cpu].busy, __ATOMIC_ACQUIRE))
		wfe();
}

void on_cpu(int cpu, void (*fn)(void *data), void *data)
{
	if (cpu == smp_processor_id()) {
		fn(data);
		return;
	}
	on_cpu_async(cpu, fn, data);
	cpu_idle_wait(cpu);
}

void on_cpus(void (*fn)(void *data), void *data)
{
	int cpu, me = smp_processor_id();

	for (cpu = 0; cpu < nr_cpus; cpu++) {
		if (cpu != me)
			on_cpu_async(cpu, fn, data);
	}
	fn(data);
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		if (cpu != me)
			cpu_idle_wait(cpu);
	}
}
