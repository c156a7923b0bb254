/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * selftest.c - the s390x framework testing itself, one sub-test per word of
 * argv:
 *   setup [smp=N] [mem=MiB]  boot state: CPUs and RAM from SCLP read SCP info agree with -smp/-m, argv,
 *                            environ, 64-bit mode, DAT on, the identity map covers RAM to its last word and
 *                            no further, the boot lowcore at prefix 0, the page allocator
 *   pgm                      operation, specification, addressing, protection and page-translation program
 *                            interruptions are caught and the program goes on after the instruction;
 *                            protecting a page leaves the next one writable
 *   smp                      every CPU comes up through SIGP, runs a function and reports its CPU address
 *                            and prefix; every secondary's lowcore lies below 2 GiB
 *   dma31                    every AREA_DMA31 block is below 2 GiB, every AREA_NORMAL block above
 *   dat-off                  run with DAT off (interruptions too) and turn it back on
 *   unexpected               an operation exception nobody handles: must end with status 64
 *   unexpected-smp           the same on CPU 1: the report names the CPU, and every CPU stops
 * A hypervisor bug each would catch: a wrong SCLP memory or CPU count, a program interruption stored
 * with a wrong code, ILC or old PSW, SIGP SET PREFIX or RESTART not done, DAT protection or translation
 * exceptions not raised or raised for the wrong pages, a prefix register that takes more than 31 bits.
 */
#include "libcflat.h"
#include "alloc.h"
#include "argv.h"
#include "alloc_page.h"
#include "alloc_phys.h"
#include "memregions.h"
#include "string.h"
#include "config.h"
#include "asm/arch_def.h"
#include "asm/page.h"
#include "mmu.h"
#include "processor.h"
#include "smp.h"

/* KEY=N among the arguments: N, or -1 when absent. */
static long arg_value(int argc, char **argv, const char *key)
{
	const char *val = argv_find_value(argc, argv, key);

	return val ? atol(val) : -1;
}

/* The identity map covers RAM to its last word and stops there. */
static void check_identity_map(void)
{
	volatile u64 *last = (volatile u64 *)(uintptr_t)(mem_ram_end() - sizeof(u64));
	u64 saved = *last, mark = 0x5a5a5a5a5a5a5a5aUL ^ (uintptr_t)last, seen;
	u16 code;

	*last = mark;
	disable_dat();
	seen = *last;
	enable_dat();
	*last = saved;
	report(seen == mark, "the last word of RAM (%p) is mapped to itself", last);

	expect_pgm_int();
	(void)*(volatile u64 *)(uintptr_t)mem_ram_end();
	code = clear_pgm_int();
	report(code == PGM_INT_CODE_SEGMENT_TRANSLATION || code == PGM_INT_CODE_REGION_THIRD_TRANS ||
	       code == PGM_INT_CODE_PAGE_TRANSLATION, "the first byte past RAM is not mapped: code %#x (%s)", code,
	       pgm_int_name(code));
}

static void check_setup(int argc, char **argv)
{
	long smp = arg_value(argc, argv, "smp"), mem = arg_value(argc, argv, "mem");
	u64 mask = extract_psw_mask();
	void *p;

	report_prefix_push("setup");
	if (smp >= 0)
		report(nr_cpus == smp, "CPUs in SCLP read SCP info: %d, smp=%ld", nr_cpus, smp);
	if (mem >= 0)
		report(mem_ram_size() == (u64)mem << 20, "RAM: %" PRIu64 " MiB, mem=%ld", mem_ram_size() >> 20, mem);
	report(argc >= 2 && !strcmp(argv[1], "setup"), "argv[1] is the first word of -append: %s",
	       argc >= 2 ? argv[1] : "(none)");
	if (CONFIG_DEFAULT_ENVIRON)
		report(getenv("QEMU_ACCEL") != NULL, "environ from the initrd: QEMU_ACCEL=%s",
		       getenv("QEMU_ACCEL") ? getenv("QEMU_ACCEL") : "(unset)");
	else
		report_skip("configured with --disable-default-environ: no environ to check");
	report((mask & PSW_MASK_64) == PSW_MASK_64, "64-bit addressing mode: PSW mask %016lx", mask);
	report(mask & PSW_MASK_DAT, "DAT on");
	check_identity_map();
	report(stpx() == 0, "the boot CPU's prefix is 0: %#x", stpx());
	report(cpu_addrs[smp_processor_id()] == stap(), "boot CPU %d has CPU address %u", smp_processor_id(), stap());
	report(page_alloc_initialized(), "page allocator enabled");
	p = malloc(1 << 20);
	report(p && !phys_alloc_owns(p), "malloc(1 MiB) from the page allocator: %p", p);
	free(p);
	report_prefix_pop();
}

