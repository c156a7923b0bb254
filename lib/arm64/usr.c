/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * usr.c - running a function at EL0 (start_usr) and coming back. The
 * function is entered with ERET and x30 pointing at a trampoline that makes
 * the library's return SVC; exceptions.c calls usr_return() for it, which
 * jumps back into start_usr() with the EL1 state it had (its stack frame is
 * intact: EL0's exceptions are taken on SP_EL1 below it).
 */
#include "libcflat.h"
#include "setjmp.h"
#include "asm/processor.h"
#include "asm/smp.h"
#include "asm/thread_info.h"

void usr_return(void) __noreturn;
extern char usr_return_trampoline[];

asm(".pushsection .text\n"
    ".globl usr_return_trampoline\n"
    "usr_return_trampoline:\n"
    "	svc	#" __stringify(USR_RETURN_SVC) "\n"
    "	b	.\n"
    ".popsection");

static jmp_buf usr_return_to[NR_CPUS];

bool is_user(void)
{
	return current_thread_info()->flags & TIF_USER_MODE;
}

static void __noreturn enter_el0(void (*func)(void *arg), void *arg, unsigned long sp_usr, u64 spsr)
{
	register u64 x0 asm("x0") = (u64)(uintptr_t)arg;
	register u64 x30 asm("x30") = (u64)(uintptr_t)usr_return_trampoline;

	write_sysreg(sp_usr, sp_el0);
	write_sysreg((uintptr_t)func, elr_el1);
	write_sysreg(spsr, spsr_el1);
	asm volatile("eret" : : "r"(x0), "r"(x30) : "memory");
	__builtin_unreachable();
}

void start_usr(void (*func)(void *arg), void *arg, unsigned long sp_usr)
{
	struct thread_info *ti = current_thread_info();
	/*
	 * EL0 runs with PSTATE.DAIF clear, as in kvm-unit-tests (its selftest expects that saved PSTATE);
	 * the caller's masks are restored on the way back.
	 */
	u64 daif = read_sysreg(daif);

	assert_msg(!(ti->flags & TIF_USER_MODE), "start_usr: already in user mode");
	assert_msg(IS_ALIGNED(sp_usr, 16), "start_usr: the stack pointer %#lx is not 16-byte aligned", sp_usr);
	if (setjmp(usr_return_to[smp_processor_id()])) {
		ti->flags &= ~TIF_USER_MODE;
		write_sysreg(daif, daif);
		return;
	}
	ti->flags |= TIF_USER_MODE;
	enter_el0(func, arg, sp_usr, PSR_MODE_EL0t);
}

void usr_return(void)
{
	longjmp(usr_return_to[smp_processor_id()], 1);
}
