/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hcall.c - PAPR hypercalls a partition relies on, against the PAPR's
 * definitions, one sub-test per argument:
 *   sprg0     H_SET_SPRG0 sets SPRG0 to its argument
 *   page-init H_PAGE_INIT zeroes and copies a 4 KiB page, and refuses a misaligned or non-RAM page (H_PARAMETER)
 *   random    H_RANDOM gives 64 random bits when the tree has /ibm,platform-facilities/ibm,random-v1 or
 *             ibm,hypertas-functions has hcall-random (QEMU's spapr-rng); skips otherwise, and then the call
 *             must be H_FUNCTION
 *   cede      H_CEDE returns with MSR[EE] on once the decrementer fires, not before it
 *   prod      (two CPUs) H_PROD wakes another CPU out of H_CEDE long before its decrementer
 *   invalid   hypercall numbers nobody defines give H_FUNCTION; H_PROD of a server that does not exist
 *             gives H_PARAMETER
 * A hypervisor that loses a hypercall's argument or result register, zeroes or copies the wrong page (or
 * writes outside the partition), wakes a ceded CPU too early or never, or crashes on unknown numbers
 * fails here.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "devicetree.h"
#include "memregions.h"
#include "hcall.h"
#include "processor.h"
#include "smp.h"
#include "asm/barrier.h"
#include "asm/page.h"
#include "asm/time.h"

#define HPAGE_SIZE	4096	/* H_PAGE_INIT works on 4 KiB pages */

static void check_sprg0(void)
{
	u64 cpu = mfspr(SPR_SPRG0), val = 0x1234567890abcdefUL;
	long ret = hcall(H_SET_SPRG0, val, 0, 0, 0, NULL);
	u64 got = mfspr(SPR_SPRG0);

	/* SPRG0 is our CPU number: put it back before anything looks at it. */
	mtspr(SPR_SPRG0, cpu);
	report(ret == H_SUCCESS && got == val, "H_SET_SPRG0(%#lx): status %ld, SPRG0 %#lx", val, ret, got);
	ret = hcall(H_SET_SPRG0, cpu ^ 0x5a, 0, 0, 0, NULL);
	got = mfspr(SPR_SPRG0);
	mtspr(SPR_SPRG0, cpu);
	report(ret == H_SUCCESS && got == (cpu ^ 0x5a), "H_SET_SPRG0 again: SPRG0 %#lx", got);
}

static bool all_bytes(const u8 *p, size_t n, u8 val)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] != val)
			return false;
	}
	return true;
}

static void check_page_init(void)
{
	u8 *pages = alloc_pages(1), *dst = pages, *src = pages + HPAGE_SIZE;
	phys_addr_t beyond = ALIGN(mem_ram_end(), HPAGE_SIZE) + 16 * SZ_1M;
	size_t i;
	long ret;

	assert(PAGE_SIZE >= HPAGE_SIZE);
	for (i = 0; i < HPAGE_SIZE; i++)
		src[i] = i * 7 + 3;
	memset(dst, 0xee, HPAGE_SIZE);
	ret = hcall(H_PAGE_INIT, H_ZERO_PAGE, virt_to_phys(dst), 0, 0, NULL);
	report(ret == H_SUCCESS && all_bytes(dst, HPAGE_SIZE, 0), "H_ZERO_PAGE: status %ld, page zeroed", ret);

	ret = hcall(H_PAGE_INIT, H_COPY_PAGE, virt_to_phys(dst), virt_to_phys(src), 0, NULL);
	report(ret == H_SUCCESS && !memcmp(dst, src, HPAGE_SIZE), "H_COPY_PAGE: status %ld, page copied", ret);

	memset(dst, 0xee, HPAGE_SIZE);
	ret = hcall(H_PAGE_INIT, H_ZERO_PAGE, virt_to_phys(dst) + 8, 0, 0, NULL);
	report(ret == H_PARAMETER && all_bytes(dst, HPAGE_SIZE, 0xee),
	       "H_ZERO_PAGE of a misaligned address: status %ld (H_PARAMETER), nothing written", ret);
	ret = hcall(H_PAGE_INIT, H_COPY_PAGE, virt_to_phys(dst), virt_to_phys(src) + 16, 0, NULL);
	report(ret == H_PARAMETER && all_bytes(dst, HPAGE_SIZE, 0xee),
	       "H_COPY_PAGE from a misaligned source: status %ld (H_PARAMETER), nothing written", ret);
	ret = hcall(H_PAGE_INIT, H_ZERO_PAGE, beyond, 0, 0, NULL);
	report(ret == H_PARAMETER, "H_ZERO_PAGE of %#lx, beyond RAM: status %ld (H_PARAMETER)", beyond, ret);
	ret = hcall(H_PAGE_INIT, H_COPY_PAGE, virt_to_phys(dst), beyond, 0, NULL);
	report(ret == H_PARAMETER && all_bytes(dst, HPAGE_SIZE, 0xee),
	       "H_COPY_PAGE from beyond RAM: status %ld (H_PARAMETER), nothing written", ret);
	free_pages(pages);
}

/* Whether /rtas ibm,hypertas-functions lists the function set name. */
static bool hypertas_has(const char *name)
{
	int node = dt_path_offset("/rtas"), len;
	const char *p = node < 0 ? NULL : dt_getprop(node, "ibm,hypertas-functions", &len), *s;

	for (s = p; p && s < p + len; s += strlen(s) + 1) {
		if (!strcmp(s, name))
			return true;
	}
	return false;
}

