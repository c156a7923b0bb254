/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * selftest.c - the arm and arm64 framework testing itself, one sub-test per word of
 * argv (kvm-unit-tests' arm selftest names):
 *   setup [smp=N] [mem=MiB]  boot state: CPUs, RAM, argv, environ, PSCI, MMU, allocator
 *   vectors-kernel           undefined instruction, SVC, data and instruction aborts caught at EL1
 *                            (arm: in SVC mode, through the vectors of the UND, SVC and ABT modes)
 *   smp                      every CPU comes up through PSCI and reports its MPIDR
 *   mmu-off                  run with the MMU off and turn it back on
 *   unexpected               an undefined instruction nobody handles: must end with status 64
 */
#include "libcflat.h"
#include "alloc.h"
#include "argv.h"
#include "alloc_page.h"
#include "alloc_phys.h"
#include "memregions.h"
#include "string.h"
#include "asm/page.h"
#include "asm/mmu.h"
#include "asm/processor.h"
#include "asm/psci.h"
#include "asm/smp.h"

/* KEY=N among the arguments: N, or -1 when absent. */
static long arg_value(int argc, char **argv, const char *key)
{
	const char *val = argv_find_value(argc, argv, key);

	return val ? atol(val) : -1;
}

static void check_setup(int argc, char **argv)
{
	long smp = arg_value(argc, argv, "smp"), mem = arg_value(argc, argv, "mem");
	const char *name = argv[0];
	size_t len = strlen(name);
	u32 ver = psci_version();
	void *p;

	report_prefix_push("setup");
	if (smp >= 0)
		report(nr_cpus == smp, "CPUs in the device tree: %d, smp=%ld", nr_cpus, smp);
	if (mem >= 0)
		report(mem_ram_size() == (u64)mem << 20, "RAM: %" PRIu64 " MiB, mem=%ld", mem_ram_size() >> 20, mem);
	report(len >= 13 && !strcmp(name + len - 13, "selftest.flat"), "argv[0] is the image: %s", name);
	report_info("environ: %s", __environ && __environ[0] ? __environ[0] : "(none)");
	report(ver >= 0x00000002, "PSCI version %u.%u via %s", ver >> 16, ver & 0xffff, psci_conduit());
	report(current_level() == CurrentEL_EL1, "running at EL1");
	report(mmu_enabled(), "MMU on");
	report(mem_region_find(virt_to_phys(&argc)) != NULL, "the stack is in a memory region");
	report(page_alloc_initialized(), "page allocator enabled");
	p = malloc(1 << 20);
	report(p && !phys_alloc_owns(p), "malloc(1 MiB) from the page allocator: %p", p);
	free(p);
	report_prefix_pop();
}

static volatile int caught;
static volatile u64 fault_addr;

#ifdef __arm__
/*
 * ARMv7: each exception has its own vector and mode, and the abort's
 * status and address come from DFSR/DFAR or IFSR/IFAR. With LPAE the
 * status registers use the long-descriptor format: STATUS in bits 5:0,
 * 0b0001LL a translation fault at level LL.
 */
#define FSR_LPAE		(1 << 9)
#define FSR_STATUS(fsr)		((fsr) & 0x3f)
#define FSR_IS_TRANSLATION(fsr)	(((fsr) & FSR_LPAE) && (FSR_STATUS(fsr) & 0x3c) == 0x04)

static void und_handler(struct pt_regs *regs)
{
	/* The saved pc is the undefined instruction itself. */
	caught = *(u32 *)regs->ARM_pc == 0xe7f000f0;
	regs->ARM_pc += 4;
}

static void svc_handler(struct pt_regs *regs)
{
	/* The saved pc is past the SVC; its immediate is the low 24 bits of its encoding. */
	caught = (*(u32 *)(regs->ARM_pc - 4) & 0xffffff) == 123 ? 1 : -1;
}

static void dabt_handler(struct pt_regs *regs)
{
	u32 dfsr = read_sysreg(dfsr);

	caught = read_sysreg(dfar) == fault_addr && FSR_IS_TRANSLATION(dfsr);
	regs->ARM_pc += 4;
}

static void pabt_handler(struct pt_regs *regs)
{
	u32 ifsr = read_sysreg(ifsr);

	caught = read_sysreg(ifar) == fault_addr && regs->ARM_pc == fault_addr && FSR_IS_TRANSLATION(ifsr);
	/* Return to where the branch would have come back to. */
	regs->ARM_pc = regs->ARM_lr;
}

static void check_vectors(void)
{
	/* Above RAM, in no region: nothing maps it (RAM ends below 3 GiB on virt). */
	unsigned long unmapped = ALIGN(mem_ram_end(), SZ_1G);
	unsigned long val;

	report_prefix_push("vectors-kernel");

	install_exception_handler(EXCPTN_UND, und_handler);
	caught = 0;
	asm volatile(".inst 0xe7f000f0");	/* UDF #0 */
	report(caught == 1, "undefined instruction");
	install_exception_handler(EXCPTN_UND, NULL);

	install_exception_handler(EXCPTN_SVC, svc_handler);
	caught = 0;
	/* Taken in SVC mode, the SVC overwrites LR with its return address. */
	asm volatile("svc #123" : : : "lr", "memory");
	report(caught == 1, "svc #123");
	install_exception_handler(EXCPTN_SVC, NULL);

	install_exception_handler(EXCPTN_DABT, dabt_handler);
	caught = 0;
	fault_addr = unmapped;
	asm volatile("ldr %0, [%1]" : "=r"(val) : "r"(unmapped) : "memory");
	report(caught == 1, "data abort at %#lx", unmapped);
	install_exception_handler(EXCPTN_DABT, NULL);

	install_exception_handler(EXCPTN_PABT, pabt_handler);
	caught = 0;
	fault_addr = unmapped;
	asm volatile("blx %0" : : "r"(unmapped) : "lr", "memory");
	report(caught == 1, "prefetch abort at %#lx", unmapped);
	install_exception_handler(EXCPTN_PABT, NULL);

	report_prefix_pop();
}
#else
static void und_handler(struct pt_regs *regs, unsigned int esr)
{
	caught = esr_ec(esr) == ESR_EL1_EC_UNKNOWN;
	regs->pc += 4;
}

static void svc_handler(struct pt_regs *regs, unsigned int esr)
{
	/* The ISS of an SVC is its immediate; ELR already points past it. */
	caught = (esr & 0xffff) == 123 ? 1 : -1;
}

static void dabt_handler(struct pt_regs *regs, unsigned int esr)
{
	caught = read_sysreg(far_el1) == fault_addr && (esr & ESR_EL1_FSC_MASK) >= ESR_EL1_FSC_TRANS_L(0) &&
		 (esr & ESR_EL1_FSC_MASK) <= ESR_EL1_FSC_TRANS_L(3);
	regs->pc += 4;
}

static void pabt_handler(struct pt_regs *regs, unsigned int esr)
{
	caught = read_sysreg(far_el1) == fault_addr && regs->pc == fault_addr;
	/* Return to where the branch would have come back to. */
	regs->pc = regs->regs[30];
}

static void check_vectors(void)
{
	/* Far above RAM, in no region: nothing maps it. */
	u64 unmapped = ALIGN(mem_ram_end(), SZ_1G) + SZ_1G;

	report_prefix_push("vectors-kernel");

	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_UNKNOWN, und_handler);
	caught = 0;
	asm volatile(".inst 0x00000000");	/* UDF #0 */
	report(caught == 1, "undefined instruction");
	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_UNKNOWN, NULL);

	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_SVC64, svc_handler);
	caught = 0;
	asm volatile("svc #123" : : : "memory");
	report(caught == 1, "svc #123");
	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_SVC64, NULL);

	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_DABT_EL1, dabt_handler);
	caught = 0;
	fault_addr = unmapped;
	asm volatile("ldr xzr, [%0]" : : "r"(unmapped) : "memory");
	report(caught == 1, "data abort at %#lx", unmapped);
	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_DABT_EL1, NULL);

	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_IABT_EL1, pabt_handler);
	caught = 0;
	fault_addr = unmapped;
	asm volatile("blr %0" : : "r"(unmapped) : "x30", "memory");
	report(caught == 1, "instruction abort at %#lx", unmapped);
	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_IABT_EL1, NULL);

	report_prefix_pop();
}
#endif

