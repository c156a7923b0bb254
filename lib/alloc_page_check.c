/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc_page_check.c - page_alloc_check(): walk every area's metadata and
 * free lists and report each place where they break the allocator's
 * invariants (lib/alloc_page.c). O(pages): for tests and the fuzzer.
 *
 * The invariants:
 *  - the usable pages below pending are tiled by blocks: each head is
 *    aligned to its size in absolute frame numbers and its block lies
 *    inside the area; the pending pages [pending, top) all have byte 0;
 *  - the byte of every page that is not a head is zero;
 *  - a free block is in the list of its order, and nothing else is;
 *  - no free block has a free buddy of the same order (full coalescing);
 *  - the halves of a mixed free node have records, which are not both the
 *    same uniform state;
 *  - the reserved count matches the reserved blocks; the area's size and
 *    metadata address match its frames.
 */
#include "libcflat.h"
#include "alloc_page_area.h"

#define VIOLATION(...)	({ printf("page_alloc_check: " __VA_ARGS__); printf("\n"); errors++; })

/* Check the records below the mixed node (p, j); return the number of violations. */
static int check_mixed(unsigned long p, unsigned int j)
{
	unsigned long q;
	int errors = 0;

	if (!j) {
		VIOLATION("page %#lx: a single page cannot be partly fresh", pfn_addr(p));
		return errors;
	}
	q = p + (1UL << (j - 1));
	if (get_record(p, j - 1) == get_record(q, j - 1) && get_record(p, j - 1) != NODE_MIXED)
		VIOLATION("node %#lx of order %u: mixed, but both halves are %s", pfn_addr(p), j,
			  get_record(p, j - 1) == NODE_FRESH ? "fresh" : "used");
	if (get_record(p, j - 1) == NODE_MIXED)
		errors += check_mixed(p, j - 1);
	if (get_record(q, j - 1) == NODE_MIXED)
		errors += check_mixed(q, j - 1);
	return errors;
}

/* Each list holds exactly the counted[k] free blocks of its order, well linked. */
static int check_lists(struct mem_area *a, const unsigned long *counted)
{
	struct list_head *node;
	unsigned long n, p;
	int errors = 0;
	unsigned int k;

	for (k = 0; k < NLISTS; k++) {
		n = 0;
		/* Stop at the first bad node: the walk may not end otherwise. */
		list_for_each(node, &a->lists[k]) {
			p = virt_to_pfn(node);
			if (++n > counted[k] || !in_area(a, p) || *byte_of(a, p) != (PS_FREE | k) ||
			    node->next->prev != node) {
				VIOLATION("area %u: list %u: %#lx is not the free block of order %u it should be, "
					  "or its links are broken", a->number, k, pfn_addr(p), k);
				break;
			}
		}
		if (n != counted[k])
			VIOLATION("area %u: list %u has %lu entries for %lu free blocks", a->number, k, n, counted[k]);
	}
	return errors;
}

/* Walk the blocks that tile the area, then its lists. */
static int check_area(struct mem_area *a)
{
	unsigned long counted[NLISTS] = { 0 }, nres = 0, p, q, n;
	int errors = 0;
	unsigned int k;

	if (a->size != a->top - a->base || a->meta_off != (uintptr_t)pfn_to_virt(a->meta_pfn) - a->base ||
	    a->pending - a->base > a->size) {
		VIOLATION("area %u: size, metadata address or pending frames (from %#lx) do not match [%#lx, %#lx)",
			  a->number, a->pending, a->base, a->top);
		return errors;
	}
	for (p = a->base; p < a->pending; p += n) {
		u8 b = *byte_of(a, p);

		k = b & PS_ORDER;
		n = 1UL << k;
		if (!(b & PS_STATUS) || p & (n - 1) || p + n > a->top) {
			VIOLATION("area %u: page %#lx should be the head of an aligned block inside the area, byte %#x",
				  a->number, pfn_addr(p), b);
			return errors;
		}
		for (q = p + 1; q < p + n; q++) {
			if (*byte_of(a, q))
				VIOLATION("area %u: page %#lx inside block %#lx of order %u has byte %#x",
					  a->number, pfn_addr(q), pfn_addr(p), k, *byte_of(a, q));
		}
		if ((b & PS_STATUS) == PS_RESERVED)
			nres += n;
		if ((b & PS_STATUS) != PS_FREE)
			continue;
		counted[k]++;
		if (in_area(a, p ^ n) && *byte_of(a, p ^ n) == b)
			VIOLATION("area %u: free block %#lx and its buddy %#lx of order %u are not merged", a->number,
				  pfn_addr(p), pfn_addr(p ^ n), k);
		if (fblock(p)->state == NODE_MIXED)
			errors += check_mixed(p, k);
	}
	if (p != a->pending)
		VIOLATION("area %u: the block before the pending frames ends at %#lx, not %#lx", a->number, p,
			  a->pending);
	for (q = a->pending; q < a->top; q++) {
		if (*byte_of(a, q))
			VIOLATION("area %u: pending page %#lx has byte %#x", a->number, pfn_addr(q), *byte_of(a, q));
	}
	if (nres != a->nr_reserved)
		VIOLATION("area %u: %lu reserved pages counted, %lu recorded", a->number, nres, a->nr_reserved);
	return errors + check_lists(a, counted);
}

int page_alloc_check(void)
{
	struct mem_area *a;
	int errors = 0;

	for_each_area(a) {
		spin_lock(&a->lock);
		errors += check_area(a);
		spin_unlock(&a->lock);
	}
	return errors;
}
