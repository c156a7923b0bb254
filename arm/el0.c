/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * el0.c - user mode (EL0) entered with start_usr():
 *   code runs at EL0 (an SVC's saved PSTATE says so) and may print; an SVC is taken to EL1 with its
 *   immediate and arguments, and its result comes back in x0; a load from an unmapped address is a data
 *   abort from EL0 with the address in FAR; reading an EL1 register is undefined at EL0; start_usr()
 *   returns with the caller's interrupt mask. Sub-test "exit": exit() from EL0 ends the run with the status.
 * Hypervisor bugs it catches: exceptions from a guest's EL0 routed to the wrong vector or with a wrong
 * syndrome, FAR or return address; SPSR/ELR/SP_EL0 corrupted across the exception; EL0 allowed to touch
 * EL1 state.
 */
#include "libcflat.h"
#include "memregions.h"
#include "asm/processor.h"
#include "asm/thread_info.h"

#define TEST_SVC	0x42

static volatile int svcs, dabts, undefs;
static volatile u64 svc_pstate, dabt_far, undef_pc;
static volatile u64 unmapped;

static void svc_handler(struct pt_regs *regs, unsigned int esr)
{
	svc_pstate = regs->pstate;
	if ((esr & 0xffff) == TEST_SVC) {
		/* The arguments in x0 and x1, the answer in x0. */
		regs->regs[0] = regs->regs[0] + regs->regs[1];
		svcs++;
	}
}

static void dabt_handler(struct pt_regs *regs, unsigned int esr)
{
	if (user_mode(regs))
		dabt_far = read_sysreg(far_el1);
	dabts++;
	regs->pc += 4;
}

static void undef_handler(struct pt_regs *regs, unsigned int esr)
{
	if (user_mode(regs))
		undef_pc = regs->pc;
	undefs++;
	regs->pc += 4;
}

static u64 user_svc(u64 a, u64 b)
{
	register u64 x0 asm("x0") = a;
	register u64 x1 asm("x1") = b;

	asm volatile("svc #" __stringify(TEST_SVC) : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

static void user_code(void *arg)
{
	volatile int *ran = arg;
	u64 sum;

	printf("printing from EL0\n");
	sum = user_svc(40, 2);
	report(svcs == 1 && sum == 42, "SVC #%#x from EL0 returns its result (%lu)", TEST_SVC, sum);
	report((svc_pstate & PSR_MODE_MASK) == PSR_MODE_EL0t, "the SVC's saved PSTATE is EL0t (%#lx)", svc_pstate);

	asm volatile("ldr xzr, [%0]" : : "r"(unmapped) : "memory");
	report(dabts == 1 && dabt_far == unmapped, "a load from %#lx is a data abort from EL0 (FAR %#lx)", unmapped,
	       dabt_far);

	asm volatile("mrs xzr, sctlr_el1" : : : "memory");
	report(undefs == 1 && undef_pc != 0, "reading SCTLR_EL1 is undefined at EL0 (at %#lx)", undef_pc);
	*ran = 1;
}

static void user_exit(void *arg)
{
	report(true, "reached EL0; exiting from there");
	exit(report_summary());
}

int main(int argc, char **argv)
{
	void *sp = thread_stack_alloc();
	volatile int ran = 0;

	/* Far above RAM, in no region: nothing maps it. */
	unmapped = ALIGN(mem_ram_end(), SZ_1G) + SZ_1G;
	install_exception_handler(EL0_SYNC_64, ESR_EL1_EC_SVC64, svc_handler);
	install_exception_handler(EL0_SYNC_64, ESR_EL1_EC_DABT_EL0, dabt_handler);
	install_exception_handler(EL0_SYNC_64, ESR_EL1_EC_UNKNOWN, undef_handler);

	if (argc > 1 && !strcmp(argv[1], "exit")) {
		start_usr(user_exit, NULL, (unsigned long)sp);
		report_fail("exit() from EL0 returned");
		return report_summary();
	}
	report(!is_user(), "not in user mode before start_usr()");
	local_irq_disable();
	start_usr(user_code, (void *)&ran, (unsigned long)sp);
	report(ran == 1, "the user function ran to its end and start_usr() returned");
	report(!is_user() && current_level() == CurrentEL_EL1, "back at EL1");
	report(irqs_disabled(), "with IRQs still masked, as before");
	local_irq_enable();
	return report_summary();
}
