/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc_bench.c - host benchmark of the page allocator, one workload per
 * run so that bench/alloc/run.sh can also run each under callgrind and
 * read the allocator's own instruction counts:
 *
 *   alloc_bench init|churn|mixed|exhaust AREA_MIB [PASSES]
 *   alloc_bench first|memalign
 *
 * It prints one line "RESULT name=value ..." with the operation count of
 * one pass and the wall-clock ns per operation of the last pass. The first
 * pass over a lazily backed arena mostly measures the host's page faults
 * (the allocator writes a header into each free block it creates), so
 * timings use a second pass over the same, now warm, memory; callgrind
 * counts instructions, which faults do not change, over one pass.
 * Allocations pass FLAG_DONTZERO: zeroing is the caller's cost,
 * proportional to the size, and not measured here.
 */
#include "libcflat.h"
#include "bitops.h"
#include "string.h"
#include "stdlib.h"
#include "alloc_page.h"
#include "host.h"
#include "rand.h"

#define CHURN_OPS	100000UL
#define MIXED_OPS	1000000UL
#define MIXED_MAX_ORDER	10

static u64 rng = 0x9e3779b97f4a7c15ULL;

static u64 rnd(void)
{
	return xorshift64(&rng);
}

static void **live;
static unsigned int *live_order;

/* An area of size bytes at a size-aligned address: its usable pages start right after the metadata. */
static void area(unsigned long size)
{
	char *p = host_map(size, size);

	/* valgrind cannot reserve 64 GiB for a 32 GiB area aligned to its size: align less. */
	if (!p)
		p = host_map(size, MIN(size, 4UL << 30));

	if (!p)
		report_abort("cannot map %lu bytes", size);
	page_alloc_reset();
	page_alloc_init_area(AREA_NORMAL_NUMBER, virt_to_pfn(p), virt_to_pfn(p + size));
}

static void result(const char *name, unsigned long mib, unsigned long ops, u64 ns, const char *extra)
{
	printf("RESULT workload=%s area_mib=%lu ops=%lu ns_per_op=%lu.%02lu %s\n", name, mib, ops,
	       (unsigned long)(ns / ops), (unsigned long)(ns * 100 / ops % 100), extra);
}

static void bench_init(unsigned long mib)
{
	u64 t = host_now_ns();

	area(mib << 20);
	result("init", mib, 1, host_now_ns() - t, "");
}

static unsigned int passes = 1;

/* 100k pages, or half the area when it is smaller than 800 MiB. */
static void bench_churn(unsigned long mib)
{
	unsigned long ops = MIN(CHURN_OPS, (mib << 20) / PAGE_SIZE / 2), i;
	unsigned int pass;
	u64 t = 0;

	area(mib << 20);
	for (pass = 0; pass < passes; pass++) {
		t = host_now_ns();
		for (i = 0; i < ops; i++)
			live[i] = alloc_pages_flags(0, FLAG_DONTZERO);
		for (i = ops - 1; i > 0; i--) {
			unsigned long j = rnd() % (i + 1);
			void *x = live[i];

			live[i] = live[j];
			live[j] = x;
		}
		for (i = 0; i < ops; i++)
			free_pages(live[i]);
		t = host_now_ns() - t;
	}
	/* One op = one alloc and one free. */
	result("churn", mib, ops, t, "");
}

static void bench_mixed(unsigned long mib)
{
	unsigned long target = (mib << 20) / PAGE_SIZE / 2, used = 0, n = 0, i, nulls = 0;
	struct page_alloc_stats st;
	char extra[64];
	u64 t = 0;

	area(mib << 20);
	/* Later passes go on from where the previous one left: same occupancy, warm memory. */
	for (i = 0; i < MIXED_OPS * passes; i++) {
		if (i % MIXED_OPS == 0)
			t = host_now_ns();
		bool grow = used < target ? (rnd() & 3) != 0 : (rnd() & 3) == 0;

		if (grow || !n) {
			unsigned int o = rnd() % (MIXED_MAX_ORDER + 1);
			void *p = alloc_pages_flags(o, FLAG_DONTZERO);

			if (!p) {
				nulls++;
				continue;
			}
			live[n] = p;
			live_order[n++] = o;
			used += 1UL << o;
		} else {
			unsigned long j = rnd() % n;

			free_pages(live[j]);
			used -= 1UL << live_order[j];
			live[j] = live[--n];
			live_order[j] = live_order[n];
		}
	}
	t = host_now_ns() - t;
	page_alloc_get_stats(AREA_ANY, &st);
	snprintf(extra, sizeof(extra), "occupancy=%lu%% nulls=%lu", 100 - st.free * 100 / st.usable, nulls);
	result("mixed", mib, MIXED_OPS, t, extra);
}

