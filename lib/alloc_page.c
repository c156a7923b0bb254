/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc_page.c - the page allocator (API in alloc_page.h, design in docs/allocator.md, invariants listed and
 * checked in alloc_page_check.c): a buddy allocator over areas of physical memory, O(log N) metadata work per
 * operation. Blocks of 2^order frames are aligned to their size, so the buddy of (pfn, order) is pfn ^ 2^order;
 * only a block's head byte says something (status, order); free blocks are on one list per order through a
 * header in their first page, which also says how fresh they are.
 */
#include "libcflat.h"
#include "bitops.h"
#include "string.h"
#include "alloc_page_area.h"

#define NO_PFN		(~0UL)

struct mem_area areas[MAX_RANGES + 1];
/* The areas by number through next, highest memory first (AREA_NORMAL is 0): the order requests try them in. */
static struct mem_area *first_area;

/* Misuse is a bug in the test: say which function, which address, what is wrong, and stop. */
static void __noreturn __printf(2, 3) misuse(const char *fn, const char *fmt, ...)
{
	va_list va;

	printf("%s: ", fn);
	va_start(va, fmt);
	vprintf(fmt, va);
	va_end(va);
	printf("\n");
	abort();
}

/* The largest order k <= j such that (p, k) is aligned and ends by e. */
static unsigned int fit_order(unsigned long p, unsigned long e, unsigned int j)
{
	unsigned int k = MIN(j, (unsigned int)fls(e - p));

	return p ? MIN(k, (unsigned int)ffs(p)) : k;
}

/*
 * Make (pfn, order) a free block in state st. Fresh blocks go to the tail
 * of their list: plain requests, which take the first block, use used
 * memory first and leave fresh memory for FLAG_FRESH.
 */
static inline void push_free(struct mem_area *a, unsigned long pfn, unsigned int order, enum node_state st)
{
	struct free_block *fb = fblock(pfn);

	*byte_of(a, pfn) = PS_FREE | order;
	fb->state = st;
	if (st == NODE_FRESH)
		list_add_tail(&fb->list, &a->lists[order]);
	else
		list_add(&fb->list, &a->lists[order]);
}

/* Take the free block at pfn off its list, whose node is not used again until pushed back. */
static inline void unlink_free(unsigned long pfn)
{
	struct list_head *node = &fblock(pfn)->list, *prev = node->prev, *next = node->next;

	prev->next = next;
	next->prev = prev;
}

/*
 * Push the lowest pending block (see struct mem_area). Pending blocks are
 * maximal, so never the buddy of a block carved out of another one, and
 * page_is_buddy() sees their 0 bytes anyway.
 */
static void push_pending(struct mem_area *a)
{
	unsigned int k = fit_order(a->pending, a->top, NLISTS - 1);

	push_free(a, a->pending, k, NODE_FRESH);
	a->pending += 1UL << k;
}

/*
 * Split the free block (h, j), off its list and in state st, until (t, k)
 * is a block of its own, whose byte the caller writes: each level keeps
 * the half holding t (nodes are aligned, so bit half of t says which) and
 * pushes the other back as free in its own state (see release()).
 */
static inline void split(struct mem_area *a, unsigned long h, unsigned int j, enum node_state st,
			 unsigned long t, unsigned int k)
{
	while (j > k) {
		unsigned long half = 1UL << --j, other = h + half;

		if (t & half) {
			other = h;
			h += half;
		}
		if (st == NODE_MIXED) {
			push_free(a, other, j, get_record(other, j));
			st = get_record(h, j);
		} else {
			push_free(a, other, j, st);
		}
	}
}

/*
 * Can the block (pfn, order) merge with the block at buddy = pfn ^ 2^order?
 * Like Linux's page_is_buddy(), only if all of these hold:
 *  - buddy lies in the area: a usable frame, not the metadata, not beyond
 *    top (an area's neighbour may be another area, or no memory at all);
 *  - buddy is the head of a free block: its byte has status PS_FREE (the
 *    byte of a page inside a block is 0);
 *  - that block has the same order: a free block of a lower order at buddy
 *    is only part of the buddy, whose other pages are not free.
 * Blocks are aligned to their size and lie inside their area, so the whole
 * buddy is then free and inside the area.
 */