static void check_random(void)
{
	unsigned long r[3];
	u64 or = 0, and = ~0UL, prev = 0;
	int i, same = 0;
	long ret = hcall(H_RANDOM, 0, 0, 0, 0, r);

	if (!hypertas_has("hcall-random") && dt_path_offset("/ibm,platform-facilities/ibm,random-v1") < 0) {
		report(ret == H_FUNCTION, "no ibm,random-v1 node nor hcall-random: H_RANDOM is H_FUNCTION (%ld)", ret);
		report_skip("H_RANDOM: no random number generator (QEMU: -device spapr-rng)");
		return;
	}
	report(ret == H_SUCCESS, "H_RANDOM: status %ld", ret);
	for (i = 0; i < 32; i++) {
		ret = hcall(H_RANDOM, 0, 0, 0, 0, r);
		if (ret != H_SUCCESS)
			break;
		same += i && r[0] == prev;
		prev = r[0];
		or |= r[0];
		and &= r[0];
	}
	/* 32 random 64-bit numbers: two equal in a row, or a bit always 0 or always 1, is one chance in 2^26. */
	report(i == 32 && !same && or == ~0UL && and == 0,
	       "32 H_RANDOM numbers: all succeed, none repeats, every bit seen 0 and 1 (or %#lx, and %#lx)", or, and);
}

static volatile int dec_count;
static volatile u64 dec_srr1, dec_tb;

static void dec_handler(struct pt_regs *regs, void *data)
{
	dec_count++;
	dec_srr1 = regs->msr;
	dec_tb = get_tb();
	mtspr(SPR_DEC, DEC_MAX);
	regs->msr &= ~MSR_EE;
}

static void check_cede(void)
{
	u64 wait = tb_hz() / 200, start, ret_tb;	/* 5 ms */
	long ret;

	handle_exception(VEC_DECREMENTER, dec_handler, NULL);
	local_irq_disable();
	dec_count = 0;
	start = get_tb();
	mtspr(SPR_DEC, wait);
	ret = hcall(H_CEDE, 0, 0, 0, 0, NULL);
	ret_tb = get_tb();
	local_irq_disable();
	report(ret == H_SUCCESS, "H_CEDE: status %ld", ret);
	report(dec_count == 1 && (dec_srr1 & MSR_EE),
	       "decrementer interrupt taken once on return, with MSR[EE] on (SRR1 %#lx)", dec_srr1);
	report(dec_tb - start >= wait, "woken after the decrementer: %lu of %lu ticks", dec_tb - start, wait);
	report_info("H_CEDE returned after %lu ticks", ret_tb - start);

	handle_exception(VEC_DECREMENTER, NULL, NULL);
}

static volatile int ceded, woken;
static volatile u64 cede_ticks;
static volatile long cede_ret;

static void cede_long(void *data)
{
	u64 start;

	local_irq_disable();
	mtspr(SPR_DEC, DEC_MAX);
	ceded = 1;
	mb();
	start = get_tb();
	cede_ret = hcall(H_CEDE, 0, 0, 0, 0, NULL);
	cede_ticks = get_tb() - start;
	woken = 1;
	local_irq_disable();
	mtspr(SPR_DEC, DEC_MAX);
}

static void check_prod(void)
{
	long ret = H_SUCCESS;
	int prods = 0;

	if (nr_cpus < 2) {
		report_skip("H_PROD of another CPU: one CPU only (-smp 2)");
		return;
	}
	handle_exception(VEC_DECREMENTER, dec_handler, NULL);
	dec_count = 0;
	on_cpu_async(1, cede_long, NULL);
	while (!ceded)
		cpu_relax();
	/*
	 * A prod that comes before the cede may be forgotten when the CPU is
	 * dispatched again (QEMU does): prod every 2 ms until CPU 1 wakes, for
	 * at most 100 ms, a fraction of its decrementer's 4 s.
	 */
	while (!woken && prods < 50 && ret == H_SUCCESS) {
		udelay(2000);
		ret = hcall(H_PROD, cpus[1], 0, 0, 0, NULL);
		prods++;
	}
	cpu_idle_wait(1);
	report(ret == H_SUCCESS, "H_PROD of CPU 1 (server %u): status %ld", cpus[1], ret);
	report(cede_ret == H_SUCCESS && dec_count == 0 && cede_ticks < DEC_MAX / 2,
	       "CPU 1 woken by a prod, not its decrementer: after %lu ticks, %d prods", cede_ticks, prods);
	handle_exception(VEC_DECREMENTER, NULL, NULL);
}

static void check_invalid(void)
{
	static const unsigned long ops[] = { 0x5, 0x2, 0x1000, 0x7ffc, 0xefff0, 0xffffffffffffff00UL };
	unsigned int i;
	long ret;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		ret = hcall(ops[i], 0, 0, 0, 0, NULL);
		report(ret == H_FUNCTION, "hypercall %#lx: status %ld (H_FUNCTION)", ops[i], ret);
	}
	ret = hcall(H_PROD, 0xfffff, 0, 0, 0, NULL);
	report(ret == H_PARAMETER, "H_PROD of server 0xfffff: status %ld (H_PARAMETER)", ret);
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2)
		report_abort("usage: hcall.elf sprg0|page-init|random|cede|prod|invalid ...");
	for (i = 1; i < argc; i++) {
		report_prefix_push(argv[i]);
		if (!strcmp(argv[i], "sprg0"))
			check_sprg0();
		else if (!strcmp(argv[i], "page-init"))
			check_page_init();
		else if (!strcmp(argv[i], "random"))
			check_random();
		else if (!strcmp(argv[i], "cede"))
			check_cede();
		else if (!strcmp(argv[i], "prod"))
			check_prod();
		else if (!strcmp(argv[i], "invalid"))
			check_invalid();
		else
			report_abort("unknown sub-test '%s'", argv[i]);
		report_prefix_pop();
	}
	return report_summary();
}