static unsigned long reported_mpidr[NR_CPUS];

static void report_mpidr(void *data)
{
	reported_mpidr[smp_processor_id()] = get_mpidr();
}

static void check_smp(void)
{
	int cpu;

	report_prefix_push("smp");
	for (cpu = 0; cpu < nr_cpus; cpu++)
		reported_mpidr[cpu] = ~0UL;
	on_cpus(report_mpidr, NULL);
	for (cpu = 0; cpu < nr_cpus; cpu++)
		report(reported_mpidr[cpu] == cpus[cpu], "CPU %d: MPIDR %#lx (device tree: %#lx)", cpu,
		       reported_mpidr[cpu], cpus[cpu]);
	report(cpumask_full(&cpu_online_mask), "%d of %d CPUs online", cpumask_weight(&cpu_online_mask), nr_cpus);
	report_prefix_pop();
}

static void check_mmu_off(void)
{
	static volatile u64 word;
	char *buf;

	report_prefix_push("mmu-off");
	word = 1;
	mmu_disable();
	report(!mmu_enabled(), "MMU off");
	report(word == 1, "what was written with the caches on is in memory");
	word = 2;
	buf = malloc(64);
	report(buf != NULL, "malloc with the MMU off");
	if (buf) {
		memset(buf, 0x5a, 64);
		report(buf[63] == 0x5a, "memory works uncached");
		free(buf);
	}
	mmu_enable(mmu_idmap);
	report(mmu_enabled() && word == 2, "MMU on again");
	report_prefix_pop();
}

static void check_unexpected(void)
{
	printf("An undefined instruction with no handler: this must end the test with status 64.\n");
#ifdef __arm__
	asm volatile(".inst 0xe7f000f0");
#else
	asm volatile(".inst 0x00000000");
#endif
	report_fail("the undefined instruction was not reported");
}

int main(int argc, char **argv)
{
	int i, ran = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "setup")) {
			check_setup(argc, argv);
		} else if (!strcmp(argv[i], "vectors-kernel")) {
			check_vectors();
		} else if (!strcmp(argv[i], "smp")) {
			check_smp();
		} else if (!strcmp(argv[i], "mmu-off")) {
			check_mmu_off();
		} else if (!strcmp(argv[i], "unexpected")) {
			check_unexpected();
		} else if (strchr(argv[i], '=')) {
			continue;
		} else {
			report_abort("unknown sub-test '%s' (setup, vectors-kernel, smp, mmu-off, unexpected)",
				     argv[i]);
		}
		ran++;
	}
	if (!ran)
		report_abort("no sub-test given: -append 'setup smp=N mem=MiB', 'vectors-kernel', 'smp', 'mmu-off'");
	return report_summary();
}