static inline bool page_is_buddy(struct mem_area *a, unsigned long buddy, unsigned int order)
{
	return in_area(a, buddy) && *byte_of(a, buddy) == (PS_FREE | order);
}

/*
 * Give the block (pfn, order), in state st, back as free: merge it with its
 * buddy as long as page_is_buddy() allows (full coalescing), then push the
 * result. Every byte that stops being a head is cleared, pfn's own first.
 * The merged block stays inside the area, so order stays below NLISTS.
 */
static inline void release(struct mem_area *a, unsigned long pfn, unsigned int order, enum node_state st)
{
	unsigned long buddy;

	*byte_of(a, pfn) = 0;
	for (; page_is_buddy(a, buddy = pfn ^ (1UL << order), order); order++) {
		struct free_block *fb = fblock(pfn), *bfb = fblock(buddy);

		unlink_free(buddy);
		*byte_of(a, buddy) = 0;
		/* Unless both halves are all fresh or all used, the node is mixed: each half records its state. */
		if ((st | bfb->state) == NODE_MIXED) {
			fb->record[order] = st;
			bfb->record[order] = bfb->state;
		}
		st |= bfb->state;
		/* They differ only in bit order: the merged block's head has it clear. */
		pfn &= buddy;
	}
	push_free(a, pfn, order, st);
}

/* The area whose usable frames hold pfn, or NULL. The walk ends at the empty area after the last one. */
static inline struct mem_area *area_of(unsigned long pfn)
{
	struct mem_area *a;

	for (a = areas; !in_area(a, pfn); a++) {
		if (!a->size)
			return NULL;
	}
	return a;
}

/*
 * The block holding frame p, its area's pending blocks pushed: its area,
 * head, order and byte; 0 if p is in no area. The blocks tile the area and
 * only heads have a nonzero byte: the first aligned candidate head below p
 * whose block reaches p is the one.
 */
static u8 block_at(unsigned long p, struct mem_area **a, unsigned long *h, unsigned int *j)
{
	unsigned int k;
	u8 b;

	*a = area_of(p);
	if (!*a)
		return 0;
	while ((*a)->pending < (*a)->top)
		push_pending(*a);
	for (k = 0; k < NLISTS; k++) {
		*h = p & ~((1UL << k) - 1);
		if (*h < (*a)->base)
			break;
		b = *byte_of(*a, *h);
		*j = b & PS_ORDER;
		if (b && *j >= k)
			return b;
	}
	/* Only a corrupted tiling gets here. */
	misuse("page allocator", "%#lx: no block contains this page: metadata corrupted", pfn_addr(p));
}

/* For FLAG_FRESH: the head of a fresh node of order >= need inside the free node (p, j) of state st, or NO_PFN. */
static unsigned long fresh_part(unsigned long p, unsigned int j, enum node_state st, unsigned int need)
{
	unsigned long q, r;

	if (st != NODE_MIXED || j <= need)
		return st == NODE_FRESH ? p : NO_PFN;
	q = p + (1UL << (j - 1));
	r = fresh_part(p, j - 1, get_record(p, j - 1), need);
	return r != NO_PFN ? r : fresh_part(q, j - 1, get_record(q, j - 1), need);
}

/*
 * For FLAG_FRESH: a free block of order need, all fresh, split out of the
 * first free block that holds a fresh node of order >= need, pushing
 * pending blocks until there is one; NO_PFN if there is none.
 * Rare, so a walk through the lists is good enough.
 */
static unsigned long find_fresh(struct mem_area *a, unsigned int need)
{
	struct list_head *node;
	unsigned long h, t;
	unsigned int j;

	for (;;) {
		for (j = need; j < NLISTS; j++) {
			list_for_each(node, &a->lists[j]) {
				h = virt_to_pfn(node);
				t = fresh_part(h, j, fblock(h)->state, need);
				if (t == NO_PFN)
					continue;
				unlink_free(h);
				split(a, h, j, fblock(h)->state, t, need);
				push_free(a, t, need, NODE_FRESH);
				return t;
			}
		}
		if (a->pending == a->top)
			return NO_PFN;
		push_pending(a);
	}
}

/*
 * The first block of the lowest non-empty list of order >= need (the fewest
 * splits), pushing pending blocks until there is one, or NO_PFN. The walk
 * needs no bound: lists[NLISTS] ends it, its next being NULL.
 */
