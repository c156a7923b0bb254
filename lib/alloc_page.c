/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc_page.c - the page allocator (see alloc_page.h): a buddy allocator
 * in which every operation does O(log N) metadata work, whatever the size
 * of the blocks it splits or merges.
 *
 * Metadata. Each area starts with one byte per usable page. Only the byte
 * of a block's first page (its head) says something: the block's status
 * (free, allocated, reserved) and order. The byte of every other page is
 * zero. A split writes the head byte of the new upper half, a merge clears
 * the head byte of the absorbed buddy: one byte per level, never one per
 * page. A byte that was once a head and is not any more is always cleared,
 * so a zero byte reliably means "inside a block", and the block containing
 * any page is found by trying its O(log N) aligned candidate heads.
 *
 * Invariants, checked by page_alloc_check():
 *  - the usable pages are tiled by blocks: each head is aligned to its size
 *    in absolute frame numbers and the block lies inside the area;
 *  - the byte of every non-head page is zero;
 *  - a free block is in the list of its order and nothing else is;
 *  - no free block has a free buddy of the same order (full coalescing);
 *  - free + allocated + reserved + metadata pages = the area.
 *
 * Freshness (FLAG_FRESH). Merging a freed block with a never-used buddy
 * must not forget that the buddy is still fresh, or one alloc_page() and
 * free_page() would make a whole area stale. So freshness is kept in the
 * free memory itself: a free block's header says whether the block is all
 * fresh, all used or mixed. A mixed block only arises from a merge of two
 * free blocks whose states differ; that merge writes, in each half's head
 * page, a record of the half's state for its order. So the halves of a
 * mixed node always have valid records, and a split reads them instead of
 * guessing; merges and splits of uniform blocks (the common case) write
 * just the state byte. Allocated memory needs no record: it comes back as
 * "used".
 */
#include "libcflat.h"
#include "bitops.h"
#include "list.h"
#include "spinlock.h"
#include "string.h"
#include "alloc_page.h"

#define PS_ORDER	0x3f
#define PS_STATUS	0xc0
#define PS_FREE		0x40
#define PS_ALLOC	0x80
#define PS_SPECIAL	0xc0

/* Room for several ranges per area number (RAM holes). */
#define MAX_RANGES	16

#define NO_PFN		(~0UL)

enum node_state { NODE_MIXED, NODE_FRESH, NODE_USED };

/* What the allocator keeps in the first page of a free block. */
struct free_block {
	struct list_head list;
	u8 state;	/* of the whole block: enum node_state */
	/* Records of the nodes starting here that are halves of a mixed node. */
	u64 fresh;	/* bit k: the order-k node starting here was never handed out */
	u64 used;	/* bit k: every page of the order-k node starting here was */
};

/* The fields the hot paths use come first: one cache line with the lists of the small orders. */
struct mem_area {
	struct spinlock lock;
	unsigned int number;
	/*
	 * PS_FREE | K, K the largest order to which both ends of the area are
	 * aligned: a block of a lower order has its buddy inside the area, so
	 * free_pages() skips the range check for it (most merges are of small
	 * blocks).
	 */
	u8 free_inside;
	uintptr_t meta_off;	/* meta - base: the byte of pfn is at meta_off + pfn */
	unsigned long base;	/* first usable frame */
	unsigned long size;	/* usable frames: pfn is usable when pfn - base < size */
	uintptr_t base_addr;	/* pfn_to_virt(base) */
	unsigned long meta_pfn;	/* first frame of the range: the metadata */
	unsigned long top;	/* one past the last frame */
	u8 *meta;		/* meta[pfn - base] */
	unsigned long nr_reserved;	/* the free pages are counted from the lists when asked */
	/*
	 * A search for a block walks up from the order asked to the first
	 * non-empty list: lists[NLISTS] is its end mark, a head whose next is
	 * not itself but NULL, so the walk needs no bound check.
	 */
	struct list_head lists[NLISTS + 1];
};

static struct mem_area areas[MAX_RANGES];
static unsigned int nr_areas;
/* The areas by number, highest memory first: the order in which requests try them. */
static struct mem_area no_area;
/* An empty area until the first page_alloc_init_area(), so that the fast paths need no test for it. */
static struct mem_area *by_number[MAX_RANGES] = { &no_area };

