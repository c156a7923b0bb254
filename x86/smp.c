/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.c - every CPU QEMU was given comes up and can be handed work: the
 * CPU count agrees with fw_cfg, each CPU knows its number and has its own
 * APIC ID and TSS, an IPI sent to each CPU (halted or not) arrives there,
 * on_cpu() runs a function to completion in call order, on_cpu_async()
 * runs CPUs in parallel (cpus_active() counts them), on_cpus() reaches
 * all, and ASM_TRY's fault record is kept per CPU.
 *
 * A hypervisor bug it would catch: INIT/SIPI not delivered or a vCPU not
 * started, APIC IDs duplicated, an IPI lost while its target is halted
 * (the wake-up race in HLT emulation), or a fixed IPI delivered to the
 * wrong vCPU.
 */
#include "libcflat.h"
#include "apic.h"
#include "atomic.h"
#include "desc.h"
#include "fwcfg.h"
#include "isr.h"
#include "processor.h"
#include "smp.h"

#define TEST_VECTOR	0x41
#define SPIN_LIMIT	100000000UL

static int ids[MAX_CPUS];
static u32 apic_ids[MAX_CPUS];
static u16 trs[MAX_CPUS];
static unsigned int vectors[MAX_CPUS];
static atomic_t irqs[MAX_CPUS];
static atomic_t counter;
static int order[MAX_CPUS], order_len;
static volatile int release;

static void who_am_i(void *data)
{
	int cpu = smp_id();

	ids[cpu] = cpu;
	apic_ids[cpu] = apic_id();
	trs[cpu] = str();
}

static void count_irq(isr_regs_t *regs)
{
	atomic_inc(&irqs[smp_id()]);
	eoi();
}

static bool wait_for(atomic_t *v, int want)
{
	unsigned long spins;

	for (spins = 0; spins < SPIN_LIMIT; spins++) {
		if (atomic_read(v) == want)
			return true;
		pause();
	}
	return false;
}

static void check_ids(int n)
{
	int cpu, other;
	bool ok = true, unique = true;

	on_cpus(who_am_i, NULL);
	for (cpu = 0; cpu < n; cpu++) {
		ok &= ids[cpu] == cpu && apic_ids[cpu] == id_map[cpu] && trs[cpu] == TSS_MAIN + 16 * cpu;
		for (other = 0; other < cpu; other++)
			unique &= apic_ids[other] != apic_ids[cpu];
	}
	report(ok, "each CPU runs as its number, with its id_map APIC ID and its own TSS");
	report(unique, "APIC IDs are distinct");
}

/* The targets are idle, halted with interrupts on: the IPI must wake them. */
static void check_ipis(int n)
{
	int cpu, got = 0;

	handle_irq(TEST_VECTOR, count_irq);
	for (cpu = 0; cpu < n; cpu++) {
		if (cpu == smp_id())
			irq_enable();
		apic_icr_write(APIC_DEST_PHYSICAL | APIC_DM_FIXED | TEST_VECTOR, id_map[cpu]);
		got += wait_for(&irqs[cpu], 1);
		irq_disable();
	}
	report(got == n, "a fixed IPI to each CPU arrives there (%d of %d)", got, n);
	for (cpu = 0, got = 0; cpu < n; cpu++)
		got += atomic_read(&irqs[cpu]) == 1;
	report(got == n, "each CPU got exactly one");
	handle_irq(TEST_VECTOR, NULL);
}

static void append_me(void *data)
{
	int i;

	/* Slow on purpose: on_cpu() must still wait for the whole function. */
	for (i = 0; i < 100000; i++)
		pause();
	order[order_len++] = smp_id();
}

static void check_on_cpu_order(int n)
{
	int cpu, i = 0;
	bool ok = true;

	order_len = 0;
	for (cpu = n - 1; cpu >= 0; cpu--) {
		on_cpu(cpu, append_me, NULL);
		ok &= order_len == n - cpu;
	}
	for (cpu = n - 1; cpu >= 0; cpu--)
		ok &= order[i++] == cpu;
	report(ok, "on_cpu returns after the function ran, in call order");
}

static void wait_release(void *data)
{
	atomic_inc(&counter);
	while (!release)
		pause();
}

static void check_async(int n)
{
	int cpu;
	bool all_active;

	atomic_set(&counter, 0);
	release = 0;
	for (cpu = 1; cpu < n; cpu++)
		on_cpu_async(cpu, wait_release, NULL);
	all_active = wait_for(&counter, n - 1);
	report(all_active && cpus_active() == n, "on_cpu_async: %d CPUs run at once, cpus_active() %d",
	       atomic_read(&counter), cpus_active());
	release = 1;
	for (cpu = 0; cpu < 100000000 && cpus_active() != 1; cpu++)
		pause();
	report(cpus_active() == 1, "cpus_active() is 1 again when they are done");
}

static void count_me(void *data)
{
	atomic_inc(&counter);
}

static void fault_here(void *data)
{
	asm volatile(ASM_TRY("1f") "ud2\n1:" : : : "memory");
	vectors[smp_id()] = exception_vector();
}

static void check_on_cpus(int n)
{
	int cpu, ok = 0;

	atomic_set(&counter, 0);
	on_cpus(count_me, NULL);
	report(atomic_read(&counter) == n, "on_cpus reaches every CPU once (%d)", atomic_read(&counter));
	on_cpus(fault_here, NULL);
	for (cpu = 0; cpu < n; cpu++)
		ok += vectors[cpu] == UD_VECTOR;
	report(ok == n, "ASM_TRY recovers from #UD on every CPU (%d of %d)", ok, n);
}

int main(int argc, char **argv)
{
	int n = cpu_count();

	if (fwcfg_present())
		report(n == fwcfg_get_nb_cpus(), "cpu_count() %d is fw_cfg's CPU count", n);
	else
		report_skip("no fw_cfg device (QEMU's; absent on Bochs): the CPU count is not known, one CPU runs");
	report(smp_id() == 0, "main runs on CPU 0");
	if (n < 2)
		report_info("one CPU: the IPI and on_cpu checks run on it alone");
	check_ids(n);
	check_ipis(n);
	check_on_cpu_order(n);
	check_async(n);
	check_on_cpus(n);
	return report_summary();
}