static unsigned long find_free(struct mem_area *a, unsigned int need)
{
	struct list_head *head;

	for (;;) {
		head = &a->lists[need];
		while (list_empty(head))
			head++;
		if (head->next)
			return virt_to_pfn(head->next);
		if (a->pending == a->top)
			return NO_PFN;
		push_pending(a);
	}
}

/* Carve (t, k), of status PS_ALLOC or PS_RESERVED, out of the free block at h: the rest goes back as free. */
static inline void carve(struct mem_area *a, unsigned long h, unsigned long t, unsigned int k, u8 status)
{
	unlink_free(h);
	split(a, h, *byte_of(a, h) & PS_ORDER, fblock(h)->state, t, k);
	*byte_of(a, t) = status | k;
}

/*
 * The one allocation path: 2^order pages aligned to 2^min_order (>= order)
 * from the first allowed area that has them; any free block of an order >=
 * min_order is aligned enough. Always inlined into its two callers: gcc
 * does not otherwise, and the call costs more than the copy.
 */
static __always_inline void *page_alloc(unsigned int order, unsigned int min_order, unsigned int flags)
{
	unsigned int mask = flags & AREA_MASK;
	struct mem_area *a;
	unsigned long h;

	for (a = first_area; a; a = a->next) {
		if (mask && !(mask & (1U << a->number)))
			continue;
		spin_lock(&a->lock);
		h = flags & FLAG_FRESH ? find_fresh(a, min_order) : find_free(a, min_order);
		if (h != NO_PFN)
			carve(a, h, h, order, PS_ALLOC);
		spin_unlock(&a->lock);
		if (h == NO_PFN)
			continue;
		if (flags & FLAG_DONTZERO)
			return pfn_to_virt(h);
		return memset(pfn_to_virt(h), 0, PAGE_SIZE << order);
	}
	return NULL;
}

void *alloc_pages_flags(unsigned int order, unsigned int flags)
{
	if (order >= NLISTS)
		misuse("alloc_pages_flags", "order %u is beyond the largest possible (%u)", order, NLISTS - 1);
	return page_alloc(order, order, flags);
}

void *memalign_pages_flags(size_t alignment, size_t size, unsigned int flags)
{
	/* Not DIV_ROUND_UP: size + PAGE_SIZE - 1 may wrap. */
	size_t npages = (size >> PAGE_SHIFT) + !!(size & ~PAGE_MASK);
	unsigned int order, align_order = 0;

	if (!is_power_of_2(alignment))
		misuse("memalign_pages_flags", "alignment %#zx is not a power of 2", alignment);
	if (!size)
		return NULL;
	order = get_order(npages);
	if (order >= NLISTS)
		misuse("memalign_pages_flags", "size %#zx needs order %u, beyond the largest possible (%u)", size,
		       order, NLISTS - 1);
	if (alignment > PAGE_SIZE)
		align_order = ffs(alignment) - PAGE_SHIFT;
	/* Only the order is allocated: the alignment picks where, it wastes no pages. */
	return page_alloc(order, MAX(order, align_order), flags);
}

/* Say why free_pages() cannot take pfn, and abort. Out of line: free_pages() saves no register for it. */
static void __noreturn noinline bad_free(unsigned long pfn)
{
	unsigned long addr = pfn_addr(pfn), h;
	struct mem_area *a;
	unsigned int j;
	u8 b;

	for_each_area(a) {
		if (pfn >= a->meta_pfn && pfn < a->base)
			misuse("free_pages", "%#lx: inside the metadata of an area", addr);
	}
	b = block_at(pfn, &a, &h, &j);
	if (!b)
		misuse("free_pages", "%#lx: outside every area of the page allocator", addr);
	if (h == pfn && (b & PS_STATUS) == PS_FREE)
		misuse("free_pages", "%#lx: double free: the block of order %u there is already free", addr, j);
	if (h == pfn && (b & PS_STATUS) == PS_RESERVED)
		misuse("free_pages", "%#lx: the block of order %u there is reserved (use unreserve_pages)", addr, j);
	if ((b & PS_STATUS) == PS_FREE)
		misuse("free_pages", "%#lx: double free: the page is inside the free block %#lx of order %u", addr,
		       pfn_addr(h), j);
	if ((b & PS_STATUS) == PS_RESERVED)
		misuse("free_pages", "%#lx: the page is inside the reserved block %#lx of order %u", addr,
		       pfn_addr(h), j);
	misuse("free_pages", "%#lx: not the start of a block: the page is inside the allocated block %#lx of order %u",
	       addr, pfn_addr(h), j);
}

