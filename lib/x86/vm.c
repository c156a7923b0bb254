/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vm.c - page tables of the library's own (setup_vm), walks and installs
 * of entries, and the virtual-address allocator behind vmalloc and vmap.
 *
 * Invariant: physical memory stays mapped 1:1 (virt == phys) in every
 * table built here, as in the boot tables, so page-table pages and
 * allocator memory are reached through their physical address; fresh
 * virtual pages come from VMALLOC_BASE upwards, where nothing is 1:1.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "memregions.h"
#include "processor.h"
#include "smp.h"
#include "vm.h"
#include "vmalloc.h"

/* PML4 slot 128 and up: far above any RAM QEMU gives, below the 47-bit canonical limit. */
#define VMALLOC_BASE	(1ULL << 46)
#define VMALLOC_TOP	(1ULL << 47)
#define PT_TABLE_FLAGS	(PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK)
#define VMALLOC_MAGIC	0x766d616c6c6f6321ULL

/* What vmalloc keeps in the page before the memory it returns. */
struct vmalloc_header {
	u64 magic;
	ulong npages;
};

static u64 next_vpage = VMALLOC_BASE;

static unsigned int pt_index(void *virt, int level)
{
	return ((uintptr_t)virt >> (PAGE_SHIFT + PT_LEVEL_BITS * (level - 1))) & (PT_ENTRIES - 1);
}

struct pte_search find_pte_level(pgd_t *cr3, void *virt, int lowest_level)
{
	pteval_t *table = cr3;
	struct pte_search s;

	assert_msg(lowest_level >= 1 && lowest_level <= PAGE_LEVEL, "find_pte_level: no level %d", lowest_level);
	for (s.level = PAGE_LEVEL; ; s.level--) {
		s.pte = &table[pt_index(virt, s.level)];
		if (s.level == lowest_level || !(*s.pte & PT_PRESENT_MASK) || found_leaf_pte(s))
			return s;
		table = phys_to_virt(*s.pte & PT_ADDR_MASK);
	}
}

pteval_t *get_pte(pgd_t *cr3, void *virt)
{
	struct pte_search s = find_pte_level(cr3, virt, 1);

	return (*s.pte & PT_PRESENT_MASK) && found_leaf_pte(s) ? s.pte : NULL;
}

pteval_t *get_pte_level(pgd_t *cr3, void *virt, int pte_level)
{
	struct pte_search s = find_pte_level(cr3, virt, pte_level);

	return s.level == pte_level ? s.pte : NULL;
}

pteval_t *install_pte(pgd_t *cr3, int pte_level, void *virt, pteval_t pte, pteval_t *pt_page)
{
	pteval_t *table = cr3, *e;
	int level;

	for (level = PAGE_LEVEL; level > pte_level; level--) {
		e = &table[pt_index(virt, level)];
		if (!(*e & PT_PRESENT_MASK)) {
			pteval_t *next = pt_page ? pt_page : alloc_page();

			assert_msg(next, "install_pte: no memory for a page table");
			pt_page = NULL;
			memset(next, 0, PAGE_SIZE);
			*e = virt_to_phys(next) | PT_TABLE_FLAGS;
		}
		assert_msg(!(*e & PT_PAGE_SIZE_MASK), "install_pte: %p is inside a large page at level %d",
			   virt, level);
		table = phys_to_virt(*e & PT_ADDR_MASK);
	}
	e = &table[pt_index(virt, pte_level)];
	*e = pte;
	invlpg(virt);
	return e;
}

pteval_t *install_page(pgd_t *pgtable, phys_addr_t phys, void *virt)
{
	return install_pte(pgtable, 1, virt, phys | PT_TABLE_FLAGS, NULL);
}

pteval_t *install_large_page(pgd_t *cr3, phys_addr_t phys, void *virt)
{
	assert_msg(IS_ALIGNED(phys, LARGE_PAGE_SIZE) && IS_ALIGNED((uintptr_t)virt, LARGE_PAGE_SIZE),
		   "install_large_page: %#" PRIx64 " -> %p is not 2 MiB aligned", phys, virt);
	return install_pte(cr3, 2, virt, phys | PT_TABLE_FLAGS | PT_PAGE_SIZE_MASK, NULL);
}

