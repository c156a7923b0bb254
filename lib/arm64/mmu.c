/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmu.c - translation tables for the identity map and the MMU switch.
 *
 * 48-bit VAs through TTBR0_EL1 (TTBR1 walks are disabled): the page size
 * (4k, 16k or 64k) sets the number of levels (asm/page.h). Ranges are mapped
 * with the largest blocks the granule allows where they are aligned, so
 * RAM costs a handful of descriptors and boot stays fast.
 */
#include "libcflat.h"
#include "string.h"
#include "alloc.h"
#include "alloc_page.h"
#include "memregions.h"
#include "asm/barrier.h"
#include "asm/sysreg.h"
#include "asm/mmu.h"
#include "asm/setup.h"
#include "asm/smp.h"
#include "asm/thread_info.h"

#define TCR_T0SZ(bits)		(64UL - (bits))
#define TCR_IRGN0_WBWA		(1UL << 8)
#define TCR_ORGN0_WBWA		(1UL << 10)
#define TCR_SH0_INNER		(3UL << 12)
#define TCR_TG0_4K		(0UL << 14)
#define TCR_TG0_64K		(1UL << 14)
#define TCR_TG0_16K		(2UL << 14)
#define TCR_EPD1		(1UL << 23)
#define TCR_IPS_SHIFT		32

#define MMFR0_PARANGE(r)	((r) & 0xf)
#define MMFR0_TGRAN16(r)	(((r) >> 20) & 0xf)
#define MMFR0_TGRAN64(r)	(((r) >> 24) & 0xf)
#define MMFR0_TGRAN4(r)		(((r) >> 28) & 0xf)

#if PAGE_SHIFT == 12
#define TCR_TG0			TCR_TG0_4K
#elif PAGE_SHIFT == 14
#define TCR_TG0			TCR_TG0_16K
#elif PAGE_SHIFT == 16
#define TCR_TG0			TCR_TG0_64K
#else
#error "PAGE_SHIFT must be 12, 14 or 16"
#endif

pgd_t *mmu_idmap;

extern char __image_start[], __image_end[], __text_end[];

