/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * debug.c - self-hosted debug (Arm ARM D2, "AArch64 Self-hosted Debug"):
 *   every hardware breakpoint (DBGBVR/DBGBCR<n>) fires at its address at EL1 and, with PMC for EL0 only, at
 *   EL0, and not at all once disabled; every watchpoint (DBGWVR/DBGWCR<n>) fires on the access types its LSC
 *   field selects, with FAR in the watched bytes and ESR.WnR telling store from load; software step runs one
 *   instruction per step exception, at EL1 (MDSCR_EL1.KDE) and EL0; BRK reports its immediate.
 * Hypervisor bugs it catches: debug registers not context-switched or not passed to the guest (a
 *   breakpoint that never fires, or fires after being disabled), a guest's watchpoints lost while the host
 *   debugs, MDSCR_EL1.SS/PSTATE.SS mishandled on exception return (zero or two instructions per step), the
 *   debug exception reported with the wrong class, ELR, FAR or WnR.
 */
#include "libcflat.h"
#include "asm/barrier.h"
#include "asm/processor.h"
#include "asm/sysreg.h"
#include "asm/thread_info.h"

#define MDSCR_SS		(1 << 0)
#define MDSCR_KDE		(1 << 13)
#define MDSCR_MDE		(1 << 15)
#define PSR_SS			(1UL << 21)

/* DBGBCR/DBGWCR: E, PMC/PAC (bits 2:1: 1 EL1, 2 EL0, 3 both), BAS */
#define DBG_E			(1 << 0)
#define DBG_EL1			(1 << 1)
#define DBG_EL0			(2 << 1)
#define DBGBCR_BAS		(0xf << 5)
#define DBGWCR_BAS8		(0xff << 5)
#define DBGWCR_LOAD		(1 << 3)
#define DBGWCR_STORE		(2 << 3)
#define ESR_WNR			(1 << 6)

#define BRK_IMM			0x77
#define STEPS			4

static int nr_brps, nr_wrps;
static volatile int hits, steps, brks;
static volatile u64 hit_pc, hit_far, hit_esr, brk_imm;
static volatile u64 step_pc[STEPS + 1];
static volatile u64 watched[2] __aligned(16);
static volatile bool el0_ok;

/* DBG{B,W}{V,C}R<n>_EL1 by number, as MSR names its register in the instruction. */
#define DBG_CASE(n, kind, v)	case n: write_sysreg(v, dbg##kind##n##_el1); break
#define DBG_WRITE(kind, n, v) do {							\
	switch (n) {									\
	DBG_CASE(0, kind, v); DBG_CASE(1, kind, v); DBG_CASE(2, kind, v); DBG_CASE(3, kind, v);	\
	DBG_CASE(4, kind, v); DBG_CASE(5, kind, v); DBG_CASE(6, kind, v); DBG_CASE(7, kind, v);	\
	DBG_CASE(8, kind, v); DBG_CASE(9, kind, v); DBG_CASE(10, kind, v); DBG_CASE(11, kind, v);	\
	DBG_CASE(12, kind, v); DBG_CASE(13, kind, v); DBG_CASE(14, kind, v); DBG_CASE(15, kind, v);	\
	}										\
	isb();										\
} while (0)

static void set_bp(int n, u64 addr, u64 ctrl)
{
	DBG_WRITE(bvr, n, addr);
	DBG_WRITE(bcr, n, ctrl);
}

static void set_wp(int n, u64 addr, u64 ctrl)
{
	DBG_WRITE(wvr, n, addr);
	DBG_WRITE(wcr, n, ctrl);
}

static int current_bp = -1, current_wp = -1;

/* The breakpoint is turned off so that the instruction runs when the handler returns to it. */
static void bp_handler(struct pt_regs *regs, unsigned int esr)
{
	hits++;
	hit_pc = regs->pc;
	hit_esr = esr;
	if (current_bp >= 0)
		set_bp(current_bp, 0, 0);
}

static void wp_handler(struct pt_regs *regs, unsigned int esr)
{
	hits++;
	hit_pc = regs->pc;
	hit_esr = esr;
	hit_far = read_sysreg(far_el1);
	if (current_wp >= 0)
		set_wp(current_wp, 0, 0);
}