/*
 * The area of the last free_pages() that had to search: frees mostly hit
 * the same area again, and with one area always do. It never points to an
 * area that does not exist: an empty range stands in before the first
 * search and after page_alloc_reset(). Written without the lock: areas
 * never change once set up, so any value read is a valid area.
 */
static struct mem_area *last_area = &no_area;

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

static inline unsigned long pfn_addr(unsigned long pfn)
{
	return (unsigned long)pfn_to_virt(pfn);
}

static inline struct free_block *fblock(unsigned long pfn)
{
	return pfn_to_virt(pfn);
}

static inline u8 *byte_of(uintptr_t meta_off, unsigned long pfn)
{
	return (u8 *)(meta_off + pfn);
}

/*
 * x ^ (1UL << (n & PS_ORDER)). x86's btc masks n to the width itself and
 * needs no register for the bit, which free_pages() has none to spare for
 * (gcc does not use btc for the C below).
 */
static inline unsigned long flip_bit(unsigned long x, u8 n)
{
#ifdef __x86_64__
	/* The bits of n's register above its byte do not matter: btc reads the low 6. */
	asm("btc %q1, %0" : "+r" (x) : "r" (n) : "cc");
	return x;
#else
	return x ^ (1UL << (n & PS_ORDER));
#endif
}

/* The record of the node (pfn, order), a half of a mixed node. */
static inline enum node_state get_record(unsigned long pfn, unsigned int order)
{
	struct free_block *fb = fblock(pfn);

	if ((fb->fresh >> order) & 1)
		return NODE_FRESH;
	if ((fb->used >> order) & 1)
		return NODE_USED;
	return NODE_MIXED;
}

static inline void set_record(unsigned long pfn, unsigned int order, enum node_state st)
{
	struct free_block *fb = fblock(pfn);
	u64 bit = 1ULL << order;

	fb->fresh = (fb->fresh & ~bit) | (st == NODE_FRESH ? bit : 0);
	fb->used = (fb->used & ~bit) | (st == NODE_USED ? bit : 0);
}

/*
 * The hot paths copy the area's fields into locals: the compiler must
 * assume that every byte or list store may change them otherwise.
 * Fresh blocks go to the tail so that plain requests reuse used memory first.
 */
static inline void push_free(struct list_head *lists, uintptr_t meta_off, unsigned long pfn, unsigned int order,
			     enum node_state st)
{
	struct free_block *fb = fblock(pfn);
	struct list_head *head = &lists[order], *first = head->next;

	*byte_of(meta_off, pfn) = PS_FREE | order;
	fb->state = st;
	if (st == NODE_FRESH)
		first = head, head = head->prev;
	fb->list.next = first;
	fb->list.prev = head;
	first->prev = &fb->list;
	head->next = &fb->list;
}

static inline void unlink_free(unsigned long pfn)
{
	struct list_head *node = &fblock(pfn)->list, *next = node->next, *prev = node->prev;

	prev->next = next;
	next->prev = prev;
}

/* The first non-empty list at or above order, or lists + NLISTS if there is none. */
static inline struct list_head *first_nonempty(struct list_head *lists, unsigned int order)
{
	struct list_head *head = &lists[order];

	while (head->next == head)
		head++;
	return head;
}

/*
 * Split the block (h, j), already out of the lists and in state st, until
 * (t, k) is a block of its own. Every other half becomes a block of status
 * rem: PS_FREE (back in the lists, with its freshness) or PS_SPECIAL. The
 * caller writes the byte of t.
 */
static __attribute__((noinline)) void carve(struct mem_area *a, unsigned long h, unsigned int j, enum node_state st,
			 unsigned long t, unsigned int k, u8 rem)
{
	uintptr_t meta_off = a->meta_off;
	struct list_head *lists = a->lists;

	while (j > k) {
		unsigned long half = 1UL << --j;
		unsigned long other = h + half;
		enum node_state ost = st;

		if (t >= other) {
			other = h;
			h += half;
		}
		if (rem == PS_SPECIAL) {
			*byte_of(meta_off, other) = PS_SPECIAL | j;
			continue;
		}
		if (st == NODE_MIXED) {
			ost = get_record(other, j);
			st = get_record(h, j);
		}
		push_free(lists, meta_off, other, j, ost);
	}
}

