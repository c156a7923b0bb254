/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc_test.c - host unit tests of the page allocator, the early allocator
 * and malloc: every API function and every misuse path, on areas carved out
 * of a large lazily backed host arena, with page_alloc_check() after each
 * step that changes the allocator.
 */
#include "libcflat.h"
#include "bitops.h"
#include "string.h"
#include "alloc.h"
#include "alloc_page.h"
#include "alloc_phys.h"
#include "host.h"
#include "rand.h"

#define ARENA_SIZE	(4UL << 30)
/* Pages of a 2^n-page range that hold its metadata. */
/* A free order-1 head, as alloc_page.c encodes it. */
#define PS_FREE_1	0x41
#define META(n)		DIV_ROUND_UP(n, PAGE_SIZE + 1)

static char *arena;
static u64 rng_state;

static u64 rnd(void)
{
	return xorshift64(&rng_state);
}

static unsigned long pfn_of(const char *p)
{
	return virt_to_pfn(p);
}

static void check(const char *when)
{
	report(page_alloc_check() == 0, "invariants hold %s", when);
}

/* One area n over [arena + off, arena + off + size). */
static void add_area(u8 n, unsigned long off, unsigned long size)
{
	page_alloc_init_area(n, pfn_of(arena + off), pfn_of(arena + off + size));
}

static void fresh_allocator(unsigned long size)
{
	page_alloc_reset();
	add_area(AREA_NORMAL_NUMBER, 0, size);
}

static bool same_blocks(const struct page_alloc_stats *a, const struct page_alloc_stats *b)
{
	return !memcmp(a->free_blocks, b->free_blocks, sizeof(a->free_blocks)) && a->free == b->free;
}

static bool all_zero(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i])
			return false;
	}
	return true;
}

static void test_init(void)
{
	struct page_alloc_stats st;
	unsigned long n = 2048, m = META(n), k;
	bool ok = true;

	report_prefix_push("init");
	fresh_allocator(n * PAGE_SIZE);
	report(page_alloc_initialized(), "initialized");
	page_alloc_get_stats(AREA_ANY, &st);
	report(st.metadata == m && st.usable == n - m && st.free == n - m && !st.reserved,
	       "%lu metadata pages, %lu usable, all free", st.metadata, st.usable);
	/* Usable pages start after one metadata page: blocks of order 0, 1, ... 10. */
	for (k = 0; k < NLISTS; k++)
		ok &= st.free_blocks[k] == (k < 11 ? 1 : 0);
	report(ok, "the usable range is tiled by the largest aligned blocks");
	check("after init");
	page_alloc_reset();
	report(!page_alloc_initialized(), "reset forgets the areas");
	report_prefix_pop();
}

static void test_orders(void)
{
	void *p[11];
	bool aligned = true, zero = true;
	unsigned int o;

	report_prefix_push("orders");
	fresh_allocator(16UL << 20);
	for (o = 0; o <= 10; o++) {
		p[o] = alloc_pages(o);
		aligned &= p[o] && IS_ALIGNED((uintptr_t)p[o], PAGE_SIZE << o);
		if (p[o]) {
			zero &= all_zero(p[o], PAGE_SIZE << o);
			memset(p[o], 0x5a, PAGE_SIZE << o);
		}
	}
	report(aligned, "alloc_pages(0..10) aligned to their size");
	report(zero, "and zeroed");
	check("with blocks of orders 0..10 allocated");
	for (o = 0; o <= 10; o++)
		free_pages_by_order(p[o], o);
	check("after freeing them");
	report(alloc_pages(NLISTS - 1) == NULL, "an order larger than the memory gives NULL");
	report_prefix_pop();
}