/* Each step records where it stopped and re-arms the step (PSTATE.SS) until STEPS steps were taken. */
static void step_handler(struct pt_regs *regs, unsigned int esr)
{
	step_pc[steps++] = regs->pc;
	if (steps < STEPS)
		regs->pstate |= PSR_SS;
	else
		write_sysreg(read_sysreg(mdscr_el1) & ~MDSCR_SS, mdscr_el1);
}

/* BRK starts the step: ELR is the BRK itself, so the handler moves on, and sets PSTATE.SS for the return. */
static void brk_handler(struct pt_regs *regs, unsigned int esr)
{
	brks++;
	brk_imm = esr & 0xffff;
	regs->pc += 4;
	if (brk_imm == BRK_IMM) {
		write_sysreg(read_sysreg(mdscr_el1) | MDSCR_SS, mdscr_el1);
		regs->pstate |= PSR_SS;
	}
}

static noinline void bp_target(void)
{
	asm volatile("nop");
}

/* Runs BRK, then four NOPs stepped one by one; returns the first NOP's address. */
static noinline u64 stepped_code(void)
{
	u64 start;

	asm volatile("adr %0, 1f\n"
		     "brk #" xstr(BRK_IMM) "\n"
		     "1: nop\n nop\n nop\n nop\n" : "=r"(start) : : "memory");
	return start;
}

static bool steps_ok(u64 start)
{
	int i;

	for (i = 0; i < STEPS; i++) {
		if (step_pc[i] != start + 4 * (i + 1))
			return false;
	}
	return true;
}

static void debug_enable(void)
{
	write_sysreg(0, oslar_el1);	/* the OS lock, set at reset, masks every debug exception but BRK */
	write_sysreg(MDSCR_KDE | MDSCR_MDE, mdscr_el1);
	isb();
	asm volatile("msr daifclr, #8");	/* PSTATE.D */
	isb();
}

static void test_breakpoints_el1(void)
{
	int n;

	report_prefix_push("el1");
	for (n = 0; n < nr_brps; n++) {
		hits = 0;
		current_bp = n;
		set_bp(n, (u64)bp_target, DBGBCR_BAS | DBG_EL1 | DBG_E);
		bp_target();
		report(hits == 1 && hit_pc == (u64)bp_target &&
		       ((hit_esr >> ESR_EL1_EC_SHIFT) & ESR_EL1_EC_MASK) == ESR_EL1_EC_BREAKPT_EL1,
		       "breakpoint %d fires once at its address (%d hits, ELR %#lx)", n, hits, hit_pc);
		/* Disabled by the handler: no second hit. */
		bp_target();
		report(hits == 1, "breakpoint %d disabled: no hit", n);
	}
	/* EL0 only: not at EL1. */
	hits = 0;
	set_bp(0, (u64)bp_target, DBGBCR_BAS | DBG_EL0 | DBG_E);
	bp_target();
	report(hits == 0, "a breakpoint for EL0 only does not fire at EL1");
	set_bp(0, 0, 0);
	current_bp = -1;
	report_prefix_pop();
}

static void test_watchpoints_el1(void)
{
	int n;
	u64 v;

	report_prefix_push("el1");
	for (n = 0; n < nr_wrps; n++) {
		current_wp = n;
		hits = 0;
		set_wp(n, (u64)&watched[0], DBGWCR_BAS8 | DBGWCR_STORE | DBGWCR_LOAD | DBG_EL1 | DBG_E);
		watched[0] = n;
		report(hits == 1 && (hit_esr & ESR_WNR) && hit_far >= (u64)&watched[0] && hit_far < (u64)&watched[1] &&
		       ((hit_esr >> ESR_EL1_EC_SHIFT) & ESR_EL1_EC_MASK) == ESR_EL1_EC_WATCHPT_EL1,
		       "watchpoint %d: a store fires it with WnR set (FAR %#lx)", n, hit_far);
		hits = 0;
		set_wp(n, (u64)&watched[0], DBGWCR_BAS8 | DBGWCR_LOAD | DBG_EL1 | DBG_E);
		watched[0] = n + 1;
		report(hits == 0, "watchpoint %d for loads: a store does not fire it", n);
		v = watched[0];
		report(hits == 1 && !(hit_esr & ESR_WNR) && v == (u64)n + 1,
		       "watchpoint %d for loads: a load fires it with WnR clear", n);
		hits = 0;
		set_wp(n, (u64)&watched[0], DBGWCR_BAS8 | DBGWCR_STORE | DBGWCR_LOAD | DBG_EL1 | DBG_E);
		watched[1] = 1;
		report(hits == 0, "watchpoint %d: the next doubleword is not watched", n);
		set_wp(n, 0, 0);
	}
	current_wp = -1;
	report_prefix_pop();
}

