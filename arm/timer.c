/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * timer.c - the generic timer's EL1 virtual and physical timers, each:
 *   the counter runs; the device tree names the timer's PPI; a timer whose compare value has passed shows
 *   ISTATUS and drives its PPI pending at the GIC (and stops when masked); TVAL reads as the signed
 *   distance to CVAL and writing it sets CVAL from the count, ISTATUS following; programmed DELAY_MS ahead, its
 *   interrupt arrives no earlier than the compare value and no later than DEADLINE_RATIO times the delay
 *   after it was programmed; mdelay() waits at least what it is asked (its upper bound, MDELAY_MAX_MS, only
 *   catches a wait that never ends: a busy host stalls the vCPU for long).
 * Hypervisor bugs it catches: a timer whose interrupt is never injected, injected early or twice, a
 * CNTVOFF/compare value saved or restored wrongly across vCPU switches (early or missing interrupts),
 * ISTATUS or the interrupt line not following the compare value, an unemulated physical timer.
 */
#include "libcflat.h"
#include "asm/barrier.h"
#include "asm/delay.h"
#include "asm/gic.h"
#include "asm/processor.h"
#include "asm/timer.h"

#define DELAY_MS	20
/* The interrupt must arrive within this many times the delay from programming (TCG on a busy host included). */
#define DEADLINE_RATIO	5
/* mdelay() may overrun by however long the host stalls the vCPU: a loaded 2-CPU host has shown 300 ms. */
#define MDELAY_MAX_MS	1000

struct timer {
	const char *name;
	u32 *irq;	/* the GIC interrupt ID of the device tree's PPI */
	u64 (*count)(void);
	void (*write_cval)(u64 cval);
	void (*write_ctl)(u64 ctl);
	u64 (*read_ctl)(void);
	u64 (*read_cval)(void);
	s32 (*read_tval)(void);
	void (*write_tval)(s32 tval);
};

static u64 read_cntv_cval(void)
{
	return read_sysreg(cntv_cval_el0);
}

static u64 read_cntp_cval(void)
{
	return read_sysreg(cntp_cval_el0);
}

static s32 read_cntv_tval(void)
{
	return read_sysreg(cntv_tval_el0);
}

static s32 read_cntp_tval(void)
{
	return read_sysreg(cntp_tval_el0);
}

static void write_cntv_tval(s32 v)
{
	write_sysreg((u64)(s64)v, cntv_tval_el0);
	isb();
}

static void write_cntp_tval(s32 v)
{
	write_sysreg((u64)(s64)v, cntp_tval_el0);
	isb();
}


static const struct timer timers[] = {
	{ "vtimer", &TIMER_VTIMER_IRQ, timer_get_cntvct, write_cntv_cval, write_cntv_ctl, read_cntv_ctl,
	  read_cntv_cval, read_cntv_tval, write_cntv_tval },
	{ "ptimer", &TIMER_PTIMER_IRQ, timer_get_cntpct, write_cntp_cval, write_cntp_ctl, read_cntp_ctl,
	  read_cntp_cval, read_cntp_tval, write_cntp_tval },
};

static const struct timer *current;
static volatile int fired, other_irqs;
static volatile u64 fired_at;

static void irq_handler(struct pt_regs *regs)
{
	u32 iar = gic_read_iar(), irq = gic_iar_irqnr(iar);

	if (irq == GICC_INT_SPURIOUS)
		return;
	if (current && irq == *current->irq) {
		fired_at = current->count();
		/* The line is level-triggered: mask the timer's output, or it fires again at once. */
		current->write_ctl(ARCH_TIMER_CTL_ENABLE | ARCH_TIMER_CTL_IMASK);
		fired++;
	} else {
		other_irqs++;
	}
	gic_write_eoir(iar);
}

static void check_signal(const struct timer *t)
{
	int ppi = *t->irq;
	u64 now = t->count();

	/* With the interrupt disabled at the GIC, its pending bit still follows the timer's output. */
	gic_irq_disable(ppi);
	t->write_cval(now + get_cntfrq() * 10);
	t->write_ctl(ARCH_TIMER_CTL_ENABLE);
	report(!(t->read_ctl() & ARCH_TIMER_CTL_ISTATUS) && gic_irq_state(ppi) == GIC_IRQ_STATE_INACTIVE,
	       "10 s ahead: ISTATUS clear, PPI %d not pending", ppi);
	t->write_cval(now - 1);
	report(t->read_ctl() & ARCH_TIMER_CTL_ISTATUS, "compare value passed: ISTATUS set");
	report(gic_irq_state(ppi) == GIC_IRQ_STATE_PENDING, "and PPI %d pending", ppi);
	t->write_ctl(ARCH_TIMER_CTL_ENABLE | ARCH_TIMER_CTL_IMASK);
	report(gic_irq_state(ppi) == GIC_IRQ_STATE_INACTIVE, "masked (IMASK): PPI %d no longer pending", ppi);
	t->write_ctl(0);
}

