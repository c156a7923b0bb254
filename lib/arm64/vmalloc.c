/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmalloc.c (arm64) - vmalloc.h: virtual addresses from VMALLOC_START up,
 * far above RAM and devices (the identity map's addresses), each allocation
 * followed by an unmapped guard page, which is also how vfree() finds its
 * end. Pages come one at a time from the page allocator.
 */
#include "libcflat.h"
#include "alloc.h"
#include "alloc_page.h"
#include "bitops.h"
#include "spinlock.h"
#include "vmalloc.h"
#include "asm/mmu.h"
#include "asm/page.h"
#include "asm/thread_info.h"

#define VMALLOC_START		(1UL << (VA_BITS - 2))
#define VMALLOC_END		(1UL << (VA_BITS - 1))

static uintptr_t next_va = VMALLOC_START;
static struct spinlock vm_lock;

void *alloc_vpages_aligned(unsigned long nr, unsigned int alignment_order)
{
	uintptr_t va;

	spin_lock(&vm_lock);
	va = ALIGN(next_va, PAGE_SIZE << alignment_order);
	assert_msg(va + (nr + 1) * PAGE_SIZE <= VMALLOC_END, "alloc_vpages: no virtual space for %lu pages", nr);
	/* One more page than asked: the guard page stays unmapped. */
	next_va = va + (nr + 1) * PAGE_SIZE;
	spin_unlock(&vm_lock);
	return (void *)va;
}

void *alloc_vpages(unsigned long nr)
{
	return alloc_vpages_aligned(nr, 0);
}

void *alloc_vpage(void)
{
	return alloc_vpages(1);
}

static pgd_t *pgtable(void)
{
	return current_thread_info()->pgtable ? current_thread_info()->pgtable : mmu_idmap;
}

void vfree(void *mem)
{
	uintptr_t va = (uintptr_t)mem;
	pteval_t *e;

	assert_msg(va >= VMALLOC_START && va < VMALLOC_END && IS_ALIGNED(va, PAGE_SIZE),
		   "vfree: %p did not come from vmalloc", mem);
	/* Invariant: every allocation ends at an unmapped guard page. */
	while ((e = mmu_get_pte(pgtable(), va)) && (*e & PTE_VALID)) {
		void *page = phys_to_virt(*e & PTE_ADDR_MASK);

		*e = 0;
		flush_tlb_page(va);
		free_page(page);
		va += PAGE_SIZE;
	}
}

static void *vmemalign(size_t alignment, size_t size)
{
	unsigned long nr = DIV_ROUND_UP(size, PAGE_SIZE), i;
	unsigned int order = alignment > PAGE_SIZE ? get_order(DIV_ROUND_UP(alignment, PAGE_SIZE)) : 0;
	u8 *mem = alloc_vpages_aligned(nr, order);

	for (i = 0; i < nr; i++) {
		void *page = alloc_page();

		if (!page) {
			vfree(mem);
			return NULL;
		}
		mmu_map_va(pgtable(), (uintptr_t)mem + i * PAGE_SIZE, virt_to_phys(page), PAGE_SIZE, PROT_NORMAL);
	}
	return mem;
}

void *vmap(phys_addr_t phys, size_t size)
{
	u64 start = ALIGN_DOWN(phys, PAGE_SIZE), len = PAGE_ALIGN(phys + size) - start;
	u8 *va = alloc_vpages(len / PAGE_SIZE);

	mmu_map_va(pgtable(), (uintptr_t)va, start, len, PROT_NORMAL);
	return va + (phys - start);
}

void *vmalloc(unsigned long size)
{
	return vmemalign(PAGE_SIZE, size);
}

static struct alloc_ops vmalloc_ops = {
	.memalign = vmemalign,
	.free = vfree,
};

bool vm_available(void)
{
	return true;
}

/* Each allocation takes whole pages (and a guard page of address space): fine for tests. */
void setup_vm(void)
{
	if (!mmu_enabled())
		mmu_enable(mmu_idmap);
	alloc_ops = &vmalloc_ops;
}
