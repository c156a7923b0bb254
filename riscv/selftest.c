/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * selftest.c - the riscv64 framework testing itself, one sub-test per word
 * of argv:
 *   setup [smp=N] [mem=MiB]  boot state: harts and RAM as -smp/-m asked, argv, environ, S-mode with
 *                            paging on, the allocators
 *   exceptions               an illegal instruction and an ebreak are caught by handlers with the right
 *                            scause, sepc and stval, and the test goes on
 *   paging                   the identity map holds (same data through both views is trivially true, so:
 *                            satp's mode and root), and a load and a store outside every region take a
 *                            page fault naming the address
 *   smp                      every hart comes up through SBI HSM and runs on_cpu work as itself
 *   unexpected               an illegal instruction nobody handles: must end with status 64 and a dump
 * A hypervisor that reports the wrong harts or memory in the device tree, delivers a trap with the wrong
 * cause, sepc or stval, or cannot start a hart fails one of these.
 */
#include "libcflat.h"
#include "alloc.h"
#include "argv.h"
#include "alloc_page.h"
#include "alloc_phys.h"
#include "memregions.h"
#include "string.h"
#include "asm/csr.h"
#include "asm/page.h"
#include "asm/processor.h"
#include "asm/setup.h"
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
	void *p;

	report_prefix_push("setup");
	if (smp >= 0)
		report(nr_cpus == smp, "harts in the device tree: %d, smp=%ld", nr_cpus, smp);
	if (mem >= 0)
		report(mem_ram_size() == (u64)mem << 20, "RAM: %" PRIu64 " MiB, mem=%ld", mem_ram_size() >> 20, mem);
	report(len >= 13 && !strcmp(name + len - 13, "selftest.flat"), "argv[0] is the image: %s", name);
	report_info("environ: %s", __environ && __environ[0] ? __environ[0] : "(none)");
	report(smp_processor_id() >= 0 && smp_processor_id() < nr_cpus && cpu_online(smp_processor_id()),
	       "boot hart %lu is CPU %d of %d", cpus[smp_processor_id()], smp_processor_id(), nr_cpus);
	report(timebase_frequency != 0, "timebase frequency: %" PRIu64 " Hz", timebase_frequency);
	report(!(csr_read(CSR_SSTATUS) & SSTATUS_SIE), "interrupts off in sstatus: %#lx", csr_read(CSR_SSTATUS));
	report(mem_region_find(virt_to_phys(&argc)) != NULL, "the stack is in a memory region");
	report(page_alloc_initialized(), "page allocator enabled");
	p = malloc(1 << 20);
	report(p && !phys_alloc_owns(p), "malloc(1 MiB) from the page allocator: %p", p);
	free(p);
	report_prefix_pop();
}

static volatile int caught;
static volatile unsigned long caught_cause, caught_epc, caught_tval;

/* Note the trap and resume after the instruction that took it. */
static void skip_handler(struct pt_regs *regs)
{
	caught++;
	caught_cause = regs->cause;
	caught_epc = regs->epc;
	caught_tval = regs->badaddr;
	regs->epc += insn_len(regs->epc);
}

/* The address of the instruction after this label, for checking sepc. */
#define INSN_AT(label, insn) asm volatile(".globl " label "\n" label ":\n\t" insn ::: "memory")

extern char illegal_insn[], ebreak_insn[];

static void check_exceptions(void)
{
	report_prefix_push("exceptions");
	install_exception_handler(EXC_INST_ILLEGAL, skip_handler);
	caught = 0;
	/* 16 zero bits are the defined illegal instruction; stval holds its bits (0) or 0. */
	INSN_AT("illegal_insn", ".2byte 0");
	report(caught == 1 && caught_cause == EXC_INST_ILLEGAL && caught_epc == (unsigned long)illegal_insn &&
	       caught_tval == 0, "illegal instruction: scause %lu, sepc %#lx, stval %#lx", caught_cause, caught_epc,
	       caught_tval);
	install_exception_handler(EXC_INST_ILLEGAL, NULL);

	install_exception_handler(EXC_BREAKPOINT, skip_handler);
	caught = 0;
	INSN_AT("ebreak_insn", ".option push\n\t.option norvc\n\tebreak\n\t.option pop");
	report(caught == 1 && caught_cause == EXC_BREAKPOINT && caught_epc == (unsigned long)ebreak_insn,
	       "ebreak: scause %lu, sepc %#lx", caught_cause, caught_epc);
	install_exception_handler(EXC_BREAKPOINT, NULL);
	report_prefix_pop();
}

static void check_paging(void)
{
	unsigned long satp = csr_read(CSR_SATP), mode = satp >> SATP_MODE_SHIFT;
	/* 1 GiB past the end of RAM: in no region, so no gigapage maps it (lib/riscv64/mmu.c). */
	volatile u64 *hole = (volatile u64 *)(uintptr_t)(ALIGN(mem_ram_end(), SZ_1G) + SZ_1G);

	report_prefix_push("paging");
	report(mode == SATP_MODE_SV48 || mode == SATP_MODE_SV39, "satp mode %lu (%s)", mode,
	       mode == SATP_MODE_SV48 ? "Sv48" : mode == SATP_MODE_SV39 ? "Sv39" : "neither Sv39 nor Sv48");
	report(satp == mmu_satp, "satp %#lx is the library's root", satp);

	install_exception_handler(EXC_LOAD_PAGE_FAULT, skip_handler);
	install_exception_handler(EXC_STORE_PAGE_FAULT, skip_handler);
	caught = 0;
	(void)*hole;
	report(caught == 1 && caught_cause == EXC_LOAD_PAGE_FAULT && caught_tval == (unsigned long)hole,
	       "load from unmapped %p: scause %lu, stval %#lx", hole, caught_cause, caught_tval);
	caught = 0;
	*hole = 1;
	report(caught == 1 && caught_cause == EXC_STORE_PAGE_FAULT && caught_tval == (unsigned long)hole,
	       "store to unmapped %p: scause %lu, stval %#lx", hole, caught_cause, caught_tval);
	install_exception_handler(EXC_LOAD_PAGE_FAULT, NULL);
	install_exception_handler(EXC_STORE_PAGE_FAULT, NULL);
	report_prefix_pop();
}

static volatile unsigned long ran[NR_CPUS];

static void mark(void *data)
{
	/* The hart id from the firmware's point of view is not readable in S-mode: check the CPU number and satp. */
	ran[smp_processor_id()] = csr_read(CSR_SATP) == mmu_satp ? smp_processor_id() + 1 : 0;
}

static void check_smp(void)
{
	int cpu, ok = 0;

	report_prefix_push("smp");
	on_cpus(mark, NULL);
	for (cpu = 0; cpu < nr_cpus; cpu++)
		ok += ran[cpu] == (unsigned long)cpu + 1;
	report(ok == nr_cpus && nr_cpus_online() == nr_cpus, "%d of %d harts ran on_cpus work as themselves, paged",
	       ok, nr_cpus);
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2)
		report_abort("usage: selftest.flat setup|exceptions|paging|smp|unexpected ...");
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "setup"))
			check_setup(argc, argv);
		else if (!strcmp(argv[i], "exceptions"))
			check_exceptions();
		else if (!strcmp(argv[i], "paging"))
			check_paging();
		else if (!strcmp(argv[i], "smp"))
			check_smp();
		else if (!strcmp(argv[i], "unexpected"))
			asm volatile(".4byte 0");
		else if (!strchr(argv[i], '='))
			report_abort("unknown sub-test '%s'", argv[i]);
	}
	return report_summary();
}
