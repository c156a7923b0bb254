/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sieve.c - the sieve of Eratosthenes over memory mapped three ways: the image's BSS (identity map),
 *   vmalloc() (pages mapped one by one far from their physical addresses), and malloc() after setup_vm();
 *   each count of primes must be the known pi(n). Around it, vmalloc's mappings: a guard page after each
 *   allocation and the whole range after vfree() fault (data abort, FAR the address).
 * Hypervisor bugs it catches: stage-2 faults on guest memory mapped at high guest-virtual addresses
 *   resolved to the wrong page or not at all, TLB entries that survive the guest's TLBI (a freed page still
 *   readable), memory corrupted under a long write-then-read loop.
 */
#include "libcflat.h"
#include "alloc.h"
#include "memregions.h"
#include "vmalloc.h"
#include "asm/mmu.h"
#include "asm/processor.h"

#define STATIC_N	1000000
#define VMALLOC_N	10000000
#define PI_STATIC	78498	/* primes below 10^6 */
#define PI_VMALLOC	664579	/* primes below 10^7 */

static u8 static_data[STATIC_N];
static volatile int aborts;
static volatile u64 abort_far;

static long sieve(u8 *data, long n)
{
	long i, j, count = 0;

	memset(data, 1, n);
	for (i = 2; i < n; i++) {
		if (!data[i])
			continue;
		count++;
		for (j = i * i; j < n; j += i)
			data[j] = 0;
	}
	return count;
}

static void abort_handler(struct pt_regs *regs, unsigned int esr)
{
	aborts++;
	abort_far = read_sysreg(far_el1);
	regs->pc += 4;
}

static bool faults_at(u8 *p)
{
	aborts = 0;
	asm volatile("ldrb wzr, [%0]" : : "r"(p) : "memory");
	return aborts == 1 && abort_far == (u64)p;
}

int main(int argc, char **argv)
{
	long count;
	u8 *v, *first = NULL;
	int i;

	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_DABT_EL1, abort_handler);
	count = sieve(static_data, STATIC_N);
	report(count == PI_STATIC, "static: %ld primes below %d", count, STATIC_N);

	for (i = 0; i < 3; i++) {
		v = vmalloc(VMALLOC_N);
		if (!v) {
			report_fail("vmalloc(%d) returned NULL", VMALLOC_N);
			break;
		}
		if (!first)
			first = v;
		report(!mem_region_find(virt_to_phys(v)),
		       "vmalloc round %d: %p is outside RAM and devices", i, v);
		count = sieve(v, VMALLOC_N);
		report(count == PI_VMALLOC, "vmalloc round %d: %ld primes below %d", i, count, VMALLOC_N);
		report(faults_at(v + PAGE_ALIGN(VMALLOC_N)), "vmalloc round %d: the guard page after it faults", i);
		vfree(v);
		report(faults_at(v) && faults_at(v + VMALLOC_N - 1), "vmalloc round %d: after vfree it faults", i);
	}

	setup_vm();
	v = malloc(STATIC_N);
	report(v && !mem_region_find(virt_to_phys(v)), "setup_vm: malloc gives mapped memory (%p)",
	       v);
	if (v) {
		count = sieve(v, STATIC_N);
		report(count == PI_STATIC, "setup_vm: %ld primes below %d in malloc'd memory", count, STATIC_N);
		free(v);
		report(faults_at(v), "setup_vm: free unmaps it");
	}
	return report_summary();
}
