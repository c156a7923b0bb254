/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz_ops.c - one fuzz input = an area layout and a sequence of alloc,
 * memalign, free, reserve and unreserve on it. A shadow of every page
 * (owner, reserved, ever handed out) predicts each result exactly: where a
 * block may come from, whether NULL or -1 is right, what FLAG_FRESH may
 * return. page_alloc_check() runs after every operation; freeing
 * everything at the end must give back the initial blocks. Any mismatch
 * aborts, which libFuzzer reports as a crash with the input that caused it.
 */
#include "libcflat.h"
#include "bitops.h"
#include "string.h"
#include "alloc_page.h"
#include "host.h"

#define SLOT_PAGES	4096
#define NSLOTS		3
#define ARENA_PAGES	(SLOT_PAGES * NSLOTS)
#define MAX_LIVE	256
#define MAX_RES		64
#define MAX_OPS		4000

struct input {
	const u8 *data;
	size_t size, pos;
};

struct area_shape {
	unsigned long start, meta_end, end;	/* arena page indexes */
	unsigned int number;
};

struct live {
	unsigned long page;
	unsigned int order;
};

struct res {
	unsigned long page, npages;
};

static char *arena;
static unsigned long arena_pfn;
static struct area_shape shapes[NSLOTS];
static unsigned int nr_shapes;
static u16 owner[ARENA_PAGES];		/* 1 + index into live, 0: not allocated */
static u8 reserved[ARENA_PAGES], handed[ARENA_PAGES];
static struct live live[MAX_LIVE];
static unsigned int nr_live;
static struct res res[MAX_RES];
static unsigned int nr_res;

/* abort() flushes the output; libFuzzer reports the exit as a crash and keeps the input. */
#define FAIL(...)	do { printf("alloc_fuzz: " __VA_ARGS__); printf("\n"); abort(); } while (0)

static bool more(struct input *in)
{
	return in->pos < in->size;
}

static unsigned int byte(struct input *in)
{
	return in->pos < in->size ? in->data[in->pos++] : 0;
}

static unsigned int word(struct input *in)
{
	return byte(in) | byte(in) << 8;
}

static int shape_of(unsigned long page)
{
	unsigned int i;

	for (i = 0; i < nr_shapes; i++) {
		if (page >= shapes[i].meta_end && page < shapes[i].end)
			return i;
	}
	return -1;
}

static bool page_free(unsigned long page)
{
	return shape_of(page) >= 0 && !owner[page] && !reserved[page];
}

static bool allowed(int s, unsigned int mask)
{
	return s >= 0 && (!mask || (mask & (1U << shapes[s].number)));
}

/* Is there an aligned range of 2^order free (and, if fresh, never used) pages in the allowed areas? */
static bool room_for(unsigned int order, unsigned int mask, bool fresh)
{
	unsigned long n = 1UL << order, p, q;

	for (p = (n - arena_pfn % n) % n; p + n <= ARENA_PAGES; p += n) {
		int s = shape_of(p);

		if (!allowed(s, mask) || shape_of(p + n - 1) != s)
			continue;
		for (q = p; q < p + n && page_free(q) && !(fresh && handed[q]); q++)
			;
		if (q == p + n)
			return true;
	}
	return false;
}

static void layout(struct input *in)
{
	unsigned int i, n = 1 + byte(in) % NSLOTS;
	unsigned long meta;

	page_alloc_reset();
	nr_shapes = nr_live = nr_res = 0;
	memset(owner, 0, sizeof(owner));
	memset(reserved, 0, sizeof(reserved));
	memset(handed, 0, sizeof(handed));
	for (i = 0; i < n; i++) {
		struct area_shape *s = &shapes[nr_shapes++];
		unsigned long size = 2 + word(in) % (SLOT_PAGES - 1024 - 2);

		s->start = i * SLOT_PAGES + word(in) % 1024;
		s->end = s->start + size;
		s->number = byte(in) % MAX_AREAS;
		meta = DIV_ROUND_UP(size, PAGE_SIZE + 1);
		s->meta_end = s->start + meta;
		page_alloc_init_area(s->number, arena_pfn + s->start, arena_pfn + s->end);
	}
}

static void got_block(void *p, unsigned int order, unsigned int align_order, unsigned int flags)
{
	unsigned long page = virt_to_pfn(p) - arena_pfn, n = 1UL << order, q;
	int s = shape_of(page);

	if (virt_to_pfn(p) & ((1UL << MAX(order, align_order)) - 1))
		FAIL("block %p of order %u is not aligned to order %u", p, order, MAX(order, align_order));
	if (!allowed(s, flags & AREA_MASK) || shape_of(page + n - 1) != s)
		FAIL("block %p of order %u is outside the allowed areas %#x", p, order, flags & AREA_MASK);
	for (q = page; q < page + n; q++) {
		if (owner[q] || reserved[q])
			FAIL("block %p of order %u overlaps a block in use at page %lu", p, order, q);
		if ((flags & FLAG_FRESH) && handed[q])
			FAIL("FLAG_FRESH block %p holds page %lu, handed out before", p, q);
	}
	if (!(flags & FLAG_DONTZERO)) {
		for (q = 0; q < n * PAGE_SIZE / sizeof(long); q++) {
			if (((long *)p)[q])
				FAIL("block %p of order %u is not zeroed", p, order);
		}
	}
	live[nr_live] = (struct live){ page, order };
	for (q = page; q < page + n; q++) {
		owner[q] = nr_live + 1;
		handed[q] = 1;
	}
	nr_live++;
	/* Dirty the block, so that zeroing and headers are really tested. */
	memset(p, 0xa5, 64);
}