/* The merged node is mixed: both halves need their records. Out of line: rare. */
static __attribute__((noinline)) enum node_state merge_mixed(unsigned long pfn, unsigned long buddy,
							     unsigned int order, enum node_state st,
							     enum node_state bst)
{
	set_record(pfn, order, st);
	set_record(buddy, order, bst);
	return NODE_MIXED;
}

/*
 * Put the block (pfn, order), whose byte the caller no longer needs, back
 * as free, merging it with its buddy for as long as the buddy is free.
 */
static __attribute__((noinline)) void release(struct mem_area *a, unsigned long pfn, unsigned int order,
					     enum node_state st)
{
	uintptr_t meta_off = a->meta_off;
	unsigned long base = a->base, size = a->size;

	for (;;) {
		unsigned long buddy = pfn ^ (1UL << order);
		enum node_state bst;

		/* One unsigned comparison covers both ends of the area. */
		if (buddy - base >= size || *byte_of(meta_off, buddy) != (PS_FREE | order))
			break;
		unlink_free(buddy);
		bst = fblock(buddy)->state;
		if (unlikely(bst != st || st == NODE_MIXED))
			st = merge_mixed(pfn, buddy, order, st, bst);
		if (buddy < pfn) {
			*byte_of(meta_off, pfn) = 0;
			pfn = buddy;
		} else {
			*byte_of(meta_off, buddy) = 0;
		}
		order++;
	}
	push_free(a->lists, meta_off, pfn, order, st);
}

static u8 free_inside_of(struct mem_area *a)
{
	return PS_FREE | MIN((unsigned int)__builtin_ctzl(a->base | a->top), NLISTS);
}

/* The area whose range (metadata included) holds pfn, or NULL. */
static inline struct mem_area *area_of(unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < nr_areas; i++) {
		if (pfn >= areas[i].meta_pfn && pfn < areas[i].top)
			return &areas[i];
	}
	return NULL;
}

/* The block containing the usable page pfn: its head, order and byte. */
static u8 find_block(struct mem_area *a, unsigned long pfn, unsigned long *head, unsigned int *order)
{
	unsigned int k;

	for (k = 0; k < NLISTS; k++) {
		unsigned long h = pfn & ~((1UL << k) - 1);
		u8 b;

		if (h < a->base)
			break;
		b = a->meta[h - a->base];
		if (b && (b & PS_ORDER) >= k) {
			*head = h;
			*order = b & PS_ORDER;
			return b;
		}
	}
	/* Only a corrupted tiling gets here. */
	misuse("page allocator", "%#lx: no block contains this page: metadata corrupted", pfn_addr(pfn));
}

/* Say why pfn, whose byte is b, is not the head of an allocated block, and abort. */
static void __noreturn bad_free(struct mem_area *a, const char *fn, unsigned long pfn, u8 b)
{
	unsigned long addr = pfn_addr(pfn), h;
	unsigned int order;

	if ((b & PS_STATUS) == PS_FREE)
		misuse(fn, "%#lx: double free: the block of order %u there is already free", addr, b & PS_ORDER);
	if ((b & PS_STATUS) == PS_SPECIAL)
		misuse(fn, "%#lx: the block of order %u there is reserved (use unreserve_pages)", addr, b & PS_ORDER);
	b = find_block(a, pfn, &h, &order);
	if ((b & PS_STATUS) == PS_FREE)
		misuse(fn, "%#lx: double free: the page is inside the free block %#lx of order %u", addr,
		       pfn_addr(h), order);
	if ((b & PS_STATUS) == PS_SPECIAL)
		misuse(fn, "%#lx: the page is inside the reserved block %#lx of order %u", addr, pfn_addr(h), order);
	misuse(fn, "%#lx: not the start of a block: the page is inside the allocated block %#lx of order %u", addr,
	       pfn_addr(h), order);
}

static void *alloc_plain(struct mem_area *a, unsigned int order, unsigned int min_list)
{
	struct list_head *head = first_nonempty(a->lists, min_list), *node = head->next;
	uintptr_t meta_off = a->meta_off;
	unsigned long pfn;
	unsigned int j;

	if (!node)
		return NULL;
	j = head - a->lists;
	pfn = virt_to_pfn(node);
	unlink_free(pfn);
	if (j > order) {
		enum node_state st = fblock(pfn)->state;
		struct list_head *lists = a->lists;

		if (unlikely(st == NODE_MIXED)) {
			carve(a, pfn, j, st, pfn, order, PS_FREE);
		} else {
			/* Keep the lower half, give the upper one back, down to the order asked. */
			do {
				j--;
				push_free(lists, meta_off, pfn + (1UL << j), j, st);
			} while (j > order);
		}
	}
	*byte_of(meta_off, pfn) = PS_ALLOC | order;
	return node;
}

