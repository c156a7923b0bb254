/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * la57.c - 5-level page tables for a test (la57.h): a PML5 above the
 * current PML4, the switch in and out of 5-level paging, and a walk that
 * installs pages at 57-bit addresses.
 *
 * Invariant: page-table pages come from alloc_page(), which is mapped
 * 1:1 and lies below 4 GiB, as paging_mode_switch needs for CR3.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "la57.h"
#include "msr.h"
#include "processor.h"
#include "vm.h"

#define TABLE_FLAGS	(PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK)

static unsigned int index_at(u64 virt, int level)
{
	return (virt >> (PAGE_SHIFT + PT_LEVEL_BITS * (level - 1))) & (PT_ENTRIES - 1);
}

pteval_t *la57_build_pml5(void)
{
	pteval_t *pml5 = alloc_page();

	if (!pml5)
		return NULL;
	assert_msg(virt_to_phys(pml5) < (1ULL << 32), "la57: the PML5 must lie below 4 GiB");
	memset(pml5, 0, PAGE_SIZE);
	pml5[0] = (read_cr3() & PT_ADDR_MASK) | TABLE_FLAGS;
	return pml5;
}

/* The segment bases are MSRs a stay in 32-bit code may truncate: kept across the switch. */
static void switch_keeping_bases(u64 cr3, u64 cr4)
{
	u64 fs = rdmsr(MSR_FS_BASE), gs = rdmsr(MSR_GS_BASE);

	paging_mode_switch(cr3, cr4);
	wrmsr(MSR_FS_BASE, fs);
	wrmsr(MSR_GS_BASE, gs);
}

void la57_enter(pteval_t *pml5)
{
	switch_keeping_bases(virt_to_phys(pml5), read_cr4() | X86_CR4_LA57);
}

void la57_leave(pteval_t *pml5)
{
	switch_keeping_bases(pml5[0] & PT_ADDR_MASK, read_cr4() & ~X86_CR4_LA57);
}

bool la57_active(void)
{
	return read_cr4() & X86_CR4_LA57;
}

/* kvm-unit-tests' name for it: this CPU on 5-level paging, its current tables under a new PML5. */
void setup_5level_page_table(void)
{
	pteval_t *pml5;

	if (la57_active())
		return;
	pml5 = la57_build_pml5();
	assert_msg(pml5, "la57: no memory for a PML5");
	la57_enter(pml5);
}

static pteval_t *walk(pteval_t *pml5, u64 virt, int level, bool create)
{
	pteval_t *table = pml5, *e;
	int l;

	for (l = 5; l > level; l--) {
		e = &table[index_at(virt, l)];
		if (!(*e & PT_PRESENT_MASK)) {
			pteval_t *next;

			if (!create)
				return NULL;
			next = alloc_page();
			assert_msg(next, "la57: no memory for a page table");
			memset(next, 0, PAGE_SIZE);
			*e = virt_to_phys(next) | TABLE_FLAGS;
		}
		assert_msg(!(*e & PT_PAGE_SIZE_MASK), "la57: %#" PRIx64 " is inside a large page", virt);
		table = phys_to_virt(*e & PT_ADDR_MASK);
	}
	return &table[index_at(virt, level)];
}

pteval_t *la57_get_pte_level(pteval_t *pml5, u64 virt, int level)
{
	return walk(pml5, virt, level, false);
}

pteval_t *la57_install_page(pteval_t *pml5, phys_addr_t phys, u64 virt)
{
	pteval_t *e = walk(pml5, virt, 1, true);

	*e = phys | TABLE_FLAGS;
	asm volatile("invlpg (%0)" : : "r"(virt) : "memory");
	return e;
}