static void test_memalign(void)
{
	static const size_t sizes[] = { 1, 100, 4095, 4096, 4097, 3 * 4096 + 5, 65536, 1 << 20 };
	struct page_alloc_stats before, after;
	void *p[100];
	bool ok = true;
	unsigned int i, j;

	report_prefix_push("memalign");
	/* 100 2-MiB aligned pages need 100 distinct 2-MiB blocks. */
	fresh_allocator(512UL << 20);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (j = 12; j <= 22; j += 5) {
			char *q = memalign_pages(1UL << j, sizes[i]);

			ok &= q && IS_ALIGNED((uintptr_t)q, 1UL << j) && all_zero(q, sizes[i]);
			if (q) {
				memset(q, 1, sizes[i]);
				free_pages(q);
			}
		}
	}
	report(ok, "odd sizes with alignments 4K, 128K, 4M");
	report(memalign_pages(PAGE_SIZE, 0) == NULL, "size 0 gives NULL");

	page_alloc_get_stats(AREA_ANY, &before);
	for (i = 0; i < 100; i++) {
		p[i] = memalign_pages(SZ_2M, PAGE_SIZE);
		ok &= p[i] && IS_ALIGNED((uintptr_t)p[i], SZ_2M);
	}
	page_alloc_get_stats(AREA_ANY, &after);
	report(ok && before.free - after.free == 100, "100 x memalign(2M, 4K): aligned, %lu pages used",
	       before.free - after.free);
	for (i = 0; i < 100; i++)
		free_pages(p[i]);
	page_alloc_get_stats(AREA_ANY, &after);
	report(same_blocks(&before, &after), "freed, the initial blocks are back");
	check("after memalign");
	report_prefix_pop();
}

