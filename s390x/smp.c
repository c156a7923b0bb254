/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.c - every CPU of the configuration, run with memory above 2 GiB
 * (-m 3G), where plain allocations go first:
 *   - each CPU's prefix (STPX) is 8 KiB-aligned, below 2 GiB, its own (no two CPUs share a lowcore): the
 *     prefix register holds 31 bits, so a lowcore above 2 GiB cannot exist (z/Architecture Principles of
 *     Operation, "Prefixing");
 *   - each CPU's STAP is its address in read SCP info, and every CPU sees every other one operating
 *     (SIGP SENSE, cc 0);
 *   - a program interruption on each secondary goes through that CPU's own lowcore and is recorded there;
 *   - work handed to every CPU many times in a row is done exactly that many times;
 *   - a stopped secondary is seen stopped by the others, and comes back with SIGP START.
 * A hypervisor bug each would catch: SIGP SET PREFIX taking more than 31 bits or not checking the
 * alignment, CPU addresses that differ between STAP, SIGP and SCLP, interruptions delivered through
 * the wrong prefix, lost or repeated wake-up signals.
 */
#include "libcflat.h"
#include "asm/arch_def.h"
#include "asm/page.h"
#include "asm/sigp.h"
#include "processor.h"
#include "smp.h"

#define ROUNDS	50

static struct {
	u32 prefix;
	u16 addr;
	u16 pgm_code;
	int others_operating;
	int runs;
} info[MAX_CPUS];

static void identify(void *data)
{
	int me = smp_processor_id(), cpu;

	info[me].prefix = stpx();
	info[me].addr = stap();
	info[me].others_operating = 0;
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		if (cpu != me && sigp(cpu_addrs[cpu], SIGP_SENSE, 0, NULL) == SIGP_CC_ORDER_CODE_ACCEPTED)
			info[me].others_operating++;
	}
	expect_pgm_int();
	asm volatile(".long 0xb2ff0000" : : : "memory");	/* an operation exception */
	info[me].pgm_code = clear_pgm_int();
}

static void count_run(void *data)
{
	__atomic_add_fetch(&info[smp_processor_id()].runs, 1, __ATOMIC_RELAXED);
}

static void test_identities(void)
{
	int cpu, other, bad_prefix = 0, shared = 0, bad_addr = 0, bad_sense = 0, bad_pgm = 0;

	/* All started first: identify() on one CPU must not see another one before its start. */
	on_cpus(count_run, NULL);
	on_cpus(identify, NULL);
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		u32 p = info[cpu].prefix;

		if (p >= SZ_2G || !IS_ALIGNED(p, 2 * PAGE_SIZE) || (cpu && p != (uintptr_t)cpu_lowcore(cpu))) {
			printf("CPU %d: prefix %#x\n", cpu, p);
			bad_prefix++;
		}
		for (other = 0; other < cpu; other++)
			shared += info[other].prefix == p;
		bad_addr += info[cpu].addr != cpu_addrs[cpu];
		bad_sense += info[cpu].others_operating != nr_cpus - 1;
		bad_pgm += info[cpu].pgm_code != PGM_INT_CODE_OPERATION;
	}
	report(!bad_prefix, "%d CPUs: every prefix 8 KiB-aligned, below 2 GiB, the lowcore smp.c gave", nr_cpus);
	report(!shared, "no two CPUs share a prefix");
	report(!bad_addr, "every STAP is the CPU's address in read SCP info");
	report(!bad_sense, "every CPU sees the %d others operating", nr_cpus - 1);
	report(!bad_pgm, "a program interruption on every CPU is recorded through its own lowcore");
}

static void test_rounds(void)
{
	int i, cpu, bad = 0;

	for (i = 0; i < ROUNDS; i++)
		on_cpus(count_run, NULL);
	/* Plus the round that started them. */
	for (cpu = 0; cpu < nr_cpus; cpu++)
		bad += info[cpu].runs != ROUNDS + 1;
	report(!bad, "%d rounds of work on every CPU: each ran %d times", ROUNDS, ROUNDS);
}

static void test_stop_start(void)
{
	int last = nr_cpus - 1, cc;

	sigp_retry(cpu_addrs[last], SIGP_STOP, 0, NULL);
	while (!smp_sense_stopped(cpu_addrs[last]))
		cpu_relax();
	on_cpu(1, identify, NULL);
	report(info[1].others_operating == nr_cpus - 2, "with CPU %d stopped, CPU 1 sees %d operating (%d)", last,
	       info[1].others_operating, nr_cpus - 2);
	cc = sigp_retry(cpu_addrs[last], SIGP_START, 0, NULL);
	info[last].runs = 0;
	on_cpu(last, count_run, NULL);
	report(cc == 0 && info[last].runs == 1, "SIGP START: CPU %d works again", last);
}

int main(void)
{
	report_prefix_push("smp");
	if (nr_cpus < 3) {
		report_skip("every CPU: needs at least 3 CPUs (-smp 3), has %d", nr_cpus);
		return report_summary();
	}
	test_identities();
	test_rounds();
	test_stop_start();
	return report_summary();
}
