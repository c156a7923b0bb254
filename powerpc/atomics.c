/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * atomics.c - atomic updates and ordering between CPUs (Power ISA Book II
 * chapter 4: Load And Reserve / Store Conditional, lwsync and sync), every
 * CPU at once:
 *   - a lwarx/stwcx. increment loop and a ldarx/stdcx. add loses no update;
 *   - lbarx/stbcx. on each CPU's own byte of one shared word: every byte ends right (a store conditional
 *     that wrote the whole word or granule would lose the neighbours');
 *   - the library's spinlock (lwarx/stwcx. with acquire and release barriers) protects a plain counter;
 *   - message passing: data stored before lwsync and a flag is seen by a CPU that saw the flag and did
 *     lwsync.
 * A hypervisor or emulator that loses reservations across vCPUs wrongly (two CPUs both succeeding), or
 * reorders stores past lwsync, fails here.
 */
#include "libcflat.h"
#include "argv.h"
#include "processor.h"
#include "smp.h"
#include "asm/barrier.h"
#include "asm/spinlock.h"

static long iterations = 20000;

static u32 word_counter __aligned(128);
static u64 dword_counter __aligned(128);
static u64 byte_word __aligned(128);
static struct spinlock lock __aligned(128);
static long locked_counter __aligned(128);

static void lwarx_inc(u32 *p)
{
	u32 t;

	asm volatile("1: lwarx %0, 0, %1\n\t"
		     "addi %0, %0, 1\n\t"
		     "stwcx. %0, 0, %1\n\t"
		     "bne- 1b"
		     : "=&r"(t) : "r"(p) : "cr0", "memory");
}

static void ldarx_add(u64 *p, u64 v)
{
	u64 t;

	asm volatile("1: ldarx %0, 0, %1\n\t"
		     "add %0, %0, %2\n\t"
		     "stdcx. %0, 0, %1\n\t"
		     "bne- 1b"
		     : "=&r"(t) : "r"(p), "r"(v) : "cr0", "memory");
}

static void lbarx_inc(u8 *p)
{
	u32 t;

	asm volatile("1: lbarx %0, 0, %1\n\t"
		     "addi %0, %0, 1\n\t"
		     "stbcx. %0, 0, %1\n\t"
		     "bne- 1b"
		     : "=&r"(t) : "r"(p) : "cr0", "memory");
}

static void increments(void *data)
{
	int me = smp_processor_id();
	u8 *mine = (u8 *)&byte_word + me;
	long i;

	for (i = 0; i < iterations; i++) {
		lwarx_inc(&word_counter);
		ldarx_add(&dword_counter, 0x100000001UL);
		if (me < 8)
			lbarx_inc(mine);
		spin_lock(&lock);
		locked_counter++;
		spin_unlock(&lock);
	}
}

static void check_counters(void)
{
	u64 n = nr_cpus * iterations;
	int cpu;
	bool bytes = true;

	on_cpus(increments, NULL);
	report(word_counter == (u32)n, "lwarx/stwcx. increments: %u of %lu", word_counter, n);
	report(dword_counter == n * 0x100000001UL, "ldarx/stdcx. adds: %#lx, expected %#lx", dword_counter,
	       n * 0x100000001UL);
	for (cpu = 0; cpu < MIN(nr_cpus, 8); cpu++)
		bytes &= ((u8 *)&byte_word)[cpu] == (u8)iterations;
	report(bytes, "lbarx/stbcx. on each CPU's byte: word %#lx, every byte %#x", byte_word, (u8)iterations);
	report(locked_counter == (long)n, "spinlock-protected counter: %ld of %lu", locked_counter, n);
}

/* Message passing: the producer's data must be visible once its flag is. */
static volatile u64 mp_data __aligned(128);
static volatile u64 mp_flag __aligned(128);
static volatile long mp_bad;

static void consumer(void *data)
{
	long i, bad = 0;
	u64 f, d;

	for (i = 1; i <= iterations; i++) {
		while ((f = mp_flag) < (u64)i)
			;
		rmb();
		d = mp_data;
		/* The data written before flag i is at least i. */
		bad += d < f;
	}
	mp_bad = bad;
}

static void check_message_passing(void)
{
	long i;

	if (nr_cpus < 2) {
		report_skip("message passing: one CPU only (-smp 2)");
		return;
	}
	mp_data = mp_flag = 0;
	mp_bad = -1;
	on_cpu_async(1, consumer, NULL);
	for (i = 1; i <= iterations; i++) {
		mp_data = i;
		wmb();
		mp_flag = i;
	}
	cpu_idle_wait(1);
	report(mp_bad == 0, "data before lwsync and flag: seen %ld times stale in %ld", mp_bad, iterations);
}

int main(int argc, char **argv)
{
	const char *n = argv_find_value(argc, argv, "iterations");

	if (n)
		iterations = atol(n);
	report_info("%d CPUs, %ld iterations each", nr_cpus, iterations);
	check_counters();
	check_message_passing();
	return report_summary();
}