/* Head of a fresh node of order >= need inside the mixed node (p, j), or NO_PFN. */
static unsigned long find_fresh(unsigned long p, unsigned int j, unsigned int need)
{
	unsigned long half, c, r;

	if (j <= need)
		return NO_PFN;
	half = 1UL << (j - 1);
	for (c = p; c <= p + half; c += half) {
		enum node_state st = get_record(c, j - 1);

		if (st == NODE_FRESH)
			return c;
		if (st == NODE_MIXED) {
			r = find_fresh(c, j - 1, need);
			if (r != NO_PFN)
				return r;
		}
	}
	return NO_PFN;
}

/* FLAG_FRESH is rare: a search through the free lists is good enough. */
static __attribute__((noinline)) void *alloc_fresh(struct mem_area *a, unsigned int order, unsigned int min_list)
{
	struct list_head *node;
	unsigned int j;

	for (j = min_list; j < NLISTS; j++) {
		list_for_each(node, &a->lists[j]) {
			unsigned long h = virt_to_pfn(node), t;
			enum node_state st = fblock(h)->state;

			if (st == NODE_USED)
				continue;
			t = st == NODE_FRESH ? h : find_fresh(h, j, min_list);
			if (t == NO_PFN)
				continue;
			unlink_free(h);
			carve(a, h, j, st, t, order, PS_FREE);
			*byte_of(a->meta_off, t) = PS_ALLOC | order;
			return pfn_to_virt(t);
		}
	}
	return NULL;
}

static void *page_alloc(unsigned int order, unsigned int min_list, unsigned int flags)
{
	unsigned int mask = flags & AREA_MASK, i;
	void *p = NULL;

	for (i = 0; i < nr_areas && !p; i++) {
		struct mem_area *a = by_number[i];

		if (mask && !(mask & (1U << a->number)))
			continue;
		spin_lock(&a->lock);
		if (flags & FLAG_FRESH)
			p = alloc_fresh(a, order, min_list);
		else
			p = alloc_plain(a, order, min_list);
		spin_unlock(&a->lock);
	}
	if (p && !(flags & FLAG_DONTZERO))
		memset(p, 0, PAGE_SIZE << order);
	return p;
}

/* Every request but the common one, and the common one when the first area cannot serve it. */
static __attribute__((noinline)) void *alloc_slow(unsigned int order, unsigned int flags)
{
	if (order >= NLISTS)
		misuse("alloc_pages_flags", "order %u is beyond the largest possible (%u)", order, NLISTS - 1);
	return page_alloc(order, order, flags);
}

/*
 * The rare end of alloc_pages_dontzero(): the block to split is mixed, its
 * halves' freshness is in their records. It takes the bytes (free block
 * split, the free byte of the order asked) so that the caller keeps fewer
 * values alive.
 */
static __attribute__((noinline)) void *split_mixed(struct mem_area *a, struct list_head *node, unsigned long code,
						   unsigned long stop)
{
	unsigned long pfn = virt_to_pfn(node);

	carve(a, pfn, code & PS_ORDER, NODE_MIXED, pfn, stop & PS_ORDER, PS_FREE);
	spin_unlock(&a->lock);
	return node;
}

/*
 * Split the block at node, whose byte is at byte and says order code &
 * PS_ORDER, down to the order of stop: the lists of the orders in between
 * are empty (head is the one the block came from), so each upper half is
 * pushed as the only block of its list without reading the list head. st
 * is a constant in each copy: kept in a register, it would cost the
 * caller a saved register.
 */
static __always_inline void split_uniform(struct list_head *node, struct list_head *head, u8 *byte,
					  unsigned int code, unsigned int stop, u8 st)
{
	unsigned long half = 1UL << (code & PS_ORDER), hsize = half << PAGE_SHIFT;
	struct list_head *upper;

	do {
		half >>= 1;
		hsize >>= 1;
		head--;
		code--;
		upper = (struct list_head *)((char *)node + hsize);
		byte[half] = code;
		((struct free_block *)upper)->state = st;
		upper->next = head;
		upper->prev = head;
		head->prev = upper;
		head->next = upper;
	} while (code != stop);
}

