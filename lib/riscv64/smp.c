/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.c - bring-up of secondary harts through SBI HSM hart_start;
 * asm-generic/on_cpu.c hands them work through a mailbox per CPU. Memory
 * is coherent between harts whether paging is on or not, so waiting is
 * spinning. Harts are started one at a time (boot_lock).
 */
#include "libcflat.h"
#include "alloc.h"
#include "asm/barrier.h"
#include "asm/page.h"
#include "asm/sbi.h"
#include "asm/smp.h"
#include "asm/spinlock.h"

int nr_cpus;
unsigned long cpus[NR_CPUS];

static struct secondary_boot boots[NR_CPUS];
static struct spinlock boot_lock;

void secondary_cinit(struct secondary_boot *b);

int hartid_to_cpu(unsigned long hartid)
{
	int i;

	for (i = 0; i < nr_cpus; i++) {
		if (cpus[i] == hartid)
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

/* Stores are seen by a spinning hart without help. */
void on_cpu_kick(int cpu)
{
}

void smp_set_boot_cpu(int cpu)
{
	asm volatile("mv tp, %0" : : "r"((long)cpu));
	on_cpu_set_online(cpu);
}

void secondary_boot_init(struct secondary_boot *b, int cpu, void (*fn)(void *data), void *data)
{
	u8 *stack = memalign(16, SECONDARY_STACK_SIZE);

	assert_msg(stack, "smp: no memory for CPU %d's stack", cpu);
	memset(b, 0, sizeof(*b));
	b->stack_top = (unsigned long)(stack + SECONDARY_STACK_SIZE);
	b->cpu = cpu;
	b->satp = mmu_satp;
	b->fn = fn;
	b->data = data;
	/* The hart reads b with paging off, after the firmware started it. */
	smp_mb();
}

void secondary_cinit(struct secondary_boot *b)
{
	struct sbiret ret;

	if (!b->fn)
		on_cpu_secondary_loop(b->cpu);
	b->fn(b->data);
	ret = sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_STOP, 0, 0, 0, 0, 0, 0);
	report_abort("smp: HSM hart_stop of CPU %lu returned: %s", b->cpu, sbi_strerror(ret.error));
}

int smp_boot_secondary(int cpu)
{
	struct secondary_boot *b = &boots[cpu];
	struct sbiret ret;

	assert_msg(cpu >= 0 && cpu < nr_cpus, "smp_boot_secondary: no CPU %d (%d CPUs)", cpu, nr_cpus);
	spin_lock(&boot_lock);
	if (cpu_online(cpu)) {
		spin_unlock(&boot_lock);
		return 0;
	}
	secondary_boot_init(b, cpu, NULL, NULL);
	ret = sbi_hart_start(cpus[cpu], virt_to_phys(secondary_entry), virt_to_phys(b));
	if (ret.error) {
		printf("smp: HSM hart_start of CPU %d (hart %lu) failed: %s\n", cpu, cpus[cpu],
		       sbi_strerror(ret.error));
		free((void *)(b->stack_top - SECONDARY_STACK_SIZE));
	} else {
		while (!cpu_online(cpu))
			cpu_relax();
	}
	spin_unlock(&boot_lock);
	return ret.error ? -1 : 0;
}
