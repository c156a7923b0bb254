/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc.c - the page allocator and malloc inside a guest, the same source
 * on every arch: alignment of every order, memalign with odd sizes, 2 MiB
 * aligned single pages with no waste, zeroing, FLAG_FRESH, each memory
 * area of the arch, reserve/unreserve, malloc and friends up to 100 MiB,
 * and exhaustion of all memory in single pages followed by frees in random
 * order and full coalescing. The invariant checker runs after each part.
 *
 * Run with more than 4 GiB of RAM (-m 5G) to reach x86's AREA_HIGH.
 *
 * misuse=WHAT instead commits one misuse, which must abort the test
 * (status 64) with a message naming the function, the address and what is
 * wrong: double-free, double-free-merged, inside-block, outside-area,
 * misaligned, bad-alignment, order, free-reserved,
 * unreserve-allocated, malloc-double-free, malloc-inside. These runs fail
 * on purpose, so they are not in unittests.cfg: the framework's own suite
 * (tests/x86-run/run.sh) checks them.
 */
#include "libcflat.h"
#include "bitops.h"
#include "string.h"
#include "alloc.h"
#include "alloc_page.h"
#include "rand.h"

static u64 rng = 0x2545f4914f6cdd1dULL;

static u64 rnd(void)
{
	return xorshift64(&rng);
}

static void check(const char *when)
{
	report(page_alloc_check() == 0, "invariants hold %s", when);
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned long *w = p;
	size_t i;

	for (i = 0; i < n / sizeof(long); i++) {
		if (w[i])
			return false;
	}
	return true;
}

static bool same_free_blocks(const struct page_alloc_stats *a, const struct page_alloc_stats *b)
{
	return a->free == b->free && !memcmp(a->free_blocks, b->free_blocks, sizeof(a->free_blocks));
}

static void test_orders(void)
{
	bool aligned = true, zeroed = true;
	void *p[11];
	unsigned int o;

	report_prefix_push("orders");
	for (o = 0; o <= 10; o++) {
		p[o] = alloc_pages(o);
		aligned &= p[o] && IS_ALIGNED(virt_to_phys(p[o]), PAGE_SIZE << o);
		if (p[o]) {
			zeroed &= all_zero(p[o], PAGE_SIZE << o);
			memset(p[o], 0xff, PAGE_SIZE << o);
		}
	}
	report(aligned, "orders 0..10 aligned to their size");
	report(zeroed, "and zeroed");
	for (o = 0; o <= 10; o++)
		free_pages(p[o]);
	check("after orders 0..10");
	report_prefix_pop();
}

static void test_memalign(void)
{
	static const size_t sizes[] = { 1, 4095, 4097, 3 * 4096 + 1, 5 * 4096, 100000 };
	struct page_alloc_stats before, after;
	void *p[100];
	bool ok = true;
	unsigned int i, a;

	report_prefix_push("memalign");
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (a = 12; a <= 21; a += 3) {
			void *q = memalign_pages(1UL << a, sizes[i]);

			ok &= q && IS_ALIGNED(virt_to_phys(q), 1UL << a);
			if (q) {
				memset(q, 1, sizes[i]);
				free_pages(q);
			}
		}
	}
	report(ok, "odd sizes, alignments 4K..2M");

	page_alloc_get_stats(AREA_ANY, &before);
	ok = true;
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		p[i] = memalign_pages(SZ_2M, PAGE_SIZE);
		ok &= p[i] && IS_ALIGNED(virt_to_phys(p[i]), SZ_2M);
	}
	page_alloc_get_stats(AREA_ANY, &after);
	report(ok && before.free - after.free == ARRAY_SIZE(p), "100 x memalign_pages(2M, 4K): %lu pages used",
	       before.free - after.free);
	for (i = 0; i < ARRAY_SIZE(p); i++)
		free_pages(p[i]);
	page_alloc_get_stats(AREA_ANY, &after);
	report(same_free_blocks(&before, &after), "freed: the same free blocks as before");
	check("after memalign");
	report_prefix_pop();
}

static void test_zeroing_fresh(void)
{
	char *p, *q;

	report_prefix_push("zeroing");
	p = alloc_pages(1);
	memset(p, 0x77, 2 * PAGE_SIZE);
	free_pages(p);
	q = alloc_pages(1);
	report(all_zero(q, 2 * PAGE_SIZE), "a block comes back zeroed%s", q == p ? " (the same block)" : "");
	free_pages(q);
	q = alloc_pages_flags(0, FLAG_FRESH);
	report(q && q != p && q != p + PAGE_SIZE, "FLAG_FRESH gives a page never handed out");
	free_pages(q);
	check("after zeroing");
	report_prefix_pop();
}

