/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/timer.h - the generic timer's EL1 (arm: PL1) timers: the control register bits
 * (CNTV_CTL_EL0, CNTP_CTL_EL0), their interrupts as the device tree's
 * "arm,armv8-timer" node gives them (as GIC interrupt IDs, PPI() of the
 * tree's numbers, as in kvm-unit-tests; -1 when absent), and accessors.
 */
#ifndef _ASM_ARM64_TIMER_H_
#define _ASM_ARM64_TIMER_H_

#define ARCH_TIMER_CTL_ENABLE	(1 << 0)
#define ARCH_TIMER_CTL_IMASK	(1 << 1)	/* the output is masked: no interrupt */
#define ARCH_TIMER_CTL_ISTATUS	(1 << 2)	/* the condition is met (read-only) */

#ifndef __ASSEMBLER__
#include "libcflat.h"
#include "asm/sysreg.h"
#include "asm/barrier.h"

struct timer_state {
	struct {
		u32 irq;
		u32 irq_flags;
	} ptimer, vtimer, hptimer, hvtimer;
};
/* Filled by timer_init() (setup.c); an irq of 0 means the device tree had no timer node. */
extern struct timer_state __timer_state;

#define TIMER_PTIMER_IRQ	(__timer_state.ptimer.irq)
#define TIMER_VTIMER_IRQ	(__timer_state.vtimer.irq)
#define TIMER_HPTIMER_IRQ	(__timer_state.hptimer.irq)
#define TIMER_HVTIMER_IRQ	(__timer_state.hvtimer.irq)

/* Read the timer interrupts from the device tree. */
extern void timer_init(void);

static inline u64 timer_get_cntvct(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static inline u64 timer_get_cntpct(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

/*
 * write_cntv_cval(), write_cntv_ctl(), read_cntv_ctl() for the virtual timer
 * (it fires when CNTVCT_EL0 >= CNTV_CVAL_EL0 while enabled), and the
 * write_cntp_*, read_cntp_* ones for the physical timer (against CNTPCT_EL0).
 */
#define TIMER_ACCESSORS(t)						\
static inline void write_##t##_cval(u64 cval)				\
{									\
	write_sysreg(cval, t##_cval_el0);				\
	isb();								\
}									\
static inline void write_##t##_ctl(u64 ctl)				\
{									\
	write_sysreg(ctl, t##_ctl_el0);					\
	isb();								\
}									\
static inline u64 read_##t##_ctl(void)					\
{									\
	return read_sysreg(t##_ctl_el0);				\
}
TIMER_ACCESSORS(cntv)
TIMER_ACCESSORS(cntp)
#undef TIMER_ACCESSORS
#endif /* !__ASSEMBLER__ */

#endif /* _ASM_ARM64_TIMER_H_ */
