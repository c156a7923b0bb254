/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc_bench.c - in-guest micro-benchmark of the page allocator: the cost
 * of an alloc_pages() + free_pages() pair at orders 0, 1, 4 and 9, with
 * and without zeroing. Timings depend on the host and the accelerator, so
 * it belongs to the nodefault group "bench" and checks only that each
 * pair succeeds; the host benchmark (make bench) has the stable figures.
 */
#include "libcflat.h"
#include "alloc_page.h"

#define PAIRS	20000

/* The arch's cycle counter and its frequency (0 when unknown: then only ticks are printed). */
#if defined(__x86_64__) || defined(__i386__)
static inline u64 ticks(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (u64)hi << 32 | lo;
}

static u64 ticks_per_sec(void)
{
	u32 a, b, c, d;

	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0), "c"(0));
	if (a < 0x15)
		return 0;
	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x15), "c"(0));
	if (a && b && c)
		return (u64)c * b / a;
	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x16), "c"(0));
	return (u64)(a & 0xffff) * 1000000;
}
#elif defined(__aarch64__)
static inline u64 ticks(void)
{
	u64 t;

	asm volatile("isb; mrs %0, cntvct_el0" : "=r"(t));
	return t;
}

static u64 ticks_per_sec(void)
{
	u64 f;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(f));
	return f;
}
#elif defined(__s390x__)
/* The TOD clock in microseconds (bit 51), a rate low enough that ticks * 10^9 cannot overflow. */
static inline u64 ticks(void)
{
	u64 t;

	asm volatile("stck %0" : "=Q"(t) : : "cc");
	return t >> 12;
}

static u64 ticks_per_sec(void)
{
	return 1000000;
}
#else
static inline u64 ticks(void)
{
	return 0;
}

static u64 ticks_per_sec(void)
{
	return 0;
}
#endif

static void bench(unsigned int order, unsigned int flags, u64 hz)
{
	bool ok = true;
	u64 t;
	int i;

	t = ticks();
	for (i = 0; i < PAIRS; i++) {
		void *p = alloc_pages_flags(order, flags);

		ok &= p != NULL;
		free_pages(p);
	}
	t = ticks() - t;
	report(ok, "order %u%s: %" PRIu64 " ticks per alloc+free", order, flags & FLAG_DONTZERO ? ", not zeroed" : "",
	       t / PAIRS);
	if (hz)
		report_info("order %u%s: %" PRIu64 " ns per alloc+free", order,
			    flags & FLAG_DONTZERO ? ", not zeroed" : "", (u64)(t * 1000000000ULL / hz / PAIRS));
}

int main(int argc, char **argv)
{
	static const unsigned int orders[] = { 0, 1, 4, 9 };
	u64 hz = ticks_per_sec();
	unsigned int i;

	report_prefix_push("alloc_bench");
	if (hz)
		report_info("counter at %" PRIu64 " Hz", hz);
	else
		report_info("counter frequency unknown: ticks only");
	for (i = 0; i < ARRAY_SIZE(orders); i++) {
		bench(orders[i], FLAG_DONTZERO, hz);
		bench(orders[i], 0, hz);
	}
	return report_summary();
}
