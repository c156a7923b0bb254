/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/smp.h - CPUs, i.e. harts: numbered 0..nr_cpus-1 in device tree order
 * (cpus[i] is CPU i's hart id, asm/setup.h), started with SBI HSM
 * hart_start when a test first asks one to run something (on_cpu,
 * asm-generic/on_cpu.h), after which they wait for more work. The CPU
 * number is kept in tp, which the compiler never allocates.
 */
#ifndef _ASM_RISCV64_SMP_H_
#define _ASM_RISCV64_SMP_H_

#include "libcflat.h"
#include "asm-generic/on_cpu.h"
#include "asm/setup.h"

_Static_assert(NR_CPUS <= ON_CPU_MAX_CPUS, "more CPUs than the on_cpu mailboxes");

static inline int smp_processor_id(void)
{
	long cpu;

	asm volatile("mv %0, tp" : "=r"(cpu));
	return cpu;
}

/*
 * How a hart started by hart_start (or resumed after a non-retentive
 * suspend) enters: secondary_entry with a1 = the physical address of one
 * of these. The entry code records what it found before it changes
 * anything, so that tests can check what the SBI specification promises.
 * With fn set the hart runs fn(data) and then stops itself (HSM
 * hart_stop); without, it serves on_cpu's mailbox.
 */
struct secondary_boot {
	unsigned long stack_top;
	unsigned long cpu;
	unsigned long satp;		/* written before the hart calls any C code */
	void (*fn)(void *data);
	void *data;
	/* What secondary_entry found: a0, satp and sstatus at entry. */
	unsigned long entry_a0, entry_satp, entry_sstatus;
};

extern char secondary_entry[];
/* The satp value of the boot hart's page tables (0 before the MMU is on). */
extern unsigned long mmu_satp;
/* The CPU number of a hart id, or -1. */
extern int hartid_to_cpu(unsigned long hartid);
/* Make the running CPU number cpu and online (setup.c, for the boot hart). */
extern void smp_set_boot_cpu(int cpu);
/* Fill in b for cpu with a fresh stack (freed by the caller with free((void *)b->stack_top - size)). */
#define SECONDARY_STACK_SIZE	(16 * 1024)
extern void secondary_boot_init(struct secondary_boot *b, int cpu, void (*fn)(void *data), void *data);

#endif /* _ASM_RISCV64_SMP_H_ */
