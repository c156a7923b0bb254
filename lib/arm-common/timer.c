/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * timer.c - the generic timer's interrupts from the device tree, and busy
 * waits on the virtual counter (asm/timer.h, asm/delay.h).
 */
#include "libcflat.h"
#include "devicetree.h"
#include "asm/delay.h"
#include "asm/gic.h"
#include "asm/processor.h"
#include "asm/timer.h"

/*
 * "interrupts" of arm,armv8-timer: {type, number, flags} for the secure,
 * non-secure, virtual, EL2 physical and (optional) EL2 virtual timers.
 */
#define DT_TIMER_PHYS		1
#define DT_TIMER_VIRT		2
#define DT_TIMER_HYP_PHYS	3
#define DT_TIMER_HYP_VIRT	4
#define DT_TIMER_CELLS		3

struct timer_state __timer_state;

void timer_init(void)
{
	/* An ARMv7 CPU's tree (arm, cortex-a15) names only the v7 timer; the interrupts are laid out alike. */
	int node = dt_find_compatible(-1, "arm,armv8-timer"), len;
	const u8 *prop;

	/* GIC interrupt IDs (PPI() of the tree's numbers), -1 for a timer the tree does not name. */
	__timer_state.ptimer.irq = -1;
	__timer_state.vtimer.irq = -1;
	__timer_state.hptimer.irq = -1;
	__timer_state.hvtimer.irq = -1;
	if (node < 0)
		node = dt_find_compatible(-1, "arm,armv7-timer");
	if (node < 0)
		return;
	prop = dt_getprop(node, "interrupts", &len);
	if (!prop || len < (DT_TIMER_VIRT + 1) * DT_TIMER_CELLS * 4)
		report_abort("timer: the timer node has %d bytes of interrupts; at least %d expected",
			     prop ? len : 0, (DT_TIMER_VIRT + 1) * DT_TIMER_CELLS * 4);
	__timer_state.ptimer.irq = PPI(dt_be32(prop + (DT_TIMER_PHYS * DT_TIMER_CELLS + 1) * 4));
	__timer_state.ptimer.irq_flags = dt_be32(prop + (DT_TIMER_PHYS * DT_TIMER_CELLS + 2) * 4);
	__timer_state.vtimer.irq = PPI(dt_be32(prop + (DT_TIMER_VIRT * DT_TIMER_CELLS + 1) * 4));
	__timer_state.vtimer.irq_flags = dt_be32(prop + (DT_TIMER_VIRT * DT_TIMER_CELLS + 2) * 4);
	if (len >= (DT_TIMER_HYP_PHYS + 1) * DT_TIMER_CELLS * 4) {
		__timer_state.hptimer.irq = PPI(dt_be32(prop + (DT_TIMER_HYP_PHYS * DT_TIMER_CELLS + 1) * 4));
		__timer_state.hptimer.irq_flags = dt_be32(prop + (DT_TIMER_HYP_PHYS * DT_TIMER_CELLS + 2) * 4);
	}
	if (len >= (DT_TIMER_HYP_VIRT + 1) * DT_TIMER_CELLS * 4) {
		__timer_state.hvtimer.irq = PPI(dt_be32(prop + (DT_TIMER_HYP_VIRT * DT_TIMER_CELLS + 1) * 4));
		__timer_state.hvtimer.irq_flags = dt_be32(prop + (DT_TIMER_HYP_VIRT * DT_TIMER_CELLS + 2) * 4);
	}
}

void delay(u64 cycles)
{
	u64 start = get_cntvct();

	while (get_cntvct() - start < cycles)
		cpu_relax();
}

void udelay(unsigned long usecs)
{
	delay(DIV_ROUND_UP((u64)usecs * get_cntfrq(), 1000000));
}

void mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}
