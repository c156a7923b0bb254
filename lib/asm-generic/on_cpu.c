/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * on_cpu.c - the mailboxes behind on_cpu() (see asm-generic/on_cpu.h).
 * Stores that hand over work are release stores, the loads that take it
 * acquire loads, so a function and its data are visible before busy is.
 * Invariant: a mailbox is written only while its CPU is idle (busy clear),
 * by the one CPU that waited for that in on_cpu_async().
 */
#include "libcflat.h"
#include "asm/barrier.h"
#include "asm-generic/on_cpu.h"

struct mailbox {
	void (*fn)(void *data);
	void *data;
	bool busy;
	bool online;
	/* Set by on_cpu_secondary_loop(): this CPU takes work (the boot CPU does not). */
	bool serving;
};

static struct mailbox mailboxes[ON_CPU_MAX_CPUS];

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

void on_cpu_set_online(int cpu)
{
	__atomic_store_n(&mailboxes[cpu].online, true, __ATOMIC_RELEASE);
}

void on_cpu_secondary_loop(int cpu)
{
	struct mailbox *mb = &mailboxes[cpu];

	mb->serving = true;
	on_cpu_set_online(cpu);
	for (;;) {
		void (*fn)(void *data);

		while (!__atomic_load_n(&mb->busy, __ATOMIC_ACQUIRE))
			on_cpu_wait_work();
		fn = mb->fn;
		fn(mb->data);
		__atomic_store_n(&mb->busy, false, __ATOMIC_RELEASE);
	}
}

void on_cpu_async(int cpu, void (*fn)(void *data), void *data)
{
	struct mailbox *mb = &mailboxes[cpu];

	assert_msg(cpu >= 0 && cpu < nr_cpus, "on_cpu: no CPU %d (%d CPUs)", cpu, nr_cpus);
	assert_msg(cpu != cpu_self(), "on_cpu_async: CPU %d cannot wait for itself", cpu);
	assert_msg(!cpu_online(cpu) || mb->serving,
		   "on_cpu_async: the boot CPU %d runs the test, it takes no work", cpu);
	if (!cpu_online(cpu) && smp_boot_secondary(cpu))
		report_abort("on_cpu: CPU %d could not be started", cpu);
	cpu_idle_wait(cpu);
	mb->fn = fn;
	mb->data = data;
	__atomic_store_n(&mb->busy, true, __ATOMIC_RELEASE);
	on_cpu_kick(cpu);
}

void cpu_idle_wait(int cpu)
{
	while (__atomic_load_n(&mailboxes[cpu].busy, __ATOMIC_ACQUIRE))
		cpu_relax();
}

void on_cpu(int cpu, void (*fn)(void *data), void *data)
{
	if (cpu == cpu_self()) {
		fn(data);
		return;
	}
	on_cpu_async(cpu, fn, data);
	cpu_idle_wait(cpu);
}

void on_cpus(void (*fn)(void *data), void *data)
{
	int cpu, me = cpu_self();

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
