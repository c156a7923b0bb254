/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc_page.h - the page allocator: a buddy allocator over one or more
 * areas of physical memory, with the names and meanings of kvm-unit-tests
 * so that its tests build unchanged.
 *
 * Blocks are 2^order pages, aligned to their size in physical frame
 * numbers. Freeing needs no size. Memory comes back zeroed unless
 * FLAG_DONTZERO is given. Out of memory returns NULL; misuse (double free,
 * a pointer inside a block, a bad alignment...) prints what is wrong and
 * aborts the test.
 */
#ifndef _ALLOC_PAGE_H_
#define _ALLOC_PAGE_H_

#include "libcflat.h"
#include <asm/page.h>
#include <asm/memory_areas.h>

/* One free list per possible order: blocks up to the whole address space. */
#define NLISTS			(BITS_PER_LONG - PAGE_SHIFT)

/* page_alloc_init_area(AREA_ANY_NUMBER, ...) splits the range at the arch's area boundaries. */
#define AREA_ANY_NUMBER		0xff

/* The low 16 bits of flags are a mask of allowed areas (1 << area number); 0 allows any. */
#define AREA_ANY		0
#define AREA_MASK		0xffff
/* Leave the memory as it is instead of zeroing it. */
#define FLAG_DONTZERO		0x10000
/* Only a block no page of which was ever handed out before. */
#define FLAG_FRESH		0x20000

extern bool page_alloc_initialized(void);

/*
 * Give the frames [base_pfn, top_pfn) to area n. The area keeps its
 * metadata (one byte per page) in its first pages. Areas may not overlap;
 * an area number may have several ranges.
 */
extern void page_alloc_init_area(u8 n, phys_addr_t base_pfn, phys_addr_t top_pfn);

/* Let malloc and friends use the page allocator (lib/malloc.c). */
extern void page_alloc_ops_enable(void);

extern void *alloc_pages_flags(unsigned int order, unsigned int flags);
/* size is rounded up to a power-of-2 number of pages; alignment must be a power of 2. */
extern void *memalign_pages_flags(size_t alignment, size_t size, unsigned int flags);
extern void free_pages(void *mem);
/* All pages or none: 0 on success, -1 if a page is not free or not in an area. */
extern int reserve_pages(phys_addr_t addr, size_t npages);
/* Give back pages reserved with reserve_pages (any part of them). */
extern void unreserve_pages(phys_addr_t addr, size_t npages);

static inline void *alloc_pages(unsigned int order)
{
	return alloc_pages_flags(order, AREA_ANY);
}

static inline void *alloc_page(void)
{
	return alloc_pages_flags(0, AREA_ANY);
}

static inline void *alloc_pages_area(unsigned int areas, unsigned int order)
{
	return alloc_pages_flags(order, areas);
}

static inline void *memalign_pages(size_t alignment, size_t size)
{
	return memalign_pages_flags(alignment, size, AREA_ANY);
}

static inline void *memalign_pages_area(unsigned int areas, size_t alignment, size_t size)
{
	return memalign_pages_flags(alignment, size, areas);
}

static inline void free_page(void *page)
{
	free_pages(page);
}

/* For old callers: the order is known to the allocator, so it is ignored. */
static inline void free_pages_by_order(void *mem, unsigned int order)
{
	free_pages(mem);
}

/* What the allocator holds, summed over the areas in the mask (0: all). */
struct page_alloc_stats {
	unsigned long usable;		/* pages, metadata excluded */
	unsigned long metadata;
	unsigned long free;
	unsigned long reserved;
	unsigned long free_blocks[NLISTS];	/* free blocks of each order */
};

extern void page_alloc_get_stats(unsigned int areas, struct page_alloc_stats *st);

/*
 * Walk every area's metadata and free lists and check that they agree
 * (the invariants are listed in lib/alloc_page_check.c); print each violation and
 * return how many were found. O(pages): for tests.
 */
extern int page_alloc_check(void);

/* Forget every area, as before the first page_alloc_init_area(): for host tests. */
extern void page_alloc_reset(void);

#endif /* _ALLOC_PAGE_H_ */
