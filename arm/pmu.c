/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pmu.c - the PMUv3 performance monitors (Arm ARM D11):
 *   the cycle counter counts while enabled, stops when disabled, is reset by PMCR.C and filtered by
 *   PMCCFILTR_EL0; PMCNTENSET has exactly PMCR.N event counters and the cycle counter; each event counter
 *   holds what is written, counts its own software increments (SW_INCR) only, is reset by PMCR.P, and
 *   raises the PMU interrupt (the device tree's PPI) with its PMOVSSET bit when it overflows, once;
 *   each common event PMCEID0 lists that a loop can cause (instructions, loads, stores, branches, memory
 *   accesses) is counted at least as often as the loop causes it; PMEVTYPER's U and P bits exclude EL0
 *   and EL1; a CHAIN counter counts its neighbour's overflows; with PMUv3p5, PMCR.LP makes counters 64-bit.
 * Hypervisor bugs it catches: a vPMU whose counters do not run, run while disabled, lose or invent events,
 *   count at the wrong EL, advertise more counters or events than it implements, miss the overflow or its
 *   interrupt, or inject it on the wrong line or more than once.
 */
#include "libcflat.h"
#include "asm/barrier.h"
#include "asm/delay.h"
#include "asm/gic.h"
#include "asm/pmu.h"
#include "asm/processor.h"
#include "asm/thread_info.h"

#define OVERFLOW_AFTER	5
/* How long the overflow interrupt may take to arrive. */
#define ARRIVAL_MS	1000

static volatile int pmu_irqs, other_irqs;
static volatile u64 overflow_flags;
static int pmu_irq;

static void irq_handler(struct pt_regs *regs)
{
	u32 iar = gic_read_iar(), irq = gic_iar_irqnr(iar);

	if (irq == GICC_INT_SPURIOUS)
		return;
	if ((int)irq == pmu_irq) {
		overflow_flags = read_sysreg(pmovsset_el0);
		/* The line stays up while an overflow flag is set: clear it before ending the interrupt. */
		write_sysreg(overflow_flags, pmovsclr_el0);
		isb();
		pmu_irqs++;
	} else {
		other_irqs++;
	}
	gic_write_eoir(iar);
}

/* The cycle counter before and after 10000 NOPs. */
static void count_loop(u64 *before, u64 *after)
{
	int i;

	isb();
	*before = read_sysreg(pmccntr_el0);
	for (i = 0; i < 10000; i++)
		asm volatile("nop");
	isb();
	*after = read_sysreg(pmccntr_el0);
}

static void check_cycle_counter(void)
{
	u64 a, b;

	report_prefix_push("cycles");
	write_sysreg(0, pmccfiltr_el0);		/* count at EL1 and EL0 */
	write_sysreg(PMU_PMCR_E | PMU_PMCR_C | PMU_PMCR_LC, pmcr_el0);
	write_sysreg(1UL << PMU_CYCLE_IDX, pmcntenset_el0);
	count_loop(&a, &b);
	report(b > a, "the cycle counter counts (%lu cycles over 10000 nops)", b - a);

	write_sysreg(1UL << PMU_CYCLE_IDX, pmcntenclr_el0);
	count_loop(&a, &b);
	report(a == b, "and stops when disabled (%lu, then %lu)", a, b);
	report_prefix_pop();
}

static void sw_incr(void)
{
	write_sysreg(1, pmswinc_el0);
	isb();
}

static void check_overflow(void)
{
	u64 end;
	u32 start = (u32)(0 - OVERFLOW_AFTER), count;
	int i;

	report_prefix_push("overflow");
	write_sysreg(~0UL, pmcntenclr_el0);
	write_sysreg(~0UL, pmovsclr_el0);
	write_sysreg(~0UL, pmintenclr_el1);
	write_sysreg(PMU_EVENT_SW_INCR, pmevtyper0_el0);	/* counting at EL1 and EL0 */
	write_sysreg(start, pmevcntr0_el0);
	write_sysreg(1, pmintenset_el1);
	write_sysreg(1, pmcntenset_el0);
	write_sysreg(PMU_PMCR_E, pmcr_el0);
	isb();

	for (i = 0; i < OVERFLOW_AFTER - 1; i++)
		sw_incr();
	count = read_sysreg(pmevcntr0_el0);
	report(count == start + OVERFLOW_AFTER - 1, "%d software increments counted (%#x -> %#x)",
	       OVERFLOW_AFTER - 1, start, count);
	report(!pmu_irqs && !(read_sysreg(pmovsset_el0) & 1), "no overflow yet");

	sw_incr();
	end = get_cntvct() + get_cntfrq() / 1000 * ARRIVAL_MS;
	while (!pmu_irqs && get_cntvct() < end)
		cpu_relax();
	count = read_sysreg(pmevcntr0_el0);
	report(count == 0, "the counter wrapped to 0 (%#x)", count);
	report(pmu_irqs >= 1 && (overflow_flags & 1), "the overflow raised PPI %d with PMOVSSET bit 0 (%#lx)",
	       pmu_irq, overflow_flags);
	mdelay(10);
	report(pmu_irqs == 1, "exactly once (%d)", pmu_irqs);

	write_sysreg(1, pmintenclr_el1);
	write_sysreg(1, pmcntenclr_el0);
	write_sysreg(0, pmcr_el0);
	isb();
	report_prefix_pop();
}

static void reset_pmu(void)
{
	write_sysreg(~0UL, pmcntenclr_el0);
	write_sysreg(~0UL, pmovsclr_el0);
	write_sysreg(~0UL, pmintenclr_el1);
	write_sysreg(PMU_PMCR_P | PMU_PMCR_C, pmcr_el0);
	isb();
}

static void check_registers(void)
{
	int n = pmu_nr_counters(), i;
	u64 implemented = (1UL << PMU_CYCLE_IDX) | ((1UL << n) - 1), set;
	bool ok = true;

	reset_pmu();
	write_sysreg(~0UL, pmcntenset_el0);
	set = read_sysreg(pmcntenset_el0);
	report(set == implemented && read_sysreg(pmcntenclr_el0) == implemented,
	       "PMCNTENSET/CLR: the cycle counter and PMCR.N = %d event counters (%#lx)", n, set);
	write_sysreg(~0UL, pmcntenclr_el0);
	report(!read_sysreg(pmcntenset_el0), "PMCNTENCLR clears them all");

	for (i = 0; i < n; i++) {
		write_regn_el0(pmevcntr, i, 0x1000 + i);
		ok = ok && read_regn_el0(pmevcntr, i) == (u64)0x1000 + i;
	}
	report(ok, "each event counter holds what is written");
	write_sysreg(PMU_PMCR_P, pmcr_el0);
	isb();
	ok = true;
	for (i = 0; i < n; i++)
		ok = ok && read_regn_el0(pmevcntr, i) == 0;
	report(ok, "PMCR.P resets every event counter");
	write_sysreg(12345, pmccntr_el0);
	write_sysreg(PMU_PMCR_C, pmcr_el0);
	isb();
	report(read_sysreg(pmccntr_el0) == 0, "PMCR.C resets the cycle counter");
}

/* SW_INCR on counter i alone: it counts exactly its own increments, the others nothing. */
static void check_sw_incr_each(void)
{
	int n = pmu_nr_counters(), i, j;
	bool others;

	report_prefix_push("sw_incr");
	for (i = 0; i < n; i++) {
		reset_pmu();
		for (j = 0; j < n; j++)
			write_regn_el0(pmevtyper, j, PMU_EVENT_SW_INCR);
		write_sysreg((1UL << n) - 1, pmcntenset_el0);
		write_sysreg(PMU_PMCR_E, pmcr_el0);
		isb();
		for (j = 0; j < 3; j++)
			write_sysreg(1UL << i, pmswinc_el0);
		isb();
		others = true;
		for (j = 0; j < n; j++) {
			if (j != i)
				others = others && read_regn_el0(pmevcntr, j) == 0;
		}
		report(read_regn_el0(pmevcntr, i) == 3 && others, "counter %d counts its 3 increments, the others 0",
		       i);
	}
	reset_pmu();
	report_prefix_pop();
}

/* Each counter's overflow: its PMOVSSET bit and one interrupt. */
static void check_overflow_each(void)
{
	int n = pmu_nr_counters(), i;
	u64 end;

	report_prefix_push("overflow");
	for (i = 0; i < n; i++) {
		reset_pmu();
		pmu_irqs = 0;
		overflow_flags = 0;
		write_regn_el0(pmevtyper, i, PMU_EVENT_SW_INCR);
		write_regn_el0(pmevcntr, i, 0xffffffff);
		write_sysreg(1UL << i, pmintenset_el1);
		write_sysreg(1UL << i, pmcntenset_el0);
		write_sysreg(PMU_PMCR_E, pmcr_el0);
		isb();
		write_sysreg(1UL << i, pmswinc_el0);
		isb();
		end = get_cntvct() + get_cntfrq() / 1000 * ARRIVAL_MS;
		while (!pmu_irqs && get_cntvct() < end)
			cpu_relax();
		mdelay(1);
		/* With PMUv3p5 the counter is 64 bits wide; the overflow is of its low 32 (PMCR.LP = 0). */
		report(pmu_irqs == 1 && overflow_flags == (1UL << i) && !(u32)read_regn_el0(pmevcntr, i),
		       "counter %d: one interrupt (%d), PMOVSSET %#lx, wrapped to %lu", i, pmu_irqs, overflow_flags,
		       read_regn_el0(pmevcntr, i));
	}
	reset_pmu();
	report_prefix_pop();
}

#define LOOPS	1000

static volatile u64 scratch[8];

/* LOOPS iterations of a load, a store and a taken branch, in assembly so that the counts are known. */
static void event_loop(void)
{
	u64 n = LOOPS, tmp;

	asm volatile("1: ldr %1, [%2]\n"
		     "str %1, [%2, #8]\n"
		     "subs %0, %0, #1\n"
		     "b.ne 1b" : "+r"(n), "=&r"(tmp) : "r"(scratch) : "memory", "cc");
}

struct event_check {
	unsigned int event;
	const char *name;
	u64 at_least;
};

static const struct event_check events[] = {
	{ PMU_EVENT_INST_RETIRED, "INST_RETIRED", 4 * LOOPS },
	{ 0x06, "LD_RETIRED", LOOPS },
	{ 0x07, "ST_RETIRED", LOOPS },
	{ 0x21, "BR_RETIRED", LOOPS - 1 },
	{ 0x13, "MEM_ACCESS", 2 * LOOPS },
	{ 0x04, "L1D_CACHE", 2 * LOOPS },
	{ PMU_EVENT_CPU_CYCLES, "CPU_CYCLES", 1 },
};

static void check_events(void)
{
	u64 ceid = read_sysreg(pmceid0_el0), count;
	unsigned int i;

	report_prefix_push("events");
	for (i = 0; i < ARRAY_SIZE(events); i++) {
		if (!(ceid & (1UL << events[i].event))) {
			report_skip("%s (%#x) not implemented (PMCEID0_EL0 %#lx)", events[i].name, events[i].event,
				    ceid);
			continue;
		}
		reset_pmu();
		write_regn_el0(pmevtyper, 0, events[i].event);
		write_sysreg(1, pmcntenset_el0);
		write_sysreg(PMU_PMCR_E, pmcr_el0);
		isb();
		event_loop();
		isb();
		count = read_regn_el0(pmevcntr, 0);
		report(count >= events[i].at_least, "%s: %lu for a loop causing %lu", events[i].name, count,
		       events[i].at_least);
	}
	reset_pmu();
	report_prefix_pop();
}

#define PMEVTYPER_P	(1UL << 31)	/* do not count at EL1 */
#define PMEVTYPER_U	(1UL << 30)	/* do not count at EL0 */
#define PMU_EVENT_CHAIN	0x1e
#define PMU_PMCR_LP	(1 << 7)

static void user_loop(void *arg)
{
	event_loop();
}

/* P and U in PMEVTYPER with INST_RETIRED or, without it, CPU_CYCLES (both count all the time the loop runs). */
static void check_filters(void)
{
	u64 ceid = read_sysreg(pmceid0_el0), el1_count, el0_count, cycles;
	unsigned int ev = ceid & (1UL << PMU_EVENT_INST_RETIRED) ? PMU_EVENT_INST_RETIRED : PMU_EVENT_CPU_CYCLES;

	report_prefix_push("filter");
	reset_pmu();
	write_regn_el0(pmevtyper, 0, ev | PMEVTYPER_U);
	write_regn_el0(pmevtyper, 1, ev | PMEVTYPER_P);
	write_sysreg(3, pmcntenset_el0);
	write_sysreg(PMU_PMCR_E, pmcr_el0);
	isb();
	event_loop();
	isb();
	el1_count = read_regn_el0(pmevcntr, 0);
	el0_count = read_regn_el0(pmevcntr, 1);
	report(el1_count > 0 && el0_count == 0, "event %#x at EL1: counted with U (%lu), not with P (%lu)", ev,
	       el1_count, el0_count);
	write_sysreg(PMU_PMCR_E | PMU_PMCR_P, pmcr_el0);
	isb();
	start_usr(user_loop, NULL, (unsigned long)thread_stack_alloc());
	isb();
	el0_count = read_regn_el0(pmevcntr, 1);
	report(el0_count > 0, "event %#x at EL0: counted with P (%lu)", ev, el0_count);

	reset_pmu();
	write_sysreg(PMEVTYPER_P, pmccfiltr_el0);
	write_sysreg(1UL << PMU_CYCLE_IDX, pmcntenset_el0);
	write_sysreg(PMU_PMCR_E, pmcr_el0);
	isb();
	event_loop();
	isb();
	cycles = read_sysreg(pmccntr_el0);
	report(cycles == 0, "PMCCFILTR_EL0.P: no cycles counted at EL1 (%lu)", cycles);
	write_sysreg(0, pmccfiltr_el0);
	reset_pmu();
	report_prefix_pop();
}

static void check_chain_and_64bit(void)
{
	u64 ceid = read_sysreg(pmceid0_el0), c0, c1;

	if (pmu_nr_counters() < 2 || !(ceid & (1UL << PMU_EVENT_CHAIN))) {
		report_skip("chain: CHAIN (0x1e) not implemented or fewer than 2 counters");
	} else {
		reset_pmu();
		write_regn_el0(pmevtyper, 0, PMU_EVENT_SW_INCR);
		write_regn_el0(pmevtyper, 1, PMU_EVENT_CHAIN);
		write_regn_el0(pmevcntr, 0, 0xffffffff);
		write_sysreg(3, pmcntenset_el0);
		write_sysreg(PMU_PMCR_E, pmcr_el0);
		isb();
		write_sysreg(1, pmswinc_el0);
		isb();
		c0 = read_regn_el0(pmevcntr, 0);
		c1 = read_regn_el0(pmevcntr, 1);
		report(c0 == 0 && c1 == 1, "chain: counter 0 wrapped (%lu), counter 1 counted it (%lu)", c0, c1);
	}
	if (pmu_version() < 6) {
		report_skip("64-bit event counters: PMUv3p5 not implemented (PMUVer %#x)", pmu_version());
	} else {
		reset_pmu();
		write_regn_el0(pmevtyper, 0, PMU_EVENT_SW_INCR);
		write_regn_el0(pmevcntr, 0, 0xffffffff);
		write_sysreg(1, pmcntenset_el0);
		write_sysreg(PMU_PMCR_E | PMU_PMCR_LP, pmcr_el0);
		isb();
		write_sysreg(1, pmswinc_el0);
		isb();
		c0 = read_regn_el0(pmevcntr, 0);
		report(c0 == 0x100000000UL && !(read_sysreg(pmovsset_el0) & 1),
		       "PMCR.LP: a counter goes past 32 bits without overflow (%#lx)", c0);
		write_sysreg(~0UL, pmovsclr_el0);
		write_regn_el0(pmevcntr, 0, 0xffffffff);
		write_sysreg(PMU_PMCR_E, pmcr_el0);
		isb();
		write_sysreg(1, pmswinc_el0);
		isb();
		report(read_sysreg(pmovsset_el0) & 1, "without PMCR.LP the same increment overflows");
	}
	reset_pmu();
}

int main(int argc, char **argv)
{
	unsigned int ver = pmu_version();
	int ppi = pmu_ppi();

	if (ver == 0 || ver == ID_AA64DFR0_PMUVER_IMPDEF) {
		report_skip("no PMUv3 (ID_AA64DFR0_EL1.PMUVer = %#x)", ver);
		return report_summary();
	}
	report_info("PMUv3 version %#x, %d event counters, PPI %d", ver, pmu_nr_counters(), ppi);
	check_cycle_counter();
	check_registers();
	check_sw_incr_each();
	check_events();
	check_filters();
	check_chain_and_64bit();
	if (pmu_nr_counters() < 1 || ppi < 0) {
		report_skip("overflow: %s",
			    ppi < 0 ? "no arm,armv8-pmuv3 interrupt in the device tree" : "no event counter");
		return report_summary();
	}
	pmu_irq = PPI(ppi);
	gic_enable_defaults();
	install_irq_handler(EL1H_IRQ, irq_handler);
	gic_irq_enable(pmu_irq);
	local_irq_enable();
	check_overflow();
	check_overflow_each();
	report(!other_irqs, "no other interrupt (%d)", other_irqs);
	return report_summary();
}