void install_pages(pgd_t *cr3, phys_addr_t phys, size_t len, void *virt)
{
	size_t off;

	for (off = 0; off < len; off += PAGE_SIZE)
		install_page(cr3, phys + off, (u8 *)virt + off);
}

bool any_present_pages(pgd_t *cr3, void *virt, size_t len)
{
	size_t off;

	for (off = 0; off < len; off += PAGE_SIZE) {
		if (get_pte(cr3, (u8 *)virt + off))
			return true;
	}
	return false;
}

phys_addr_t virt_to_pte_phys(pgd_t *pgtable, void *virt)
{
	struct pte_search s = find_pte_level(pgtable, virt, 1);
	u64 page_size = 1ULL << (PAGE_SHIFT + PT_LEVEL_BITS * (s.level - 1));

	assert_msg((*s.pte & PT_PRESENT_MASK) && found_leaf_pte(s), "virt_to_pte_phys: %p is not mapped", virt);
	return (*s.pte & PT_ADDR_MASK & ~(page_size - 1)) | ((uintptr_t)virt & (page_size - 1));
}

pgd_t *setup_mmu(phys_addr_t top, void *unused)
{
	pgd_t *cr3 = alloc_page();
	phys_addr_t p;

	assert_msg(cr3, "setup_mmu: no memory for the page tables");
	top = ALIGN(MAX(top, 4ULL << 30), (u64)LARGE_PAGE_SIZE);
	for (p = 0; p < top; p += LARGE_PAGE_SIZE)
		install_large_page(cr3, p, phys_to_virt(p));
	return cr3;
}

static void switch_to(void *cr3)
{
	u64 efer = rdmsr(MSR_EFER);

	if (this_cpu_has(X86_FEATURE_NX) && !(efer & EFER_NX))
		wrmsr(MSR_EFER, efer | EFER_NX);
	write_cr0(read_cr0() | X86_CR0_WP);
	write_cr3(virt_to_phys(cr3));
}

void setup_vm(void)
{
	pgd_t *cr3 = setup_mmu(mem_ram_end(), NULL);

	on_cpus(switch_to, cr3);
}

void *alloc_vpages(ulong nr)
{
	u64 v = __atomic_fetch_add(&next_vpage, nr * PAGE_SIZE, __ATOMIC_RELAXED);

	assert_msg(v + nr * PAGE_SIZE <= VMALLOC_TOP, "alloc_vpages: %lu pages are more than the range has left", nr);
	return (void *)(uintptr_t)v;
}

void *alloc_vpage(void)
{
	return alloc_vpages(1);
}

void *vmap(phys_addr_t phys, size_t size)
{
	phys_addr_t base = ALIGN_DOWN(phys, PAGE_SIZE);
	size_t len = PAGE_ALIGN(phys + size) - base;
	u8 *virt = alloc_vpages(len / PAGE_SIZE);

	install_pages(current_page_table(), base, len, virt);
	return virt + (phys - base);
}

void *vmalloc(unsigned long size)
{
	ulong npages = PAGE_ALIGN(size) / PAGE_SIZE, i;
	u8 *virt = alloc_vpages(npages + 1);
	struct vmalloc_header *h = (void *)virt;

	for (i = 0; i <= npages; i++) {
		void *page = alloc_page();

		if (!page) {
			while (i--)
				free_page(phys_to_virt(virt_to_pte_phys(current_page_table(), virt + i * PAGE_SIZE)));
			return NULL;
		}
		install_page(current_page_table(), virt_to_phys(page), virt + i * PAGE_SIZE);
	}
	h->magic = VMALLOC_MAGIC;
	h->npages = npages;
	return virt + PAGE_SIZE;
}

void vfree(void *mem)
{
	u8 *virt = (u8 *)mem - PAGE_SIZE;
	struct vmalloc_header *h = (void *)virt;
	ulong i, npages;

	if (!mem)
		return;
	assert_msg(h->magic == VMALLOC_MAGIC, "vfree: %p does not come from vmalloc", mem);
	npages = h->npages;
	h->magic = 0;
	for (i = 0; i <= npages; i++) {
		u8 *v = virt + i * PAGE_SIZE;
		pteval_t *pte = get_pte(current_page_table(), v);

		free_page(phys_to_virt(*pte & PT_ADDR_MASK));
		*pte = 0;
		invlpg(v);
	}
}
