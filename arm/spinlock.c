/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * spinlock.c - mutual exclusion across all CPUs (Arm ARM B2.9, "Synchronization and semaphores"):
 *   a plain read-modify-write of a shared counter under the library's spinlock, an LDXR/STXR increment
 *   loop and (with FEAT_LSE) LDADD and a CAS loop all end with exactly CPUs x ITERS; and the local
 *   exclusive monitor: a store-exclusive after a load-exclusive succeeds (within a few retries, as the
 *   architecture allows spurious failures), and fails after CLREX.
 * Hypervisor bugs it catches: vCPUs whose exclusive monitors are not cleared or are lost across exits
 *   (two CPUs inside the lock, lost increments), atomics emulated non-atomically, a CLREX not honoured.
 */
#include "libcflat.h"
#include "spinlock.h"
#include "asm/barrier.h"
#include "asm/processor.h"
#include "asm/smp.h"

#define ITERS		20000

static struct spinlock lock;
static volatile u64 plain_counter;
static u64 excl_counter, lse_counter, cas_counter;
static int started;
static bool have_lse;

static void excl_inc(u64 *p)
{
	u64 v;
	u32 failed;

	asm volatile("1: ldxr %0, [%2]\n"
		     "add %0, %0, #1\n"
		     "stxr %w1, %0, [%2]\n"
		     "cbnz %w1, 1b" : "=&r"(v), "=&r"(failed) : "r"(p) : "memory");
}

static void lse_inc(u64 *p)
{
	asm volatile(".arch_extension lse\n stadd %0, [%1]" : : "r"(1UL), "r"(p) : "memory");
}

static void cas_inc(u64 *p)
{
	u64 old, seen;

	do {
		old = __atomic_load_n(p, __ATOMIC_RELAXED);
		seen = old;
		asm volatile(".arch_extension lse\n casal %0, %2, [%1]" : "+r"(seen) : "r"(p), "r"(old + 1) : "memory");
	} while (seen != old);
}

static void worker(void *data)
{
	int i;

	/* Start together, so that the CPUs really contend. */
	__atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) < nr_cpus)
		cpu_relax();
	for (i = 0; i < ITERS; i++) {
		spin_lock(&lock);
		plain_counter = plain_counter + 1;
		spin_unlock(&lock);
		excl_inc(&excl_counter);
		if (have_lse) {
			lse_inc(&lse_counter);
			cas_inc(&cas_counter);
		}
	}
}

static void test_monitor(void)
{
	u64 word = 0, v;
	u32 failed = 1;
	int tries;

	for (tries = 0; tries < 10 && failed; tries++)
		asm volatile("ldxr %0, [%2]\n stxr %w1, %0, [%2]" : "=&r"(v), "=&r"(failed) : "r"(&word) : "memory");
	report(!failed, "STXR after LDXR succeeds (after %d tries)", tries);
	asm volatile("ldxr %0, [%2]\n clrex\n stxr %w1, %0, [%2]" : "=&r"(v), "=&r"(failed) : "r"(&word) : "memory");
	report(failed, "STXR after CLREX fails");
}

int main(int argc, char **argv)
{
	u64 want;

	have_lse = ((read_sysreg(id_aa64isar0_el1) >> 20) & 0xf) >= 2;
	report_info("%d CPUs, %d iterations each", nr_cpus, ITERS);
	test_monitor();
	on_cpus(worker, NULL);
	want = (u64)nr_cpus * ITERS;
	report(plain_counter == want, "spinlock: %lu increments of %lu", plain_counter, want);
	report(excl_counter == want, "LDXR/STXR: %lu increments of %lu", excl_counter, want);
	if (have_lse) {
		report(lse_counter == want, "STADD: %lu increments of %lu", lse_counter, want);
		report(cas_counter == want, "CASAL: %lu increments of %lu", cas_counter, want);
	} else {
		report_skip("FEAT_LSE atomics not implemented (ID_AA64ISAR0_EL1.Atomic < 2)");
	}
	return report_summary();
}