static void test_step_el1(void)
{
	u64 start;

	steps = 0;
	brks = 0;
	start = stepped_code();
	report(brks == 1 && brk_imm == BRK_IMM, "BRK #%#x reports its immediate (%#lx)", BRK_IMM, brk_imm);
	report(steps == STEPS && steps_ok(start), "el1: %d steps, one instruction each (%d taken)", STEPS, steps);
}

static void user_code(void *arg)
{
	u64 start;

	hits = 0;
	bp_target();
	report(hits == 1 && hit_pc == (u64)bp_target &&
	       ((hit_esr >> ESR_EL1_EC_SHIFT) & ESR_EL1_EC_MASK) == ESR_EL1_EC_BREAKPT_EL0,
	       "el0: breakpoint 0 (EL0 only) fires at its address, class BREAKPT_EL0");
	hits = 0;
	watched[0] = 5;
	report(hits == 1 && (hit_esr & ESR_WNR) &&
	       ((hit_esr >> ESR_EL1_EC_SHIFT) & ESR_EL1_EC_MASK) == ESR_EL1_EC_WATCHPT_EL0,
	       "el0: watchpoint 0 (EL0 only) fires on a store, class WATCHPT_EL0");
	steps = 0;
	start = stepped_code();
	report(steps == STEPS && steps_ok(start), "el0: %d steps, one instruction each (%d taken)", STEPS, steps);
	el0_ok = true;
}

static void test_el0(void)
{
	void *sp = thread_stack_alloc();

	install_exception_handler(EL0_SYNC_64, ESR_EL1_EC_BREAKPT_EL0, bp_handler);
	install_exception_handler(EL0_SYNC_64, ESR_EL1_EC_WATCHPT_EL0, wp_handler);
	install_exception_handler(EL0_SYNC_64, ESR_EL1_EC_SOFTSTP_EL0, step_handler);
	install_exception_handler(EL0_SYNC_64, ESR_EL1_EC_BRK64, brk_handler);
	current_bp = 0;
	current_wp = 0;
	set_bp(0, (u64)bp_target, DBGBCR_BAS | DBG_EL0 | DBG_E);
	set_wp(0, (u64)&watched[0], DBGWCR_BAS8 | DBGWCR_STORE | DBG_EL0 | DBG_E);
	/* At EL1 neither fires. */
	hits = 0;
	watched[0] = 4;
	report(hits == 0, "el1: a watchpoint for EL0 only does not fire at EL1");
	start_usr(user_code, NULL, (unsigned long)sp);
	report(el0_ok, "el0: the user code ran to its end");
	set_bp(0, 0, 0);
	set_wp(0, 0, 0);
	current_bp = current_wp = -1;
}

int main(int argc, char **argv)
{
	u64 dfr0 = read_sysreg(id_aa64dfr0_el1);

	nr_brps = ((dfr0 >> 12) & 0xf) + 1;
	nr_wrps = ((dfr0 >> 20) & 0xf) + 1;
	report_info("debug version %lu, %d breakpoints, %d watchpoints", dfr0 & 0xf, nr_brps, nr_wrps);
	/* The Arm ARM requires at least 2 of each (ID_AA64DFR0_EL1.BRPs/WRPs). */
	report(nr_brps >= 2 && nr_wrps >= 2, "at least 2 breakpoints and 2 watchpoints");

	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_BREAKPT_EL1, bp_handler);
	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_WATCHPT_EL1, wp_handler);
	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_SOFTSTP_EL1, step_handler);
	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_BRK64, brk_handler);
	debug_enable();

	report_prefix_push("breakpoint");
	test_breakpoints_el1();
	report_prefix_pop();
	report_prefix_push("watchpoint");
	test_watchpoints_el1();
	report_prefix_pop();
	report_prefix_push("step");
	test_step_el1();
	report_prefix_pop();
	test_el0();
	return report_summary();
}
