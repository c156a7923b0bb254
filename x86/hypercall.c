/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hypercall.c - VMCALL (Intel) and VMMCALL (AMD) from a guest, as each
 * kind of VMM answers them. On bare hardware and under an emulator
 * without a hypercall interface (QEMU's TCG), the Intel SDM says VMCALL
 * outside VMX operation raises #UD, and the AMD APM says a VMMCALL no
 * VMM intercepts raises #UD, at any CPL. KVM (CPUID leaf 0x40000000
 * "KVMKVMKVM") takes both, whichever vendor the host is, as its hypercall
 * (Linux's Documentation/virt/kvm/x86/hypercalls.rst): an unknown number
 * in RAX returns -KVM_ENOSYS (-1000), a call from CPL 3 returns
 * -KVM_EPERM (-1), and execution goes on after the 3-byte instruction
 * with the other registers unchanged.
 *
 * A hypervisor bug it would catch: a hypercall that is injected as #UD
 * into a KVM guest (the other vendor's instruction not patched or
 * emulated), one that skips the wrong number of bytes, one that honours
 * a call from user space, or an emulator that silently treats VMCALL as
 * a NOP where the hardware raises #UD.
 */
#include "libcflat.h"
#include "desc.h"
#include "processor.h"
#include "usermode.h"

#define KVM_ENOSYS	1000
#define KVM_EPERM	1
#define UNKNOWN_NR	0xbad1dea

static bool under_kvm(void)
{
	struct cpuid r = raw_cpuid(0x40000000, 0);
	char sig[13];

	if (!this_cpu_has(X86_FEATURE_HYPERVISOR))
		return false;
	memcpy(sig, &r.b, 4);
	memcpy(sig + 4, &r.c, 4);
	memcpy(sig + 8, &r.d, 4);
	sig[12] = 0;
	return !strcmp(sig, "KVMKVMKVM");
}

struct call_result {
	unsigned long rax, rbx;	/* the registers' width: a hypercall returns a long */
	int vector;
	bool after;	/* the instruction after the call ran */
};

/* The call with RAX = nr and RBX = a marker; *after is set by the instruction following it. */
static struct call_result do_vmcall(u64 nr)
{
	struct call_result r = { nr, 0x5a5a5a5a, 0, false };
	u8 after = 0;

	asm volatile(ASM_TRY("1f") "vmcall\n\tmovb $1, %2\n1:"
		     : "+a"(r.rax), "+b"(r.rbx), "+m"(after) : : "memory");
	r.vector = exception_vector();
	r.after = after;
	return r;
}

static struct call_result do_vmmcall(u64 nr)
{
	struct call_result r = { nr, 0x5a5a5a5a, 0, false };
	u8 after = 0;

	asm volatile(ASM_TRY("1f") "vmmcall\n\tmovb $1, %2\n1:"
		     : "+a"(r.rax), "+b"(r.rbx), "+m"(after) : : "memory");
	r.vector = exception_vector();
	r.after = after;
	return r;
}

static ulong ud_rip;

static void note_ud(struct ex_regs *regs)
{
	ud_rip = regs->rip;
	regs->rip += 3;	/* both instructions are 3 bytes long */
}

/* #UD is a fault: the RIP it reports is the instruction's own. */
static void check_fault_rip(void)
{
	extern char vmcall_insn[], vmmcall_insn[];

	handle_exception(UD_VECTOR, note_ud);
	ud_rip = 0;
	asm volatile("vmcall_insn: vmcall" : : "a"(UNKNOWN_NR) : "memory");
	report(ud_rip == (ulong)vmcall_insn, "VMCALL's #UD reports the VMCALL's own RIP");
	ud_rip = 0;
	asm volatile("vmmcall_insn: vmmcall" : : "a"(UNKNOWN_NR) : "memory");
	report(ud_rip == (ulong)vmmcall_insn, "VMMCALL's #UD reports the VMMCALL's own RIP");
	handle_exception(UD_VECTOR, NULL);
}

static u64 user_vmcall(void)
{
	unsigned long rax = UNKNOWN_NR;

	asm volatile("vmcall" : "+a"(rax) : : "memory");
	return rax;
}

static u64 user_vmmcall(void)
{
	unsigned long rax = UNKNOWN_NR;

	asm volatile("vmmcall" : "+a"(rax) : : "memory");
	return rax;
}

static void check(const char *name, struct call_result (*call)(u64), usermode_func user, bool kvm)
{
	struct call_result r = call(UNKNOWN_NR);
	bool raised;
	u64 v;

	if (kvm) {
		report(!r.vector && r.rax == (unsigned long)-KVM_ENOSYS,
		       "%s of an unknown number returns -KVM_ENOSYS (%" PRId64 ", vector %d)", name, (s64)(long)r.rax,
		       r.vector);
		report(r.after && r.rbx == 0x5a5a5a5a, "%s goes on after itself, RBX unchanged", name);
		v = run_in_user(user, UD_VECTOR, 0, 0, 0, 0, &raised);
		report(!raised && (unsigned long)v == (unsigned long)-KVM_EPERM,
		       "%s at CPL 3 returns -KVM_EPERM (%" PRId64 ")", name, (s64)(long)v);
	} else {
		report(r.vector == UD_VECTOR && !r.after, "%s without a VMM answering it raises #UD (vector %d)", name,
		       r.vector);
		report(r.rax == UNKNOWN_NR && r.rbx == 0x5a5a5a5a, "%s that faults changes no register", name);
		run_in_user(user, UD_VECTOR, 0, 0, 0, 0, &raised);
		report(raised, "%s at CPL 3 raises #UD too", name);
	}
}

int main(void)
{
	bool kvm = under_kvm();

	report_info("%s", kvm ? "KVM: hypercall ABI expected" : "no KVM signature: #UD expected, as on hardware");
	check("VMCALL", do_vmcall, user_vmcall, kvm);
	check("VMMCALL", do_vmmcall, user_vmmcall, kvm);
	if (!kvm)
		check_fault_rip();
	return report_summary();
}