static void bench_exhaust(unsigned long mib)
{
	unsigned long n = 0, i;
	unsigned int pass;
	u64 t = 0;

	area(mib << 20);
	for (pass = 0; pass < passes; pass++) {
		t = host_now_ns();
		for (n = 0; (live[n] = alloc_pages_flags(0, FLAG_DONTZERO)); n++)
			;
		for (i = 0; i < n; i++)
			free_pages(live[i]);
		t = host_now_ns() - t;
	}
	result("exhaust", mib, n, t, "");
}

/* 4 GiB of usable pages forming one aligned block, the metadata just below it. */
static void bench_first(void)
{
	unsigned long npages = 1UL << 20, meta = DIV_ROUND_UP(npages + 256, PAGE_SIZE + 1);
	char *p = host_map(8UL << 30, 4UL << 30) + (4UL << 30);
	struct page_alloc_stats st;
	char extra[64];
	void *q;
	u64 t;

	page_alloc_reset();
	page_alloc_init_area(AREA_NORMAL_NUMBER, virt_to_pfn(p) - meta, virt_to_pfn(p) + npages);
	page_alloc_get_stats(AREA_ANY, &st);
	if (st.free_blocks[20] != 1 || st.free != npages)
		report_abort("the usable pages are not one order-20 block");
	t = host_now_ns();
	q = alloc_pages_flags(0, FLAG_DONTZERO);
	free_pages(q);
	t = host_now_ns() - t;
	page_alloc_get_stats(AREA_ANY, &st);
	snprintf(extra, sizeof(extra), "merged_back=%d", st.free_blocks[20] == 1);
	result("first", 4096, 1, t, extra);
}

static void bench_memalign(void)
{
	struct page_alloc_stats before, after;
	unsigned long i;
	char extra[64];
	u64 t;

	area(4UL << 30);
	page_alloc_get_stats(AREA_ANY, &before);
	t = host_now_ns();
	for (i = 0; i < 100; i++)
		live[i] = memalign_pages_flags(SZ_2M, PAGE_SIZE, FLAG_DONTZERO);
	t = host_now_ns() - t;
	page_alloc_get_stats(AREA_ANY, &after);
	for (i = 0; i < 100; i++) {
		if (!IS_ALIGNED((uintptr_t)live[i], SZ_2M))
			report_abort("memalign_pages(2M, 4K) gave %p", live[i]);
	}
	snprintf(extra, sizeof(extra), "pages_used=%lu pages_asked=100", before.free - after.free);
	result("memalign", 4096, 100, t, extra);
}

int main(int argc, char **argv)
{
	const char *w = argc > 1 ? argv[1] : "";
	unsigned long mib = argc > 2 ? strtoul(argv[2], NULL, 0) : 256;

	if (argc > 3)
		passes = MAX(1UL, strtoul(argv[3], NULL, 0));

	live = host_map(sizeof(void *) << 24, PAGE_SIZE);
	live_order = host_map(sizeof(unsigned int) << 24, PAGE_SIZE);
	if (!strcmp(w, "init"))
		bench_init(mib);
	else if (!strcmp(w, "churn"))
		bench_churn(mib);
	else if (!strcmp(w, "mixed"))
		bench_mixed(mib);
	else if (!strcmp(w, "exhaust"))
		bench_exhaust(mib);
	else if (!strcmp(w, "first"))
		bench_first();
	else if (!strcmp(w, "memalign"))
		bench_memalign();
	else
		report_abort("usage: alloc_bench init|churn|mixed|exhaust AREA_MIB | first | memalign");
	return 0;
}