/* The instruction at the label "1:" of each asm below faults; after = the address just past it. */
static void check_operation(void)
{
	u64 after;

	expect_pgm_int();
	asm volatile("	larl	%0,0f\n"
		     "1:	.short	0x0000\n"		/* opcode 00: no such instruction */
		     "0:\n" : "=&a"(after) : : "memory");
	check_pgm_int_code(PGM_INT_CODE_OPERATION);
	report(pgm_int_old_addr() == after, "operation: old PSW past the instruction (%#lx, expected %#lx)",
	       pgm_int_old_addr(), after);
}

static void check_specification(void)
{
	static u64 quad[4] __aligned(16);
	u64 after;

	/* LOAD PAIR FROM QUADWORD needs a 16-byte aligned operand. */
	expect_pgm_int();
	asm volatile("	larl	%0,0f\n"
		     "	lpq	%%r2,0(%1)\n"
		     "0:\n" : "=&a"(after) : "a"(&quad[1]) : "r2", "r3", "memory");
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	report(pgm_int_old_addr() == after, "specification: old PSW past the instruction");
}

static void check_addressing(void)
{
	/* Real storage past the end of RAM: only reachable with DAT off. */
	volatile u64 *beyond = (volatile u64 *)(uintptr_t)ALIGN(mem_ram_end() + SZ_1G, SZ_1G);

	disable_dat();
	expect_pgm_int();
	(void)*beyond;
	enable_dat();
	check_pgm_int_code(PGM_INT_CODE_ADDRESSING);
}

static void check_protection(void)
{
	volatile u64 *page = alloc_page();
	volatile u64 *next = (volatile u64 *)((uintptr_t)page ^ PAGE_SIZE);

	*page = 1;
	protect_page((void *)page, PAGE_ENTRY_P);
	expect_pgm_int();
	*page = 2;
	check_pgm_int_code(PGM_INT_CODE_PROTECTION);
	report(*page == 1, "protection: the store was suppressed (%lu)", *page);
	expect_pgm_int();
	*next = *next;
	report(!clear_pgm_int(), "protection: the page next to it (%p) is still writable", next);
	unprotect_page((void *)page, PAGE_ENTRY_P);
	*page = 3;
	report(*page == 3, "stores work again without the protection");

	protect_page((void *)page, PAGE_ENTRY_I);
	expect_pgm_int();
	(void)*page;
	check_pgm_int_code(PGM_INT_CODE_PAGE_TRANSLATION);
	report((lowcore.trans_exc_id & PAGE_MASK) == (uintptr_t)page, "page translation: TEID names the page %p",
	       page);
	unprotect_page((void *)page, PAGE_ENTRY_I);
	free_page((void *)page);
}

static volatile int handled;

static void operation_handler(struct interrupt_regs *regs, u16 code)
{
	handled = code == PGM_INT_CODE_OPERATION ? 1 : -1;
	/* Operation exceptions are suppressing: the old PSW already points past the instruction. */
}

static void check_handler(void)
{
	install_pgm_handler(PGM_INT_CODE_OPERATION, operation_handler);
	handled = 0;
	asm volatile(".short 0x0000" : : : "memory");
	report(handled == 1, "an installed handler gets the operation exception and the program goes on");
	install_pgm_handler(PGM_INT_CODE_OPERATION, NULL);
}

static void check_pgm(void)
{
	report_prefix_push("pgm");
	check_operation();
	check_specification();
	check_addressing();
	check_protection();
	check_handler();
	report_prefix_pop();
}

static struct {
	u16 addr;
	u32 prefix;
	int id;
} seen[MAX_CPUS];

static void report_cpu(void *data)
{
	int cpu = smp_processor_id();

	seen[cpu].addr = stap();
	seen[cpu].prefix = stpx();
	seen[cpu].id = cpu;
}

