/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmu.c - the hashed page table of a pseries partition, managed through
 * PAPR's H_ENTER, H_READ, H_PROTECT and H_REMOVE, and the storage
 * interrupts the Power ISA (Book III-S chapter 5) defines for it. A test
 * page is mapped at EA 0x70000000 (its own 256 MiB segment, SLB entry
 * made here); data relocation is on for one access at a time:
 *   - H_ENTER gives back the slot of its group it used; H_READ returns that entry; a load through it
 *     reads the real page and sets R, a store writes it and sets C;
 *   - H_PROTECT to read-only: a store is a DSI with DSISR "protection" and "store", DAR the address,
 *     nothing written; a load still works;
 *   - H_REMOVE: the old entry comes back; the next load is a DSI with DSISR "no PTE" (the hypervisor
 *     must have invalidated the translation), and a second H_REMOVE is H_NOT_FOUND;
 *   - bad arguments: H_ENTER of a slot that is in use with H_EXACT (H_PTEG_FULL), of a slot beyond the
 *     table or of RAM with the wrong storage attributes, H_READ beyond the table (H_PARAMETER).
 * With "smp" (two CPUs), CPU 1 uses an entry CPU 0 made, then CPU 0 makes it read-only and removes it:
 * CPU 1 must see each change at once (the hypervisor's TLB invalidation must reach every CPU).
 * A hypervisor that leaves a stale translation after H_REMOVE or H_PROTECT, puts an entry in a slot
 * other than the one it reports, loses R/C, or reports a storage interrupt with the wrong DAR/DSISR,
 * fails here.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "devicetree.h"
#include "hcall.h"
#include "processor.h"
#include "smp.h"
#include "asm/page.h"

#define TEST_EA		0x70000000UL
#define TEST_VSID	0x2345678UL
#define SEGMENT_SHIFT	28
#define SLB_ESID_V	(1UL << 27)
#define SLB_VSID_SHIFT	12
#define SLB_SLOT	1

#define HPTE_V_VALID	1UL
#define HPTE_V_AVPN_SHIFT 7
#define HPTE_V_SW	0x78UL		/* bits 57:60, for software: the hypervisor may use them (QEMU does) */
#define HPTE_R_R	0x100UL		/* referenced */
#define HPTE_R_C	0x080UL		/* changed */
#define HPTE_R_M	0x010UL		/* memory coherence: what RAM must have, alone of WIMG */
#define HPTE_R_I	0x020UL
#define HPTE_R_PP_RW	0x2UL		/* key 0: read/write */
#define HPTE_R_PP_RO	0x3UL		/* key 0: read only */
#define HPTE_R_PP	0x3UL
#define PTEG_ENTRIES	8

#define DSISR_NOPTE	0x40000000UL
#define DSISR_PROTFAULT	0x08000000UL
#define DSISR_ISSTORE	0x02000000UL

static u64 htab_mask;		/* PTEG numbers are hashes & htab_mask */
static u64 htab_entries;

static volatile int caught;
static volatile u64 caught_trap, caught_dar, caught_dsisr;

/* A storage interrupt of a translated access: note it and go on after it, in real mode. */
static void storage_handler(struct pt_regs *regs, void *data)
{
	caught++;
	caught_trap = regs->trap;
	caught_dar = regs->dar;
	caught_dsisr = regs->dsisr;
	regs->msr &= ~MSR_DR;
	regs->nip += 4;
}

static u64 load_translated(unsigned long ea)
{
	unsigned long msr, tmp, val = 0xdeaddeaddeaddeadUL;

	asm volatile("mfmsr	%0\n\t"
		     "ori	%1, %0, %4\n\t"
		     "mtmsrd	%1\n\t"
		     "ld	%2, 0(%3)\n\t"
		     "mtmsrd	%0"
		     : "=&r"(msr), "=&r"(tmp), "+&r"(val) : "b"(ea), "i"(MSR_DR) : "memory");
	return val;
}

static void store_translated(unsigned long ea, u64 val)
{
	unsigned long msr, tmp;

	asm volatile("mfmsr	%0\n\t"
		     "ori	%1, %0, %4\n\t"
		     "mtmsrd	%1\n\t"
		     "std	%2, 0(%3)\n\t"
		     "mtmsrd	%0"
		     : "=&r"(msr), "=&r"(tmp) : "r"(val), "b"(ea), "i"(MSR_DR) : "memory");
}

static void read_pft_size(int node, u64 reg, void *data)
{
	int len;
	const void *p = dt_getprop(node, "ibm,pft-size", &len);

	if (p && len == 8 && !htab_mask) {
		u32 shift = dt_be32((const u8 *)p + 4);

		/* 2^shift bytes of 128-byte groups. */
		htab_entries = 1UL << (shift - 4);
		htab_mask = (1UL << (shift - 7)) - 1;
	}
}

/* 256 MiB segment, 4 KiB page: the primary hash, and the entry's first doubleword. */
static u64 pteg_of(u64 vsid, u64 ea)
{
	return ((vsid & 0x7fffffffffUL) ^ ((ea & 0x0fffffffUL) >> 12)) & htab_mask;
}

static u64 hpte_v(u64 vsid, u64 ea)
{
	u64 va = vsid << SEGMENT_SHIFT | (ea & 0x0fffffffUL);

	return (va >> 23) << HPTE_V_AVPN_SHIFT | HPTE_V_VALID;
}

static void slb_enter(void)
{
	asm volatile("slbmte %0, %1; isync" : : "r"(TEST_VSID << SLB_VSID_SHIFT),
		     "r"(TEST_EA | SLB_ESID_V | SLB_SLOT) : "memory");
}

static void slb_clear(void)
{
	asm volatile("slbia 0; isync" : : : "memory");
}

static volatile u64 remote_val;

static void remote_load(void *data)
{
	slb_enter();
	caught = 0;
	remote_val = load_translated(TEST_EA);
	slb_clear();
}

static void remote_store(void *data)
{
	slb_enter();
	caught = 0;
	store_translated(TEST_EA + 32, 0x77);
	slb_clear();
}

/* CPU 1 caches the translation, then must see CPU 0's H_PROTECT and H_REMOVE. */
static void check_other_cpu(u64 *page, u64 v, u64 r, u64 pteg)
{
	unsigned long ret[3];
	u64 ptex;
	long rc;

	if (nr_cpus < 2) {
		report_skip("another CPU: one CPU only (-smp 2)");
		return;
	}
	rc = hcall(H_ENTER, 0, pteg * PTEG_ENTRIES, v, r, ret);
	ptex = ret[0];
	page[0] = 0x1234;
	on_cpu(1, remote_load, NULL);
	report(rc == H_SUCCESS && !caught && remote_val == 0x1234, "CPU 1 loads through CPU 0's entry: %#lx",
	       remote_val);
	hcall(H_PROTECT, HPTE_R_PP_RO, ptex, 0, 0, NULL);
	on_cpu(1, remote_store, NULL);
	report(caught == 1 && caught_trap == VEC_DSI && (caught_dsisr & DSISR_PROTFAULT) && page[4] != 0x77,
	       "after CPU 0's H_PROTECT, CPU 1's store: DSI, DSISR %#lx", caught_dsisr);
	hcall(H_REMOVE, 0, ptex, 0, 0, ret);
	on_cpu(1, remote_load, NULL);
	report(caught == 1 && caught_trap == VEC_DSI && (caught_dsisr & DSISR_NOPTE),
	       "after CPU 0's H_REMOVE, CPU 1's load: DSI, DSISR %#lx", caught_dsisr);
}

int main(int argc, char **argv)
{
	u64 *page = alloc_page(), pa = virt_to_phys(page), v, r, pteg, ptex, val;
	unsigned long ret[3];
	long rc;

	dt_for_each_cpu_node(read_pft_size, NULL);
	if (!htab_mask) {
		report_skip("no ibm,pft-size in the CPU nodes: no hashed page table (radix MMU)");
		return report_summary();
	}
	report_info("hashed page table: %lu entries; test page at %#lx", htab_entries, pa);
	handle_exception(VEC_DSI, storage_handler, NULL);
	handle_exception(VEC_DSEG, storage_handler, NULL);
	slb_enter();

	v = hpte_v(TEST_VSID, TEST_EA);
	r = (pa & ~0xfffUL) | HPTE_R_M | HPTE_R_PP_RW;
	pteg = pteg_of(TEST_VSID, TEST_EA);
	rc = hcall(H_ENTER, 0, pteg * PTEG_ENTRIES, v, r, ret);
	ptex = ret[0];
	report(rc == H_SUCCESS && ptex / PTEG_ENTRIES == pteg, "H_ENTER: status %ld, slot %#lx in group %#lx", rc, ptex,
	       pteg);
	if (rc != H_SUCCESS)
		return report_summary();
	rc = hcall(H_READ, 0, ptex, 0, 0, ret);
	report(rc == H_SUCCESS && (ret[0] & ~HPTE_V_SW) == v && (ret[1] & ~(HPTE_R_R | HPTE_R_C)) == r,
	       "H_READ: status %ld, %#lx %#lx", rc, ret[0], ret[1]);

	page[0] = 0x1122334455667788UL;
	caught = 0;
	val = load_translated(TEST_EA);
	report(!caught && val == page[0], "load through the entry: %#lx", val);
	hcall(H_READ, 0, ptex, 0, 0, ret);
	report(ret[1] & HPTE_R_R, "R set by the load: %#lx", ret[1]);
	store_translated(TEST_EA + 8, 0xa5a5a5a5UL);
	report(!caught && page[1] == 0xa5a5a5a5UL, "store through the entry reaches the page");
	hcall(H_READ, 0, ptex, 0, 0, ret);
	report(ret[1] & HPTE_R_C, "C set by the store: %#lx", ret[1]);

	rc = hcall(H_ENTER, H_EXACT, ptex, v, r, ret);
	report(rc == H_PTEG_FULL, "H_ENTER with H_EXACT of the slot in use: status %ld (H_PTEG_FULL)", rc);
	rc = hcall(H_ENTER, H_EXACT, htab_entries, v, r, ret);
	report(rc == H_PARAMETER, "H_ENTER of slot %#lx, beyond the table: status %ld (H_PARAMETER)", htab_entries, rc);
	rc = hcall(H_ENTER, 0, (pteg ^ 1) * PTEG_ENTRIES, v, (pa & ~0xfffUL) | HPTE_R_I | HPTE_R_PP_RW, ret);
	report(rc == H_PARAMETER, "H_ENTER of RAM caching-inhibited: status %ld (H_PARAMETER)", rc);
	rc = hcall(H_READ, 0, htab_entries, 0, 0, ret);
	report(rc == H_PARAMETER, "H_READ beyond the table: status %ld (H_PARAMETER)", rc);

	rc = hcall(H_PROTECT, HPTE_R_PP_RO, ptex, 0, 0, NULL);
	hcall(H_READ, 0, ptex, 0, 0, ret);
	report(rc == H_SUCCESS && (ret[1] & HPTE_R_PP) == HPTE_R_PP_RO, "H_PROTECT to read-only: status %ld, %#lx", rc,
	       ret[1]);
	caught = 0;
	store_translated(TEST_EA + 16, 0x5a5a5a5aUL);
	report(caught == 1 && caught_trap == VEC_DSI && caught_dar == TEST_EA + 16 &&
	       (caught_dsisr & (DSISR_PROTFAULT | DSISR_ISSTORE)) == (DSISR_PROTFAULT | DSISR_ISSTORE) &&
	       page[2] != 0x5a5a5a5aUL, "store to it: DSI %#lx, DAR %#lx, DSISR %#lx (protection, store), not written",
	       caught_trap, caught_dar, caught_dsisr);
	caught = 0;
	val = load_translated(TEST_EA);
	report(!caught && val == page[0], "load from it still works");

	rc = hcall(H_REMOVE, 0, ptex, 0, 0, ret);
	report(rc == H_SUCCESS && (ret[0] & ~HPTE_V_SW) == v, "H_REMOVE: status %ld, old entry %#lx %#lx", rc, ret[0],
	       ret[1]);
	caught = 0;
	val = load_translated(TEST_EA + 24);
	report(caught == 1 && caught_trap == VEC_DSI && caught_dar == TEST_EA + 24 && (caught_dsisr & DSISR_NOPTE),
	       "load after it: DSI %#lx, DAR %#lx, DSISR %#lx (no PTE)", caught_trap, caught_dar, caught_dsisr);
	rc = hcall(H_REMOVE, 0, ptex, 0, 0, ret);
	report(rc == H_NOT_FOUND, "H_REMOVE again: status %ld (H_NOT_FOUND)", rc);

	if (argc > 1 && !strcmp(argv[1], "smp")) {
		report_prefix_push("smp");
		check_other_cpu(page, v, r, pteg);
		report_prefix_pop();
	}
	slb_clear();
	handle_exception(VEC_DSI, NULL, NULL);
	handle_exception(VEC_DSEG, NULL, NULL);
	free_page(page);
	return report_summary();
}
