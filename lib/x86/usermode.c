/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * usermode.c - run_in_user_ex(): enter CPL 3 with an iret to a small
 * stub that calls the function and then raises RET_TO_KERNEL_VECTOR (a
 * gate CPL 3 may use); that handler, or the handler of the expected
 * fault, jumps back to run_in_user_ex() with longjmp.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "asm/page.h"
#include "desc.h"
#include "processor.h"
#include "setjmp.h"
#include "smp.h"
#include "usermode.h"

#define RET_TO_KERNEL_VECTOR	0x2f
#define USER_STACK_ORDER	1

struct user_call {
	jmp_buf jb;
	unsigned int fault_vector;
	handler ex_handler;
	u64 result;
	bool raised;
};

static struct user_call *calls[MAX_CPUS];

#ifdef __x86_64__
/* At CPL 3: rdi..rcx are the arguments, r8 the function; the result goes back in rax. */
asm(".pushsection .text\n"
    "user_stub:\n"
    "	call *%r8\n"
    "	int $" __stringify(RET_TO_KERNEL_VECTOR) "\n"
    "	ud2\n"
    ".popsection\n");
#else
/*
 * At CPL 3 on i386: edi, esi, edx, ecx are the arguments (their low halves),
 * pushed for the cdecl call; ebx is the function; the result is edx:eax.
 */
asm(".pushsection .text\n"
    "user_stub:\n"
    "	pushl %ecx\n"
    "	pushl %edx\n"
    "	pushl %esi\n"
    "	pushl %edi\n"
    "	call *%ebx\n"
    "	int $" __stringify(RET_TO_KERNEL_VECTOR) "\n"
    "	ud2\n"
    ".popsection\n");
#endif
extern char user_stub[];

static void ret_to_kernel(struct ex_regs *regs)
{
	struct user_call *c = calls[smp_id()];

	assert_msg((regs->cs & 3) == 3, "vector %#x is for run_in_user's return only", RET_TO_KERNEL_VECTOR);
#ifdef __x86_64__
	c->result = regs->rax;
#else
	c->result = regs->rax | (u64)regs->rdx << 32;
#endif
	longjmp(c->jb, 1);
}

static void user_fault(struct ex_regs *regs)
{
	struct user_call *c = calls[smp_id()];

	if (!c || (regs->cs & 3) != 3) {
		printf("run_in_user: vector %lu at CPL %lu, where only CPL 3 was expected to fault\n",
		       regs->vector, regs->cs & 3);
		abort();
	}
	if (c->ex_handler)
		c->ex_handler(regs);
	c->raised = true;
	longjmp(c->jb, 1);
}

u64 run_in_user_ex(usermode_func func, unsigned int fault_vector, u64 arg1, u64 arg2, u64 arg3, u64 arg4,
		   bool *raised_vector, handler ex_handler)
{
	int cpu = smp_id();
	ulong flags = read_rflags();
	u8 *stack = alloc_pages(USER_STACK_ORDER);
	struct user_call c = { .fault_vector = fault_vector, .ex_handler = ex_handler };
	exception_handler_t old_fault, old_ret;

	assert_msg(stack, "run_in_user: no memory for the user stack");
	calls[cpu] = &c;
	old_ret = handle_exception(RET_TO_KERNEL_VECTOR, ret_to_kernel);
	old_fault = handle_exception(fault_vector, user_fault);
	set_idt_dpl(RET_TO_KERNEL_VECTOR, 3);

	if (!setjmp(c.jb)) {
#ifdef __x86_64__
		register u64 fn asm("r8");

		/*
		 * Exceptions from CPL 3 go to the TSS's rsp0 (smp.c), a stack of
		 * their own, so this frame is intact for longjmp. Set right
		 * before the asm: a call in between could reuse r8.
		 */
		fn = (u64)(uintptr_t)func;
		asm volatile("mov %[ds], %%rax\n"
			     "pushq %%rax\n"			/* SS */
			     "pushq %[sp]\n"			/* RSP */
			     "pushq %[fl]\n"			/* RFLAGS */
			     "pushq %[cs]\n"			/* CS */
			     "pushq %[ip]\n"			/* RIP */
			     "iretq"
			     : : [ds] "i"(USER_DS), [cs] "i"(USER_CS64),
			       [sp] "r"(stack + (PAGE_SIZE << USER_STACK_ORDER)),
			       [fl] "r"(flags & ~(X86_EFLAGS_AC | X86_EFLAGS_TF)), [ip] "r"(user_stub),
			       "D"(arg1), "S"(arg2), "d"(arg3), "c"(arg4), "r"(fn)
			     : "rax", "memory");
#else
		/*
		 * The same with a 32-bit frame (EIP, CS, EFLAGS, ESP, SS), built
		 * here and made the stack for the IRET. DS and ES become USER_DS
		 * first: an IRET to CPL 3 would clear them while they hold a
		 * DPL-0 segment. They stay USER_DS, flat like KERNEL_DS.
		 */
		u32 frame[5] = {
			(uintptr_t)user_stub, USER_CS32, flags & ~(X86_EFLAGS_AC | X86_EFLAGS_TF),
			(uintptr_t)(stack + (PAGE_SIZE << USER_STACK_ORDER)), USER_DS,
		};

		asm volatile("movw %w[ds], %%ds\n"
			     "movw %w[ds], %%es\n"
			     "movl %[f], %%esp\n"
			     "iret"
			     : : [f] "a"(frame), [ds] "m"(frame[4]),
			       "D"((u32)arg1), "S"((u32)arg2), "d"((u32)arg3), "c"((u32)arg4), "b"(func)
			     : "memory");
#endif
		__builtin_unreachable();
	}
	handle_exception(fault_vector, old_fault);
	handle_exception(RET_TO_KERNEL_VECTOR, old_ret);
	calls[cpu] = NULL;
	free_pages(stack);
	write_rflags(flags);
	if (raised_vector)
		*raised_vector = c.raised;
	return c.raised ? 0 : c.result;
}
