/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc_page_check.c - page_alloc_check(): walk every area's metadata and
 * free lists and report each place where they break the allocator's
 * invariants (lib/alloc_page.c). O(pages): for tests and the fuzzer.
 *
 * The invariants:
 *  - the usable pages are tiled by blocks: each head is aligned to its size
 *    in absolute frame numbers and its block lies inside the area;
 *  - the byte of every page that is not a head is zero;
 *  - a free block is in the list of its order, and nothing else is;
 *  - no free block has a free buddy of the same order (full coalescing);
 *  - the halves of a mixed free node have records, which are not both the
 *    same uniform state;
 *  - free + allocated + reserved + metadata pages = the area, and the
 *    reserved count matches the reserved blocks.
 */
#include "libcflat.h"
#include "alloc_page_area.h"

#define VIOLATION(...)	({ printf("page_alloc_check: " __VA_ARGS__); printf("\n"); errors++; })

/* Check the records below the mixed node (p, j); return the number of violations. */
static int check_mixed(unsigned long p, unsigned int j)
{
	unsigned long half;
	enum node_state lo, hi;
	int errors = 0;

	if (!j) {
		VIOLATION("page %#lx: a single page cannot be partly fresh", pfn_addr(p));
		return errors;
	}
	half = 1UL << (j - 1);
	lo = get_record(p, j - 1);
	hi = get_record(p + half, j - 1);
	if (lo == hi && lo != NODE_MIXED)
		VIOLATION("node %#lx of order %u: mixed, but both halves are %s", pfn_addr(p), j,
			  lo == NODE_FRESH ? "fresh" : "used");
	if (lo == NODE_MIXED)
		errors += check_mixed(p, j - 1);
	if (hi == NODE_MIXED)
		errors += check_mixed(p + half, j - 1);
	return errors;
}

/* Each list holds exactly the free blocks of its order, counted[k] of them, and is well linked. */
static int check_lists(struct mem_area *a, const unsigned long *counted)
{
	int errors = 0;
	unsigned int k;

	for (k = 0; k < NLISTS; k++) {
		struct list_head *node;
		unsigned long n = 0, p;

		list_for_each(node, &a->lists[k]) {
			p = virt_to_pfn(node);
			if (++n > counted[k]) {
				VIOLATION("area %u: list %u has more entries than the %lu free blocks of its order",
					  a->number, k, counted[k]);
				break;
			}
			if (p < a->base || p >= a->top || *byte_of(a, p) != (PS_FREE | k)) {
				VIOLATION("area %u: list %u holds %#lx, which is not a free block of order %u",
					  a->number, k, pfn_addr(p), k);
				break;
			}
			if (node->next->prev != node)
				VIOLATION("area %u: list %u broken after %#lx", a->number, k, pfn_addr(p));
		}
		if (n != counted[k])
			VIOLATION("area %u: list %u has %lu entries for %lu free blocks", a->number, k, n, counted[k]);
	}
	return errors;
}

static int check_area(struct mem_area *a)
{
	unsigned long counted[NLISTS] = { 0 }, nfree = 0, nalloc = 0, nres = 0, p, q, n;
	int errors = 0;
	unsigned int k;

	for (p = a->base; p < a->top; p += n) {
		u8 b = *byte_of(a, p);

		k = b & PS_ORDER;
		n = 1UL << k;
		if (!(b & PS_STATUS)) {
			VIOLATION("area %u: page %#lx should be a block head, byte %#x", a->number, pfn_addr(p), b);
			return errors;
		}
		if (p & (n - 1) || p + n > a->top || p + n < p) {
			VIOLATION("area %u: block %#lx of order %u is misaligned or overruns the area",
				  a->number, pfn_addr(p), k);
			return errors;
		}
		for (q = p + 1; q < p + n; q++) {
			if (*byte_of(a, q))
				VIOLATION("area %u: page %#lx inside block %#lx of order %u has byte %#x",
					  a->number, pfn_addr(q), pfn_addr(p), k, *byte_of(a, q));
		}
		switch (b & PS_STATUS) {
		case PS_FREE:
			nfree += n;
			counted[k]++;
			q = p ^ n;
			if (q >= a->base && q < a->top && *byte_of(a, q) == (PS_FREE | k))
				VIOLATION("area %u: free block %#lx and its buddy %#lx of order %u are not merged",
					  a->number, pfn_addr(p), pfn_addr(q), k);
			if (fblock(p)->state == NODE_MIXED)
				errors += check_mixed(p, k);
			break;
		case PS_ALLOC:
			nalloc += n;
			break;
		default:
			nres += n;
		}
	}
	errors += check_lists(a, counted);
	if (nres != a->nr_reserved)
		VIOLATION("area %u: %lu reserved pages counted, %lu recorded", a->number, nres, a->nr_reserved);
	if (nfree + nalloc + nres + (a->base - a->meta_pfn) != a->top - a->meta_pfn)
		VIOLATION("area %u: pages do not add up", a->number);
	return errors;
}

int page_alloc_check(void)
{
	int errors = 0;
	unsigned int i;

	for (i = 0; i < nr_areas; i++) {
		spin_lock(&areas[i].lock);
		errors += check_area(&areas[i]);
		spin_unlock(&areas[i].lock);
	}
	return errors;
}