/*
 * The common request: any area, not FLAG_FRESH, alignment = size, not
 * zeroed; served by the first area to try. It makes tail calls only, so
 * that it needs no saved registers. Inlined twice: with order a constant
 * 0 (alloc_page_dontzero(), the single page, by far the most frequent)
 * the list head and both bytes are constants too.
 */
static __always_inline void *alloc_dontzero(unsigned int order)
{
	struct mem_area *a = by_number[0];
	struct list_head *head, *node, *next;
	unsigned int code, stop;
	u8 *byte, st;

	if (unlikely(order >= NLISTS))
		return alloc_slow(order, FLAG_DONTZERO);
	spin_lock(&a->lock);
	head = &a->lists[order];
	node = head->next;
	/*
	 * The walk up apart from the first test, and written so that gcc keeps
	 * node and head in the registers the pop uses: a list of the order
	 * asked that is not empty (half the single-page requests of a churn)
	 * then costs no jump, and a walk no register moves.
	 */
	while (unlikely(node == head)) {
		head++;
		node = head->next;
	}
	/* No area yet: by_number[0] is no_area, whose heads all read as the end mark. */
	if (unlikely(!node)) {
		spin_unlock(&a->lock);
		return alloc_slow(order, FLAG_DONTZERO);
	}
	next = node->next;
	head->next = next;
	next->prev = head;
	byte = byte_of(a->meta_off, virt_to_pfn(node));
	/* The byte of the block taken says its order: PS_FREE | j. */
	code = *byte;
	*byte = PS_ALLOC | order;
	stop = PS_FREE | order;
	if (code != stop) {
		st = ((struct free_block *)node)->state;
		if (st == NODE_FRESH)
			split_uniform(node, head, byte, code, stop, NODE_FRESH);
		else if (likely(st == NODE_USED))
			split_uniform(node, head, byte, code, stop, NODE_USED);
		else
			return split_mixed(a, node, code, stop);
	}
	spin_unlock(&a->lock);
	return node;
}

void *alloc_pages_dontzero(unsigned int order)
{
	return alloc_dontzero(order);
}

void *alloc_page_dontzero(void)
{
	return alloc_dontzero(0);
}

/* Zeroing costs far more than the allocation: one more call does not matter. */
static __attribute__((noinline)) void *alloc_zeroed(unsigned int order)
{
	void *p = alloc_pages_dontzero(order);

	if (p)
		memset(p, 0, PAGE_SIZE << order);
	return p;
}

/* Parenthesised: alloc_page.h makes the name a macro too. */
void *(alloc_pages_flags)(unsigned int order, unsigned int flags)
{
	if (unlikely(order >= NLISTS || (flags & (AREA_MASK | FLAG_FRESH))))
		return alloc_slow(order, flags);
	if (!(flags & FLAG_DONTZERO))
		return alloc_zeroed(order);
	return alloc_pages_dontzero(order);
}

void *memalign_pages_flags(size_t alignment, size_t size, unsigned int flags)
{
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
	return page_alloc(order, MAX(order, align_order), flags);
}

/*
 * free_pages() of NULL or of a pointer outside last_area: every check,
 * then the general path, and remember the area for the next free.
 */
static __attribute__((noinline)) void free_slow(void *mem)
{
	unsigned long pfn = virt_to_pfn(mem);
	struct mem_area *a;
	u8 b;

	if (!mem)
		return;
	if ((uintptr_t)mem & ~PAGE_MASK)
		misuse("free_pages", "%#lx: not page aligned", (unsigned long)mem);
	a = area_of(pfn);
	if (!a)
		misuse("free_pages", "%#lx: outside every area of the page allocator", (unsigned long)mem);
	if (pfn < a->base)
		misuse("free_pages", "%#lx: inside the metadata of an area", (unsigned long)mem);
	last_area = a;
	spin_lock(&a->lock);
	b = *byte_of(a->meta_off, pfn);
	if ((b & PS_STATUS) != PS_ALLOC)
		bad_free(a, "free_pages", pfn, b);
	release(a, pfn, b & PS_ORDER, NODE_USED);
	spin_unlock(&a->lock);
}

