/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmu.c - an identity map of RAM and of the devices below it, in 1 GiB
 * pages, read/write/execute: tests see the same addresses with paging on
 * and off, and an address outside every region takes a page fault. Sv48
 * where the hart has it, else Sv39.
 *
 * The root of Sv48 has one entry, for the low 512 GiB, pointing to a table
 * of gigapages; that table is also a complete Sv39 root for the low 256
 * GiB, so one set of tables serves both modes. Invariant: every region
 * lies below 256 GiB (checked), where both modes map it the same.
 */
#include "libcflat.h"
#include "alloc.h"
#include "memregions.h"
#include "asm/csr.h"
#include "asm/page.h"
#include "asm/smp.h"

#define PTE_V		(1UL << 0)
#define PTE_R		(1UL << 1)
#define PTE_W		(1UL << 2)
#define PTE_X		(1UL << 3)
#define PTE_G		(1UL << 5)
#define PTE_A		(1UL << 6)
#define PTE_D		(1UL << 7)
#define PTE_PPN_SHIFT	10
#define GIGAPAGE_SHIFT	PT_LEVEL_SHIFT(2)
#define SV39_LIMIT	(1UL << 38)

unsigned long mmu_satp;

static u64 pte_of(phys_addr_t pa, unsigned long flags)
{
	return (pa >> PAGE_SHIFT) << PTE_PPN_SHIFT | flags;
}

static void *alloc_table(void)
{
	void *t = memalign(PAGE_SIZE, PAGE_SIZE);

	assert_msg(t, "setup_mmu: no memory for a page table");
	memset(t, 0, PAGE_SIZE);
	return t;
}

/* Set satp to mode with root; false when the hart does not have that mode (the write then has no effect). */
static bool try_satp(unsigned long mode, void *root)
{
	unsigned long satp = mode << SATP_MODE_SHIFT | virt_to_pfn(root);

	asm volatile("sfence.vma" : : : "memory");
	csr_write(CSR_SATP, satp);
	asm volatile("sfence.vma" : : : "memory");
	if (csr_read(CSR_SATP) != satp)
		return false;
	mmu_satp = satp;
	return true;
}

void setup_mmu(void);

void setup_mmu(void)
{
	u64 *giga = alloc_table(), *root = alloc_table();
	int i;

	for (i = 0; i < nr_mem_regions; i++) {
		const struct mem_region *r = &mem_regions[i];
		phys_addr_t pa;

		if (!(r->flags & (MR_F_RAM | MR_F_IO)))
			continue;
		assert_msg(r->end <= SV39_LIMIT, "setup_mmu: memory at %#lx, above what Sv39 maps", r->end);
		for (pa = ALIGN_DOWN(r->start, 1UL << GIGAPAGE_SHIFT); pa < r->end; pa += 1UL << GIGAPAGE_SHIFT)
			giga[pa >> GIGAPAGE_SHIFT] = pte_of(pa, PTE_V | PTE_R | PTE_W | PTE_X | PTE_G | PTE_A | PTE_D);
	}
	root[0] = pte_of(virt_to_phys(giga), PTE_V);
	if (!try_satp(SATP_MODE_SV48, root) && !try_satp(SATP_MODE_SV39, giga))
		report_abort("setup_mmu: the hart has neither Sv48 nor Sv39 (satp reads %#lx)", csr_read(CSR_SATP));
}
