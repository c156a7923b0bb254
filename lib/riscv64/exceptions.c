/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exceptions.c - the trap dispatcher behind trap_entry (cstart.S): a
 * handler a test installed gets the saved registers; a trap nobody
 * expected is reported (cause by name, sepc, stval, registers, backtrace)
 * and ends the test with EXIT_ABORT, so a test never hangs on one.
 */
#include "libcflat.h"
#include "stack.h"
#include "asm/csr.h"
#include "asm/processor.h"
#include "asm/smp.h"

#define IRQ_MAX		16

static exception_fn exception_handlers[EXC_MAX];
static exception_fn irq_handlers[IRQ_MAX];

static const char *const exc_names[EXC_MAX] = {
	[EXC_INST_MISALIGNED] = "instruction address misaligned",
	[EXC_INST_ACCESS] = "instruction access fault",
	[EXC_INST_ILLEGAL] = "illegal instruction",
	[EXC_BREAKPOINT] = "breakpoint",
	[EXC_LOAD_MISALIGNED] = "load address misaligned",
	[EXC_LOAD_ACCESS] = "load access fault",
	[EXC_STORE_MISALIGNED] = "store/AMO address misaligned",
	[EXC_STORE_ACCESS] = "store/AMO access fault",
	[EXC_ECALL_U] = "environment call from U-mode",
	[EXC_ECALL_S] = "environment call from S-mode",
	[EXC_INST_PAGE_FAULT] = "instruction page fault",
	[EXC_LOAD_PAGE_FAULT] = "load page fault",
	[EXC_STORE_PAGE_FAULT] = "store/AMO page fault",
};

static const char *const irq_names[IRQ_MAX] = {
	[IRQ_S_SOFT] = "supervisor software interrupt",
	[IRQ_S_TIMER] = "supervisor timer interrupt",
	[IRQ_S_EXT] = "supervisor external interrupt",
};

const char *cause_name(unsigned long cause)
{
	unsigned long code = cause & ~CAUSE_IRQ_FLAG;
	const char *name = NULL;

	if (cause & CAUSE_IRQ_FLAG)
		name = code < IRQ_MAX ? irq_names[code] : NULL;
	else
		name = code < EXC_MAX ? exc_names[code] : NULL;
	return name ? name : "reserved";
}

void install_exception_handler(unsigned long cause, exception_fn fn)
{
	assert_msg(cause < EXC_MAX, "install_exception_handler: cause %lu", cause);
	exception_handlers[cause] = fn;
}

void install_irq_handler(unsigned long irq, exception_fn fn)
{
	assert_msg(irq < IRQ_MAX, "install_irq_handler: interrupt %lu", irq);
	irq_handlers[irq] = fn;
}

void show_regs(const struct pt_regs *regs)
{
	static const char *const names[32] = {
		"pc", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
		"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
	};
	const unsigned long *r = &regs->epc;
	int i;

	for (i = 0; i < 32; i += 4)
		printf("\t%-3s=%016lx %-3s=%016lx %-3s=%016lx %-3s=%016lx\n", names[i], r[i], names[i + 1], r[i + 1],
		       names[i + 2], r[i + 2], names[i + 3], r[i + 3]);
	printf("\tsstatus=%016lx scause=%016lx stval=%016lx\n", regs->status, regs->cause, regs->badaddr);
}

/* The riscv frame record sits just below the frame pointer: { previous frame pointer, return address }. */
const void *const *frame_unwind(const void *const *fp, const void **ret)
{
	*ret = fp[-1];
	return fp[-2];
}

void do_handle_trap(struct pt_regs *regs);

void do_handle_trap(struct pt_regs *regs)
{
	/* A trap while reporting one: the report is what crashed, so just end the test. */
	static int reporting;
	unsigned long code = regs->cause & ~CAUSE_IRQ_FLAG;

	if (regs->cause & CAUSE_IRQ_FLAG) {
		if (code < IRQ_MAX && irq_handlers[code]) {
			irq_handlers[code](regs);
			return;
		}
	} else if (code < EXC_MAX && exception_handlers[code]) {
		exception_handlers[code](regs);
		return;
	}
	console_break_lock();
	if (reporting++) {
		printf("Unhandled trap while reporting one (scause %#lx, sepc %016lx)\n", regs->cause, regs->epc);
		exit(EXIT_ABORT);
	}
	printf("Unhandled %s at %016lx (cpu %d): scause %#lx = %s, stval %016lx\n",
	       regs->cause & CAUSE_IRQ_FLAG ? "interrupt" : "exception", regs->epc, smp_processor_id(),
	       regs->cause, cause_name(regs->cause), regs->badaddr);
	show_regs(regs);
	dump_frame_stack((void *)regs->epc, (void *)regs->s0);
	exit(EXIT_ABORT);
}
