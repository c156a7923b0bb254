/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmalloc.h - virtually contiguous memory made of separate physical pages,
 * with kvm-unit-tests' names, for an arch with an MMU (arm64 implements it
 * in lib/arm64/vmalloc.c): vmalloc/vfree, alloc_vpages (address space
 * only), and setup_vm(), after which malloc() hands out such memory.
 */
#ifndef _VMALLOC_H_
#define _VMALLOC_H_

#include "libcflat.h"

/* nr pages of unmapped virtual address space, never handed out again. */
extern void *alloc_vpages(unsigned long nr);
extern void *alloc_vpages_aligned(unsigned long nr, unsigned int alignment_order);
extern void *alloc_vpage(void);
/* size bytes, each page from the page allocator, mapped in a row; NULL when out of memory. */
extern void *vmalloc(unsigned long size);
/* size bytes from phys (any memory or device), mapped at fresh virtual addresses as normal memory. */
extern void *vmap(phys_addr_t phys, size_t size);
extern void vfree(void *mem);
/* The MMU on, and malloc()/memalign()/free() served by vmalloc() from now on. */
extern void setup_vm(void);
/* Whether this arch and machine can map memory (setup_vm() works). */
extern bool vm_available(void);

#endif /* _VMALLOC_H_ */