/* The rest of free_pages() from the first buddy whose freshness differs: release() and unlock. */
/* a comes last: free_pages() then keeps it out of the register of its own argument. */
static __attribute__((noinline)) void release_unlock(unsigned long pfn, u8 b, struct mem_area *a)
{
	release(a, pfn, b & PS_ORDER, NODE_USED);
	spin_unlock(&a->lock);
}

/*
 * Merge the freed block with its buddy as long as the buddy is a free
 * block of the same order that is all used (the common case: no freshness
 * to keep); hand over to release() at a buddy in another state. Like
 * alloc_pages_dontzero() it makes tail calls only, so that it needs no
 * saved registers. bit is the block's size in pages; b the byte of a free
 * block of its order, which also indexes the list heads.
 */
void free_pages(void *mem)
{
	struct mem_area *a = last_area;
	struct list_head *head, *node, *next, *prev;
	unsigned long pfn, buddy, off;
	uintptr_t meta_off;
	u8 b;

	/*
	 * Rotated, the offset of a pointer that is not page aligned has bits
	 * above any frame number, and that of a pointer below the area (NULL
	 * included) is at least 2^52 - base: the one comparison refuses both.
	 */
	off = (uintptr_t)mem - a->base_addr;
	off = (off >> PAGE_SHIFT) | (off << (BITS_PER_LONG - PAGE_SHIFT));
	if (unlikely(off >= a->size))
		return free_slow(mem);
	spin_lock(&a->lock);
	/* Past the check, off is pfn - base: cheaper than shifting mem again. */
	pfn = off + a->base;
	meta_off = a->meta_off;
	b = *byte_of(meta_off, pfn) ^ PS_ALLOC;
	/* Without it, gcc reads the byte through a lea that it keeps and pays a move for later. */
	asm("" : "+r" (pfn));
	if (unlikely(b > PS_ORDER))
		bad_free(a, "free_pages", pfn, b ^ PS_ALLOC);
	/*
	 * Every byte that stops being a head is cleared: the block's own now,
	 * each absorbed buddy's below; the final head's is written last.
	 */
	*byte_of(meta_off, pfn) = 0;
	b |= PS_FREE;
	for (;;) {
		buddy = flip_bit(pfn, b);
		/* Below free_inside the buddy is in the area; one unsigned comparison covers both ends. */
		if (unlikely(b >= a->free_inside) && buddy - a->base >= a->size)
			break;
		if (*byte_of(meta_off, buddy) != b)
			break;
		node = &fblock(buddy)->list;
		if (unlikely(fblock(buddy)->state != NODE_USED))
			return release_unlock(pfn, b, a);
		next = node->next;
		prev = node->prev;
		next->prev = prev;
		prev->next = next;
		*byte_of(meta_off, buddy) = 0;
		pfn &= buddy;
		b++;
	}
	/* The lists indexed by the byte itself: one shift and one lea. */
	head = (struct list_head *)((uintptr_t)a->lists - PS_FREE * sizeof(*head) + b * sizeof(*head));
	/* In a register: gcc otherwise computes the address twice, in two forms. */
	asm("" : "+r" (head));
	node = &fblock(pfn)->list;
	next = head->next;
	*byte_of(meta_off, pfn) = b;
	fblock(pfn)->state = NODE_USED;
	node->next = next;
	node->prev = head;
	next->prev = node;
	head->next = node;
	spin_unlock(&a->lock);
}

/* The largest order k <= j such that (p, k) is aligned and ends by e. */
static unsigned int fit_order(unsigned long p, unsigned long e, unsigned int j)
{
	unsigned int k = MIN(j, (unsigned int)fls(e - p));

	if (p)
		k = MIN(k, (unsigned int)ffs(p));
	return k;
}

/* Lock, in a fixed order, every area that holds a frame of [s, e). */
static void lock_range(unsigned long s, unsigned long e, bool lock)
{
	unsigned int i;

	for (i = 0; i < nr_areas; i++) {
		if (areas[i].meta_pfn < e && s < areas[i].top) {
			if (lock)
				spin_lock(&areas[i].lock);
			else
				spin_unlock(&areas[i].lock);
		}
	}
}