/* The one free path: every check, then release() of the block whose head mem is. */
void free_pages(void *mem)
{
	unsigned long pfn = virt_to_pfn(mem);
	struct mem_area *a;
	unsigned int order;

	if ((uintptr_t)mem & ~PAGE_MASK)
		misuse("free_pages", "%#lx: not page aligned", (unsigned long)mem);
	a = area_of(pfn);
	/* Frame 0 is never usable (an area starts with its metadata): NULL ends up here. */
	if (!a) {
		if (!mem)
			return;
		bad_free(pfn);
	}
	spin_lock(&a->lock);
	/* At most PS_ORDER, and the order, only if the byte is an allocated block's head. */
	order = *byte_of(a, pfn) ^ PS_ALLOC;
	if (order > PS_ORDER)
		bad_free(pfn);
	release(a, pfn, order, NODE_USED);
	spin_unlock(&a->lock);
}

/* reserve_pages() and unreserve_pages() are rare and may span areas: they lock all, in the order of areas[]. */
static void lock_all(bool lock)
{
	struct mem_area *a;

	for_each_area(a) {
		if (lock)
			spin_lock(&a->lock);
		else
			spin_unlock(&a->lock);
	}
}

/*
 * Reserve the free frames [s, e), their areas' locks held: carve each piece
 * out of the free block holding it, the largest aligned piece that fits
 * becoming a reserved block and the rest going back to the lists.
 */
static void reserve_range(unsigned long s, unsigned long e)
{
	struct mem_area *a;
	unsigned long p, h;
	unsigned int j, k;

	for (p = s; p < e; p += 1UL << k) {
		block_at(p, &a, &h, &j);
		k = fit_order(p, e, j);
		carve(a, h, p, k, PS_RESERVED);
		a->nr_reserved += 1UL << k;
	}
}

/* All pages or none: every page is checked before anything changes. */
int reserve_pages(phys_addr_t addr, size_t npages)
{
	unsigned long s = addr >> PAGE_SHIFT, e = s + npages, p, h;
	struct mem_area *a;
	unsigned int j;

	if (addr & ~PAGE_MASK)
		misuse("reserve_pages", "%#lx: not page aligned", (unsigned long)addr);
	if (e < s)
		return -1;
	lock_all(true);
	for (p = s; p < e; p = h + (1UL << j)) {
		if ((block_at(p, &a, &h, &j) & PS_STATUS) != PS_FREE)
			break;
	}
	/* The walk got to the end only if every page is free. */
	if (p >= e)
		reserve_range(s, e);
	lock_all(false);
	return p >= e ? 0 : -1;
}

/*
 * Give back [s, e), all of it reserved: release each reserved block that
 * holds part of it as used memory (which merges it with its free buddies),
 * then reserve again the part of the block outside [s, e).
 */
void unreserve_pages(phys_addr_t addr, size_t npages)
{
	unsigned long s = addr >> PAGE_SHIFT, e = s + npages, p, h, end;
	struct mem_area *a;
	unsigned int j;
	u8 b;

	if (addr & ~PAGE_MASK)
		misuse("unreserve_pages", "%#lx: not page aligned", (unsigned long)addr);
	if (e < s)
		misuse("unreserve_pages", "%#lx: %#zx pages wrap around the address space", (unsigned long)addr,
		       npages);
	lock_all(true);
	for (p = s; p < e; p = h + (1UL << j)) {
		b = block_at(p, &a, &h, &j);
		if (!b)
			misuse("unreserve_pages", "%#lx: outside every area of the page allocator", pfn_addr(p));
		if ((b & PS_STATUS) != PS_RESERVED)
			misuse("unreserve_pages", "%#lx: not reserved: inside the %s block %#lx of order %u",
			       pfn_addr(p), (b & PS_STATUS) == PS_FREE ? "free" : "allocated", pfn_addr(h), j);
	}
	for (p = s; p < e; p = end) {
		block_at(p, &a, &h, &j);
		end = h + (1UL << j);
		a->nr_reserved -= 1UL << j;
		release(a, h, j, NODE_USED);
		reserve_range(h, s);
		reserve_range(e, end);
	}
	lock_all(false);
}

