/*
 * smp.c - bring-up of secondary CPUs through PSCI; lib/on_cpu.c hands them
 * work through a mailbox per CPU, waiting with WFE and waking with SEV.
 */
#include "libcflat.h"
#include "alloc.h"
#include "asm/barrier.h"
#include "asm/page.h"
#include "mmu.h"
#include "psci.h"
#include "smp.h"

#define SECONDARY_STACK_SIZE	(16 * 1024)

int nr_cpus;
u64 cpus[MAX_CPUS];
/* Read by secondary_entry with the MMU off: kept cleaned to memory. */
u64 secondary_stacks[MAX_CPUS];

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

int cpu_self(void)
{
	return smp_processor_id();
}

void cpu_wait_event(void)
{
	wfe();
}

/* The barrier makes the stores before it visible to a CPU that SEV wakes. */
void cpu_send_event(void)
{
	dsb(ish);
	sev();
}

void smp_set_boot_cpu(int cpu)
{
	write_sysreg(cpu, tpidr_el1);
	on_cpu_set_online(cpu);
}

void secondary_cinit(int cpu)
{
	mmu_enable(mmu_idmap);
	on_cpu_secondary_loop(cpu);
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