static void drop_live(unsigned int i)
{
	unsigned long q;

	free_pages(pfn_to_virt(arena_pfn + live[i].page));
	for (q = live[i].page; q < live[i].page + (1UL << live[i].order); q++)
		owner[q] = 0;
	live[i] = live[--nr_live];
	for (q = live[i].page; i < nr_live && q < live[i].page + (1UL << live[i].order); q++)
		owner[q] = i + 1;
}

static unsigned int random_flags(struct input *in)
{
	unsigned int b = byte(in), mask = 0, i;

	for (i = 0; i < nr_shapes; i++) {
		if (b & (1U << i))
			mask |= 1U << shapes[i].number;
	}
	if (b & 0x40)
		mask = AREA_ANY;
	return mask | (b & 0x80 ? FLAG_DONTZERO : 0) | ((b & 0x38) == 0x38 ? FLAG_FRESH : 0);
}

static void op_alloc(struct input *in, bool aligned)
{
	unsigned int flags = random_flags(in), order, align_order = 0;
	void *p;

	if (aligned) {
		size_t size = 1 + word(in) * 7;

		align_order = byte(in) % 10;
		order = get_order(DIV_ROUND_UP(size, PAGE_SIZE));
		p = memalign_pages_flags(PAGE_SIZE << align_order, size, flags);
	} else {
		order = byte(in) % 8;
		p = alloc_pages_flags(order, flags);
	}
	if (!p) {
		if (room_for(MAX(order, align_order), flags & AREA_MASK, flags & FLAG_FRESH))
			FAIL("NULL for order %u (alignment order %u, flags %#x) with room for it", order, align_order,
			     flags);
		return;
	}
	if (nr_live == MAX_LIVE) {
		free_pages(p);
		return;
	}
	got_block(p, order, align_order, flags);
}

static void op_reserve(struct input *in)
{
	unsigned long page = word(in) % ARENA_PAGES, n = 1 + byte(in) % 64, q;
	bool can = page + n <= ARENA_PAGES;
	int ret;

	for (q = page; can && q < page + n; q++)
		can = page_free(q);
	ret = reserve_pages((phys_addr_t)(arena_pfn + page) << PAGE_SHIFT, n);
	if (ret != (can ? 0 : -1))
		FAIL("reserve_pages of %lu pages at page %lu returned %d", n, page, ret);
	if (ret || nr_res == MAX_RES) {
		if (!ret)
			unreserve_pages((phys_addr_t)(arena_pfn + page) << PAGE_SHIFT, n);
		return;
	}
	for (q = page; q < page + n; q++)
		reserved[q] = handed[q] = 1;
	res[nr_res++] = (struct res){ page, n };
}

/* Give back part of a reserved range, leaving up to two ranges. */
static void op_unreserve(struct input *in)
{
	struct res *r;
	unsigned long off, n, q;

	if (!nr_res)
		return;
	r = &res[byte(in) % nr_res];
	off = byte(in) % r->npages;
	n = 1 + byte(in) % (r->npages - off);
	unreserve_pages((phys_addr_t)(arena_pfn + r->page + off) << PAGE_SHIFT, n);
	for (q = r->page + off; q < r->page + off + n; q++)
		reserved[q] = 0;
	if (off + n < r->npages && nr_res < MAX_RES) {
		res[nr_res++] = (struct res){ r->page + off + n, r->npages - off - n };
	} else if (off + n < r->npages) {
		unreserve_pages((phys_addr_t)(arena_pfn + r->page + off + n) << PAGE_SHIFT, r->npages - off - n);
		memset(&reserved[r->page + off + n], 0, r->npages - off - n);
	}
	r->npages = off;
	if (!off)
		*r = res[--nr_res];
}

unsigned long fuzz_one(const u8 *data, size_t size)
{
	struct input in = { data, size, 0 };
	struct page_alloc_stats before, after;
	unsigned long ops = 0;

	if (!arena) {
		arena = host_map(ARENA_PAGES * PAGE_SIZE, ARENA_PAGES * PAGE_SIZE / NSLOTS * 4);
		arena_pfn = virt_to_pfn(arena);
	}
	layout(&in);
	page_alloc_get_stats(AREA_ANY, &before);
	while (more(&in) && ops < MAX_OPS) {
		switch (byte(&in) % 8) {
		case 0:
		case 1:
			op_alloc(&in, false);
			break;
		case 2:
			op_alloc(&in, true);
			break;
		case 3:
		case 4:
			if (nr_live)
				drop_live(byte(&in) % nr_live);
			break;
		case 5:
			op_reserve(&in);
			break;
		case 6:
			op_unreserve(&in);
			break;
		default:
			page_alloc_get_stats(AREA_ANY, &after);
			if (after.free + after.reserved > before.free || after.reserved > before.free)
				FAIL("stats: %lu free, %lu reserved of %lu", after.free, after.reserved, before.free);
		}
		ops++;
		if (page_alloc_check())
			FAIL("invariant violated after operation %lu", ops);
	}
	while (nr_live)
		drop_live(nr_live - 1);
	while (nr_res) {
		nr_res--;
		unreserve_pages((phys_addr_t)(arena_pfn + res[nr_res].page) << PAGE_SHIFT, res[nr_res].npages);
	}
	page_alloc_get_stats(AREA_ANY, &after);
	if (memcmp(before.free_blocks, after.free_blocks, sizeof(before.free_blocks)) || page_alloc_check())
		FAIL("everything freed, but the initial blocks are not back");
	return ops;
}