/* Each area the arch defines: its memory lies within its bounds, or the machine has none of it. */
static void test_areas(void)
{
	static const u64 first_pfn[MAX_AREAS] = AREA_FIRST_PFNS;
	unsigned int n;

	report_prefix_push("areas");
	for (n = 0; n < MAX_AREAS; n++) {
		u64 lo = first_pfn[n], hi = n ? first_pfn[n - 1] : ~0ULL;
		struct page_alloc_stats st;
		void *p;

		page_alloc_get_stats(1U << n, &st);
		p = alloc_pages_area(1U << n, 0);
		if (!st.usable) {
			report(!p, "area %u has no memory here and gives none", n);
			continue;
		}
		report(p && virt_to_pfn(p) >= lo && virt_to_pfn(p) < hi,
		       "area %u: %#lx within frames [%#" PRIx64 ", %#" PRIx64 "), %lu pages", n,
		       (unsigned long)virt_to_phys(p), lo, hi, st.usable);
		free_pages(p);
	}
#ifdef AREA_HIGH_NUMBER
	{
		struct page_alloc_stats st;

		page_alloc_get_stats(AREA_HIGH, &st);
		if (!st.usable)
			report_skip("no memory above 4 GiB: run with -m 5G to test AREA_HIGH");
	}
#endif
#ifdef AREA_DMA32
	{
		void *p = alloc_pages_area(AREA_DMA32, 4);

		report(p && virt_to_phys(p) + 16 * PAGE_SIZE <= (1ULL << 32), "AREA_DMA32 memory is below 4 GiB");
		free_pages(p);
	}
#endif
	check("after areas");
	report_prefix_pop();
}

static void test_reserve(void)
{
	struct page_alloc_stats before, after;
	phys_addr_t r;
	bool ok = true;
	char *p;
	int i;

	report_prefix_push("reserve");
	p = alloc_pages(5);
	free_pages(p);
	r = virt_to_phys(p);
	page_alloc_get_stats(AREA_ANY, &before);
	report(reserve_pages(r, 32) == 0, "32 free pages reserved");
	report(reserve_pages(r + 31 * PAGE_SIZE, 2) == -1, "a range with a reserved page: -1");
	for (i = 0; i < 64; i++) {
		char *q = alloc_page();

		ok &= virt_to_phys(q) < r || virt_to_phys(q) >= r + 32 * PAGE_SIZE;
		free_page(q);
	}
	report(ok, "reserved pages are not handed out");
	unreserve_pages(r + 8 * PAGE_SIZE, 8);
	unreserve_pages(r, 8);
	unreserve_pages(r + 16 * PAGE_SIZE, 16);
	page_alloc_get_stats(AREA_ANY, &after);
	report(same_free_blocks(&before, &after) && !after.reserved, "unreserved in three parts: all merged back");
	check("after reserve");
	report_prefix_pop();
}

static void test_malloc(void)
{
	struct page_alloc_stats before, after;
	void *v[1000];
	bool ok = true;
	char *big;
	int i;

	report_prefix_push("malloc");
	page_alloc_get_stats(AREA_ANY, &before);
	for (i = 0; i < 1000; i++) {
		v[i] = malloc(1 + i % 300);
		ok &= v[i] && IS_ALIGNED((uintptr_t)v[i], MALLOC_ALIGN);
		if (v[i])
			memset(v[i], i, 1 + i % 300);
	}
	page_alloc_get_stats(AREA_ANY, &after);
	report(ok, "1000 small mallocs, aligned");
	report(before.free - after.free < 100, "in %lu pages", before.free - after.free);
	for (i = 0; i < 1000; i++)
		free(v[i]);
	big = calloc(3, 1000);
	report(big && all_zero(big, 3000), "calloc zeroes");
	free(big);
	report(!calloc(SIZE_MAX / 4, 8), "calloc overflow: NULL");
	big = memalign(SZ_64K, 300);
	report(big && IS_ALIGNED((uintptr_t)big, SZ_64K), "memalign(64K, 300)");
	free(big);
	page_alloc_get_stats(AREA_ANY, &after);
	if (after.free < (128UL << 20) / PAGE_SIZE * 2) {
		report_skip("less than 256 MiB free: no 100 MiB blocks");
	} else {
		char *a = malloc(100UL << 20), *b = calloc(1, 100UL << 20);

		report(a && b, "two 100 MiB blocks");
		report(b && all_zero(b, 100UL << 20), "the calloc'ed one is zeroed");
		if (a)
			memset(a, 0x11, 100UL << 20);
		free(a);
		free(b);
	}
	check("after malloc");
	report_prefix_pop();
}

