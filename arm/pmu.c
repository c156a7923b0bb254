/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pmu.c - the PMUv3 performance monitors:
 *   the cycle counter counts while enabled and stops when disabled; an event counter counts software
 *   increments (SW_INCR) one by one, and its overflow sets its PMOVSSET bit, wraps to 0 and raises the
 *   PMU interrupt (the device tree's PPI) exactly once.
 * Hypervisor bugs it catches: a vPMU whose counters do not run, run while disabled, lose or invent events,
 * miss the overflow or its interrupt, or inject it on the wrong line or more than once.
 */
#include "libcflat.h"
#include "asm/barrier.h"
#include "asm/delay.h"
#include "asm/gic.h"
#include "asm/pmu.h"
#include "asm/processor.h"

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
	report(!other_irqs, "no other interrupt (%d)", other_irqs);
	return report_summary();
}