int reserve_pages(phys_addr_t addr, size_t npages)
{
	unsigned long s = addr >> PAGE_SHIFT, e = s + npages, p, h;
	unsigned int j, k;
	struct mem_area *a;
	int ret = 0;

	if (addr & ~PAGE_MASK)
		misuse("reserve_pages", "%#lx: not page aligned", (unsigned long)addr);
	if (!npages)
		return 0;
	if (e < s)
		return -1;
	lock_range(s, e, true);
	/* First check every page, so that a failure changes nothing. */
	for (p = s; p < e; p = h + (1UL << j)) {
		a = area_of(p);
		if (!a || p < a->base || (find_block(a, p, &h, &j) & PS_STATUS) != PS_FREE) {
			ret = -1;
			goto out;
		}
	}
	for (p = s; p < e; p += 1UL << k) {
		a = area_of(p);
		find_block(a, p, &h, &j);
		k = fit_order(p, e, j);
		unlink_free(h);
		carve(a, h, j, fblock(h)->state, p, k, PS_FREE);
		*byte_of(a->meta_off, p) = PS_SPECIAL | k;
		a->nr_reserved += 1UL << k;
	}
out:
	lock_range(s, e, false);
	return ret;
}

void unreserve_pages(phys_addr_t addr, size_t npages)
{
	unsigned long s = addr >> PAGE_SHIFT, e = s + npages, p, h;
	unsigned int j, k;
	struct mem_area *a;
	u8 b;

	if (addr & ~PAGE_MASK)
		misuse("unreserve_pages", "%#lx: not page aligned", (unsigned long)addr);
	if (e < s)
		misuse("unreserve_pages", "%#lx: %#zx pages wrap around the address space", (unsigned long)addr,
		       npages);
	lock_range(s, e, true);
	for (p = s; p < e; p = h + (1UL << j)) {
		a = area_of(p);
		if (!a || p < a->base)
			misuse("unreserve_pages", "%#lx: outside every area of the page allocator", pfn_addr(p));
		b = find_block(a, p, &h, &j);
		if ((b & PS_STATUS) != PS_SPECIAL)
			misuse("unreserve_pages", "%#lx: not reserved: inside the %s block %#lx of order %u",
			       pfn_addr(p), (b & PS_STATUS) == PS_FREE ? "free" : "allocated", pfn_addr(h), j);
	}
	for (p = s; p < e; p += 1UL << k) {
		a = area_of(p);
		find_block(a, p, &h, &j);
		k = fit_order(p, e, j);
		carve(a, h, j, NODE_USED, p, k, PS_SPECIAL);
		a->nr_reserved -= 1UL << k;
		release(a, p, k, NODE_USED);
	}
	lock_range(s, e, false);
}

bool page_alloc_initialized(void)
{
	return nr_areas > 0;
}

static void init_range(unsigned int n, unsigned long b, unsigned long t)
{
	unsigned long npages, nmeta, p;
	struct mem_area *a;
	unsigned int i, k;

	if (t <= b)
		misuse("page_alloc_init_area", "%#lx: empty range of frames [%#lx, %#lx)", pfn_addr(b), b, t);
	if (t - 1 > (~0UL >> PAGE_SHIFT))
		misuse("page_alloc_init_area", "%#lx: frame %#lx is beyond the address space", pfn_addr(b), t - 1);
	for (i = 0; i < nr_areas; i++) {
		if (areas[i].meta_pfn < t && b < areas[i].top)
			misuse("page_alloc_init_area",
			       "%#lx: frames [%#lx, %#lx) overlap area %u's frames [%#lx, %#lx)",
			       pfn_addr(b), b, t, areas[i].number, areas[i].meta_pfn, areas[i].top);
	}
	if (nr_areas == MAX_RANGES)
		misuse("page_alloc_init_area", "%#lx: more than %d ranges", pfn_addr(b), MAX_RANGES);
	npages = t - b;
	/* m metadata pages hold one byte for each of the other npages - m. */
	nmeta = DIV_ROUND_UP(npages, PAGE_SIZE + 1);
	if (npages - nmeta < 1)
		misuse("page_alloc_init_area", "%#lx: %lu pages are too few to hold metadata and a page", pfn_addr(b),
		       npages);

	a = &areas[nr_areas];
	memset(a, 0, sizeof(*a));
	a->number = n;
	a->meta_pfn = b;
	a->base = b + nmeta;
	a->top = t;
	a->size = t - a->base;
	a->base_addr = pfn_addr(a->base);
	a->meta = pfn_to_virt(b);
	a->meta_off = (uintptr_t)a->meta - a->base;
	a->free_inside = free_inside_of(a);
	memset(a->meta, 0, npages - nmeta);
	for (k = 0; k < NLISTS; k++)
		INIT_LIST_HEAD(&a->lists[k]);
	a->lists[NLISTS].next = NULL;
	for (p = a->base; p < t; p += 1UL << k) {
		k = fit_order(p, t, NLISTS - 1);
		push_free(a->lists, a->meta_off, p, k, NODE_FRESH);
	}

	/* Keep by_number sorted, ranges of one number in the order they came. */
	for (i = nr_areas; i > 0 && by_number[i - 1]->number > n; i--)
		by_number[i] = by_number[i - 1];
	by_number[i] = a;
	nr_areas++;
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
	nr_areas = 0;
	by_number[0] = &no_area;
	last_area = &no_area;
}

