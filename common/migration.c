/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * migration.c - guest memory survives live migration: a pattern over many
 * pages written before one migration must read back the same on the
 * destination, and pages the guest keeps rewriting while the runner
 * migrates it again and again must hold their last values afterwards.
 * Catches a hypervisor or QEMU that loses dirty pages (a dirty log that
 * misses writes, a final pass that skips pages written during the last
 * round) or corrupts memory in transit. Run in the cfg group `migration`.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "migrate.h"

#define PAGES		1024
#define WORDS		(PAGE_SIZE / sizeof(u64))
/* Continuous migration: at least this many migrations while the guest writes. */
#define MIGRATIONS	3

static u64 *pages[PAGES];

static u64 word(unsigned long page, unsigned long i, u64 round)
{
	return (u64)page << 40 | round << 20 | i;
}

static void fill(u64 round)
{
	unsigned long p, i;

	for (p = 0; p < PAGES; p++)
		for (i = 0; i < WORDS; i++)
			pages[p][i] = word(p, i, round);
}

/* The number of words that differ from round's pattern; the first one is reported. */
static unsigned long check(u64 round)
{
	unsigned long p, i, bad = 0;

	for (p = 0; p < PAGES; p++)
		for (i = 0; i < WORDS; i++) {
			if (pages[p][i] == word(p, i, round))
				continue;
			if (!bad++)
				printf("page %lu word %lu: %#" PRIx64 ", expected %#" PRIx64 "\n", p, i, pages[p][i],
				       word(p, i, round));
		}
	return bad;
}

int main(int argc, char **argv)
{
	unsigned long p, bad, seen = 0;
	u64 round = 1;
	int c;

	for (p = 0; p < PAGES; p++) {
		pages[p] = alloc_page();
		assert_msg(pages[p], "out of memory at page %lu", p);
	}

	report_prefix_push("migration");
	fill(round);
	migrate();
	bad = check(round);
	report(!bad, "%d pages written before one migration read back (%lu words differ)", PAGES, bad);

	/*
	 * The runner sends '.' after each migration it completes during
	 * continuous migration: the guest rewrites every page until it has
	 * seen enough of them, so that each migration copies pages being written.
	 */
	migrate_begin_continuous();
	while (seen < MIGRATIONS) {
		fill(++round);
		while ((c = getchar()) >= 0)
			seen += c == '.';
	}
	migrate_end_continuous();
	report_info("%lu migrations while the guest wrote %lu rounds", seen, (unsigned long)round - 1);
	bad = check(round);
	report(!bad, "pages rewritten during continuous migration hold the last round (%lu words differ)", bad);
	report_prefix_pop();
	return report_summary();
}
