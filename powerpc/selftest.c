/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * selftest.c - the ppc64 framework testing itself, one sub-test per word of
 * argv (kvm-unit-tests' powerpc selftest names where they exist):
 *   setup [smp=N] [mem=MiB]  boot state: CPU threads and RAM as -smp/-m asked, argv, environ, allocator
 *   exceptions               program interrupts (illegal instruction, privileged, trap) and a system call
 *                            are caught by handlers and the test goes on
 *   storage                  a data segment interrupt and a DSI (data relocation on for one load) are caught
 *                            with the right DAR and DSISR
 *   smp                      every thread comes up through RTAS start-cpu and runs on_cpu work
 *   unexpected               an illegal instruction nobody handles: must end with status 64
 *   panic                    RTAS ibm,os-term, the guest's panic report: powerpc/run must end at once with
 *                            "stopped" (120) instead of waiting for the paused VM until the timeout
 * A hypervisor that reports the wrong CPU or memory layout in the device tree, delivers an interrupt to the
 * wrong vector or with wrong SRR0/SRR1, or fails to start a thread, fails one of these.
 */
#include "libcflat.h"
#include "alloc.h"
#include "argv.h"
#include "alloc_page.h"
#include "alloc_phys.h"
#include "memregions.h"
#include "string.h"
#include "asm/page.h"
#include "processor.h"
#include "rtas.h"
#include "smp.h"

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
		report(nr_cpus == smp, "CPU threads in the device tree: %d, smp=%ld", nr_cpus, smp);
	if (mem >= 0)
		report(mem_ram_size() == (u64)mem << 20, "RAM: %" PRIu64 " MiB, mem=%ld", mem_ram_size() >> 20, mem);
	report(len >= 12 && !strcmp(name + len - 12, "selftest.elf"), "argv[0] is the image: %s", name);
	report_info("environ: %s", __environ && __environ[0] ? __environ[0] : "(none)");
	report(smp_processor_id() >= 0 && smp_processor_id() < nr_cpus && cpu_online(smp_processor_id()),
	       "boot thread is CPU %d of %d", smp_processor_id(), nr_cpus);
	report(!(mfmsr() & (MSR_IR | MSR_DR)), "real mode (MMU off): MSR %#lx", mfmsr());
	report((mfmsr() & (MSR_SF | MSR_ME)) == (MSR_SF | MSR_ME), "64-bit mode, machine checks enabled");
	report(!!(mfmsr() & MSR_LE) == (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__), "MSR[LE] matches the image");
	report(mem_region_find(virt_to_phys(&argc)) != NULL, "the stack is in a memory region");
	report(page_alloc_initialized(), "page allocator enabled");
	p = malloc(1 << 20);
	report(p && !phys_alloc_owns(p), "malloc(1 MiB) from the page allocator: %p", p);
	free(p);
	report_prefix_pop();
}

static volatile int caught;
static volatile u64 caught_srr1, caught_nip;

static void program_handler(struct pt_regs *regs, void *data)
{
	caught++;
	caught_srr1 = regs->msr;
	caught_nip = regs->nip;
	regs->nip += 4;
}

static void syscall_handler(struct pt_regs *regs, void *data)
{
	/* SRR0 already points past the sc; r3 carries a value back. */
	caught++;
	caught_nip = regs->nip;
	regs->gpr[3] = regs->gpr[3] * 2;
}

/* The address of the instruction after this label, for checking SRR0. */
#define INSN_AT(label, insn) asm volatile(".globl " label "\n" label ":\n\t" insn ::: "memory")

extern char illegal_insn[], priv_insn[], trap_insn[], after_sc[];

static void check_exceptions(void)
{
	long r3;

	report_prefix_push("exceptions");
	handle_exception(VEC_PROGRAM, program_handler, NULL);

	caught = 0;
	INSN_AT("illegal_insn", ".long 0");
	report(caught == 1 && (caught_srr1 & SRR1_PROGILL) && caught_nip == (u64)illegal_insn,
	       "illegal instruction: program interrupt, SRR0 %#lx, SRR1 %#lx", caught_nip, caught_srr1);

	/* Hypervisor-privileged from supervisor state: mtspr HSRR0 (SPR 314). */
	caught = 0;
	INSN_AT("priv_insn", "mtspr 314, 0");
	report(caught == 1 && (caught_srr1 & (SRR1_PROGPRIV | SRR1_PROGILL)) && caught_nip == (u64)priv_insn,
	       "hypervisor register from supervisor state: program interrupt, SRR0 %#lx, SRR1 %#lx", caught_nip,
	       caught_srr1);

	caught = 0;
	INSN_AT("trap_insn", "trap");
	report(caught == 1 && (caught_srr1 & SRR1_PROGTRAP) && caught_nip == (u64)trap_insn,
	       "trap: program interrupt, SRR1 %#lx", caught_srr1);
	handle_exception(VEC_PROGRAM, NULL, NULL);

	handle_exception(VEC_SYSCALL, syscall_handler, NULL);
	caught = 0;
	{
		register long r3_in asm("r3") = 21;

		asm volatile("sc\n.globl after_sc\nafter_sc:" : "+r"(r3_in) : : "r0", "memory");
		r3 = r3_in;
	}
	report(caught == 1 && r3 == 42 && caught_nip == (u64)after_sc, "system call: handler ran, r3 = %ld", r3);
	handle_exception(VEC_SYSCALL, NULL, NULL);
	report_prefix_pop();
}