void page_alloc_get_stats(unsigned int mask, struct page_alloc_stats *st)
{
	struct list_head *node;
	unsigned int i, k;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < nr_areas; i++) {
		struct mem_area *a = &areas[i];

		if (mask && !(mask & (1U << a->number)))
			continue;
		spin_lock(&a->lock);
		st->usable += a->top - a->base;
		st->metadata += a->base - a->meta_pfn;
		st->reserved += a->nr_reserved;
		for (k = 0; k < NLISTS; k++) {
			list_for_each(node, &a->lists[k]) {
				st->free_blocks[k]++;
				st->free += 1UL << k;
			}
		}
		spin_unlock(&a->lock);
	}
}

#define VIOLATION(...)	({ printf("page_alloc_check: " __VA_ARGS__); printf("\n"); errors++; })

/* Check the freshness records below the mixed node (p, j); return the number of violations. */
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

static int check_area(struct mem_area *a)
{
	unsigned long counted[NLISTS] = { 0 }, nfree = 0, nalloc = 0, nres = 0, p, q;
	int errors = 0;
	unsigned int k;

	for (p = a->base; p < a->top; p += 1UL << k) {
		u8 b = a->meta[p - a->base];

		k = b & PS_ORDER;
		if (!(b & PS_STATUS)) {
			VIOLATION("area %u: page %#lx should be a block head, byte %#x", a->number, pfn_addr(p), b);
			return errors;
		}
		if (p & ((1UL << k) - 1) || p + (1UL << k) > a->top || p + (1UL << k) < p) {
			VIOLATION("area %u: block %#lx of order %u is misaligned or overruns the area",
				  a->number, pfn_addr(p), k);
			return errors;
		}
		for (q = p + 1; q < p + (1UL << k); q++) {
			if (a->meta[q - a->base])
				VIOLATION("area %u: page %#lx inside block %#lx of order %u has byte %#x",
					  a->number, pfn_addr(q), pfn_addr(p), k, a->meta[q - a->base]);
		}
		switch (b & PS_STATUS) {
		case PS_FREE:
			nfree += 1UL << k;
			counted[k]++;
			q = p ^ (1UL << k);
			if (q >= a->base && q < a->top && a->meta[q - a->base] == (PS_FREE | k))
				VIOLATION("area %u: free block %#lx and its buddy %#lx of order %u are not merged",
					  a->number, pfn_addr(p), pfn_addr(q), k);
			if (fblock(p)->state == NODE_MIXED)
				errors += check_mixed(p, k);
			break;
		case PS_ALLOC:
			nalloc += 1UL << k;
			break;
		default:
			nres += 1UL << k;
		}
	}
	for (k = 0; k < NLISTS; k++) {
		struct list_head *node;
		unsigned long n = 0;

		list_for_each(node, &a->lists[k]) {
			p = virt_to_pfn(node);
			if (++n > counted[k]) {
				VIOLATION("area %u: list %u has more entries than the %lu free blocks of its order",
					  a->number, k, counted[k]);
				break;
			}
			if (p < a->base || p >= a->top || a->meta[p - a->base] != (PS_FREE | k)) {
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
	if (a->free_inside != free_inside_of(a))
		VIOLATION("area %u: free_inside %#x does not match the alignment of its ends", a->number,
			  a->free_inside);
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
