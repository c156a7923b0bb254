/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * usermode.c - CPL 3 as a guest kernel uses it: run_in_user() runs a
 * function at CPL 3 with its arguments and gets its result; privileged
 * instructions there (cli, hlt, a CR3 write) raise #GP; a user access to
 * a supervisor page raises #PF with the U bit in the error code; SYSCALL
 * enters CPL 0 at LSTAR with the return address in RCX and SYSRET comes
 * back to CPL 3.
 *
 * A hypervisor bug it would catch: an instruction emulated without its
 * CPL check (a privileged instruction that succeeds at CPL 3), U/S not
 * enforced or reported in a guest's page walk, or SYSCALL/SYSRET using
 * the wrong STAR/LSTAR selectors or return state.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "desc.h"
#include "processor.h"
#include "usermode.h"
#include "vm.h"

static ulong fault_error;
static volatile u8 *supervisor_page;
u64 syscall_rcx, syscall_cs;

/* The kernel side of SYSCALL: note where it came from and at which CPL it runs, then go back. */
asm(".pushsection .text\n"
    "syscall_entry:\n"
    "	movq %rcx, syscall_rcx(%rip)\n"
    "	movq %cs, %rax\n"
    "	movq %rax, syscall_cs(%rip)\n"
    "	movq $0x5ca11, %rax\n"
    "	sysretq\n"
    ".popsection\n");
extern char syscall_entry[];

static u64 user_cpl(void)
{
	return read_cs() & 3;
}

static u64 user_sum(u64 a, u64 b, u64 c, u64 d)
{
	return a + 2 * b + 3 * c + 4 * d + (read_cs() & 3);
}

static u64 user_cli(void)
{
	asm volatile("cli");
	return 1;
}

static u64 user_hlt(void)
{
	asm volatile("hlt");
	return 1;
}

static u64 user_write_cr3(void)
{
	write_cr3(read_cr3());
	return 1;
}

static u64 user_touch_supervisor(void)
{
	return *supervisor_page;
}

static u64 user_syscall(void)
{
	u64 ret;

	asm volatile("syscall\n"
		     "syscall_return:\n" : "=a"(ret) : : "rcx", "r11", "memory");
	return ret == 0x5ca11 && (read_cs() & 3) == 3;
}
extern char syscall_return[];

static void note_error(struct ex_regs *regs)
{
	fault_error = regs->error_code;
}

static void check_privileged(void)
{
	static const struct {
		const char *name;
		u64 (*fn)(void);
	} insns[] = {
		{ "cli", user_cli }, { "hlt", user_hlt }, { "mov to CR3", user_write_cr3 },
	};
	unsigned int i;
	bool raised;

	for (i = 0; i < ARRAY_SIZE(insns); i++) {
		fault_error = -1;
		run_in_user_ex((usermode_func)insns[i].fn, GP_VECTOR, 0, 0, 0, 0, &raised, note_error);
		report(raised && fault_error == 0, "%s at CPL 3 raises #GP(0)", insns[i].name);
	}
}

static void check_supervisor_page(void)
{
	pgd_t *cr3 = current_page_table();
	u8 *page = alloc_page();
	u8 *v = alloc_vpage();
	bool raised;

	install_page(cr3, virt_to_phys(page), v);
	*get_pte(cr3, v) &= ~PT_USER_MASK;
	invlpg(v);
	supervisor_page = v;
	fault_error = 0;
	run_in_user_ex(user_touch_supervisor, PF_VECTOR, 0, 0, 0, 0, &raised, note_error);
	report(raised && fault_error == (PFERR_PRESENT_MASK | PFERR_USER_MASK),
	       "a CPL 3 read of a supervisor page raises #PF, error code %#lx (P|U)", fault_error);
	*get_pte(cr3, v) = 0;
	invlpg(v);
	free_page(page);
}

static void check_syscall(void)
{
	u64 efer = rdmsr(MSR_EFER);
	bool raised;
	u64 ok;

	/* SYSRET to 64-bit code: CS = STAR[63:48] + 16, SS = STAR[63:48] + 8 (USER_CS32 is the base). */
	wrmsr(MSR_STAR, ((u64)USER_CS32 << 48) | ((u64)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (uintptr_t)syscall_entry);
	wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_IF | X86_EFLAGS_TF);
	wrmsr(MSR_EFER, efer | EFER_SCE);
	ok = run_in_user(user_syscall, UD_VECTOR, 0, 0, 0, 0, &raised);
	report(!raised && ok, "SYSCALL from CPL 3 enters LSTAR and SYSRET returns to CPL 3");
	report(syscall_cs == KERNEL_CS, "the kernel side runs with CS %#" PRIx64 " (KERNEL_CS)", syscall_cs);
	report(syscall_rcx == (uintptr_t)syscall_return, "RCX holds the return address");
	wrmsr(MSR_EFER, efer & ~EFER_SCE);
	ok = run_in_user(user_syscall, UD_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "with EFER.SCE clear, SYSCALL raises #UD");
	wrmsr(MSR_EFER, efer);
}

int main(int argc, char **argv)
{
	bool raised = true;
	u64 r;

	r = run_in_user(user_cpl, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(r == 3 && !raised, "run_in_user runs the function at CPL 3 (CPL %" PRIu64 ")", r);
	r = run_in_user((usermode_func)user_sum, GP_VECTOR, 1, 2, 3, 4, &raised);
	report(r == 1 + 4 + 9 + 16 + 3 && !raised, "four arguments go in, the result comes out (%" PRIu64 ")", r);
	report((read_cs() & 3) == 0, "back at CPL 0");
	check_privileged();
	check_supervisor_page();
	check_syscall();
	return report_summary();
}
