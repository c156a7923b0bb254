/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exceptions.c - the exception dispatcher behind cstart.S's vectors: a
 * handler a test installed gets the saved registers; an exception nobody
 * expected is reported (vector, the fault status and address registers of
 * an abort, the registers, a backtrace) and ends the test with EXIT_ABORT,
 * so a test never hangs. Also the frame-pointer walk of the ARM state.
 */
#include "libcflat.h"
#include "asm/processor.h"
#include "asm/smp.h"
#include "stack.h"

static exception_fn handlers[EXCPTN_MAX];

static const char *const vector_names[EXCPTN_MAX] = {
	"rst", "und", "svc", "pabt", "dabt", "addrexcptn", "irq", "fiq",
};

const char *vector_name(enum vector v)
{
	return v < EXCPTN_MAX ? vector_names[v] : "bad vector";
}

void install_exception_handler(enum vector v, exception_fn fn)
{
	assert_msg(v < EXCPTN_MAX, "install_exception_handler: vector %d", v);
	handlers[v] = fn;
}

void install_irq_handler(enum vector v, irq_handler_fn fn)
{
	assert_msg(v == EXCPTN_IRQ || v == EXCPTN_FIQ, "install_irq_handler: vector %d is no interrupt", v);
	handlers[v] = fn;
}

void show_regs(const struct pt_regs *regs)
{
	int i;

	for (i = 0; i < 12; i += 4)
		printf("\tr%-2d=%08lx r%-2d=%08lx r%-2d=%08lx r%-2d=%08lx\n", i, regs->uregs[i], i + 1,
		       regs->uregs[i + 1], i + 2, regs->uregs[i + 2], i + 3, regs->uregs[i + 3]);
	printf("\tip =%08lx sp =%08lx lr =%08lx pc =%08lx\n", regs->ARM_ip, regs->ARM_sp, regs->ARM_lr,
	       regs->ARM_pc);
	printf("\tcpsr=%08lx (mode %#lx%s%s)\n", regs->ARM_cpsr, processor_mode(regs),
	       regs->ARM_cpsr & PSR_I_BIT ? ", IRQs masked" : "", regs->ARM_cpsr & PSR_T_BIT ? ", Thumb" : "");
}

/*
 * GCC's ARM-state frames: fp points at the saved lr, the caller's fp is the
 * word below it ({fp, lr} pushed together, fp = sp + 4).
 */
const void *const *frame_unwind(const void *const *fp, const void **ret)
{
	*ret = fp[0];
	return fp[-1];
}

void do_handle_exception(enum vector v, struct pt_regs *regs);

void do_handle_exception(enum vector v, struct pt_regs *regs)
{
	/* An exception while reporting one: the report is what crashed, so just end the test. */
	static int reporting;

	if (v < EXCPTN_MAX && handlers[v]) {
		handlers[v](regs);
		return;
	}
	console_break_lock();
	if (reporting++) {
		printf("Unhandled exception while reporting one (vector %d, pc %08lx)\n", v, regs->ARM_pc);
		exit(EXIT_ABORT);
	}
	printf("Unhandled exception at vector %s (cpu %d), pc %08lx\n", vector_name(v), smp_processor_id(),
	       regs->ARM_pc);
	if (v == EXCPTN_DABT)
		printf("\tDFSR=%08x DFAR=%08x\n", read_sysreg(dfsr), read_sysreg(dfar));
	else if (v == EXCPTN_PABT)
		printf("\tIFSR=%08x IFAR=%08x\n", read_sysreg(ifsr), read_sysreg(ifar));
	show_regs(regs);
	dump_frame_stack((void *)regs->ARM_pc, (void *)regs->ARM_fp);
	exit(EXIT_ABORT);
}

/*
 * libgcc's division helpers call these on a division by zero, where the
 * Linux libgcc would raise SIGFPE. Here (exceptions.o is in every image,
 * so these come before libgcc's) the test ends with the caller named.
 */
int __aeabi_idiv0(int ret);
long long __aeabi_ldiv0(long long ret);

int __aeabi_idiv0(int ret)
{
	report_abort("integer division by zero (called from %p)", __builtin_return_address(0));
}

long long __aeabi_ldiv0(long long ret)
{
	report_abort("64-bit integer division by zero (called from %p)", __builtin_return_address(0));
}