bool page_alloc_initialized(void)
{
	return areas[0].size;
}

/* Make [b, t) an area of number n: metadata at the start, the rest free, fresh and pending. */
static void init_range(unsigned int n, unsigned long b, unsigned long t)
{
	struct mem_area *a, **link;
	unsigned long nmeta;
	unsigned int k;

	if (t <= b)
		misuse("page_alloc_init_area", "%#lx: empty range of frames [%#lx, %#lx)", pfn_addr(b), b, t);
	if (t - 1 > (~0UL >> PAGE_SHIFT))
		misuse("page_alloc_init_area", "%#lx: frame %#lx is beyond the address space", pfn_addr(b), t - 1);
	for_each_area(a) {
		if (a->meta_pfn < t && b < a->top)
			misuse("page_alloc_init_area", "%#lx: frames [%#lx, %#lx) overlap area %u's [%#lx, %#lx)",
			       pfn_addr(b), b, t, a->number, a->meta_pfn, a->top);
	}
	if (a == areas + MAX_RANGES)
		misuse("page_alloc_init_area", "%#lx: more than %d ranges", pfn_addr(b), MAX_RANGES);
	/* m metadata pages hold one byte for each of the other t - b - m. */
	nmeta = DIV_ROUND_UP(t - b, PAGE_SIZE + 1);
	if (t - b - nmeta < 1)
		misuse("page_alloc_init_area", "%#lx: %lu pages are too few to hold metadata and a page", pfn_addr(b),
		       t - b);
	*a = (struct mem_area){ .number = n, .meta_pfn = b, .base = b + nmeta, .top = t, .size = t - b - nmeta };
	a->meta_off = (uintptr_t)pfn_to_virt(b) - a->base;
	memset(byte_of(a, a->base), 0, a->size);
	for (k = 0; k < NLISTS; k++)
		INIT_LIST_HEAD(&a->lists[k]);
	a->lists[NLISTS].next = NULL;
	a->pending = a->base;
	/* The next slot is the empty area that ends the walks over areas[]. */
	a[1].size = 0;
	/* Keep the chain sorted, ranges of one number in the order they came. */
	for (link = &first_area; *link && (*link)->number <= n; link = &(*link)->next)
		;
	a->next = *link;
	*link = a;
}

void page_alloc_init_area(u8 n, phys_addr_t base_pfn, phys_addr_t top_pfn)
{
	static const u64 first_pfn[MAX_AREAS] = AREA_FIRST_PFNS;
	unsigned int i;

	if (n != AREA_ANY_NUMBER) {
		if (n >= MAX_AREAS)
			misuse("page_alloc_init_area", "area number %u, the largest is %u", n, MAX_AREAS - 1);
		init_range(n, base_pfn, top_pfn);
		return;
	}
	for (i = 0; i < MAX_AREAS; i++) {
		u64 lo = MAX(base_pfn, first_pfn[i]);
		u64 hi = i ? MIN(top_pfn, first_pfn[i - 1]) : top_pfn;

		/* A sliver too small for metadata and a page is not worth an area. */
		if (hi > lo + 1)
			init_range(i, lo, hi);
	}
}

void page_alloc_reset(void)
{
	areas[0].size = 0;
	first_area = NULL;
}

void page_alloc_get_stats(unsigned int mask, struct page_alloc_stats *st)
{
	struct list_head *node;
	struct mem_area *a;
	unsigned long p;
	unsigned int k;

	memset(st, 0, sizeof(*st));
	for_each_area(a) {
		if (mask && !(mask & (1U << a->number)))
			continue;
		spin_lock(&a->lock);
		st->usable += a->size;
		st->metadata += a->base - a->meta_pfn;
		st->reserved += a->nr_reserved;
		for (k = 0; k < NLISTS; k++) {
			list_for_each(node, &a->lists[k]) {
				st->free_blocks[k]++;
				st->free += 1UL << k;
			}
		}
		/* Pending blocks are counted without touching them. */
		for (p = a->pending; p < a->top; p += 1UL << k) {
			k = fit_order(p, a->top, NLISTS - 1);
			st->free_blocks[k]++;
			st->free += 1UL << k;
		}
		spin_unlock(&a->lock);
	}
}