/*
 * Every free page, singly, chained through the pages themselves; then
 * frees in random order, and everything must merge back.
 */
static void test_exhaustion(void)
{
	struct page_alloc_stats before, after;
	void **head = NULL, **p, **next, **kept = NULL;
	unsigned long n = 0;

	report_prefix_push("exhaustion");
	page_alloc_get_stats(AREA_ANY, &before);
	while ((p = alloc_pages_flags(0, FLAG_DONTZERO))) {
		*p = head;
		head = p;
		n++;
	}
	report(n == before.free, "all %lu free pages handed out singly", n);
	page_alloc_get_stats(AREA_ANY, &after);
	report(after.free == 0 && !alloc_page(), "nothing left");
	check("with all memory allocated");
	for (p = head; p; p = next) {
		next = *p;
		if (rnd() & 1) {
			free_page(p);
		} else {
			*p = kept;
			kept = p;
		}
	}
	check("with half the pages freed at random");
	for (p = kept; p; p = next) {
		next = *p;
		free_page(p);
	}
	page_alloc_get_stats(AREA_ANY, &after);
	report(same_free_blocks(&before, &after), "all freed: fully coalesced");
	check("after exhaustion");
	report_prefix_pop();
}

/* Image memory: RAM, but never given to the page allocator. */
static char not_ours[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* Print the pointer first, so that the suite can check that the message names it. */
static void *announce(void *p)
{
	printf("misuse: p=%#lx\n", (unsigned long)p);
	return p;
}

static void commit_misuse(const char *what)
{
	char *p, *q;

	if (!strcmp(what, "double-free")) {
		/*
		 * Its buddy reserved (or already in use) cannot merge with it,
		 * so that p is a free block of order 0 when freed again,
		 * wherever the image happens to end.
		 */
		p = announce(alloc_page());
		reserve_pages(virt_to_phys((void *)((uintptr_t)p ^ PAGE_SIZE)), 1);
		free_page(p);
		free_page(p);
	} else if (!strcmp(what, "double-free-merged")) {
		/* Two buddies: once both are free they are one block, and q is inside it. */
		p = alloc_pages(1);
		q = announce(p + PAGE_SIZE);
		free_pages(p);
		free_pages(q);
	} else if (!strcmp(what, "inside-block")) {
		p = alloc_pages(3);
		free_pages(announce(p + 5 * PAGE_SIZE));
	} else if (!strcmp(what, "outside-area")) {
		free_pages(announce(not_ours));
	} else if (!strcmp(what, "misaligned")) {
		p = alloc_page();
		free_pages(announce(p + 8));
	} else if (!strcmp(what, "bad-alignment")) {
		memalign_pages(3 * PAGE_SIZE, PAGE_SIZE);
	} else if (!strcmp(what, "order")) {
		alloc_pages(NLISTS);
	} else if (!strcmp(what, "free-reserved")) {
		p = announce(alloc_page());
		free_page(p);
		if (reserve_pages(virt_to_phys(p), 1))
			report_abort("cannot reserve the page just freed");
		free_page(p);
	} else if (!strcmp(what, "unreserve-allocated")) {
		p = announce(alloc_page());
		unreserve_pages(virt_to_phys(p), 1);
	} else if (!strcmp(what, "malloc-double-free")) {
		p = announce(malloc(24));
		free(p);
		free(p);
	} else if (!strcmp(what, "malloc-inside")) {
		p = malloc(64);
		free(announce(p + 16));
	} else {
		report_abort("misuse=%s: unknown (see the comment at the top of common/alloc.c)", what);
	}
	report_fail("misuse=%s was not caught", what);
}

int main(int argc, char **argv)
{
	int i;

	report_prefix_push("alloc");
	if (!page_alloc_initialized())
		report_abort("the page allocator was not set up before main");
	for (i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "misuse=", 7)) {
			commit_misuse(argv[i] + 7);
			return report_summary();
		}
	}
	check("at start");
	test_orders();
	test_memalign();
	test_zeroing_fresh();
	test_areas();
	test_reserve();
	test_malloc();
	test_exhaustion();
	return report_summary();
}