static volatile u64 caught_trap, caught_dar, caught_dsisr;

/* A storage interrupt: note it, and resume after the load in real mode. */
static void storage_handler(struct pt_regs *regs, void *data)
{
	caught++;
	caught_trap = regs->trap;
	caught_dar = regs->dar;
	caught_dsisr = regs->dsisr;
	regs->msr &= ~MSR_DR;
	regs->nip += 4;
}

/* Load from addr with data relocation on (instructions are still fetched in real mode). */
static void load_translated(unsigned long addr)
{
	unsigned long msr, tmp, val;

	asm volatile("mfmsr	%0\n\t"
		     "ori	%1, %0, %4\n\t"
		     "mtmsrd	%1\n\t"
		     "ld	%2, 0(%3)\n\t"
		     "mtmsrd	%0"
		     : "=&r"(msr), "=&r"(tmp), "=&r"(val) : "b"(addr), "i"(MSR_DR) : "memory");
}

#define SEGMENT_SHIFT	28
#define SLB_ESID_V	(1UL << 27)
#define SLB_VSID_SHIFT	12
#define DSISR_NOPTE	0x40000000

/*
 * The MMU is off; turning data relocation on for one load, with no SLB
 * entry gives a data segment interrupt, and with an SLB entry but no page
 * table entry a data storage interrupt (DSI); both carry the address in DAR.
 */
static void check_storage(void)
{
	const unsigned long addr = 0x1000;

	report_prefix_push("storage");
	handle_exception(VEC_DSEG, storage_handler, NULL);
	handle_exception(VEC_DSI, storage_handler, NULL);
	asm volatile("slbia 0; isync" : : : "memory");
	caught = 0;
	load_translated(addr);
	report(caught == 1 && caught_trap == VEC_DSEG && caught_dar == addr,
	       "no SLB entry: data segment interrupt %#lx, DAR %#lx", caught_trap, caught_dar);

	asm volatile("slbmte %0, %1; isync" : : "r"(0x1234UL << SLB_VSID_SHIFT),
		     "r"((addr >> SEGMENT_SHIFT << SEGMENT_SHIFT) | SLB_ESID_V) : "memory");
	caught = 0;
	load_translated(addr);
	report(caught == 1 && caught_trap == VEC_DSI && caught_dar == addr && (caught_dsisr & DSISR_NOPTE),
	       "SLB entry, no PTE: DSI %#lx, DAR %#lx, DSISR %#lx", caught_trap, caught_dar, caught_dsisr);
	asm volatile("slbia 0; isync" : : : "memory");
	handle_exception(VEC_DSEG, NULL, NULL);
	handle_exception(VEC_DSI, NULL, NULL);
	report_prefix_pop();
}

static volatile int ran[MAX_CPUS];

static void mark(void *data)
{
	ran[smp_processor_id()] = smp_processor_id() + 1;
}

static void check_smp(void)
{
	int cpu, ok = 0;

	report_prefix_push("smp");
	on_cpus(mark, NULL);
	for (cpu = 0; cpu < nr_cpus; cpu++)
		ok += ran[cpu] == cpu + 1;
	report(ok == nr_cpus && nr_cpus_online() == nr_cpus, "%d of %d threads ran on_cpus work as themselves",
	       ok, nr_cpus);
	report_prefix_pop();
}

/* Tell the hypervisor this OS has died; QEMU reports a guest panic. */
static void os_term(void)
{
	static const char msg[] = "selftest: panic sub-test";
	int ret = rtas_call("ibm,os-term", 1, 1, NULL, (u32)virt_to_phys((void *)msg));

	report_abort("RTAS ibm,os-term returned %d: the VM was not stopped", ret);
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2)
		report_abort("usage: selftest.elf setup|exceptions|storage|smp|unexpected|panic ...");
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "setup"))
			check_setup(argc, argv);
		else if (!strcmp(argv[i], "exceptions"))
			check_exceptions();
		else if (!strcmp(argv[i], "storage"))
			check_storage();
		else if (!strcmp(argv[i], "smp"))
			check_smp();
		else if (!strcmp(argv[i], "unexpected"))
			asm volatile(".long 0");
		else if (!strcmp(argv[i], "panic"))
			os_term();
		else if (!strchr(argv[i], '='))
			report_abort("unknown sub-test '%s'", argv[i]);
	}
	return report_summary();
}
