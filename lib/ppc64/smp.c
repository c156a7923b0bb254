/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.c - bring-up of secondary threads through RTAS start-cpu;
 * asm-generic/on_cpu.c hands them work through a mailbox per CPU. Real mode is
 * cacheable and coherent, so waiting is spinning at low priority. Threads
 * are started one at a time: secondary_boot is shared.
 */
#include "libcflat.h"
#include "alloc.h"
#include "asm/barrier.h"
#include "asm/page.h"
#include "asm/spinlock.h"
#include "rtas.h"
#include "smp.h"

#define SECONDARY_STACK_SIZE	(16 * 1024)

int nr_cpus;
u32 cpus[MAX_CPUS];

/* Read by secondary_start (cstart64.S): the starting thread's stack top and CPU number. */
struct {
	u64 stack;
	u64 cpu;
} secondary_boot;

static struct spinlock boot_lock;

extern char secondary_be_entry[], secondary_start[];

int server_to_cpu(u32 server)
{
	int i;

	for (i = 0; i < nr_cpus; i++) {
		if (cpus[i] == server)
			return i;
	}
	return -1;
}

int cpu_self(void)
{
	return smp_processor_id();
}

void on_cpu_wait_work(void)
{
	cpu_relax();
}

/* Stores are seen by a spinning thread without help. */
void on_cpu_kick(int cpu)
{
}

void smp_set_boot_cpu(int cpu)
{
	mtspr(SPR_SPRG0, cpu);
	on_cpu_set_online(cpu);
}

int smp_boot_secondary(int cpu)
{
	u8 *stack;
	int ret;

	assert_msg(cpu >= 0 && cpu < nr_cpus, "smp_boot_secondary: no CPU %d (%d CPUs)", cpu, nr_cpus);
	spin_lock(&boot_lock);
	if (cpu_online(cpu)) {
		spin_unlock(&boot_lock);
		return 0;
	}
	stack = memalign(16, SECONDARY_STACK_SIZE);
	assert_msg(stack, "smp_boot_secondary: no memory for CPU %d's stack", cpu);
	secondary_boot.stack = (u64)(uintptr_t)(stack + SECONDARY_STACK_SIZE);
	secondary_boot.cpu = cpu;
	mb();
	/* The thread enters big endian: secondary_be_entry switches it to our order and goes to r3. */
	ret = rtas_start_cpu(cpus[cpu], virt_to_phys(secondary_be_entry), virt_to_phys(secondary_start));
	if (ret) {
		printf("smp: RTAS start-cpu of CPU %d (server %u) failed: %d\n", cpu, cpus[cpu], ret);
		free(stack);
	} else {
		while (!cpu_online(cpu))
			cpu_relax();
	}
	spin_unlock(&boot_lock);
	return ret;
}
