/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc_phys.h - the early allocator: a bump allocator over one range of
 * physical memory, for what boot code needs before the page allocator
 * exists (page tables, early malloc). It never frees; what it has not
 * handed out goes to the page allocator through phys_alloc_get_unused().
 */
#ifndef _ALLOC_PHYS_H_
#define _ALLOC_PHYS_H_

#include "libcflat.h"
#include "alloc.h"

/* Serve early allocations from [base, base + size). */
extern void phys_alloc_init(phys_addr_t base, phys_addr_t size);

/* Every later early allocation is aligned to at least align (a power of 2). */
extern void phys_alloc_set_minimum_alignment(phys_addr_t align);

/*
 * The page-aligned part of the range not handed out yet, as [*base, *top)
 * (empty when *base == *top). From then on the early allocator hands out
 * nothing: the page allocator owns that memory.
 */
extern void phys_alloc_get_unused(phys_addr_t *base, phys_addr_t *top);

/*
 * The end of early allocation: what the early allocator has not handed out
 * becomes the page allocator's (AREA_ANY_NUMBER, cut at the arch's area
 * boundaries), which then serves malloc too.
 */
extern void phys_alloc_hand_over(void);

/* Whether ptr was handed out by the early allocator (freeing it is a no-op). */
extern bool phys_alloc_owns(const void *ptr);

/* Print the range, what was used, and the number of allocations. */
extern void phys_alloc_show(void);

/* alloc_ops of the early allocator: alloc_ops points here until the page allocator takes over. */
extern struct alloc_ops early_alloc_ops;

#endif /* _ALLOC_PHYS_H_ */
