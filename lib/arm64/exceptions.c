/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exceptions.c - the exception dispatcher behind vectors.S: a handler a
 * test installed gets the saved registers; an exception nobody expected is
 * reported (vector, exception class by name, ESR, FAR, ELR, registers,
 * backtrace) and ends the test with EXIT_ABORT, so a test never hangs.
 * Two SVCs are the library's own, before any handler: user mode's PSCI
 * calls and the return from start_usr().
 */
#include "libcflat.h"
#include "asm/processor.h"
#include "asm/psci.h"
#include "asm/smp.h"
#include "stack.h"

static exception_fn exception_handlers[VECTOR_MAX][EC_MAX];
static irq_handler_fn irq_handlers[VECTOR_MAX];

static const char *const ec_names[EC_MAX] = {
	[ESR_EL1_EC_UNKNOWN] = "UNKNOWN",		[ESR_EL1_EC_WFX] = "WFI/WFE",
	[ESR_EL1_EC_FP_ASIMD] = "FP_ASIMD",		[ESR_EL1_EC_BTI] = "BTI",
	[ESR_EL1_EC_ILL] = "ILLEGAL_STATE",		[ESR_EL1_EC_SVC64] = "SVC64",
	[ESR_EL1_EC_HVC64] = "HVC64",			[ESR_EL1_EC_SMC64] = "SMC64",
	[ESR_EL1_EC_SYS64] = "SYS64",			[ESR_EL1_EC_SVE] = "SVE",
	[ESR_EL1_EC_IABT_EL0] = "IABT_EL0",		[ESR_EL1_EC_IABT_EL1] = "IABT_EL1",
	[ESR_EL1_EC_PC_ALIGN] = "PC_ALIGN",		[ESR_EL1_EC_DABT_EL0] = "DABT_EL0",
	[ESR_EL1_EC_DABT_EL1] = "DABT_EL1",		[ESR_EL1_EC_SP_ALIGN] = "SP_ALIGN",
	[ESR_EL1_EC_FP_EXC64] = "FP_EXC64",		[ESR_EL1_EC_SERROR] = "SERROR",
	[ESR_EL1_EC_BREAKPT_EL0] = "BREAKPT_EL0",	[ESR_EL1_EC_BREAKPT_EL1] = "BREAKPT_EL1",
	[ESR_EL1_EC_SOFTSTP_EL0] = "SOFTSTP_EL0",	[ESR_EL1_EC_SOFTSTP_EL1] = "SOFTSTP_EL1",
	[ESR_EL1_EC_WATCHPT_EL0] = "WATCHPT_EL0",	[ESR_EL1_EC_WATCHPT_EL1] = "WATCHPT_EL1",
	[ESR_EL1_EC_BRK64] = "BRK64",
};

static const char *const vector_names[VECTOR_MAX] = {
	"el1t_sync", "el1t_irq", "el1t_fiq", "el1t_error",
	"el1h_sync", "el1h_irq", "el1h_fiq", "el1h_error",
	"el0_sync_64", "el0_irq_64", "el0_fiq_64", "el0_error_64",
	"el0_sync_32", "el0_irq_32", "el0_fiq_32", "el0_error_32",
};

const char *esr_ec_name(unsigned int ec)
{
	if (ec < EC_MAX && ec_names[ec])
		return ec_names[ec];
	return "unknown";
}

const char *vector_name(enum vector v)
{
	return v < VECTOR_MAX ? vector_names[v] : "bad vector";
}

static bool is_sync_vector(enum vector v)
{
	return v == EL1T_SYNC || v == EL1H_SYNC || v == EL0_SYNC_64 || v == EL0_SYNC_32;
}

void install_exception_handler(enum vector v, unsigned int ec, exception_fn fn)
{
	assert_msg(v < VECTOR_MAX && is_sync_vector(v) && ec < EC_MAX,
		   "install_exception_handler: vector %d, class %#x", v, ec);
	exception_handlers[v][ec] = fn;
}

void install_irq_handler(enum vector v, irq_handler_fn fn)
{
	assert_msg(v < VECTOR_MAX && !is_sync_vector(v), "install_irq_handler: vector %d", v);
	irq_handlers[v] = fn;
}

void show_regs(const struct pt_regs *regs)
{
	int i;

	for (i = 0; i < 30; i += 2)
		printf("\tx%-2d=%016lx x%-2d=%016lx\n", i, regs->regs[i], i + 1, regs->regs[i + 1]);
	printf("\tx30=%016lx sp =%016lx\n", regs->regs[30], regs->sp);
	printf("\tpc =%016lx pstate=%08lx\n", regs->pc, regs->pstate);
}

void do_handle_exception(enum vector v, struct pt_regs *regs, unsigned int esr);
void usr_return(void) __noreturn;

void do_handle_exception(enum vector v, struct pt_regs *regs, unsigned int esr)
{
	/* An exception while reporting one: the report is what crashed, so just end the test. */
	static int reporting;
	unsigned int ec = esr_ec(esr);

	if (v < VECTOR_MAX && is_sync_vector(v) && ec == ESR_EL1_EC_SVC64) {
		if ((esr & 0xffff) == USR_PSCI_SVC) {
			regs->regs[0] = __psci_invoke(regs->regs[0], regs->regs[1], regs->regs[2], regs->regs[3]);
			return;
		}
		if ((esr & 0xffff) == USR_RETURN_SVC && v == EL0_SYNC_64)
			usr_return();
	}
	if (v < VECTOR_MAX && is_sync_vector(v) && exception_handlers[v][ec]) {
		exception_handlers[v][ec](regs, esr);
		return;
	}
	if (v < VECTOR_MAX && !is_sync_vector(v) && irq_handlers[v]) {
		irq_handlers[v](regs);
		return;
	}
	/* An IRQ in user mode goes to the kernel's IRQ handler unless the test gave one for EL0. */
	if (v == EL0_IRQ_64 && irq_handlers[EL1H_IRQ]) {
		irq_handlers[EL1H_IRQ](regs);
		return;
	}
	console_break_lock();
	if (reporting++) {
		printf("Unhandled exception while reporting one (vector %d, ESR %#x, ELR %016lx)\n", v, esr, regs->pc);
		exit(EXIT_ABORT);
	}
	printf("Unhandled exception at vector %s (cpu %d): ESR %#010x = %s (EC %#04x, ISS %#x)\n",
	       vector_name(v), smp_processor_id(), esr, esr_ec_name(ec), ec, esr & ESR_EL1_ISS_MASK);
	printf("\tFAR=%016lx ELR=%016lx\n", read_sysreg(far_el1), regs->pc);
	show_regs(regs);
	dump_frame_stack((void *)regs->pc, (void *)regs->regs[29]);
	exit(EXIT_ABORT);
}