static void check_interrupt(const struct timer *t)
{
	u64 freq = get_cntfrq(), delay = freq / 1000 * DELAY_MS, start, cval, end;

	current = t;
	fired = 0;
	gic_irq_enable(*t->irq);
	start = t->count();
	cval = start + delay;
	t->write_cval(cval);
	t->write_ctl(ARCH_TIMER_CTL_ENABLE);
	end = start + 4 * DEADLINE_RATIO * delay;
	while (!fired && t->count() < end)
		wfi();
	if (!fired) {
		report_fail("no interrupt within %d ms of the %d ms deadline", 4 * DEADLINE_RATIO * DELAY_MS, DELAY_MS);
	} else {
		report(fired_at >= cval, "not before the compare value (%ld us after it)",
		       (long)(fired_at - cval) * 1000000 / (long)freq);
		report(fired_at - start <= DEADLINE_RATIO * delay,
		       "within %d x the %d ms delay (%" PRIu64 " us)", DEADLINE_RATIO, DELAY_MS,
		       (fired_at - start) * 1000000 / freq);
	}
	/* One line assertion, one interrupt: nothing more once the handler masked it. */
	mdelay(DELAY_MS);
	report(fired == 1, "exactly one interrupt (%d)", fired);
	t->write_ctl(0);
	gic_irq_disable(*t->irq);
	current = NULL;
}

/*
 * TVAL is a signed 32-bit view of CVAL - count (Arm ARM D11.2.4): reading it gives what is left, negative once
 * passed; writing it sets CVAL to count + TVAL.
 */
static void check_tval(const struct timer *t)
{
	u64 freq = get_cntfrq(), ahead = freq, now, cval;
	s32 tval;

	t->write_ctl(ARCH_TIMER_CTL_ENABLE | ARCH_TIMER_CTL_IMASK);
	now = t->count();
	t->write_cval(now + ahead);
	tval = t->read_tval();
	report(tval > 0 && (u64)tval <= ahead && (u64)tval > ahead - freq / 10, "TVAL reads CVAL - count (%d)", tval);
	t->write_cval(t->count() - freq / 100);
	tval = t->read_tval();
	report(tval < 0 && tval >= -(s32)(freq / 10), "TVAL is negative once the compare value passed (%d)", tval);
	now = t->count();
	t->write_tval(freq / 2);
	cval = t->read_cval();
	report(cval >= now + freq / 2 && cval < now + freq / 2 + freq / 10, "writing TVAL sets CVAL to count + TVAL");
	report(!(t->read_ctl() & ARCH_TIMER_CTL_ISTATUS), "and ISTATUS follows the new CVAL (clear)");
	t->write_tval(-1);
	report(t->read_ctl() & ARCH_TIMER_CTL_ISTATUS, "TVAL = -1: ISTATUS set");
	t->write_ctl(0);
}

static void check_timer(const struct timer *t)
{
	u64 a, b;

	report_prefix_push(t->name);
	a = t->count();
	udelay(100);
	b = t->count();
	report(b > a, "the counter runs (%" PRIu64 " ticks in 100 us)", b - a);
	report(*t->irq >= 16 && *t->irq < 32, "the device tree gives a PPI (ID %u)", *t->irq);
	check_signal(t);
	check_tval(t);
	check_interrupt(t);
	report_prefix_pop();
}

static void check_mdelay(void)
{
	u64 freq = get_cntfrq(), start = get_cntvct(), took;

	mdelay(DELAY_MS);
	took = get_cntvct() - start;
	report(took >= freq / 1000 * DELAY_MS && took <= freq / 1000 * MDELAY_MAX_MS,
	       "mdelay(%d) took %" PRIu64 " us", DELAY_MS, took * 1000000 / freq);
}

int main(int argc, char **argv)
{
	size_t i;

	if ((int)TIMER_VTIMER_IRQ < 0) {
		report_skip("no arm,armv8-timer node in the device tree");
		return report_summary();
	}
	report_info("CNTFRQ_EL0 = %u Hz", get_cntfrq());
	gic_enable_defaults();
	install_irq_handler(EL1H_IRQ, irq_handler);
	local_irq_enable();
	for (i = 0; i < ARRAY_SIZE(timers); i++)
		check_timer(&timers[i]);
	check_mdelay();
	/* The EL2 timers are only reachable from EL2; from EL1 what can be checked is that the tree names them. */
	if (current_level() == CurrentEL_EL1) {
		if ((int)TIMER_HPTIMER_IRQ >= 0)
			report(TIMER_HPTIMER_IRQ >= 16 && TIMER_HPTIMER_IRQ < 32,
			       "the tree names the EL2 physical timer's PPI (ID %u)", TIMER_HPTIMER_IRQ);
		else
			report_skip("no EL2 physical timer in the device tree");
		report_skip("EL2 timers (TIMER_HPTIMER_IRQ, TIMER_HVTIMER_IRQ): running at EL1, not EL2");
	}
	report(!other_irqs, "no other interrupt (%d)", other_irqs);
	return report_summary();
}
