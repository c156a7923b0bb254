/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * syscall.c - the fast system-call instructions in 64-bit mode, as the
 * Intel SDM (vol. 2, SYSCALL, SYSRET, SYSENTER, SYSEXIT) and the AMD APM
 * (vol. 3) define them: SYSCALL's CS/SS from STAR[47:32], RCX and R11
 * holding the return RIP and RFLAGS, RFLAGS masked by IA32_FMASK; SYSRET's
 * CS/SS from STAR[63:48] (+16/+8 for 64-bit, +0 for compatibility mode),
 * RFLAGS from R11; #UD without EFER.SCE; #GP at CPL 3; a non-canonical RCX
 * (#GP(0) in CPL 0 on Intel); SYSENTER/SYSEXIT with IA32_SYSENTER_CS/ESP/
 * EIP (Intel; #UD in long mode on AMD), #GP(0) for a null SYSENTER_CS and
 * for SYSEXIT at CPL 3 or to a non-canonical RIP.
 *
 * A hypervisor bug it would catch: SYSCALL/SYSRET emulated (for a guest
 * whose vendor differs from the host's, or under a software KVM) with
 * wrong selectors or flags, a SYSRET to a non-canonical RIP let through
 * to CPL 3 (the classic privilege escalation), SYSENTER MSRs not
 * context-switched or not checked.
 */
#include "libcflat.h"
#include "alloc.h"
#include "accel.h"
#include "desc.h"
#include "processor.h"
#include "usermode.h"

/* IA32_FMASK for the tests: DF, AC and TF are cleared on entry. */
#define FMASK	(X86_EFLAGS_DF | X86_EFLAGS_AC | X86_EFLAGS_TF)

/* What the kernel side saw: CS, SS, RFLAGS, RCX, R11 at the entry. */
u64 k_cs, k_ss, k_rflags, k_rcx, k_r11;

/*
 * LSTAR: note the entry state, then return as RDI (from the user) says:
 * 0 sysretq, 1 sysretl, 2 sysretq to a non-canonical RCX.
 */
asm(".pushsection .text\n"
    "syscall_entry:\n"
    "	movq %rcx, k_rcx(%rip)\n"
    "	movq %r11, k_r11(%rip)\n"
    "	movq %cs, %rax\n"
    "	movq %rax, k_cs(%rip)\n"
    "	movq %ss, %rax\n"
    "	movq %rax, k_ss(%rip)\n"
    "	pushfq\n"
    "	popq k_rflags(%rip)\n"
    "	cmpq $1, %rdi\n"
    "	je 1f\n"
    "	cmpq $2, %rdi\n"
    "	je 2f\n"
    /* Set CF in the RFLAGS SYSRET restores: it must come from R11. */
    "	orq $1, %r11\n"
    "	movq $0x5ca11, %rax\n"
    "	sysretq\n"
    "1:	leaq compat_code(%rip), %rcx\n"
    "	sysretl\n"
    "2:	movabsq $0xaaaaaaaaaaaaaaaa, %rcx\n"
    "sysret_noncanonical:\n"
    "	sysretq\n"
    ".code32\n"
    /* Compatibility mode at CPL 3: report CS through a #UD. */
    "compat_code:\n"
    "	movl %cs, %eax\n"
    "	ud2\n"
    ".code64\n"
    ".popsection\n");
extern char syscall_entry[], sysret_noncanonical[];

/* Returns CS after SYSRET; out: RFLAGS there, the return address, RAX, SS. */
static u64 user_syscall(u64 mode, u64 out)
{
	u64 rax, cs, fl, rip, ss;

	asm volatile("lea 1f(%%rip), %[rip]\n\t"
		     "pushf\n\torq %[ac], (%%rsp)\n\tpopf\n\tstd\n\t"
		     "syscall\n"
		     "1:\tpushf\n\tpop %[fl]\n\tcld\n\t"
		     "pushf\n\tandq %[noac], (%%rsp)\n\tpopf\n\t"
		     "mov %%cs, %[cs]\n\tmov %%ss, %[ss]"
		     : "=a"(rax), [cs] "=r"(cs), [fl] "=r"(fl), [rip] "=&r"(rip), "+D"(mode), [ss] "=r"(ss)
		     : [ac] "i"(X86_EFLAGS_AC), [noac] "i"(~X86_EFLAGS_AC)
		     : "rcx", "r11", "memory", "cc");
	((u64 *)out)[0] = fl;
	((u64 *)out)[1] = rip;
	((u64 *)out)[2] = rax;
	((u64 *)out)[3] = ss;
	return cs;
}

static u64 user_sysret(void)
{
	asm volatile("sysretq" : : "c"(0UL), "r"(0UL) : "r11", "memory");
	return 0;
}

static ulong fault_cs, fault_rip, fault_error, fault_vector;

static void note_fault(struct ex_regs *regs)
{
	fault_cs = regs->cs;
	fault_rip = regs->rip;
	fault_error = regs->error_code;
	fault_vector = regs->vector;
}

/* Recovery from the #GP of a SYSRET at CPL 0: back to CPL 3 right after the SYSCALL, on the user's stack. */
ulong user_resume;

static void sysret_gp(struct ex_regs *regs)
{
	note_fault(regs);
	regs->rip = user_resume;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	/* SYSCALL left RSP alone, so the interrupted RSP is the user's (a fault at CPL 3 has it too). */
}

/* Recovery from SYSEXIT's #GP: back to CPL 0 at kernel_resume on kernel_rsp, from whichever CPL faulted. */
ulong kernel_resume, kernel_rsp, fault_insn;

static void sysexit_gp(struct ex_regs *regs)
{
	note_fault(regs);
	regs->rip = kernel_resume;
	regs->rsp = kernel_rsp;
	regs->cs = KERNEL_CS;
	regs->ss = KERNEL_DS;
}

static u64 user_syscall_noncanonical(void)
{
	asm volatile("lea 1f(%%rip), %%rax\n\tmov %%rax, user_resume(%%rip)\n\tsyscall\n1:"
		     : : "D"(2UL) : "rax", "rcx", "r11", "memory", "cc");
	return 1;
}

static void syscall_tests(void)
{
	u64 efer = rdmsr(MSR_EFER), cs, out[4];
	bool raised;
	exception_handler_t old;

	wrmsr(MSR_STAR, ((u64)(USER_CS32 & ~3) << 48) | ((u64)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (ulong)syscall_entry);
	wrmsr(MSR_SYSCALL_MASK, FMASK);
	wrmsr(MSR_EFER, efer | EFER_SCE);

	cs = run_in_user((usermode_func)user_syscall, UD_VECTOR, 0, (u64)out, 0, 0, &raised);
	report(!raised && out[2] == 0x5ca11, "syscall from CPL 3 reaches LSTAR, sysretq comes back");
	report(k_cs == KERNEL_CS && k_ss == KERNEL_DS, "syscall: CS = STAR[47:32] (%#x), SS = CS + 8", KERNEL_CS);
	report(k_rcx == out[1], "syscall: RCX holds the address after the instruction");
	report((k_r11 & (X86_EFLAGS_DF | X86_EFLAGS_AC)) == (X86_EFLAGS_DF | X86_EFLAGS_AC) && !(k_r11 & X86_EFLAGS_RF),
	       "syscall: R11 holds RFLAGS (DF, AC set; RF clear)");
	report(!(k_rflags & FMASK), "syscall: RFLAGS masked by IA32_FMASK (DF, AC, TF clear)");
	report(cs == USER_CS64, "sysretq: CS = STAR[63:48] + 16, RPL 3 (%#x)", USER_CS64);
	report((u16)out[3] == USER_DS, "sysretq: SS = STAR[63:48] + 8, RPL 3 (%#x)", USER_DS);
	report((out[0] & X86_EFLAGS_CF) && (out[0] & X86_EFLAGS_DF) && (out[0] & X86_EFLAGS_AC),
	       "sysretq: RFLAGS from R11 (CF set by the kernel, DF and AC back)");

	fault_cs = 0;
	run_in_user_ex((usermode_func)user_syscall, UD_VECTOR, 1, (u64)out, 0, 0, &raised, note_fault);
	report(raised && fault_cs == (USER_CS32 | 3) && (u16)fault_rip > 0,
	       "sysretl: CS = STAR[63:48], RPL 3 (%#x), compatibility mode", USER_CS32);

	run_in_user(user_sysret, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "sysret at CPL 3: #GP");

	if (is_intel()) {
		/* run_in_user expects #UD so that sysret_gp, not its own handler, gets the #GP. */
		old = handle_exception(GP_VECTOR, sysret_gp);
		fault_vector = 0;
		run_in_user(user_syscall_noncanonical, UD_VECTOR, 0, 0, 0, 0, &raised);
		handle_exception(GP_VECTOR, old);
		report_kfail(under_tcg(), fault_vector == GP_VECTOR && fault_rip == (ulong)sysret_noncanonical &&
			     (fault_cs & 3) == 0 && fault_error == 0,
			     "sysret to a non-canonical RCX: #GP(0) at CPL 0 (Intel)%s",
			     fault_cs & 3 ? " (QEMU 7.2 TCG returns to CPL 3 and faults there)" : "");
	} else {
		report_skip("sysret to a non-canonical RCX: the #GP(0) in CPL 0 is Intel's; this CPU is not Intel");
	}

	wrmsr(MSR_EFER, efer & ~EFER_SCE);
	run_in_user((usermode_func)user_syscall, UD_VECTOR, 0, (u64)out, 0, 0, &raised);
	report(raised, "syscall with EFER.SCE clear: #UD");
	wrmsr(MSR_EFER, efer);
}

/* SYSENTER's side: note CS, SS, RSP, RFLAGS, then SYSEXIT to RDX with RSP = RCX. */
u64 se_cs, se_ss, se_rsp, se_rflags;

asm(".pushsection .text\n"
    "sysenter_entry:\n"
    "	movq %cs, %rax\n"
    "	movq %rax, se_cs(%rip)\n"
    "	movq %ss, %rax\n"
    "	movq %rax, se_ss(%rip)\n"
    "	movq %rsp, se_rsp(%rip)\n"
    "	pushfq\n"
    "	popq se_rflags(%rip)\n"
    "sysexit_insn:\n"
    "	rex64 sysexit\n"
    ".popsection\n");
extern char sysenter_entry[], sysexit_insn[];

/* SYSENTER, and back by SYSEXIT: the CS and SS SYSEXIT gave, in out[0..1]. */
static u64 user_sysenter(u64 out)
{
	u64 cs, ss;

	asm volatile("mov %%rsp, %%rcx\n\tlea 1f(%%rip), %%rdx\n\tsysenter\n1:\tmov %%cs, %0\n\tmov %%ss, %1"
		     : "=r"(cs), "=r"(ss) : : "rax", "rcx", "rdx", "memory", "cc");
	((u64 *)out)[0] = cs;
	((u64 *)out)[1] = ss;
	return 1;
}

static u64 user_sysexit(void)
{
	asm volatile("rex64 sysexit" : : "c"(0UL), "d"(0UL) : "memory");
	return 0;
}

static u64 user_sysenter_plain(void)
{
	asm volatile("sysenter" : : : "rcx", "rdx", "memory");
	return 0;
}

static void sysenter_tests(void)
{
	/*
	 * SYSENTER_CS = 0x28: SYSENTER loads CS 0x28 and SS 0x30; SYSEXIT to
	 * 64-bit code CS 0x28 + 32 = 0x48 and SS 0x28 + 40 = 0x50, both RPL 3.
	 * Neither reads the GDT: the descriptors are fixed flat ones.
	 */
	const u64 sel = 0x28;
	u8 *stack = malloc(4096);
	ulong top = (ulong)stack + 4096;
	u64 out[2] = { 0 };
	bool raised;

	if (!is_intel()) {
		wrmsr(MSR_IA32_SYSENTER_CS, sel);
		run_in_user(user_sysenter_plain, UD_VECTOR, 0, 0, 0, 0, &raised);
		report(raised, "sysenter in long mode on a non-Intel CPU: #UD (AMD APM)");
		wrmsr(MSR_IA32_SYSENTER_CS, 0);
		report_skip("sysenter/sysexit in 64-bit mode: Intel only");
		free(stack);
		return;
	}
	wrmsr(MSR_IA32_SYSENTER_CS, sel);
	wrmsr(MSR_IA32_SYSENTER_ESP, top);
	wrmsr(MSR_IA32_SYSENTER_EIP, (ulong)sysenter_entry);
	run_in_user((usermode_func)user_sysenter, GP_VECTOR, (u64)out, 0, 0, 0, &raised);
	report(!raised && se_cs == sel && se_ss == sel + 8, "sysenter: CS = SYSENTER_CS (%#lx), SS = CS + 8",
	       (ulong)sel);
	report(!raised && se_rsp == top, "sysenter: RSP = IA32_SYSENTER_ESP");
	report(!raised && !(se_rflags & X86_EFLAGS_IF), "sysenter: RFLAGS.IF clear");
	report(!raised && out[0] == ((sel + 32) | 3) && out[1] == ((sel + 40) | 3),
	       "sysexit (64-bit): CS = SYSENTER_CS + 32, SS = + 40, RPL 3");

	run_in_user(user_sysexit, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "sysexit at CPL 3: #GP(0)");

	wrmsr(MSR_IA32_SYSENTER_CS, 0);
	run_in_user(user_sysenter_plain, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "sysenter with IA32_SYSENTER_CS = 0: #GP(0)");
	free(stack);
}

/* SYSEXIT at CPL 0 to a non-canonical RDX: #GP(0) before leaving CPL 0. */
static void sysexit_noncanonical_test(void)
{
	if (!is_intel())
		return;
	exception_handler_t old = handle_exception(GP_VECTOR, sysexit_gp);

	wrmsr(MSR_IA32_SYSENTER_CS, 0x28);
	fault_vector = 0;
	asm volatile("mov %%rsp, kernel_rsp(%%rip)\n\tlea 1f(%%rip), %%rax\n\tmov %%rax, kernel_resume(%%rip)\n\t"
		     "lea 2f(%%rip), %%rax\n\tmov %%rax, fault_insn(%%rip)\n\t"
		     "mov %%rsp, %%rcx\n2:\trex64 sysexit\n1:"
		     : : "d"(NONCANONICAL) : "rax", "rcx", "memory");
	handle_exception(GP_VECTOR, old);
	wrmsr(MSR_IA32_SYSENTER_CS, 0);
	report_kfail(under_tcg(), fault_vector == GP_VECTOR && fault_error == 0 && fault_rip == fault_insn &&
		     !(fault_cs & 3), "sysexit to a non-canonical RDX: #GP(0) at CPL 0%s",
		     fault_cs & 3 ? " (QEMU 7.2 TCG returns to CPL 3 and faults there)" : "");
}

int main(void)
{
	if (!this_cpu_has(X86_FEATURE_SYSCALL))
		report_skip("syscall/sysret: no SYSCALL in CPUID.80000001:EDX");
	else
		syscall_tests();
	if (!this_cpu_has(X86_FEATURE_SEP))
		report_skip("sysenter/sysexit: no SEP in CPUID.1:EDX");
	else {
		sysenter_tests();
		sysexit_noncanonical_test();
	}
	return report_summary();
}
