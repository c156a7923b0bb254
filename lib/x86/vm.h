/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vm.h - x86 4-level page tables (kvm-unit-tests' names): walk them, find
 * the entry of an address at a level, install 4 KiB and 2 MiB mappings.
 * Level 1 is the page table (4 KiB), 2 the page directory (2 MiB), 3 the
 * PDPT (1 GiB), 4 the PML4, 5 the PML5 under 5-level paging. cr3 is the
 * top table's virtual address.
 */
#ifndef _X86_VM_H_
#define _X86_VM_H_

#include "libcflat.h"
#include "asm/page.h"
#include "processor.h"
#include "vmalloc.h"
#include "asm/io.h"

/* The levels below CR3: PML4 and down on x86_64, PAE's PDPT and down on i386. */
#ifdef __x86_64__
#define PAGE_LEVEL	4
#else
#define PAGE_LEVEL	3
#endif

struct pte_search {
	int level;
	pteval_t *pte;
};

static inline bool found_huge_pte(struct pte_search search)
{
	return (search.level == 2 || search.level == 3) && (*search.pte & PT_PRESENT_MASK) &&
	       (*search.pte & PT_PAGE_SIZE_MASK);
}

static inline bool found_leaf_pte(struct pte_search search)
{
	return search.level == 1 || found_huge_pte(search);
}

/*
 * Walk down to lowest_level, or to where the walk ends first (an entry
 * that is not present, or a large page): that entry and its level.
 */
extern struct pte_search find_pte_level(pgd_t *cr3, void *virt, int lowest_level);
/* The leaf entry mapping virt (at whatever level), or NULL when a level is not present. */
extern pteval_t *get_pte(pgd_t *cr3, void *virt);
/* The entry of virt at exactly pte_level, or NULL when the walk ends above it. */
extern pteval_t *get_pte_level(pgd_t *cr3, void *virt, int pte_level);
/*
 * Set virt's entry at pte_level to pte, creating the tables above it
 * (present, writable, user; pt_page, if not NULL, serves as the first
 * table that is missing); flush virt from this CPU's TLB.
 */
extern pteval_t *install_pte(pgd_t *cr3, int pte_level, void *virt, pteval_t pte, pteval_t *pt_page);
/* A 2 MiB page: phys and virt 2 MiB aligned. */
extern pteval_t *install_large_page(pgd_t *cr3, phys_addr_t phys, void *virt);
extern void install_pages(pgd_t *cr3, phys_addr_t phys, size_t len, void *virt);
extern bool any_present_pages(pgd_t *cr3, void *virt, size_t len);

/*
 * Replace the large page (level 2: 2 MiB, level 3: 1 GiB) that *ptep maps
 * with a table of 512 entries mapping the same memory with the same
 * attributes one level down, and flush this CPU's TLB.
 */
extern void split_large_page(pteval_t *ptep, int level);
/* Make addr's translation in the current page tables a 4 KiB page, splitting what is above it. */
extern void force_4k_page(void *addr);

/*
 * Switch the calling CPU to 5-level paging (where CPUID says LA57), the
 * current tables under a new PML5; nothing if it is on already. The
 * walks above then start at the PML5 (level 5).
 */
extern void setup_5level_page_table(void);

static inline void *current_page_table(void)
{
	return phys_to_virt(read_cr3() & PT_ADDR_MASK);
}

#endif /* _X86_VM_H_ */
