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
#include "desc.h"
#include "processor.h"
#include "smp.h"
#include "vm.h"
#include "alloc.h"
#include "vmalloc.h"

#ifdef __x86_64__
/* PML4 slot 128 and up: far above any RAM QEMU gives, below the 47-bit canonical limit. */
#define VMALLOC_BASE	(1ULL << 46)
#define VMALLOC_TOP	(1ULL << 47)
#else
/*
 * i386: PDPT slot 2, which the boot tables (cstart32.S) leave empty; RAM
 * stays below it (setup.c), PCI and the APICs live above 3 GiB.
 */
#define VMALLOC_BASE	(2ULL << 30)
#define VMALLOC_TOP	(3ULL << 30)
#endif
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

/* The level cr3 points at: the PML5 under 5-level paging (setup_5level_page_table()), else the PML4. */
static int top_level(void)
{
	return is_la57_enabled() ? 5 : PAGE_LEVEL;
}

struct pte_search find_pte_level(pgd_t *cr3, void *virt, int lowest_level)
{
	pteval_t *table = cr3;
	struct pte_search s;

	assert_msg(lowest_level >= 1 && lowest_level <= top_level(), "find_pte_level: no level %d", lowest_level);
	for (s.level = top_level(); ; s.level--) {
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

	for (level = top_level(); level > pte_level; level--) {
		e = &table[pt_index(virt, level)];
		if (!(*e & PT_PRESENT_MASK)) {
			pteval_t *next = pt_page ? pt_page : alloc_page();

			assert_msg(next, "install_pte: no memory for a page table");
			pt_page = NULL;
			memset(next, 0, PAGE_SIZE);
			if (PAGE_LEVEL == 3 && level == 3) {
				/*
				 * A PAE PDPTE has no R/W or U/S bit, and the CPU reads
				 * the four when CR3 is loaded (Intel SDM vol. 3, 4.4.1).
				 */
				*e = virt_to_phys(next) | PT_PRESENT_MASK;
				if (virt_to_phys(cr3) == (read_cr3() & PT_ADDR_MASK))
					write_cr3(read_cr3());
			} else {
				*e = virt_to_phys(next) | PT_TABLE_FLAGS;
			}
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

/*
 * In a large-page entry, bit 7 is PS and bit 12 PAT; in a 4 KiB entry,
 * bit 7 is PAT (Intel SDM vol. 3, tables 4-15 to 4-20). The table that
 * replaces a large page keeps its P, RW, US and XD bits, so that the
 * walk's combined rights stay those of the children.
 */
#define PTE_LARGE_PAT		BIT_ULL(12)
#define PTE_4K_PAT		BIT_ULL(7)

void split_large_page(pteval_t *ptep, int level)
{
	pteval_t pte = *ptep, flags, *table = alloc_page();
	u64 child_size = 1ULL << (PAGE_SHIFT + PT_LEVEL_BITS * (level - 2));
	phys_addr_t base;
	int i;

	assert_msg(level == 2 || level == 3, "split_large_page: no large page at level %d", level);
	assert_msg((pte & PT_PRESENT_MASK) && (pte & PT_PAGE_SIZE_MASK), "split_large_page: %#lx is not a large page",
		   (unsigned long)pte);
	assert_msg(table, "split_large_page: no memory for a page table");
	base = pte & PT_ADDR_MASK & ~PTE_LARGE_PAT;
	flags = pte & ~(PT_ADDR_MASK & ~PTE_LARGE_PAT);
	if (level == 2) {
		/* 4 KiB children: no PS, and PAT moves from bit 12 to bit 7. */
		flags &= ~(PT_PAGE_SIZE_MASK | PTE_LARGE_PAT);
		if (pte & PTE_LARGE_PAT)
			flags |= PTE_4K_PAT;
	} else {
		flags |= pte & PTE_LARGE_PAT;
	}
	for (i = 0; i < PT_ENTRIES; i++)
		table[i] = (base + i * child_size) | flags;
	*ptep = virt_to_phys(table) | (pte & (PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK | PT64_NX_MASK));
	flush_tlb();
}

void force_4k_page(void *addr)
{
	pgd_t *cr3 = current_page_table();
	int level;

	for (level = 3; level >= 2; level--) {
		pteval_t *ptep = get_pte_level(cr3, addr, level);

		assert_msg(ptep && (*ptep & PT_PRESENT_MASK), "force_4k_page: %p is not mapped", addr);
		if (*ptep & PT_PAGE_SIZE_MASK)
			split_large_page(ptep, level);
	}
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
	for (p = 0; p < top; p += LARGE_PAGE_SIZE) {
		if (p >= VMALLOC_BASE && p < VMALLOC_TOP)
			continue;
		install_large_page(cr3, p, phys_to_virt(p));
	}
	return cr3;
}

static void switch_to(void *cr3)
{
	/* EFER exists where CPUID has leaf 0x80000001 (an i386 CPU may not have it). */
	if (this_cpu_has(X86_FEATURE_NX)) {
		u64 efer = rdmsr(MSR_EFER);

		if (!(efer & EFER_NX))
			wrmsr(MSR_EFER, efer | EFER_NX);
	}
	write_cr0(read_cr0() | X86_CR0_WP);
	write_cr3(virt_to_phys(cr3));
#ifdef __i386__
	/* The CR3 a task switch back to this CPU's task loads (desc.c, setup_tss). */
	tss[smp_id()].cr3 = virt_to_phys(cr3);
#endif
}

/*
 * malloc once paging is ours (kvm-unit-tests' tests count on it: sieve
 * mallocs 100 MB of a 128 MB guest): what the allocator before gives,
 * physically contiguous and 1:1, and when it has no run that long, the
 * same size from vmalloc(), contiguous only virtually. free() tells them
 * apart by address: vmalloc memory lies in [VMALLOC_BASE, VMALLOC_TOP).
 */
static struct alloc_ops *phys_alloc_ops;

static void *vm_memalign(size_t alignment, size_t size)
{
	void *p = phys_alloc_ops->memalign(alignment, size);

	/* vmalloc memory is page aligned, so it serves any alignment up to a page. */
	if (!p && alignment <= PAGE_SIZE)
		p = vmalloc(size);
	return p;
}

static void vm_free(void *p)
{
	u64 a = (u64)(uintptr_t)p;

	if (a >= VMALLOC_BASE && a < VMALLOC_TOP)
		vfree(p);
	else
		phys_alloc_ops->free(p);
}

static struct alloc_ops vm_alloc_ops = {
	.memalign = vm_memalign,
	.free = vm_free,
};

void setup_vm(void)
{
	pgd_t *cr3 = setup_mmu(mem_ram_end(), NULL);

	on_cpus(switch_to, cr3);
	if (alloc_ops != &vm_alloc_ops) {
		phys_alloc_ops = alloc_ops;
		alloc_ops = &vm_alloc_ops;
	}
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

void *ioremap(phys_addr_t phys, size_t size)
{
	if (phys + size <= (4ULL << 30) && (phys + size <= VMALLOC_BASE || phys >= VMALLOC_TOP))
		return phys_to_virt(phys);
	return vmap(phys, size);
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

bool vm_available(void)
{
	return true;
}
