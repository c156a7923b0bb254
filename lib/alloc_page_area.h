/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc_page_area.h - the page allocator's private view of an area, shared
 * by the allocator (lib/alloc_page.c) and its invariant checker
 * (lib/alloc_page_check.c). Nothing else includes it.
 */
#ifndef _ALLOC_PAGE_AREA_H_
#define _ALLOC_PAGE_AREA_H_

#include "libcflat.h"
#include "list.h"
#include "spinlock.h"
#include "alloc_page.h"

/*
 * The metadata byte of a page. Only a block's first page (its head) has a
 * nonzero byte: its status and its order. Every other page's byte is 0.
 */
#define PS_ORDER	0x3f
#define PS_STATUS	0xc0
#define PS_FREE		0x40
#define PS_ALLOC	0x80
#define PS_RESERVED	0xc0

/* Room for several ranges per area number (RAM holes). */
#define MAX_RANGES	16

/*
 * Freshness of a free node, as the set of kinds of pages it holds: never
 * handed out (fresh), handed out before (used), or both (mixed). The state
 * of a merged node is the union of its halves' states.
 */
enum node_state { NODE_FRESH = 1, NODE_USED = 2, NODE_MIXED = NODE_FRESH | NODE_USED };

/* What the allocator keeps in the first page of a free block. */
struct free_block {
	struct list_head list;	/* in the area's list of the block's order */
	u8 state;		/* freshness of the whole block: enum node_state */
	/*
	 * record[k]: the state of the order-k node that starts at this page,
	 * written when a merge of that node with its buddy makes a mixed
	 * node; read only for the halves of a mixed node.
	 */
	u8 record[NLISTS];
};

/* One range of frames: [meta_pfn, base) holds the metadata, [base, top) is handed out. */
struct mem_area {
	struct spinlock lock;
	/* Free blocks of each order; lists[NLISTS], whose next is NULL, ends find_free()'s walk. */
	struct list_head lists[NLISTS + 1];
	unsigned int number;		/* the area number, as in AREA_* masks */
	struct mem_area *next;		/* the next area in the order requests try them */
	unsigned long meta_pfn;
	unsigned long base;
	unsigned long top;
	unsigned long size;		/* top - base: usable frames, never 0 */
	/*
	 * The byte of usable frame pfn is at meta_off + pfn: the metadata's
	 * address minus base, so that no access needs a subtraction.
	 */
	uintptr_t meta_off;
	unsigned long nr_reserved;	/* pages; the free ones are counted from the lists when asked */
	/*
	 * [pending, top): free and fresh, tiled by the largest aligned blocks
	 * that fit (fit_order()), which are not on the lists yet and whose
	 * bytes are still 0. They are pushed lowest first, when an allocation
	 * finds nothing big enough on the lists (push_pending()), because a
	 * push writes into the block, and touching memory is most of a test
	 * kernel's boot under a hypervisor (the host backs the first touch of
	 * each 2 MiB with a zeroed huge page).
	 */
	unsigned long pending;
};

/* The ranges, in the order they came; the first one of size 0 ends them (areas[MAX_RANGES] always has size 0). */
extern struct mem_area areas[MAX_RANGES + 1];

#define for_each_area(a)	for (a = areas; a->size; a++)

static inline unsigned long pfn_addr(unsigned long pfn)
{
	return (unsigned long)pfn_to_virt(pfn);
}

static inline struct free_block *fblock(unsigned long pfn)
{
	return pfn_to_virt(pfn);
}

/* The byte of pfn, which must be a usable frame of a. */
static inline u8 *byte_of(struct mem_area *a, unsigned long pfn)
{
	return (u8 *)(a->meta_off + pfn);
}

/* Is pfn a usable frame of a? Unsigned: a frame below base wraps around and fails too. */
static inline bool in_area(const struct mem_area *a, unsigned long pfn)
{
	return pfn - a->base < a->size;
}

/* The record of the node (pfn, order), a half of a mixed node. */
static inline enum node_state get_record(unsigned long pfn, unsigned int order)
{
	return fblock(pfn)->record[order];
}

#endif /* _ALLOC_PAGE_AREA_H_ */
