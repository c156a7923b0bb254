/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmalloc.h - virtual memory for x86 tests (kvm-unit-tests' names):
 * setup_vm() switches every CPU to page tables of the library's own, and
 * then virtual pages can be reserved (alloc_vpages), mapped (vmap,
 * install_page) and allocated with backing memory (vmalloc, vfree).
 */
#ifndef _X86_VMALLOC_H_
#define _X86_VMALLOC_H_

#include "libcflat.h"
#include "asm/page.h"

/*
 * New 4-level page tables mapping physical memory 1:1 (2 MiB pages,
 * present, writable, user) up to the end of RAM or 4 GiB, whichever is
 * higher, on every CPU; turns on CR0.WP, and EFER.NX where the CPU has it.
 * Memory from malloc and the page allocator stays where it was; from then
 * on, a malloc the physical allocator cannot serve in one run comes from
 * vmalloc() instead.
 */
extern void setup_vm(void);
/* Whether setup_vm() can give paging here (common/ tests ask): always, on x86; as declared in lib/vmalloc.h. */
extern bool vm_available(void);
/* Build the same tables without switching to them; the PML4. */
extern pgd_t *setup_mmu(phys_addr_t top, void *unused);

/* nr fresh virtual pages, not mapped, from a range no RAM is mapped at; never reused. */
extern void *alloc_vpages(ulong nr);
extern void *alloc_vpage(void);
/* size bytes of physical memory at phys, mapped at fresh virtual pages. */
extern void *vmap(phys_addr_t phys, size_t size);
/*
 * size bytes of zeroed memory at fresh virtual pages (physically scattered);
 * vfree gives the memory back and unmaps it, flushing this CPU's TLB only.
 */
extern void *vmalloc(unsigned long size);
extern void vfree(void *mem);

/* Map the 4 KiB page at phys at virt (present, writable, user). */
extern pteval_t *install_page(pgd_t *pgtable, phys_addr_t phys, void *virt);
/* The physical address virt translates to in pgtable (virt must be mapped). */
extern phys_addr_t virt_to_pte_phys(pgd_t *pgtable, void *virt);

#endif /* _X86_VMALLOC_H_ */
