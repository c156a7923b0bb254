/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sieve.c - memory-heavy work through the page tables: the sieve of
 * Eratosthenes over vmalloc areas of 1, 4 and 16 MiB (the number of primes
 * below 2^20, 2^22 and 2^24 is known: 82025, 295947, 1077871), again over
 * an area mapped on demand (every first touch of a page is a #PF, whose
 * handler maps a fresh page at CR2 and restarts the instruction: one fault
 * per page, a not-present error code), then the same area write-protected
 * (a write faults with P and W/R set), over two 2 MiB pages, and
 * vmalloc/vfree cycles that would run out of memory if pages leaked.
 *
 * A hypervisor bug it would catch: a shadow page table or TLB that loses
 * or mixes up mappings under pressure (many pages, many faults), a #PF
 * delivered with a stale CR2 or a wrong error code, a restarted
 * instruction that does not see the new mapping, or guest memory
 * corruption on a large working set.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "desc.h"
#include "processor.h"
#include "vm.h"
#include "vmalloc.h"

#define MIB	(1UL << 20)

/* Mark composites in a[0..n) (a[i] != 0: composite), count the primes. */
static unsigned long sieve(volatile u8 *a, unsigned long n)
{
	unsigned long i, j, count = 0;

	for (i = 0; i < n; i++)
		a[i] = 0;
	for (i = 2; i < n; i++) {
		if (a[i])
			continue;
		count++;
		/* Past the square root there is nothing to mark, and i * i could overflow a 32-bit long (i386). */
		if (i > n / i)
			continue;
		for (j = i * i; j < n; j += i)
			a[j] = 1;
	}
	return count;
}

static const struct {
	unsigned long size, primes;
} sizes[] = {
	{ 1 * MIB, 82025 },
	{ 4 * MIB, 295947 },
	{ 16 * MIB, 1077871 },
};

static void vmalloc_tests(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *a = vmalloc(sizes[i].size);
		unsigned long n;

		if (!a) {
			report_fail("vmalloc of %lu MiB", sizes[i].size / MIB);
			continue;
		}
		n = sieve(a, sizes[i].size);
		report(n == sizes[i].primes, "sieve over a %lu MiB vmalloc area: %lu primes below %lu",
		       sizes[i].size / MIB, n, sizes[i].size);
		vfree(a);
	}
}

/* Demand paging: a #PF in [demand_base, demand_end) maps a fresh page there. */
static u8 *demand_base, *demand_end;
/* Shared with the #PF handler, which the compiler does not see run: volatile. */
static volatile unsigned long demand_faults, demand_bad_error, demand_bad_cr2;
static volatile bool demand_wp;
static volatile unsigned long wp_faults, wp_bad;

static void demand_pf(struct ex_regs *regs)
{
	u8 *addr = (u8 *)read_cr2();
	u8 *page = (u8 *)((ulong)addr & ~(PAGE_SIZE - 1));
	pteval_t *pte;

	if (addr < demand_base || addr >= demand_end) {
		printf("#PF outside the demand area at %p, rip %#lx\n", addr, regs->rip);
		demand_bad_cr2++;
		abort();
	}
	if (demand_wp) {
		/* A write to a write-protected page: P and W/R set; make it writable again. */
		wp_faults++;
		if ((regs->error_code & (PFERR_PRESENT_MASK | PFERR_WRITE_MASK)) !=
		    (PFERR_PRESENT_MASK | PFERR_WRITE_MASK))
			wp_bad++;
		pte = get_pte(current_page_table(), page);
		*pte |= PT_WRITABLE_MASK;
		invlpg(page);
		return;
	}
	demand_faults++;
	if (regs->error_code & PFERR_PRESENT_MASK)
		demand_bad_error++;
	install_page(current_page_table(), virt_to_phys(alloc_page()), page);
}

static void demand_tests(void)
{
	unsigned long size = 4 * MIB, pages = size / PAGE_SIZE, n, i;
	exception_handler_t old;

	demand_base = alloc_vpages(pages);
	demand_end = demand_base + size;
	old = handle_exception(PF_VECTOR, demand_pf);
	n = sieve(demand_base, size);
	report(n == 295947, "sieve over 4 MiB mapped on demand: %lu primes", n);
	report(demand_faults == pages, "one #PF per page: %lu faults for %lu pages", demand_faults, pages);
	report(!demand_bad_error && !demand_bad_cr2, "demand faults: not-present error code, CR2 in the area");

	/* Write-protect every page; rerun: the first write to each page faults once. */
	for (i = 0; i < pages; i++)
		*get_pte(current_page_table(), demand_base + i * PAGE_SIZE) &= ~PT_WRITABLE_MASK;
	flush_tlb();
	demand_wp = true;
	n = sieve(demand_base, size);
	demand_wp = false;
	report(n == 295947 && wp_faults == pages && !wp_bad,
	       "write-protected rerun: %lu write faults (P and W/R set), same result", wp_faults);
	handle_exception(PF_VECTOR, old);

	for (i = 0; i < pages; i++) {
		pteval_t *pte = get_pte(current_page_table(), demand_base + i * PAGE_SIZE);

		free_page(phys_to_virt(*pte & PT_ADDR_MASK));
		*pte = 0;
	}
	flush_tlb();
}

/* The same work through 2 MiB pages: a 4 MiB block mapped with two PS entries at a fresh address. */
static void large_page_test(void)
{
	u8 *block = alloc_pages(10), *va;
	unsigned long n;

	if (!block) {
		report_skip("2 MiB pages: no 4 MiB block free");
		return;
	}
	/* Invariant of the page allocator: a block of 2^order pages is aligned to its size. */
	assert(IS_ALIGNED(virt_to_phys(block), LARGE_PAGE_SIZE));
	va = (u8 *)ALIGN((ulong)alloc_vpages(3 * 512), LARGE_PAGE_SIZE);
	install_large_page(current_page_table(), virt_to_phys(block), va);
	install_large_page(current_page_table(), virt_to_phys(block) + LARGE_PAGE_SIZE, va + LARGE_PAGE_SIZE);
	n = sieve(va, 4 * MIB);
	report(n == 295947 && block[4 * MIB - 1] == va[4 * MIB - 1] && block[12345] == va[12345],
	       "sieve over 4 MiB mapped by two 2 MiB pages: %lu primes, the same bytes as the 1:1 map", n);
	*get_pte(current_page_table(), va) = 0;
	*get_pte(current_page_table(), va + LARGE_PAGE_SIZE) = 0;
	flush_tlb();
	free_pages(block);
}

/* vmalloc/vfree cycles of 16 MiB: far more than the guest's memory in total, so a leak shows. */
static void cycle_tests(void)
{
	unsigned int i, ok = 0;

	for (i = 0; i < 24; i++) {
		u8 *a = vmalloc(16 * MIB);

		if (!a)
			break;
		a[0] = i;
		a[16 * MIB - 1] = i;
		if (a[0] == i && a[16 * MIB - 1] == i)
			ok++;
		vfree(a);
	}
	report(ok == 24, "24 vmalloc/vfree cycles of 16 MiB (384 MiB in all) in a 256 MiB guest: %u", ok);
}

int main(void)
{
	setup_vm();
	vmalloc_tests();
	demand_tests();
	large_page_test();
	cycle_tests();
	return report_summary();
}
