/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmu.c - LPAE translation tables for the identity map, and the MMU
 * switch. 32-bit VAs through TTBR0 (TTBCR.EAE, T0SZ = 0, TTBR1 walks
 * disabled): three levels of long descriptors, ranges mapped with 1 GiB
 * and 2 MiB blocks where they are aligned, so RAM costs a handful of
 * descriptors and boot stays fast. The API is arm64's (asm/mmu.h).
 */
#include "libcflat.h"
#include "string.h"
#include "alloc.h"
#include "memregions.h"
#include "asm/barrier.h"
#include "asm/sysreg.h"
#include "asm/mmu.h"
#include "asm/setup.h"
#include "asm/smp.h"

/* ID_MMFR0.VMSA: 5 or more means the long-descriptor format is implemented. */
#define MMFR0_VMSA(r)		((r) & 0xf)
#define MMFR0_VMSA_LPAE		5

pgd_t *mmu_idmap;
bool mmu_on[NR_CPUS];

extern char __image_start[], __image_end[], __text_end[];

static u32 cache_line_size(void)
{
	/* CTR.DminLine: log2 of the smallest data cache line, in words. */
	return 4U << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

/* By MVA to the point of coherency: DCCIMVAC, DCIMVAC, DCCMVAC. */
#define DEFINE_DCACHE_OP(name, crm, op2)						\
void name(uintptr_t start, uintptr_t end)						\
{											\
	u32 line = cache_line_size();							\
	uintptr_t p;									\
											\
	for (p = ALIGN_DOWN(start, line); p < end; p += line)				\
		asm volatile("mcr p15, 0, %0, c7, " #crm ", " #op2 : : "r"(p) : "memory");	\
	dsb(sy);									\
}

DEFINE_DCACHE_OP(dcache_clean_inval_poc, c14, 1)
DEFINE_DCACHE_OP(dcache_inval_poc, c6, 1)
DEFINE_DCACHE_OP(dcache_clean_poc, c10, 1)

bool mmu_enabled(void)
{
	return read_sysreg(sctlr) & SCTLR_M;
}

void flush_tlb_all(void)
{
	dsb(ishst);
	asm volatile("mcr p15, 0, %0, c8, c3, 0" : : "r"(0) : "memory");	/* TLBIALLIS */
	dsb(ish);
	isb();
}

void flush_tlb_page(uintptr_t va)
{
	dsb(ishst);
	asm volatile("mcr p15, 0, %0, c8, c3, 3" : : "r"(va & PAGE_MASK) : "memory");	/* TLBIMVAAIS */
	dsb(ish);
	isb();
}

static pteval_t *alloc_table(void)
{
	pteval_t *t = memalign(PAGE_SIZE, PAGE_SIZE);

	if (!t)
		report_abort("mmu: out of memory for a translation table");
	memset(t, 0, PAGE_SIZE);
	/* With the MMU off this went straight to memory: drop any stale cache lines over it. */
	if (!mmu_enabled())
		dcache_inval_poc((uintptr_t)t, (uintptr_t)t + PAGE_SIZE);
	return t;
}

/* Level 3 entries are pages (type bits 0b11), blocks at levels 1 and 2 have only the valid bit. */
static pteval_t leaf_type(int level)
{
	return level == 3 ? PTE_VALID | PTE_TABLE : PTE_VALID;
}

/* Replace the block at *e by a table of the same mapping one level down. */
static pteval_t *split_block(pteval_t *e, int level)
{
	pteval_t *t = alloc_table(), old = *e;
	u64 span = 1ULL << PT_LEVEL_SHIFT(level + 1);
	int i;

	for (i = 0; i < PT_ENTRIES; i++)
		t[i] = ((old & PTE_ADDR_MASK) + i * span) | (old & PTE_ATTR_MASK) | leaf_type(level + 1);
	/* Break before make: the old block must be gone from every TLB before the table replaces it. */
	*e = 0;
	flush_tlb_all();
	*e = virt_to_phys(t) | PTE_VALID | PTE_TABLE;
	return t;
}

/* Map [start, end) (64-bit: end may be 4 GiB) through table, a table of the given level. */
static void map_level(pteval_t *table, int level, u64 start, u64 end, pteval_t prot)
{
	int shift = PT_LEVEL_SHIFT(level);
	u64 span = 1ULL << shift;

	while (start < end) {
		pteval_t *e = &table[(start >> shift) & (PT_ENTRIES - 1)];
		u64 next = ALIGN_DOWN(start, span) + span;
		bool whole = IS_ALIGNED(start, span) && end - start >= span;

		if (next > end)
			next = end;
		if (whole && !(level < 3 && (*e & PTE_VALID) && (*e & PTE_TABLE))) {
			*e = start | prot | leaf_type(level);
		} else if (!(*e & PTE_VALID)) {
			pteval_t *t = alloc_table();

			*e = virt_to_phys(t) | PTE_VALID | PTE_TABLE;
			map_level(t, level + 1, start, next, prot);
		} else if (!(*e & PTE_TABLE)) {
			/* Already a block: keep it if it maps this the same way, else split it. */
			if ((*e & PTE_ATTR_MASK) != prot)
				map_level(split_block(e, level), level + 1, start, next, prot);
		} else {
			map_level(phys_to_virt(*e & PTE_ADDR_MASK), level + 1, start, next, prot);
		}
		start = next;
	}
}

void mmu_map_range(pgd_t *pgtable, phys_addr_t phys, u64 size, pteval_t prot)
{
	u64 start = ALIGN_DOWN(phys, PAGE_SIZE), end = ALIGN(phys + size, PAGE_SIZE);

	if (end > (1ULL << VA_BITS) || end < start)
		report_abort("mmu: cannot map [%#" PRIx64 ", %#" PRIx64 ") with %d-bit addresses", start, end, VA_BITS);
	map_level(pgtable, PT_ROOT_LEVEL, start, end, prot);
	if (mmu_enabled())
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

void mmu_enable(pgd_t *pgtable)
{
	u32 mmfr0 = read_sysreg(id_mmfr0);

	if (MMFR0_VMSA(mmfr0) < MMFR0_VMSA_LPAE)
		report_abort("mmu: this CPU has no LPAE (ID_MMFR0 %#x); use -cpu cortex-a15 or later", mmfr0);
	write_sysreg(MAIR0_VALUE, mair0);
	write_sysreg(MAIR1_VALUE, mair1);
	write_sysreg(TTBCR_EAE | TTBCR_IRGN0_WBWA | TTBCR_ORGN0_WBWA | TTBCR_SH0_INNER | TTBCR_EPD1, ttbcr);
	write_sysreg(virt_to_phys(pgtable), ttbr0);
	isb();
	asm volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0) : "memory");	/* TLBIALL */
	dsb(nsh);
	isb();
	write_sysreg(read_sysreg(sctlr) | SCTLR_M | SCTLR_C | SCTLR_I, sctlr);
	isb();
	mmu_on[smp_processor_id()] = true;
}

void mmu_disable(void)
{
	int i;

	/* From here locks are plain stores: exclusives need cacheable memory. */
	mmu_on[smp_processor_id()] = false;
	/* Everything the caches hold must reach memory, where uncached accesses will look. */
	for (i = 0; i < nr_mem_regions; i++) {
		if (mem_regions[i].flags & MR_F_RAM)
			dcache_clean_inval_poc(mem_regions[i].start, mem_regions[i].end);
	}
	write_sysreg(read_sysreg(sctlr) & ~(SCTLR_M | SCTLR_C), sctlr);
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
	/* As on arm64: the image's code and constants are read-only, so a stray write to them faults. */
	mmu_map_range(mmu_idmap, virt_to_phys(__image_start), __text_end - __image_start, PROT_CODE);
	/* Written with the MMU off; cached reads must not find older lines over them. */
	dcache_inval_poc((uintptr_t)__image_start, (uintptr_t)__image_end);
	mmu_enable(mmu_idmap);
}