static void shuffle(void **v, unsigned long n)
{
	unsigned long i;

	for (i = n - 1; i > 0; i--) {
		unsigned long j = rnd() % (i + 1);
		void *t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}

static void test_exhaustion(void)
{
	static void *pages[16384];
	struct page_alloc_stats before, after;
	unsigned long n = 0, i;
	bool distinct = true;

	report_prefix_push("exhaustion");
	fresh_allocator(16384 * PAGE_SIZE);
	page_alloc_get_stats(AREA_ANY, &before);
	while (n < ARRAY_SIZE(pages) && (pages[n] = alloc_pages_flags(0, FLAG_DONTZERO))) {
		*(unsigned long *)pages[n] = n + 1;
		n++;
	}
	report(n == before.usable, "every usable page handed out singly (%lu)", n);
	for (i = 0; i < n; i++)
		distinct &= *(unsigned long *)pages[i] == i + 1;
	report(distinct, "no page handed out twice");
	report(!alloc_page() && !memalign_pages(PAGE_SIZE, PAGE_SIZE), "then NULL");
	check("when full");
	shuffle(pages, n);
	for (i = 0; i < n / 2; i++)
		free_page(pages[i]);
	check("half freed in random order");
	for (; i < n; i++)
		free_page(pages[i]);
	page_alloc_get_stats(AREA_ANY, &after);
	report(same_blocks(&before, &after), "all freed: fully coalesced into the initial blocks");
	check("all freed");
	report_prefix_pop();
}

static void test_random_coalescing(void)
{
	static void *live[4096];
	struct page_alloc_stats before, after;
	unsigned long nlive = 0, i, ops;

	report_prefix_push("coalescing");
	fresh_allocator(256UL << 20);
	page_alloc_get_stats(AREA_ANY, &before);
	for (ops = 0; ops < 200000; ops++) {
		if (nlive && (rnd() & 1 || nlive == ARRAY_SIZE(live))) {
			i = rnd() % nlive;
			free_pages(live[i]);
			live[i] = live[--nlive];
		} else {
			void *p = rnd() & 3 ? alloc_pages_flags(rnd() % 11, FLAG_DONTZERO)
					    : memalign_pages_flags(PAGE_SIZE << (rnd() % 12), 1 + rnd() % SZ_1M,
								   FLAG_DONTZERO);
			if (p)
				live[nlive++] = p;
		}
		if (ops % 20000 == 0 && page_alloc_check())
			break;
	}
	report(ops == 200000, "200000 random operations with checks on the way");
	while (nlive)
		free_pages(live[--nlive]);
	page_alloc_get_stats(AREA_ANY, &after);
	report(same_blocks(&before, &after), "all freed: the initial blocks are back");
	check("after random operations");
	report_prefix_pop();
}

static void test_zeroing(void)
{
	char *p, *q;

	report_prefix_push("zeroing");
	fresh_allocator(4UL << 20);
	p = alloc_pages(2);
	memset(p, 0xaa, 4 * PAGE_SIZE);
	free_pages(p);
	q = alloc_pages(2);
	report(q == p && all_zero(q, 4 * PAGE_SIZE), "a reused block comes back zeroed");
	memset(q, 0xaa, 4 * PAGE_SIZE);
	free_pages(q);
	q = alloc_pages_flags(2, FLAG_DONTZERO);
	report(q == p && (u8)q[PAGE_SIZE + 100] == 0xaa, "FLAG_DONTZERO leaves it as it was");
	free_pages(q);
	report_prefix_pop();
}

static void test_fresh(void)
{
	static u8 handed[1024];
	unsigned long n = 1024, base = pfn_of(arena) + META(n), usable = n - META(n), i, count = 0, used = 0;
	bool never = true;
	void *p;

	report_prefix_push("fresh");
	fresh_allocator(n * PAGE_SIZE);
	memset(handed, 0, sizeof(handed));
	/* Hand out and give back a scattering of blocks, so that fresh and used memory merge. */
	for (i = 0; i < 40; i++) {
		unsigned int o = rnd() % 4;
		char *q = alloc_pages_flags(o, FLAG_DONTZERO);
		unsigned long k;

		for (k = 0; k < (1UL << o); k++)
			used += !handed[pfn_of(q) - base + k]++;
		if (rnd() & 1)
			free_pages(q);
	}
	check("after used and fresh memory merged");
	while ((p = alloc_pages_flags(0, FLAG_FRESH))) {
		never &= !handed[pfn_of(p) - base];
		handed[pfn_of(p) - base] = 1;
		count++;
	}
	report(never, "FLAG_FRESH never returns a page handed out before");
	report(count == usable - used, "and finds every fresh page (%lu of %lu)", count, usable - used);
	check("after fresh exhaustion");
	report_prefix_pop();
}

static void test_areas(void)
{
	unsigned long size = 1UL << 20, i;
	char *p;
	bool ok = true;

	report_prefix_push("areas");
	page_alloc_reset();
	/* Numbers as on x86: 0 is the highest memory. */
	add_area(3, 0 * size, size);
	add_area(2, 1 * size, size);
	add_area(1, 2 * size, size);
	add_area(0, 3 * size, size);
	for (i = 0; i < 4; i++) {
		p = alloc_pages_area(1 << i, 0);
		ok &= p >= arena + (3 - i) * size && p < arena + (4 - i) * size;
		free_page(p);
	}
	report(ok, "a mask of one area gives memory of that area");
	p = alloc_page();
	report(p >= arena + 3 * size, "AREA_ANY tries the highest area first");
	free_page(p);
	ok = true;
	while ((p = alloc_pages_area(AREA_HIGH | AREA_LOW, 0)))
		ok &= p >= arena + size && p < arena + 3 * size;
	report(ok, "a mask of two areas never strays outside them, down to exhaustion");
	p = alloc_page();
	report(p >= arena + 3 * size, "other areas still have memory");
	ok = true;
	while ((p = alloc_page()))
		ok &= p < arena + size || p >= arena + 3 * size;
	report(ok, "AREA_ANY falls through to the remaining areas");
	check("with four areas exhausted");
	report_prefix_pop();
}

static void test_reserve(void)
{
	unsigned long n = 4096, base = pfn_of(arena) + META(n);
	phys_addr_t r = (phys_addr_t)(base + 37) << PAGE_SHIFT;
	struct page_alloc_stats before, mid, after;
	bool ok = true;
	char *p, *q;

	report_prefix_push("reserve");
	fresh_allocator(n * PAGE_SIZE);
	page_alloc_get_stats(AREA_ANY, &before);
	report(reserve_pages(r, 300) == 0, "300 never used pages, across block boundaries");
	page_alloc_get_stats(AREA_ANY, &mid);
	report(mid.reserved == 300 && mid.free == before.free - 300, "300 pages reserved");
	check("after reserve");
	report(reserve_pages(r + 299 * PAGE_SIZE, 2) == -1, "overlapping a reserved page: -1");
	p = alloc_page();
	report(reserve_pages(virt_to_phys(p) - PAGE_SIZE, 3) == -1, "a range with an allocated page: -1");
	page_alloc_get_stats(AREA_ANY, &after);
	report(after.reserved == 300 && after.free == mid.free - 1, "and nothing changed");
	free_page(p);
	report(reserve_pages(virt_to_phys(p), 1) == 0, "a page freed earlier");
	unreserve_pages(virt_to_phys(p), 1);
	report(reserve_pages((phys_addr_t)(pfn_of(arena) - 10) << PAGE_SHIFT, 1) == -1, "outside every area: -1");
	while ((q = alloc_page()))
		ok &= virt_to_phys(q) < r || virt_to_phys(q) >= r + 300 * PAGE_SIZE;
	report(ok, "no reserved page is handed out");
	fresh_allocator(n * PAGE_SIZE);
	reserve_pages(r, 300);
	unreserve_pages(r + 100 * PAGE_SIZE, 50);
	check("after unreserving the middle");
	unreserve_pages(r, 100);
	unreserve_pages(r + 150 * PAGE_SIZE, 150);
	page_alloc_get_stats(AREA_ANY, &after);
	report(same_blocks(&before, &after) && !after.reserved, "unreserved in three parts: initial blocks back");
	check("after unreserve");
	report_prefix_pop();
}

static void test_checker(void)
{
	unsigned long n = 2048;
	u8 *meta = (u8 *)arena;

	report_prefix_push("checker");
	fresh_allocator(n * PAGE_SIZE);
	/* Usable frame 5 of the arena is inside the order-2 block at frame 4: its byte must stay 0. */
	meta[5 - META(n)] = PS_FREE_1;
	report(page_alloc_check() > 0, "a stray head byte inside a block is found");
	meta[5 - META(n)] = 0;
	report(page_alloc_check() == 0, "and is gone once repaired");
	report_prefix_pop();
}

/* Misuse cases, each run in a child that must abort with its message. */
struct misuse {
	const char *name;
	void (*fn)(void *);
	const char *expect;
};

static void *misuse_ptr;

static void m_double_free(void *arg)
{
	void *p = alloc_page();

	free_page(p);
	misuse_ptr = p;
	free_page(p);
}

static void m_double_free_merged(void *arg)
{
	void *p, *q;

	alloc_page();
	p = alloc_page();
	q = alloc_page();
	/* q is p's upper buddy: once both are free, q is inside their merged block. */
	free_page(q);
	free_page(p);
	free_page(q);
}

static void m_inside(void *arg)
{
	char *p = alloc_pages(3);

	free_pages(p + 5 * PAGE_SIZE);
}

static void m_unaligned(void *arg)
{
	char *p = alloc_page();

	free_pages(p + 8);
}

static void m_outside(void *arg)
{
	free_pages(arena + ARENA_SIZE - SZ_1M);
}

static void m_metadata(void *arg)
{
	free_pages(arena);
}

static void m_reserved(void *arg)
{
	char *p = alloc_page();

	free_page(p);
	reserve_pages(virt_to_phys(p), 1);
	free_page(p);
}

static void m_align(void *arg)
{
	memalign_pages(3 * PAGE_SIZE, PAGE_SIZE);
}

static void m_malloc_align(void *arg)
{
	page_alloc_ops_enable();
	memalign(48, 16);
}

static void m_order(void *arg)
{
	alloc_pages(NLISTS);
}

static void m_overlap(void *arg)
{
	add_area(1, 4UL << 20, 8UL << 20);
}

static void m_small(void *arg)
{
	add_area(1, 64UL << 20, PAGE_SIZE);
}

static void m_unreserve(void *arg)
{
	char *p = alloc_page();

	unreserve_pages(virt_to_phys(p), 1);
}

static void m_malloc_double(void *arg)
{
	void *p;

	page_alloc_ops_enable();
	p = malloc(24);
	free(p);
	free(p);
}

static void m_malloc_inside(void *arg)
{
	char *p;

	page_alloc_ops_enable();
	p = malloc(64);
	free(p + 16);
}

static const struct misuse misuses[] = {
	{ "double free", m_double_free, "free_pages: %#lx: double free: the block of order 0 there is already free" },
	{ "double free, merged since", m_double_free_merged, "double free: the page is inside the free block" },
	{ "pointer inside a block", m_inside, "not the start of a block: the page is inside the allocated block" },
	{ "not page aligned", m_unaligned, "free_pages: 0x%*: not page aligned" },
	{ "outside every area", m_outside, "outside every area" },
	{ "into the metadata", m_metadata, "inside the metadata" },
	{ "free of a reserved page", m_reserved, "reserved (use unreserve_pages)" },
	{ "non-power-of-2 alignment", m_align, "memalign_pages_flags: alignment 0x3000 is not a power of 2" },
	{ "malloc's memalign, non-power-of-2", m_malloc_align, "memalign: alignment 0x30 is not a power of 2" },
	{ "order too large", m_order, "alloc_pages_flags: order 52 is beyond the largest possible (51)" },
	{ "overlapping areas", m_overlap, "page_alloc_init_area: 0x%*: frames" },
	{ "area too small", m_small, "too few to hold metadata" },
	{ "unreserve of a page not reserved", m_unreserve,
	  "unreserve_pages: 0x%*: not reserved: inside the allocated" },
	{ "malloc double free", m_malloc_double, "free: 0x%*: double free of a 32-byte object" },
	{ "free inside an object", m_malloc_inside, "free: 0x%*: not the start of an object" },
};

/* "%*" in a pattern matches any run of hex digits; "%#lx" is misuse_ptr. */
static bool matches(const char *out, const char *pattern)
{
	char want[256], *star;
	const char *at;

	if (strstr(pattern, "%#lx"))
		snprintf(want, sizeof(want), pattern, (unsigned long)misuse_ptr);
	else
		snprintf(want, sizeof(want), "%s", pattern);
	star = strstr(want, "%*");
	if (!star)
		return strstr(out, want) != NULL;
	*star = '\0';
	at = strstr(out, want);
	if (!at)
		return false;
	at += strlen(want);
	while ((*at >= '0' && *at <= '9') || (*at >= 'a' && *at <= 'f'))
		at++;
	return !strncmp(at, star + 2, strlen(star + 2));
}

static void test_misuse(void)
{
	static char out[4096];
	unsigned int i;

	report_prefix_push("misuse");
	for (i = 0; i < ARRAY_SIZE(misuses); i++) {
		int status;

		fresh_allocator(16UL << 20);
		misuse_ptr = NULL;
		/* The child's pointer is the parent's too: the same arena, the same allocator state. */
		if (misuses[i].fn == m_double_free) {
			misuse_ptr = alloc_page();
			free_page(misuse_ptr);
		}
		status = host_run_child(misuses[i].fn, NULL, out, sizeof(out));
		report(status == EXIT_ABORT && matches(out, misuses[i].expect), "%s: status %d", misuses[i].name,
		       status);
		if (status != EXIT_ABORT || !matches(out, misuses[i].expect))
			printf("  got: %s\n", out);
	}
	report_prefix_pop();
}

static void test_early(void)
{
	phys_addr_t base = virt_to_phys(arena + (3UL << 30)), ubase, utop;
	char *a, *b;

	report_prefix_push("early");
	page_alloc_reset();
	phys_alloc_init(base, SZ_1M);
	a = malloc(100);
	b = memalign(4096, 10);
	report(a && virt_to_phys(a) >= base && IS_ALIGNED((uintptr_t)a, MALLOC_ALIGN),
	       "malloc from the early allocator");
	report(b && IS_ALIGNED((uintptr_t)b, 4096) && b > a, "memalign too");
	report(!malloc(SZ_2M), "beyond its range: NULL");
	phys_alloc_get_unused(&ubase, &utop);
	report(ubase == virt_to_phys(b) + PAGE_SIZE && utop == base + SZ_1M, "the unused rest is page aligned");
	report(!malloc(16), "after handing the rest over, nothing more");
	page_alloc_init_area(AREA_NORMAL_NUMBER, ubase >> PAGE_SHIFT, utop >> PAGE_SHIFT);
	page_alloc_ops_enable();
	free(a);
	report(page_alloc_check() == 0, "freeing early memory after the switch is harmless");
	report_prefix_pop();
}

static void test_malloc(void)
{
	static void *v[20000];
	struct page_alloc_stats before, mid, after;
	unsigned long i;
	bool ok = true;
	char *big;

	report_prefix_push("malloc");
	fresh_allocator(1UL << 30);
	page_alloc_ops_enable();
	page_alloc_get_stats(AREA_ANY, &before);
	for (i = 0; i < ARRAY_SIZE(v); i++) {
		size_t size = 1 + rnd() % 200;

		v[i] = malloc(size);
		ok &= v[i] && IS_ALIGNED((uintptr_t)v[i], MALLOC_ALIGN);
		memset(v[i], (int)i, size);
	}
	page_alloc_get_stats(AREA_ANY, &mid);
	report(ok, "20000 small mallocs, aligned to %d", MALLOC_ALIGN);
	report(before.free - mid.free < 20000 * 256 / PAGE_SIZE + 64, "they take %lu pages, not one each",
	       before.free - mid.free);
	shuffle(v, ARRAY_SIZE(v));
	for (i = 0; i < ARRAY_SIZE(v); i++)
		free(v[i]);
	page_alloc_get_stats(AREA_ANY, &after);
	report(before.free - after.free <= 7, "freed: at most one cached slab per size class (%lu pages)",
	       before.free - after.free);
	report(calloc(SIZE_MAX / 2, 3) == NULL, "calloc overflow: NULL");
	big = calloc(1000, 100);
	report(big && all_zero(big, 100000), "calloc zeroes");
	free(big);
	big = memalign(256, 100);
	report(big && IS_ALIGNED((uintptr_t)big, 256), "memalign(256, 100)");
	free(big);
	big = memalign(SZ_2M, 5000);
	report(big && IS_ALIGNED((uintptr_t)big, SZ_2M), "memalign(2M, 5000)");
	free(big);
	big = malloc(100UL << 20);
	report(big != NULL, "a 100 MiB malloc");
	memset(big, 1, 100UL << 20);
	free(big);
	big = calloc(100UL << 20, 1);
	report(big && all_zero(big, 100UL << 20), "a 100 MiB calloc comes back zeroed");
	free(big);
	free(NULL);
	check("after malloc");
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	rng_state = host_seed() | 1;
	printf("alloc_test: SEED=%" PRIu64 "\n", rng_state);
	arena = host_map(ARENA_SIZE, ARENA_SIZE);
	if (!arena)
		report_abort("cannot map a %lu-byte arena", ARENA_SIZE);
	test_early();
	test_init();
	test_orders();
	test_memalign();
	test_exhaustion();
	test_random_coalescing();
	test_zeroing();
	test_fresh();
	test_areas();
	test_reserve();
	test_checker();
	test_misuse();
	test_malloc();
	return report_summary();
}