static void check_smp(void)
{
	int cpu;

	report_prefix_push("smp");
	for (cpu = 0; cpu < nr_cpus; cpu++)
		seen[cpu].id = -1;
	on_cpus(report_cpu, NULL);
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		uintptr_t lc = (uintptr_t)cpu_lowcore(cpu);

		report(seen[cpu].id == cpu && seen[cpu].addr == cpu_addrs[cpu],
		       "CPU %d ran the function: CPU address %u (SCLP: %u)", cpu, seen[cpu].addr, cpu_addrs[cpu]);
		report(seen[cpu].prefix == lc && lc + LC_SIZE <= SZ_2G, "CPU %d: prefix %#x, lowcore %#lx, below 2 GiB",
		       cpu, seen[cpu].prefix, lc);
	}
	report(nr_cpus_online() == nr_cpus, "%d of %d CPUs online", nr_cpus_online(), nr_cpus);
	report_prefix_pop();
}

/* Take every block of an area, check where it is, give them back. */
static void check_area(unsigned int area, const char *name, bool below)
{
	void *head = NULL, *p;
	unsigned long n = 0, wrong = 0;
	unsigned int order = 8;

	while ((p = alloc_pages_flags(order, area | FLAG_DONTZERO))) {
		if ((virt_to_phys(p) + (PAGE_SIZE << order) <= SZ_2G) != below)
			wrong++;
		*(void **)p = head;
		head = p;
		n++;
	}
	report(n && !wrong, "%s: %lu blocks of %lu KiB, %lu on the wrong side of 2 GiB", name, n,
	       (PAGE_SIZE << order) >> 10, wrong);
	while (head) {
		p = *(void **)head;
		free_pages(head);
		head = p;
	}
}

static void check_dma31(void)
{
	report_prefix_push("dma31");
	check_area(AREA_DMA31, "AREA_DMA31", true);
	if (mem_ram_end() > SZ_2G)
		check_area(AREA_NORMAL, "AREA_NORMAL", false);
	else
		report_skip("no RAM above 2 GiB: run with -m 3G to test AREA_NORMAL");
	report(page_alloc_check() == 0, "allocator invariants hold");
	report_prefix_pop();
}

static void check_dat_off(void)
{
	static volatile u64 word;
	char *buf;

	report_prefix_push("dat-off");
	word = 1;
	disable_dat();
	report(!dat_enabled(), "DAT off");
	report(!(lowcore.pgm_new_psw.mask & PSW_MASK_DAT), "program interruptions are taken with DAT off");
	report(word == 1, "memory reads the same");
	buf = malloc(64);
	report(buf != NULL, "malloc with DAT off");
	if (buf) {
		memset(buf, 0x5a, 64);
		report(buf[63] == 0x5a, "memory works");
		free(buf);
	}
	check_operation();
	word = 2;
	enable_dat();
	report(dat_enabled() && word == 2, "DAT on again");
	report_prefix_pop();
}

static void check_unexpected(void)
{
	printf("An operation exception with no handler: this must end the test with status 64.\n");
	asm volatile(".short 0x0000" : : : "memory");
	report_fail("the operation exception was not reported");
}

static void operation_exception(void *data)
{
	asm volatile(".short 0x0000" : : : "memory");
}

static void check_unexpected_smp(void)
{
	if (nr_cpus < 2)
		report_abort("unexpected-smp needs at least 2 CPUs (-smp 2)");
	printf("An operation exception with no handler on CPU 1: this must end the test with status 64.\n");
	on_cpu(1, operation_exception, NULL);
	report_fail("the operation exception on CPU 1 was not reported");
}

int main(int argc, char **argv)
{
	int i, ran = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "setup")) {
			check_setup(argc, argv);
		} else if (!strcmp(argv[i], "pgm")) {
			check_pgm();
		} else if (!strcmp(argv[i], "smp")) {
			check_smp();
		} else if (!strcmp(argv[i], "dma31")) {
			check_dma31();
		} else if (!strcmp(argv[i], "dat-off")) {
			check_dat_off();
		} else if (!strcmp(argv[i], "unexpected")) {
			check_unexpected();
		} else if (!strcmp(argv[i], "unexpected-smp")) {
			check_unexpected_smp();
		} else if (strchr(argv[i], '=')) {
			continue;
		} else {
			report_abort("unknown sub-test '%s' (setup, pgm, smp, dma31, dat-off, unexpected, %s)",
				     argv[i], "unexpected-smp");
		}
		ran++;
	}
	if (!ran)
		report_abort("no sub-test given: -append 'setup smp=N mem=MiB', 'pgm', 'smp', 'dma31', 'dat-off'");
	return report_summary();
}
