/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.c - bring-up of secondary threads through RTAS start-cpu, and a
 * mailbox per CPU through which on_cpu() hands them work. A started thread
 * loops in secondary_cinit(): wait for a function, run it, mark itself
 * idle, wait again. Real mode is cacheable and coherent, so plain atomics
 * do; threads are started one at a time (secondary_boot is shared).
 */
#include "libcflat.h"
#include "alloc.h"
#include "asm/barrier.h"
#include "asm/page.h"
#include "asm/spinlock.h"
#include "rtas.h"
#include "smp.h"

#define SECONDARY_STACK_SIZE	(16 * 1024)

struct mailbox {
	void (*fn)(void *data);
	void *data;
	bool busy;
	bool online;
};

int nr_cpus;
u32 cpus[MAX_CPUS];

/* Read by secondary_start (cstart64.S): the starting thread's stack top and CPU number. */
struct {
	u64 stack;
	u64 cpu;
} secondary_boot;

static struct mailbox mailboxes[MAX_CPUS];
static struct spinlock boot_lock;

extern char secondary_be_entry[], secondary_start[];
void secondary_cinit(int cpu);

int server_to_cpu(u32 server)
{
	int i;

	for (i = 0; i < nr_cpus; i++) {
		if (cpus[i] == server)
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
	mtspr(SPR_SPRG0, cpu);
	mailboxes[cpu].online = true;
}

void secondary_cinit(int cpu)
{
	struct mailbox *mb = &mailboxes[cpu];

	__atomic_store_n(&mb->online, true, __ATOMIC_RELEASE);
	for (;;) {
		void (*fn)(void *data);

		while (!__atomic_load_n(&mb->busy, __ATOMIC_ACQUIRE))
			cpu_relax();
		fn = mb->fn;
		fn(mb->data);
		__atomic_store_n(&mb->busy, false, __ATOMIC_RELEASE);
	}
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
}

void cpu_idle_wait(int cpu)
{
	while (__atomic_load_n(&mailboxes[cpu].busy, __ATOMIC_ACQUIRE))
		cpu_relax();
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
