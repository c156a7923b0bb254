/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * timebase.c - the timebase (Power ISA Book II chapter 5, Book III-S
 * chapter 7): it never goes backwards on a CPU or between CPUs, TBU is its
 * upper half, the decrementer counts down at its rate, its frequency is in
 * the device tree, and a partition cannot write it:
 *   - each CPU reads it many times: never smaller than the read before;
 *   - every CPU publishes its readings: another CPU that saw one reads a timebase never behind it;
 *   - mfspr TBU equals the timebase's upper 32 bits; DEC moves down as TB moves up, at the same rate;
 *   - mtspr TBL/TBU (hypervisor-privileged) from supervisor state leaves the timebase running as before.
 * A hypervisor that gives vCPUs unsynchronised timebase offsets, loses time across a vCPU's migration
 * between threads, scales the decrementer wrongly, or lets the partition set the timebase, fails here.
 */
#include "libcflat.h"
#include "accel.h"
#include "processor.h"
#include "smp.h"
#include "asm/barrier.h"
#include "asm/time.h"

#define SPR_TBU		269
#define SPR_TBL_W	284	/* write-only, hypervisor */
#define SPR_TBU_W	285

static volatile int backwards[MAX_CPUS];

static void monotonic(void *data)
{
	u64 prev = get_tb(), now;
	int i, bad = 0;

	for (i = 0; i < 20000; i++) {
		now = get_tb();
		bad += now < prev;
		prev = now;
	}
	backwards[smp_processor_id()] = bad;
}

static void check_monotonic(void)
{
	int cpu, bad = 0;
	u64 t0 = get_tb();

	on_cpus(monotonic, NULL);
	for (cpu = 0; cpu < nr_cpus; cpu++)
		bad += backwards[cpu];
	report(bad == 0, "20000 reads on each of %d CPUs: %d went backwards", nr_cpus, bad);
	report(get_tb() > t0, "the timebase advances");
}

/*
 * Every CPU publishes its latest timebase reading and checks its own
 * against the others' latest: having seen another CPU's reading, its own
 * (taken after, the isync orders it) must not be smaller. No CPU waits for
 * another, so an overcommitted host only makes fewer comparisons overlap.
 */
#define ROUNDS		20000
static struct {
	volatile u64 tb;
	u8 pad[120];
} published[MAX_CPUS] __aligned(128);
static volatile long compared[MAX_CPUS], behind[MAX_CPUS];
static volatile u64 worst[MAX_CPUS];

static void publish_and_compare(void *data)
{
	int me = smp_processor_id(), i, cpu;
	u64 theirs, mine;

	for (i = 0; i < ROUNDS; i++) {
		published[me].tb = get_tb();
		for (cpu = 0; cpu < nr_cpus; cpu++) {
			theirs = published[cpu].tb;
			if (cpu == me || !theirs)
				continue;
			/* The mftb after the load, not before it: a branch on the loaded value and isync. */
			asm volatile("twi 0, %0, 0; isync" : : "r"(theirs) : "memory");
			mine = get_tb();
			compared[me]++;
			if (mine < theirs) {
				behind[me]++;
				worst[me] = MAX(worst[me], theirs - mine);
			}
		}
	}
}

static void check_across_cpus(void)
{
	long n = 0, bad = 0;
	u64 most = 0;
	int cpu;

	if (nr_cpus < 2) {
		report_skip("timebase between CPUs: one CPU only (-smp 2)");
		return;
	}
	on_cpus(publish_and_compare, NULL);
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		n += compared[cpu];
		bad += behind[cpu];
		most = MAX(most, worst[cpu]);
	}
	report(n > 0 && bad == 0, "%ld readings against another CPU's latest: %ld behind it (by up to %lu)", n, bad,
	       most);
}

/*
 * DEC between two TB readings: the TB before it, and how long the three
 * reads took (retried while a host preemption makes that long).
 */
static u64 read_dec_tb(u64 *dec, u64 *tb)
{
	u64 before, after, d;
	int tries = 0;

	do {
		asm volatile("mfspr %0, 268; mfspr %1, 22; mfspr %2, 268" : "=r"(before), "=r"(d), "=r"(after));
	} while (after - before > 512 && ++tries < 100);
	*dec = d;
	*tb = before;
	return after - before;
}

static void check_tbu_dec(void)
{
	u64 tb, tbu, t0, t1, d0, d1, dt, dd, w0, w1, slack;
	int tries = 0;

	do {
		tbu = mfspr(SPR_TBU);
		tb = get_tb();
	} while ((tb >> 32) != tbu && ++tries < 10);
	report((tb >> 32) == tbu, "TBU %#lx is the upper half of TB %#lx", tbu, tb);

	/*
	 * DEC and TB 2 ms apart moved by the same amount, within 0.1 %, the
	 * windows the two readings took and 16 ticks.
	 */
	local_irq_disable();
	mtspr(SPR_DEC, DEC_MAX);
	w0 = read_dec_tb(&d0, &t0);
	delay(tb_hz() / 500);
	w1 = read_dec_tb(&d1, &t1);
	mtspr(SPR_DEC, DEC_MAX);
	dt = t1 - t0;
	dd = (u32)d0 - (u32)d1;
	slack = dt / 1000 + w0 + w1 + 16;
	report(dd + slack >= dt && dd <= dt + slack, "DEC went down %lu while TB went up %lu (+-%lu)", dd, dt, slack);
	report(tb_hz() >= 1000000 && tb_hz() <= 4000000000UL, "timebase-frequency %lu Hz", tb_hz());
}

static volatile int tb_write_traps;

static void tb_write_handler(struct pt_regs *regs, void *data)
{
	tb_write_traps++;
	regs->nip += 4;
}

static void check_write(void)
{
	u64 before, after;

	handle_exception(VEC_PROGRAM, tb_write_handler, NULL);
	before = get_tb();
	asm volatile("mtspr %0, %2; mtspr %1, %2" : : "i"(SPR_TBL_W), "i"(SPR_TBU_W), "r"(0UL) : "memory");
	after = get_tb();
	handle_exception(VEC_PROGRAM, NULL, NULL);
	/* This comes last: where the write takes effect, the timebase is wrong from here on. */
	report_kfail(under_tcg(), after >= before && after - before < tb_hz() / 10,
		     "mtspr TBL, TBU = 0 from supervisor state: TB went from %#lx to %#lx (%d program interrupts)%s",
		     before, after, tb_write_traps,
		     after < before ? " (QEMU 7.2 TCG lets a pseries guest write the hypervisor's TBL and TBU)" : "");
}

int main(int argc, char **argv)
{
	report_info("%d CPUs, timebase %lu Hz", nr_cpus, tb_hz());
	check_monotonic();
	check_across_cpus();
	check_tbu_dec();
	check_write();
	return report_summary();
}