static u64 cache_line_size(void)
{
	/* CTR_EL0.DminLine: log2 of the smallest data cache line, in words. */
	return 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

#define DEFINE_DCACHE_OP(name, op)						\
void name(uintptr_t start, uintptr_t end)					\
{										\
	u64 line = cache_line_size();						\
	uintptr_t p;								\
										\
	for (p = ALIGN_DOWN(start, line); p < end; p += line)			\
		asm volatile("dc " #op ", %0" : : "r"(p) : "memory");		\
	dsb(sy);								\
}

DEFINE_DCACHE_OP(dcache_clean_inval_poc, civac)
DEFINE_DCACHE_OP(dcache_inval_poc, ivac)
DEFINE_DCACHE_OP(dcache_clean_poc, cvac)

bool mmu_enabled(void)
{
	return read_sysreg(sctlr_el1) & SCTLR_EL1_M;
}

void flush_tlb_all(void)
{
	dsb(ishst);
	asm volatile("tlbi vmalle1is" : : : "memory");
	dsb(ish);
	isb();
}

void flush_tlb_page(uintptr_t va)
{
	dsb(ishst);
	asm volatile("tlbi vaae1is, %0" : : "r"(va >> 12) : "memory");
	dsb(ish);
	isb();
}

static pteval_t *alloc_table(void)
{
	/* From the page allocator once there is one: malloc may be vmalloc (setup_vm), which maps through here. */
	pteval_t *t = page_alloc_initialized() ? alloc_page() : memalign(PAGE_SIZE, PAGE_SIZE);

	if (!t)
		report_abort("mmu: out of memory for a translation table");
	memset(t, 0, PAGE_SIZE);
	/* With the MMU off this went straight to memory: drop any stale cache lines over it. */
	if (!mmu_enabled())
		dcache_inval_poc((uintptr_t)t, (uintptr_t)t + PAGE_SIZE);
	return t;
}

/* Levels where a descriptor may map a block rather than point to a table (no FEAT_LPA2). */
static bool level_has_blocks(int level)
{
	return level == 3 || level == 2 || (level == 1 && PAGE_SHIFT == 12);
}

static pteval_t leaf_type(int level)
{
	return level == 3 ? PTE_VALID | PTE_TABLE : PTE_VALID;
}

/* Replace the block at *e by a table of the same mapping one level down. */
static pteval_t *split_block(pteval_t *e, int level)
{
	pteval_t *t = alloc_table(), old = *e;
	u64 span = 1UL << PT_LEVEL_SHIFT(level + 1);
	int i;

	for (i = 0; i < PT_ENTRIES; i++)
		t[i] = ((old & PTE_ADDR_MASK) + i * span) | (old & PTE_ATTR_MASK) | leaf_type(level + 1);
	/* Break before make: the old block must be gone from every TLB before the table replaces it. */
	*e = 0;
	flush_tlb_all();
	*e = virt_to_phys(t) | PTE_VALID | PTE_TABLE;
	return t;
}

/* Maps virtual [start, end) to physical start + delta (0 for the identity map). */
static void map_level(pteval_t *table, int level, u64 start, u64 end, u64 delta, pteval_t prot)
{
	int shift = PT_LEVEL_SHIFT(level);
	u64 span = 1UL << shift;

	while (start < end) {
		pteval_t *e = &table[(start >> shift) & (PT_ENTRIES - 1)];
		u64 next = ALIGN_DOWN(start, span) + span;
		bool whole = IS_ALIGNED(start, span) && IS_ALIGNED(start + delta, span) && end - start >= span;

		if (next > end || next < start)
			next = end;
		if (level_has_blocks(level) && whole && !(level < 3 && (*e & PTE_VALID) && (*e & PTE_TABLE))) {
			*e = (start + delta) | prot | leaf_type(level);
		} else if (!(*e & PTE_VALID)) {
			pteval_t *t = alloc_table();

			*e = virt_to_phys(t) | PTE_VALID | PTE_TABLE;
			map_level(t, level + 1, start, next, delta, prot);
		} else if (!(*e & PTE_TABLE)) {
			/* Already a block: keep it if it maps this the same way, else split it. */
			if ((*e & PTE_ATTR_MASK) != prot || (*e & PTE_ADDR_MASK) != ALIGN_DOWN(start, span) + delta)
				map_level(split_block(e, level), level + 1, start, next, delta, prot);
		} else {
			map_level(phys_to_virt(*e & PTE_ADDR_MASK), level + 1, start, next, delta, prot);
		}
		start = next;
	}
}

void mmu_map_range(pgd_t *pgtable, phys_addr_t phys, u64 size, pteval_t prot)
{
	u64 start = ALIGN_DOWN(phys, PAGE_SIZE), end = PAGE_ALIGN(phys + size);

	if (end > (1UL << VA_BITS) || end < start)
		report_abort("mmu: cannot map [%#" PRIx64 ", %#" PRIx64 ") with %d-bit addresses", start, end, VA_BITS);
	map_level(pgtable, PT_ROOT_LEVEL, start, end, 0, prot);
	if (mmu_enabled())
		flush_tlb_all();
}

void mmu_map_va(pgd_t *pgtable, uintptr_t va, phys_addr_t phys, u64 size, pteval_t prot)
{
	u64 start = ALIGN_DOWN(va, PAGE_SIZE), end = PAGE_ALIGN(va + size);

	assert_msg(IS_ALIGNED(va ^ phys, PAGE_SIZE), "mmu_map_va: %#lx and %#lx are not in step", va, (u64)phys);
	if (end > (1UL << VA_BITS) || end < start)
		report_abort("mmu: cannot map [%#" PRIx64 ", %#" PRIx64 ") with %d-bit addresses", start, end, VA_BITS);
	map_level(pgtable, PT_ROOT_LEVEL, start, end, ALIGN_DOWN(phys, PAGE_SIZE) - start, prot);
	/* Invariant: va was not mapped before, and no TLB holds an invalid entry: a barrier is enough. */
	dsb(ishst);
	isb();
}

void mmu_clear_user(pgd_t *pgtable, unsigned long va)
{
	pteval_t *e = mmu_get_pte(pgtable, va);

	assert_msg(e, "mmu_clear_user: %#lx is not mapped", va);
	/* Remapping one page with the new attributes splits a block that holds it. */
	mmu_map_range(pgtable, ALIGN_DOWN(va, PAGE_SIZE), PAGE_SIZE, (*e & PTE_ATTR_MASK) & ~PTE_USER);
	flush_tlb_all();
}

void *ioremap(phys_addr_t phys, size_t size)
{
	if (mmu_idmap)
		mmu_map_range(mmu_idmap, phys, size, PROT_DEVICE);
	return phys_to_virt(phys);
}

pteval_t *mmu_get_pte(pgd_t *pgtable, uintptr_t va)
{
	pteval_t *table = pgtable;
	int level;

	for (level = PT_ROOT_LEVEL; level <= 3; level++) {
		pteval_t *e = &table[(va >> PT_LEVEL_SHIFT(level)) & (PT_ENTRIES - 1)];

		if (!(*e & PTE_VALID))
			return NULL;
		if (level == 3 || !(*e & PTE_TABLE))
			return e;
		table = phys_to_virt(*e & PTE_ADDR_MASK);
	}
	return NULL;
}

static u64 tcr_value(void)
{
	u64 mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	u64 pa_range = MIN(MMFR0_PARANGE(mmfr0), 5UL);	/* 48 bits at most: the descriptors hold no more */
	bool supported;

	if (PAGE_SHIFT == 12)
		supported = MMFR0_TGRAN4(mmfr0) != 0xf;
	else if (PAGE_SHIFT == 14)
		supported = MMFR0_TGRAN16(mmfr0) != 0;
	else
		supported = MMFR0_TGRAN64(mmfr0) != 0xf;
	if (!supported)
		report_abort("mmu: this CPU has no %luk translation granule (ID_AA64MMFR0_EL1 %#lx); "
			     "configure another --page-size", PAGE_SIZE / 1024, mmfr0);
	return TCR_T0SZ(VA_BITS) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0 | TCR_EPD1 |
	       pa_range << TCR_IPS_SHIFT;
}

bool mmu_on[NR_CPUS];

void mmu_mark_disabled(int cpu)
{
	mmu_on[cpu] = false;
}

void mmu_mark_enabled(int cpu)
{
	mmu_on[cpu] = true;
}

/* MAIR_EL1's Tagged Normal encoding is reserved without FEAT_MTE2: only then is MT_NORMAL_TAGGED given it. */
static u64 mair_value(void)
{
	u64 mte = (read_sysreg(id_aa64pfr1_el1) >> ID_AA64PFR1_EL1_MTE_SHIFT) & 0xf;

	return MAIR_VALUE | (mte >= 2 ? MAIR_NORMAL_TAGGED : 0);
}

void mmu_enable(pgd_t *pgtable)
{
	write_sysreg(mair_value(), mair_el1);
	write_sysreg(tcr_value(), tcr_el1);
	write_sysreg(virt_to_phys(pgtable), ttbr0_el1);
	isb();
	asm volatile("tlbi vmalle1" : : : "memory");
	dsb(nsh);
	isb();
	write_sysreg(read_sysreg(sctlr_el1) | SCTLR_EL1_M | SCTLR_EL1_C | SCTLR_EL1_I, sctlr_el1);
	isb();
	mmu_on[smp_processor_id()] = true;
	current_thread_info()->pgtable = pgtable;
}

void mmu_disable(void)
{
	int i;

	/* From here locks are plain stores: exclusives may never succeed on Device memory. */
	mmu_on[smp_processor_id()] = false;
	/* Everything the caches hold must reach memory, where uncached accesses will look. */
	for (i = 0; i < nr_mem_regions; i++) {
		if (mem_regions[i].flags & MR_F_RAM)
			dcache_clean_inval_poc(mem_regions[i].start, mem_regions[i].end);
	}
	write_sysreg(read_sysreg(sctlr_el1) & ~(SCTLR_EL1_M | SCTLR_EL1_C), sctlr_el1);
	isb();
}

void setup_mmu(void)
{
	int i;

	mmu_idmap = alloc_table();
	for (i = 0; i < nr_mem_regions; i++) {
		struct mem_region *r = &mem_regions[i];

		if (r->flags & MR_F_RAM)
			mmu_map_range(mmu_idmap, r->start, r->end - r->start, PROT_NORMAL);
		else if (r->flags & MR_F_IO)
			mmu_map_range(mmu_idmap, r->start, r->end - r->start, PROT_DEVICE);
	}
	/* EL0 may write RAM, so EL1 could not execute it: the image's code and constants are read-only. */
	mmu_map_range(mmu_idmap, virt_to_phys(__image_start), __text_end - __image_start, PROT_CODE);
	/* Written with the MMU off; cached reads must not find older lines over them. */
	dcache_inval_poc((uintptr_t)__image_start, (uintptr_t)__image_end);
	mmu_enable(mmu_idmap);
}
