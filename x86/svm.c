/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * svm.c - nested SVM (AMD-V) as an L1 hypervisor sees it, per the AMD APM
 * vol. 2 ch. 15: the SVM instructions' faults, VMRUN's consistency checks
 * (VMEXIT_INVALID), the guest state VMRUN/#VMEXIT/VMLOAD/VMSAVE move,
 * intercepts (instructions, CR/DR accesses, exceptions, I/O through the
 * IOPM, MSRs through the MSRPM, INTR/NMI/VINTR, shutdown) with their exit
 * information, event injection and EXITINTINFO, V_IRQ/V_TPR/VGIF, nested
 * page faults, TSC offset, ASID and TLB control, and the optional
 * features where the CPU has them (NRIP save, decode assists, pause
 * filter, TSC scaling, LBR virtualization, flush by ASID).
 *
 * It catches an L0 hypervisor (KVM's nested SVM, QEMU's TCG) that loses
 * or corrupts guest state across VMRUN and #VMEXIT, misses or invents
 * intercepts, reports wrong EXITINFO/EXITINTINFO, accepts an illegal
 * VMCB, injects events wrongly, or mishandles virtual interrupts and
 * nested paging. Tests are selected by name on the command line
 * (svm_lib.h, run_svm_tests). Where QEMU's TCG contradicts the APM the
 * check is a KFAIL naming QEMU's behaviour under TCG and a FAIL elsewhere.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "apic.h"
#include "apic-defs.h"
#include "desc.h"
#include "isr.h"
#include "processor.h"
#include "usermode.h"
#include "vm.h"
#include "svm_lib.h"

static bool under_tcg(void)
{
	const char *accel = getenv("QEMU_ACCEL");

	return accel && !strcmp(accel, "tcg");
}

/*
 * A check the APM decides. When it fails the way QEMU's TCG is known to
 * (qemu names that behaviour; NULL when the failure is another one), it is
 * a KFAIL under TCG; anywhere else a FAIL.
 */
static bool __printf(3, 4) report_apm(bool ok, const char *qemu, const char *fmt, ...)
{
	char msg[256];
	va_list va;

	va_start(va, fmt);
	vsnprintf(msg, sizeof(msg), fmt, va);
	va_end(va);
	if (ok || !qemu || !under_tcg())
		return report(ok, "%s", msg);
	return report_kfail(true, false, "%s (QEMU TCG: %s)", msg, qemu);
}

/*
 * Guest stubs: a few instructions, a VMMCALL (label NAME_done) and a UD2
 * that no test reaches. They run on the harness's guest stack.
 */
#define GUEST_STUB(name, insns)								\
	extern char name[], name##_done[];						\
	asm(".pushsection .text\n" #name ":\n\t" insns "\n" #name "_done:\n\tvmmcall\n\tud2\n.popsection")

static u64 exit_code(void)
{
	return vmcb->control.exit_code;
}

static const char *exit_str(void)
{
	return svm_exit_name(exit_code()) ?: "?";
}

static u64 run_stub(void *rip)
{
	vmcb->save.rip = (u64)rip;
	return svm_vmrun();
}

/* A page with a VMSAVE image of the host: what a guest's VMLOAD may load without harm. */
static u64 scratch_pa;

/* ---- the SVM instructions themselves ---- */

static int try_svm_insn(int which, u64 rax)
{
	switch (which) {
	case 0:
		asm volatile(ASM_TRY("1f") "vmrun %%rax\n1:" : : "a"(rax) : "memory");
		break;
	case 1:
		asm volatile(ASM_TRY("1f") "vmload %%rax\n1:" : : "a"(rax) : "memory");
		break;
	case 2:
		asm volatile(ASM_TRY("1f") "vmsave %%rax\n1:" : : "a"(rax) : "memory");
		break;
	case 3:
		asm volatile(ASM_TRY("1f") "clgi\n1:" : : : "memory");
		break;
	case 4:
		asm volatile(ASM_TRY("1f") "stgi\n1:" : : : "memory");
		break;
	default:
		asm volatile(ASM_TRY("1f") "invlpga %%rax, %%ecx\n1:" : : "a"(rax), "c"(0) : "memory");
		break;
	}
	return exception_vector();
}

static const char *const svm_insn_names[] = { "VMRUN", "VMLOAD", "VMSAVE", "CLGI", "STGI", "INVLPGA" };

static u64 user_vmrun(void)
{
	asm volatile("vmrun %%rax" : : "a"(virt_to_phys(vmcb)) : "memory");
	return 0;
}

static void svm_insn_faults(void)
{
	u64 efer = rdmsr(MSR_EFER);
	bool raised;
	int i, v;

	svm_setup_vmrun(0);
	wrmsr(MSR_EFER, efer & ~EFER_SVME);
	for (i = 0; i < 6; i++) {
		v = try_svm_insn(i, scratch_pa);
		report(v == UD_VECTOR, "%s with EFER.SVME clear: #UD (vector %d)", svm_insn_names[i], v);
	}
	wrmsr(MSR_EFER, efer);
	/* rAX must be 4 KiB aligned: not checked on VMSAVE here, which would write at the odd address. */
	for (i = 0; i < 2; i++) {
		v = try_svm_insn(i, scratch_pa + 0x10);
		report_apm(v == GP_VECTOR, v == 0 ? "no #GP, the low 12 bits ignored" : NULL,
			   "%s with rAX not 4 KiB aligned: #GP (vector %d)", svm_insn_names[i], v);
	}
	run_in_user(user_vmrun, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "VMRUN at CPL 3: #GP");
}

/* ---- VMRUN's consistency checks (APM 15.5.1) ---- */

GUEST_STUB(stub_nop, "nop");

struct vmcb_bad {
	const char *what;
	void (*make)(void);
};

static void bad_svme(void) { vmcb->save.efer &= ~EFER_SVME; }
static void bad_cd_nw(void) { vmcb->save.cr0 = (vmcb->save.cr0 & ~X86_CR0_CD) | X86_CR0_NW; }
static void bad_cr0_high(void) { vmcb->save.cr0 |= BIT_ULL(32); }
static void bad_cr3_mbz(void) { vmcb->save.cr3 |= BIT_ULL(63); }
static void bad_cr4_rsvd(void) { vmcb->save.cr4 |= BIT_ULL(63); }
static void bad_dr6_high(void) { vmcb->save.dr6 |= BIT_ULL(32); }
static void bad_dr7_high(void) { vmcb->save.dr7 |= BIT_ULL(32); }
static void bad_efer_rsvd(void) { vmcb->save.efer |= BIT_ULL(63); }
static void bad_no_pae(void) { vmcb->save.cr4 &= ~X86_CR4_PAE; }
static void bad_no_pe(void) { vmcb->save.cr0 &= ~X86_CR0_PE; }
static void bad_cs_l_d(void) { vmcb->save.cs.attrib |= SVM_SELECTOR_L_MASK | SVM_SELECTOR_DB_MASK; }
static void bad_no_vmrun_icpt(void) { vmcb_clear_intercept(INTERCEPT_VMRUN); }
static void bad_asid0(void) { vmcb->control.asid = 0; }
static void bad_evtinj_type(void) { vmcb->control.event_inj = SVM_EVTINJ_VALID | (1 << SVM_EVTINJ_TYPE_SHIFT) | 32; }
static void bad_evtinj_nmi_exc(void)
{
	vmcb->control.event_inj = SVM_EVTINJ_VALID | SVM_EVTINJ_TYPE_EXEPT | NMI_VECTOR;
}
static void bad_iopm_pa(void) { vmcb->control.iopm_base_pa = BIT_ULL(cpuid_maxphyaddr()) - PAGE_SIZE; }
static void bad_msrpm_pa(void) { vmcb->control.msrpm_base_pa = BIT_ULL(cpuid_maxphyaddr()) - PAGE_SIZE; }

static const struct vmcb_bad vmcb_bads[] = {
	{ "EFER.SVME clear", bad_svme },
	{ "CR0.CD clear and CR0.NW set", bad_cd_nw },
	{ "CR0[63:32] not zero", bad_cr0_high },
	{ "CR3 MBZ bit 63 set (long mode)", bad_cr3_mbz },
	{ "CR4 reserved bit 63 set", bad_cr4_rsvd },
	{ "DR6[63:32] not zero", bad_dr6_high },
	{ "DR7[63:32] not zero", bad_dr7_high },
	{ "EFER reserved bit 63 set", bad_efer_rsvd },
	{ "EFER.LME and CR0.PG with CR4.PAE clear", bad_no_pae },
	{ "EFER.LME and CR0.PG with CR0.PE clear", bad_no_pe },
	{ "EFER.LME, CR0.PG, CR4.PAE, CS.L and CS.D all set", bad_cs_l_d },
	{ "VMRUN intercept clear", bad_no_vmrun_icpt },
	{ "ASID 0", bad_asid0 },
	{ "EVENTINJ of reserved type 1", bad_evtinj_type },
	{ "EVENTINJ of an exception with vector 2", bad_evtinj_nmi_exc },
	{ "IOPM reaching past MAXPHYADDR", bad_iopm_pa },
	{ "MSRPM reaching past MAXPHYADDR", bad_msrpm_pa },
};

static void vmrun_checks(void)
{
	unsigned int i;
	u64 code;

	svm_setup_vmrun((u64)stub_nop);
	code = svm_vmrun();
	report(code == SVM_EXIT_VMMCALL, "the identity VMCB runs (exit %s)", exit_str());
	for (i = 0; i < ARRAY_SIZE(vmcb_bads); i++) {
		svm_setup_vmrun((u64)stub_nop);
		vmcb_bads[i].make();
		code = svm_vmrun();
		report_apm((u32)code == (u32)SVM_EXIT_ERR, code == SVM_EXIT_VMMCALL ? "the VMCB runs" : NULL,
			   "%s: VMEXIT_INVALID (exit %#" PRIx64 ")", vmcb_bads[i].what, code);
		if (i == 0)
			report_apm(code == SVM_EXIT_ERR,
				   code == 0xffffffff ? "EXITCODE 0xffffffff, upper half 0" : NULL,
				   "VMEXIT_INVALID: EXITCODE is -1 in all 64 bits (%#" PRIx64 ")", code);
	}
	/* Legal corner values next to the illegal ones. */
	svm_setup_vmrun((u64)stub_nop);
	vmcb->save.cr0 |= X86_CR0_CD | X86_CR0_NW;
	vmcb->save.dr6 = 0xffff1ff0;
	vmcb->control.asid = 0xffff & (cpuid(SVM_CPUID_FUNC).b - 1);
	code = svm_vmrun();
	report(code == SVM_EXIT_VMMCALL, "CR0.CD with NW, DR6 low bits, the highest ASID %u: the VMCB runs (exit %s)",
	       vmcb->control.asid, exit_str());
}

/* ---- guest state across VMRUN and #VMEXIT ---- */

GUEST_STUB(stub_regs,
	   "add $1, %rbx; add $2, %rcx; add $3, %rdx; add $4, %rsi; add $5, %rdi; add $6, %rbp\n\t"
	   "add $7, %r8; add $8, %r9; add $9, %r10; add $10, %r11; add $11, %r12; add $12, %r13\n\t"
	   "add $13, %r14; add $14, %r15; add $15, %rax; push %rax; stc");
GUEST_STUB(stub_fsbase, "mov $0xc0000100, %ecx; rdmsr; shl $32, %rdx; or %rax, %rdx; mov %rdx, %rbx\n\t"
	   "mov $0x12345678, %eax; mov $0x9abc, %edx; wrmsr");

/* The guest changes its IDTR and CR0.TS: both are the guest's own, the host's come back at #VMEXIT. */
GUEST_STUB(stub_own_state, "sidt -16(%rsp); movw $0x123, -16(%rsp); lidt -16(%rsp); mov %cr0, %rax; or $8, %rax;"
	   "mov %rax, %cr0");

static void guest_state(void)
{
	u64 *r = (u64 *)&svm_regs, rsp, host_fs = rdmsr(MSR_FS_BASE);
	struct descriptor_table_ptr host_idt, idt;
	bool ok = true;
	unsigned int i;

	svm_setup_vmrun((u64)stub_regs);
	for (i = 0; i < sizeof(svm_regs) / 8; i++)
		r[i] = 0x1000 * (i + 1);
	vmcb->save.rax = 0x2000;
	rsp = vmcb->save.rsp;
	svm_vmrun();
	for (i = 0; i < sizeof(svm_regs) / 8; i++)
		ok = ok && r[i] == 0x1000 * (i + 1) + i + 1;
	report(exit_code() == SVM_EXIT_VMMCALL && ok && vmcb->save.rax == 0x2000 + 15,
	       "the guest's GPRs go in and come back (exit %s)", exit_str());
	report(vmcb->save.rip == (u64)stub_regs_done && vmcb->save.rsp == rsp - 8 &&
	       (vmcb->save.rflags & X86_EFLAGS_CF),
	       "RIP, RSP and RFLAGS of the guest in the VMCB after #VMEXIT");

	svm_setup_vmrun((u64)stub_fsbase);
	vmcb->save.fs.base = 0x4000;
	svm_vmrun();
	report(svm_regs.rbx == 0x4000, "VMLOAD: the guest sees the VMCB's FS base (%#" PRIx64 ")", svm_regs.rbx);
	report(vmcb->save.fs.base == 0x00009abc12345678ULL, "VMSAVE: the guest's FS base in the VMCB after #VMEXIT");
	report(rdmsr(MSR_FS_BASE) == host_fs, "the host's FS base is back after #VMEXIT");

	sidt(&host_idt);
	svm_setup_vmrun((u64)stub_own_state);
	svm_vmrun();
	sidt(&idt);
	report(exit_code() == SVM_EXIT_VMMCALL && vmcb->save.idtr.limit == 0x123 && (vmcb->save.cr0 & X86_CR0_TS),
	       "the guest's new IDTR limit and CR0.TS in the VMCB (exit %s)", exit_str());
	report(idt.limit == host_idt.limit && idt.base == host_idt.base && !(read_cr0() & X86_CR0_TS),
	       "the host's IDTR and CR0 are back after #VMEXIT");
}

/* ---- intercepts of instructions, CR and DR accesses, exceptions ---- */

GUEST_STUB(stub_cpuid, "xor %eax, %eax; cpuid");
GUEST_STUB(stub_hlt, "hlt");
GUEST_STUB(stub_rdtsc, "rdtsc");
GUEST_STUB(stub_rdtscp, "rdtscp");
GUEST_STUB(stub_rdpmc, "xor %ecx, %ecx; rdpmc");
GUEST_STUB(stub_pushf, "pushf; pop %rax");
GUEST_STUB(stub_popf, "pushf; popf");
GUEST_STUB(stub_intn, "int $0x50");
GUEST_STUB(stub_invd, "invd");
GUEST_STUB(stub_pause, "pause");
GUEST_STUB(stub_invlpg, "invlpg (%rsp)");
GUEST_STUB(stub_invlpga, "xor %ecx, %ecx; invlpga %rax, %ecx");
GUEST_STUB(stub_wbinvd, "wbinvd");
GUEST_STUB(stub_sidt, "sidt -16(%rsp)");
GUEST_STUB(stub_sgdt, "sgdt -16(%rsp)");
GUEST_STUB(stub_sldt, "sldt %ax");
GUEST_STUB(stub_str, "str %ax");
GUEST_STUB(stub_lidt, "sidt -16(%rsp); lidt -16(%rsp)");
GUEST_STUB(stub_lgdt, "sgdt -16(%rsp); lgdt -16(%rsp)");
GUEST_STUB(stub_lldt, "sldt %ax; lldt %ax");
GUEST_STUB(stub_ltr, "str %ax; ltr %ax");
GUEST_STUB(stub_icebp, ".byte 0xf1");
GUEST_STUB(stub_vmrun, "vmrun %rax");
GUEST_STUB(stub_vmload, "vmload %rax");
GUEST_STUB(stub_vmsave, "vmsave %rax");
GUEST_STUB(stub_stgi, "stgi");
GUEST_STUB(stub_clgi, "clgi");
GUEST_STUB(stub_monitor, "xor %ecx, %ecx; xor %edx, %edx; monitor %rax, %ecx, %edx");
GUEST_STUB(stub_mwait, "xor %ecx, %ecx; xor %eax, %eax; mwait %eax, %ecx");
GUEST_STUB(stub_rd_cr0, "mov %cr0, %rax");
GUEST_STUB(stub_wr_cr0, "mov %cr0, %rax; mov %rax, %cr0");
GUEST_STUB(stub_rd_cr3, "mov %cr3, %rax");
GUEST_STUB(stub_wr_cr3, "mov %cr3, %rax; mov %rax, %cr3");
GUEST_STUB(stub_rd_cr4, "mov %cr4, %rax");
GUEST_STUB(stub_wr_cr4, "mov %cr4, %rax; mov %rax, %cr4");
GUEST_STUB(stub_rd_cr8, "mov %cr8, %rax");
GUEST_STUB(stub_wr_cr8, "mov %cr8, %rax; mov %rax, %cr8");
GUEST_STUB(stub_cr0_sel, "mov %cr0, %rax; xor $0x40000, %rax; mov %rax, %cr0; xor $0x40000, %rax; mov %rax, %cr0");
GUEST_STUB(stub_cr0_ts, "mov %cr0, %rax; or $8, %rax; mov %rax, %cr0; clts");
GUEST_STUB(stub_rd_dr7, "mov %dr7, %rax");
GUEST_STUB(stub_wr_dr0, "mov %dr0, %rax; mov %rax, %dr0");
GUEST_STUB(stub_rd_dr3, "mov %dr3, %rax");
GUEST_STUB(stub_ud2, "ud2");
GUEST_STUB(stub_int3, "int3");
GUEST_STUB(stub_div0, "xor %ecx, %ecx; xor %edx, %edx; div %ecx");

struct insn_intercept {
	const char *name;
	void *stub;
	int bit;		/* INTERCEPT_* */
	u64 exit;		/* the exit code it must give */
	bool harmless;		/* also run without the intercept: it must then not exit */
	struct x86_feature needs;
	const char *needs_name;
	const char *tcg;	/* how QEMU 7.2's TCG is known to get it wrong */
};

#define NO_FEATURE	{ 0, 0, 0, 0 }

static const struct insn_intercept insn_intercepts[] = {
	{ "CPUID", stub_cpuid, INTERCEPT_CPUID, SVM_EXIT_CPUID, true },
	{ "HLT", stub_hlt, INTERCEPT_HLT, SVM_EXIT_HLT },
	{ "RDTSC", stub_rdtsc, INTERCEPT_RDTSC, SVM_EXIT_RDTSC, true },
	{ "RDTSCP", stub_rdtscp, INTERCEPT_RDTSCP, SVM_EXIT_RDTSCP, true, X86_FEATURE_RDTSCP, "RDTSCP",
	  "RDTSCP not intercepted" },
	{ "RDPMC", stub_rdpmc, INTERCEPT_RDPMC, SVM_EXIT_RDPMC },
	{ "PUSHF", stub_pushf, INTERCEPT_PUSHF, SVM_EXIT_PUSHF, true },
	{ "POPF", stub_popf, INTERCEPT_POPF, SVM_EXIT_POPF, true },
	{ "INT n", stub_intn, INTERCEPT_INTn, SVM_EXIT_SWINT },
	{ "INVD", stub_invd, INTERCEPT_INVD, SVM_EXIT_INVD, false, NO_FEATURE, NULL, "INVD not intercepted" },
	{ "PAUSE", stub_pause, INTERCEPT_PAUSE, SVM_EXIT_PAUSE, true },
	{ "INVLPG", stub_invlpg, INTERCEPT_INVLPG, SVM_EXIT_INVLPG, true },
	{ "INVLPGA", stub_invlpga, INTERCEPT_INVLPGA, SVM_EXIT_INVLPGA, true },
	{ "WBINVD", stub_wbinvd, INTERCEPT_WBINVD, SVM_EXIT_WBINVD, true },
	{ "SIDT", stub_sidt, INTERCEPT_STORE_IDTR, SVM_EXIT_IDTR_READ, true },
	{ "SGDT", stub_sgdt, INTERCEPT_STORE_GDTR, SVM_EXIT_GDTR_READ, true },
	{ "SLDT", stub_sldt, INTERCEPT_STORE_LDTR, SVM_EXIT_LDTR_READ, true },
	{ "STR", stub_str, INTERCEPT_STORE_TR, SVM_EXIT_TR_READ, true },
	{ "LIDT", stub_lidt, INTERCEPT_LOAD_IDTR, SVM_EXIT_IDTR_WRITE, true },
	{ "LGDT", stub_lgdt, INTERCEPT_LOAD_GDTR, SVM_EXIT_GDTR_WRITE, true },
	{ "LLDT", stub_lldt, INTERCEPT_LOAD_LDTR, SVM_EXIT_LDTR_WRITE, true },
	{ "LTR", stub_ltr, INTERCEPT_LOAD_TR, SVM_EXIT_TR_WRITE },
	{ "ICEBP", stub_icebp, INTERCEPT_ICEBP, SVM_EXIT_ICEBP, false, NO_FEATURE, NULL,
	  "ICEBP (0xf1) is #UD, not intercepted" },
	{ "VMRUN", stub_vmrun, INTERCEPT_VMRUN, SVM_EXIT_VMRUN },
	{ "VMLOAD", stub_vmload, INTERCEPT_VMLOAD, SVM_EXIT_VMLOAD },
	{ "VMSAVE", stub_vmsave, INTERCEPT_VMSAVE, SVM_EXIT_VMSAVE },
	{ "STGI", stub_stgi, INTERCEPT_STGI, SVM_EXIT_STGI },
	{ "CLGI", stub_clgi, INTERCEPT_CLGI, SVM_EXIT_CLGI },
	{ "MONITOR", stub_monitor, INTERCEPT_MONITOR, SVM_EXIT_MONITOR, false, X86_FEATURE_MWAIT, "MONITOR/MWAIT" },
	{ "MWAIT", stub_mwait, INTERCEPT_MWAIT, SVM_EXIT_MWAIT, false, X86_FEATURE_MWAIT, "MONITOR/MWAIT" },
	{ "read CR0", stub_rd_cr0, INTERCEPT_CR0_READ, SVM_EXIT_READ_CR0, true },
	{ "write CR0", stub_wr_cr0, INTERCEPT_CR0_WRITE, SVM_EXIT_WRITE_CR0, true },
	{ "read CR3", stub_rd_cr3, INTERCEPT_CR3_READ, SVM_EXIT_READ_CR3, true },
	{ "write CR3", stub_wr_cr3, INTERCEPT_CR3_WRITE, SVM_EXIT_WRITE_CR3, true },
	{ "read CR4", stub_rd_cr4, INTERCEPT_CR4_READ, SVM_EXIT_READ_CR4, true },
	{ "write CR4", stub_wr_cr4, INTERCEPT_CR4_WRITE, SVM_EXIT_WRITE_CR4, true },
	{ "read CR8", stub_rd_cr8, INTERCEPT_CR8_READ, SVM_EXIT_READ_CR8, true },
	{ "write CR8", stub_wr_cr8, INTERCEPT_CR8_WRITE, SVM_EXIT_WRITE_CR8, true },
	{ "selective CR0 write of CR0.AM", stub_cr0_sel, INTERCEPT_SELECTIVE_CR0, SVM_EXIT_CR0_SEL_WRITE, true },
	{ "selective CR0 write of CR0.TS only", stub_cr0_ts, INTERCEPT_SELECTIVE_CR0, SVM_EXIT_VMMCALL, true },
	{ "read DR7", stub_rd_dr7, INTERCEPT_DR7_READ, SVM_EXIT_READ_DR7, true },
	{ "read DR3", stub_rd_dr3, INTERCEPT_DR0_READ + 3, SVM_EXIT_READ_DR0 + 3, true },
	{ "write DR0", stub_wr_dr0, INTERCEPT_DR0_WRITE, SVM_EXIT_WRITE_DR0, true },
	{ "#UD (UD2)", stub_ud2, INTERCEPT_EXCEPTION_OFFSET + UD_VECTOR, SVM_EXIT_EXCP_BASE + UD_VECTOR },
	{ "#BP (INT3)", stub_int3, INTERCEPT_EXCEPTION_OFFSET + BP_VECTOR, SVM_EXIT_EXCP_BASE + BP_VECTOR, false,
	  NO_FEATURE, NULL, "INT3 delivered to the guest, taken for INT n" },
	{ "#DE (DIV by 0)", stub_div0, INTERCEPT_EXCEPTION_OFFSET + DE_VECTOR, SVM_EXIT_EXCP_BASE + DE_VECTOR },
};

static void *stub_done;		/* where a stub's VMMCALL is: the guest's #UD and #BP handler goes on there */
static volatile int stub_ud_count;	/* #UD or #BP taken by the guest */

static void stub_ud_handler(struct ex_regs *regs)
{
	stub_ud_count++;
	regs->rip = (u64)stub_done;
}

static u64 run_insn_stub(const struct insn_intercept *t, bool intercept)
{
	svm_setup_vmrun(0);
	vmcb->save.rax = scratch_pa;
	if (intercept)
		vmcb_set_intercept(t->bit);
	stub_ud_count = 0;
	return run_stub(t->stub);
}

static void insn_intercept_tests(void)
{
	const struct insn_intercept *t;
	unsigned int i;
	u64 code;

	/* An instruction the CPU takes for undefined would otherwise end the whole run. */
	handle_exception(UD_VECTOR, stub_ud_handler);
	handle_exception(BP_VECTOR, stub_ud_handler);
	for (i = 0; i < ARRAY_SIZE(insn_intercepts); i++) {
		t = &insn_intercepts[i];
		if (t->needs_name && !this_cpu_has(t->needs)) {
			report_skip("%s: %s not supported", t->name, t->needs_name);
			continue;
		}
		/* The stub's VMMCALL: the first one after the stub's label. */
		stub_done = (void *)t->stub;
		while (memcmp(stub_done, "\x0f\x01\xd9", 3))
			stub_done = (u8 *)stub_done + 1;
		code = run_insn_stub(t, true);
		report_apm(code == t->exit && !stub_ud_count, code != t->exit ? t->tcg : NULL,
			   "%s intercepted: exit %s%s", t->name, exit_str(),
			   stub_ud_count ? " after a #UD or #BP" : "");
		if (t->stub == stub_cpuid)
			report(vmcb->save.rip == (u64)stub_cpuid + 2, "CPUID intercepted: RIP at the CPUID");
		if (!t->harmless || t->exit == SVM_EXIT_VMMCALL)
			continue;
		code = run_insn_stub(t, false);
		report(code == SVM_EXIT_VMMCALL && !stub_ud_count, "%s not intercepted: runs in the guest (exit %s)",
		       t->name, exit_str());
	}
	handle_exception(UD_VECTOR, NULL);
	handle_exception(BP_VECTOR, NULL);
}

/* ---- I/O through the IOPM (APM 15.10) ---- */

GUEST_STUB(stub_outb, "outb %al, %dx");
GUEST_STUB(stub_outw, "outw %ax, %dx");
GUEST_STUB(stub_outl, "outl %eax, %dx");
GUEST_STUB(stub_inb, "inb %dx, %al");
GUEST_STUB(stub_rep_outsb, "rep outsb");

#define IO_SZ8		BIT(4)
#define IO_SZ16		BIT(5)
#define IO_SZ32		BIT(6)
#define IO_A64		BIT(9)
#define IO_SEG_MASK	(7 << 10)	/* the segment of a string access: with decode assists only */

static u64 run_io(void *stub, u16 port, const u32 *set_ports, int nr)
{
	int i;

	svm_setup_vmrun(0);
	vmcb_set_intercept(INTERCEPT_IOIO_PROT);
	for (i = 0; i < nr; i++)
		svm_iopm_set(set_ports[i], true);
	svm_regs.rdx = port;
	svm_regs.rsi = scratch_pa;
	svm_regs.rcx = 2;
	return run_stub(stub);
}

/* EXITINFO1 of a non-string access: the address size field is defined for string accesses only. */
static u64 io_info(void)
{
	return vmcb->control.exit_info_1 & ~(u64)SVM_IOIO_ASIZE_MASK;
}

static void ioio_tests(void)
{
	static const u32 p80[] = { 0x80 }, p10000[] = { 0x10000 };
	u64 code;

	code = run_io(stub_outb, 0x80, p80, 1);
	report(code == SVM_EXIT_IOIO && io_info() == (0x80 << 16 | IO_SZ8),
	       "OUTB to port 0x80: IOIO exit, EXITINFO1 port, 8 bits, out (exit %s, %#" PRIx64 ")", exit_str(),
	       vmcb->control.exit_info_1);
	report(vmcb->control.exit_info_2 == (u64)stub_outb_done, "OUTB: EXITINFO2 is the next RIP (%#" PRIx64 ")",
	       vmcb->control.exit_info_2);
	code = run_io(stub_outw, 0x80, p80, 1);
	report(code == SVM_EXIT_IOIO && io_info() == (0x80 << 16 | IO_SZ16),
	       "OUTW to port 0x80: 16 bits (%#" PRIx64 ")", vmcb->control.exit_info_1);
	code = run_io(stub_outl, 0x80, p80, 1);
	report(code == SVM_EXIT_IOIO && io_info() == (0x80 << 16 | IO_SZ32),
	       "OUTL to port 0x80: 32 bits (%#" PRIx64 ")", vmcb->control.exit_info_1);
	code = run_io(stub_inb, 0x80, p80, 1);
	report(code == SVM_EXIT_IOIO && io_info() == (0x80 << 16 | IO_SZ8 | SVM_IOIO_TYPE_MASK),
	       "INB from port 0x80: in (%#" PRIx64 ")", vmcb->control.exit_info_1);
	code = run_io(stub_rep_outsb, 0x80, p80, 1);
	report(code == SVM_EXIT_IOIO && (io_info() & ~(u64)IO_SEG_MASK) ==
	       (0x80 << 16 | IO_SZ8 | SVM_IOIO_STR_MASK | SVM_IOIO_REP_MASK),
	       "REP OUTSB to port 0x80: string, rep, 8 bits (%#" PRIx64 ")", vmcb->control.exit_info_1);
	report_apm((vmcb->control.exit_info_1 & SVM_IOIO_ASIZE_MASK) == IO_A64,
		   !(vmcb->control.exit_info_1 & SVM_IOIO_ASIZE_MASK) ? "address size bits 9:7 left clear" : NULL,
		   "REP OUTSB: the address size is A64 (%#" PRIx64 ")", vmcb->control.exit_info_1);
	code = run_io(stub_outb, 0x81, p80, 1);
	report(code == SVM_EXIT_VMMCALL, "OUTB to port 0x81, only 0x80 in the IOPM: not intercepted (exit %s)",
	       exit_str());
	code = run_io(stub_outw, 0x7f, p80, 1);
	report(code == SVM_EXIT_IOIO && io_info() == (0x7f << 16 | IO_SZ16),
	       "OUTW to port 0x7f, only 0x80 in the IOPM: its second byte is intercepted (exit %s)", exit_str());
	code = run_io(stub_outw, 0xffff, p10000, 1);
	report(code == SVM_EXIT_IOIO && io_info() == (0xffffULL << 16 | IO_SZ16),
	       "OUTW to port 0xffff, only bit 0x10000 in the IOPM: intercepted (exit %s)", exit_str());
	code = run_io(stub_outb, 0xffff, p10000, 1);
	report(code == SVM_EXIT_VMMCALL, "OUTB to port 0xffff, only bit 0x10000 in the IOPM: not intercepted (exit %s)",
	       exit_str());
	svm_setup_vmrun(0);
	svm_iopm_set(0x80, true);
	svm_regs.rdx = 0x80;
	code = run_stub(stub_outb);
	report(code == SVM_EXIT_VMMCALL, "IOIO_PROT clear: the IOPM is not consulted (exit %s)", exit_str());
}

/* ---- MSRs through the MSRPM (APM 15.11) ---- */

GUEST_STUB(stub_rdmsr, "rdmsr");
GUEST_STUB(stub_wrmsr, "wrmsr");

static u64 run_msr(void *stub, u32 msr, u32 map_msr, bool rd, bool wr, u64 val)
{
	svm_setup_vmrun(0);
	vmcb_set_intercept(INTERCEPT_MSR_PROT);
	if (rd || wr)
		svm_msrpm_set(map_msr, rd, wr);
	svm_regs.rcx = msr;
	vmcb->save.rax = (u32)val;
	svm_regs.rdx = val >> 32;
	return run_stub(stub);
}

static void msr_tests(void)
{
	u64 code;

	code = run_msr(stub_rdmsr, MSR_IA32_TSC, MSR_IA32_TSC, true, false, 0);
	report(code == SVM_EXIT_MSR && vmcb->control.exit_info_1 == 0,
	       "RDMSR of the TSC (first range), read bit set: exit MSR, EXITINFO1 0 (exit %s)", exit_str());
	code = run_msr(stub_wrmsr, MSR_KERNEL_GS_BASE, MSR_KERNEL_GS_BASE, false, true, 0x1234);
	report(code == SVM_EXIT_MSR && vmcb->control.exit_info_1 == 1,
	       "WRMSR of KERNEL_GS_BASE (second range), write bit set: exit MSR, EXITINFO1 1 (exit %s)", exit_str());
	code = run_msr(stub_rdmsr, MSR_KERNEL_GS_BASE, MSR_KERNEL_GS_BASE, false, true, 0);
	report(code == SVM_EXIT_VMMCALL, "RDMSR of KERNEL_GS_BASE, write bit only: not intercepted (exit %s)",
	       exit_str());
	code = run_msr(stub_wrmsr, MSR_KERNEL_GS_BASE, MSR_KERNEL_GS_BASE, true, false, 0x5678000012340000ULL);
	report(code == SVM_EXIT_VMMCALL && vmcb->save.kernel_gs_base == 0x5678000012340000ULL,
	       "WRMSR of KERNEL_GS_BASE, read bit only: not intercepted, the value in the VMCB (exit %s)", exit_str());
	code = run_msr(stub_rdmsr, 0xc0001fff, 0xc0001fff, true, false, 0);
	report(code == SVM_EXIT_MSR, "RDMSR 0xc0001fff (end of the second range), read bit set: exit %s", exit_str());
	code = run_msr(stub_rdmsr, MSR_VM_HSAVE_PA, MSR_VM_HSAVE_PA, true, false, 0);
	report(code == SVM_EXIT_MSR, "RDMSR of VM_HSAVE_PA (third range), read bit set: exit %s", exit_str());
	code = run_msr(stub_rdmsr, 0x2000, 0, false, false, 0);
	report(code == SVM_EXIT_MSR, "RDMSR 0x2000, outside the MSRPM: always intercepted (exit %s)", exit_str());
	code = run_msr(stub_wrmsr, 0xc0012000, 0, false, false, 0);
	report(code == SVM_EXIT_MSR && vmcb->control.exit_info_1 == 1,
	       "WRMSR 0xc0012000, outside the MSRPM: always intercepted (exit %s)", exit_str());
	svm_setup_vmrun(0);
	svm_msrpm_set(MSR_IA32_TSC, true, true);
	svm_regs.rcx = MSR_IA32_TSC;
	code = run_stub(stub_rdmsr);
	report(code == SVM_EXIT_VMMCALL, "MSR_PROT clear: the MSRPM is not consulted (exit %s)", exit_str());
}

/* ---- exceptions: intercepted with their information, or delivered to the guest ---- */

#define UNMAPPED_VA	(1ULL << 46)	/* PML4 slot 128: the boot page tables leave it empty */

GUEST_STUB(stub_pf_write, "movq $1, (%rax)");
GUEST_STUB(stub_gp_sel, "mov $0x7ff8, %eax; mov %eax, %ds");
GUEST_STUB(stub_ud_caught, "ud2; nop");

static volatile int guest_ud_count;

static void guest_ud_handler(struct ex_regs *regs)
{
	guest_ud_count++;
	if (regs->rip == (u64)stub_ud_caught)
		regs->rip += 2;
}

static void exception_tests(void)
{
	u64 code;

	svm_setup_vmrun(0);
	vmcb_set_intercept(INTERCEPT_EXCEPTION_OFFSET + PF_VECTOR);
	vmcb->save.rax = UNMAPPED_VA;
	code = run_stub(stub_pf_write);
	report(code == SVM_EXIT_EXCP_BASE + PF_VECTOR && vmcb->control.exit_info_1 == PFERR_WRITE_MASK &&
	       vmcb->control.exit_info_2 == UNMAPPED_VA,
	       "#PF: EXITINFO1 the error code, EXITINFO2 the address (exit %s, %#" PRIx64 ", %#" PRIx64 ")",
	       exit_str(), vmcb->control.exit_info_1, vmcb->control.exit_info_2);
	report(vmcb->save.rip == (u64)stub_pf_write, "#PF: RIP at the faulting instruction");

	svm_setup_vmrun(0);
	vmcb_set_intercept(INTERCEPT_EXCEPTION_OFFSET + GP_VECTOR);
	code = run_stub(stub_gp_sel);
	report(code == SVM_EXIT_EXCP_BASE + GP_VECTOR && vmcb->control.exit_info_1 == 0x7ff8,
	       "#GP loading selector 0x7ff8: EXITINFO1 the error code (exit %s, %#" PRIx64 ")", exit_str(),
	       vmcb->control.exit_info_1);

	handle_exception(UD_VECTOR, guest_ud_handler);
	guest_ud_count = 0;
	svm_setup_vmrun(0);
	vmcb_set_intercept(INTERCEPT_EXCEPTION_OFFSET + GP_VECTOR);
	code = run_stub(stub_ud_caught);
	report(code == SVM_EXIT_VMMCALL && guest_ud_count == 1,
	       "#UD not intercepted: delivered through the guest's IDT (exit %s, %d)", exit_str(), guest_ud_count);
	handle_exception(UD_VECTOR, NULL);
}

/* VMMCALL not intercepted is #UD in the guest (APM: VMMCALL). */
static void vmmcall_ud_guest(struct svm_test *t)
{
	asm volatile(ASM_TRY("1f") "vmmcall\n1:" : : : "memory");
	t->scratch = exception_vector();
	asm volatile("hlt");
}

static void vmmcall_ud_prepare(struct svm_test *t)
{
	vmcb_clear_intercept(INTERCEPT_VMMCALL);
	vmcb_set_intercept(INTERCEPT_HLT);
}

static bool hlt_finished(struct svm_test *t)
{
	return true;
}

static bool vmmcall_ud_check(struct svm_test *t)
{
	return exit_code() == SVM_EXIT_HLT && t->scratch == UD_VECTOR;
}

/*
 * A guest that exits three times in the middle of its work (VMMCALL) and
 * is resumed past it each time: its registers and stack survive every
 * #VMEXIT/VMRUN pair.
 */
static void stages_guest(struct svm_test *t)
{
	volatile u64 sum = 0;
	int i;

	for (i = 1; i <= 3; i++) {
		set_test_stage(t, i);
		sum += i * 0x101;
		vmmcall();
	}
	t->scratch = sum;
}

static bool stages_finished(struct svm_test *t)
{
	if (exit_code() != SVM_EXIT_VMMCALL || t->guest_done)
		return default_finished(t);
	/* Stage n exits for the nth time: what the guest set before its VMMCALL is visible here. */
	if (get_test_stage(t) != t->exits)
		report_fail("exit %d at stage %d", t->exits, get_test_stage(t));
	svm_skip_insn(3);
	return false;
}

static bool stages_check(struct svm_test *t)
{
	return t->exits == 4 && t->scratch == 6 * 0x101;
}

/* Triple fault in the guest: an IDT it cannot use, then an exception. */
GUEST_STUB(stub_triple, "movq $0, -16(%rsp); movq $0, -8(%rsp); lidt -16(%rsp); ud2");

static void shutdown_test(void)
{
	u64 code;

	svm_setup_vmrun(0);
	vmcb_set_intercept(INTERCEPT_SHUTDOWN);
	code = run_stub(stub_triple);
	report(code == SVM_EXIT_SHUTDOWN, "triple fault in the guest: exit SHUTDOWN (exit %s)", exit_str());
}

/* ---- physical interrupts and NMIs: INTR and NMI intercepts, V_INTR_MASKING ---- */

#define HOST_IRQ_VECTOR		0xf0
#define GUEST_VIRQ_VECTOR	0x62
#define GUEST_INJ_VECTOR	0x61

static volatile int host_irqs, host_nmis;

static void host_irq_handler(isr_regs_t *regs)
{
	host_irqs++;
	eoi();
}

static void host_nmi_handler(struct ex_regs *regs)
{
	host_nmis++;
}

static void intr_tests(void)
{
	u64 code;

	handle_irq(HOST_IRQ_VECTOR, host_irq_handler);
	host_irqs = 0;
	svm_setup_vmrun((u64)stub_nop);
	vmcb_set_intercept(INTERCEPT_INTR);
	/* Pending at the APIC while GIF is clear; RFLAGS.IF set so that STGI after #VMEXIT lets the host take it. */
	clgi();
	apic_icr_write(APIC_DEST_SELF | APIC_DEST_PHYSICAL | APIC_DM_FIXED | HOST_IRQ_VECTOR, 0);
	sti();
	code = svm_vmrun();
	cli();
	report(code == SVM_EXIT_INTR, "a pending interrupt with INTR intercepted: exit INTR (exit %s)", exit_str());
	report(host_irqs == 1, "after the INTR exit and STGI the host takes the interrupt (%d)", host_irqs);

	/* V_INTR_MASKING: the host's RFLAGS.IF (clear) masks physical interrupts during the guest, not guest IF. */
	host_irqs = 0;
	svm_setup_vmrun((u64)stub_nop);
	vmcb->save.rflags |= X86_EFLAGS_IF;
	clgi();
	apic_icr_write(APIC_DEST_SELF | APIC_DEST_PHYSICAL | APIC_DM_FIXED | HOST_IRQ_VECTOR, 0);
	code = svm_vmrun();
	report(code == SVM_EXIT_VMMCALL && host_irqs == 0 && apic_read_bit(APIC_IRR, HOST_IRQ_VECTOR),
	       "V_INTR_MASKING with host IF clear: the guest runs, the interrupt stays pending (exit %s)", exit_str());
	sti_nop_cli();
	report(host_irqs == 1, "the host takes it when it sets IF (%d)", host_irqs);
	handle_irq(HOST_IRQ_VECTOR, NULL);

	handle_exception(NMI_VECTOR, host_nmi_handler);
	host_nmis = 0;
	svm_setup_vmrun((u64)stub_nop);
	vmcb_set_intercept(INTERCEPT_NMI);
	clgi();
	apic_icr_write(APIC_DEST_PHYSICAL | APIC_DM_NMI | APIC_INT_ASSERT, apic_id());
	report(host_nmis == 0, "an NMI waits while GIF is clear");
	code = svm_vmrun();
	report(code == SVM_EXIT_NMI, "a pending NMI with NMI intercepted: exit NMI (exit %s)", exit_str());
	report(host_nmis == 1, "after the NMI exit and STGI the host takes the NMI (%d)", host_nmis);
	handle_exception(NMI_VECTOR, NULL);
}

/* ---- virtual interrupts: V_IRQ, V_INTR_PRIO, V_TPR, VINTR ---- */

static volatile int guest_virqs, guest_virq_vector;

static void guest_virq_handler(isr_regs_t *regs)
{
	guest_virqs++;
}

GUEST_STUB(stub_sti_window, "sti; nop; nop; cli");
GUEST_STUB(stub_cr8_write, "mov $7, %eax; mov %rax, %cr8");
GUEST_STUB(stub_cr8_read, "mov %cr8, %rbx");

static void virq_setup(u32 prio, u32 tpr)
{
	svm_setup_vmrun(0);
	vmcb->control.int_ctl |= V_IRQ_MASK | prio << V_INTR_PRIO_SHIFT | tpr;
	vmcb->control.int_vector = GUEST_VIRQ_VECTOR;
	guest_virqs = 0;
}

static void virq_tests(void)
{
	u8 host_tpr = apic_get_tpr();
	u64 code;

	handle_irq(GUEST_VIRQ_VECTOR, guest_virq_handler);
	virq_setup(0xf, 0);
	vmcb_set_intercept(INTERCEPT_VINTR);
	code = run_stub(stub_sti_window);
	report(code == SVM_EXIT_VINTR, "V_IRQ pending, VINTR intercepted, guest sets IF: exit VINTR (exit %s)",
	       exit_str());

	virq_setup(0xf, 0);
	code = run_stub(stub_sti_window);
	report(code == SVM_EXIT_VMMCALL && guest_virqs == 1,
	       "V_IRQ: the guest takes the virtual interrupt through its IDT (exit %s, %d)", exit_str(), guest_virqs);
	report(!(vmcb->control.int_ctl & V_IRQ_MASK), "V_IRQ is clear once the guest took the interrupt");

	/*
	 * V_TPR is lowered by the host between two runs, not by a guest CR8
	 * write: QEMU 7.2's TCG aborts (cpu_interrupt() without the iothread
	 * lock) when a guest CR8 write makes a V_IRQ deliverable.
	 */
	virq_setup(2, 0xf);
	code = run_stub(stub_sti_window);
	report(code == SVM_EXIT_VMMCALL && guest_virqs == 0, "V_INTR_PRIO 2 below V_TPR 15: not taken (%d)",
	       guest_virqs);
	report(vmcb->control.int_ctl & V_IRQ_MASK, "... and V_IRQ still pending");
	vmcb->control.int_ctl &= ~V_TPR_MASK;
	code = run_stub(stub_sti_window);
	report(code == SVM_EXIT_VMMCALL && guest_virqs == 1, "V_TPR lowered to 0: taken (%d)", guest_virqs);
	virq_setup(2, 3);
	code = run_stub(stub_sti_window);
	report(code == SVM_EXIT_VMMCALL && guest_virqs == 0, "V_INTR_PRIO 2 below V_TPR 3: not taken either (%d)",
	       guest_virqs);

	svm_setup_vmrun(0);
	code = run_stub(stub_cr8_write);
	report(code == SVM_EXIT_VMMCALL && (vmcb->control.int_ctl & V_TPR_MASK) == 7,
	       "V_INTR_MASKING: a guest CR8 write goes to V_TPR (%u)", vmcb->control.int_ctl & V_TPR_MASK);
	report(apic_get_tpr() == host_tpr, "... and not to the host's TPR (%u)", apic_get_tpr());
	svm_setup_vmrun(0);
	vmcb->control.int_ctl |= 9;
	code = run_stub(stub_cr8_read);
	report(code == SVM_EXIT_VMMCALL && svm_regs.rbx == 9,
	       "V_INTR_MASKING: a guest CR8 read gives V_TPR (%" PRIu64 ")", svm_regs.rbx);
	handle_irq(GUEST_VIRQ_VECTOR, NULL);
}

/* ---- EVENTINJ (APM 15.20) and EXITINTINFO ---- */

static volatile int guest_events;
static volatile u64 guest_event_rip, guest_event_err;

static void guest_event_handler(struct ex_regs *regs)
{
	guest_events++;
	guest_event_rip = regs->rip;
	guest_event_err = regs->error_code;
}

static u64 run_injected(u32 event_inj, u32 err)
{
	svm_setup_vmrun((u64)stub_nop);
	vmcb->control.event_inj = event_inj;
	vmcb->control.event_inj_err = err;
	guest_events = 0;
	guest_event_rip = 0;
	guest_event_err = 0;
	return svm_vmrun();
}

static void eventinj_tests(void)
{
	u64 code;

	handle_exception(UD_VECTOR, guest_event_handler);
	code = run_injected(SVM_EVTINJ_VALID | SVM_EVTINJ_TYPE_EXEPT | UD_VECTOR, 0);
	report(code == SVM_EXIT_VMMCALL && guest_events == 1 && guest_event_rip == (u64)stub_nop,
	       "#UD injected: the guest's handler runs once, with the VMCB's RIP (exit %s, %d)", exit_str(),
	       guest_events);
	report(!(vmcb->control.exit_int_info & SVM_EXITINTINFO_VALID), "... and EXITINTINFO is not valid");
	handle_exception(UD_VECTOR, NULL);

	handle_exception(GP_VECTOR, guest_event_handler);
	code = run_injected(SVM_EVTINJ_VALID | SVM_EVTINJ_VALID_ERR | SVM_EVTINJ_TYPE_EXEPT | GP_VECTOR, 0x1234);
	report(code == SVM_EXIT_VMMCALL && guest_events == 1 && guest_event_err == 0x1234,
	       "#GP injected with error code 0x1234: the guest sees it (%#" PRIx64 ")", guest_event_err);
	handle_exception(GP_VECTOR, NULL);

	handle_irq(GUEST_INJ_VECTOR, guest_event_handler);
	code = run_injected(SVM_EVTINJ_VALID | SVM_EVTINJ_TYPE_INTR | GUEST_INJ_VECTOR, 0);
	report(code == SVM_EXIT_VMMCALL && guest_events == 1,
	       "external interrupt 0x61 injected with guest IF clear: delivered anyway (%d)", guest_events);
	code = run_injected(SVM_EVTINJ_VALID | SVM_EVTINJ_TYPE_SOFT | GUEST_INJ_VECTOR, 0);
	report(code == SVM_EXIT_VMMCALL && guest_events == 1, "software interrupt 0x61 injected: delivered (%d)",
	       guest_events);
	code = run_injected(SVM_EVTINJ_TYPE_INTR | GUEST_INJ_VECTOR, 0);
	report(code == SVM_EXIT_VMMCALL && guest_events == 0, "EVENTINJ without V: nothing injected (%d)",
	       guest_events);

	/* Delivery through an IDT too short for the vector: #GP(IDT, vector) intercepted, the event in EXITINTINFO. */
	svm_setup_vmrun((u64)stub_nop);
	vmcb->save.idtr.limit = GUEST_INJ_VECTOR * 16 - 1;
	vmcb_set_intercept(INTERCEPT_EXCEPTION_OFFSET + GP_VECTOR);
	vmcb->control.event_inj = SVM_EVTINJ_VALID | SVM_EVTINJ_TYPE_INTR | GUEST_INJ_VECTOR;
	guest_events = 0;
	code = svm_vmrun();
	report(code == SVM_EXIT_EXCP_BASE + GP_VECTOR, "interrupt 0x61 past the IDT limit: #GP exit (exit %s)",
	       exit_str());
	report_apm((vmcb->control.exit_info_1 & ~1ULL) == (GUEST_INJ_VECTOR << 3 | 2),
		   vmcb->control.exit_info_1 == (GUEST_INJ_VECTOR << 4 | 2) ? "error code vector * 16 + 2" : NULL,
		   "#GP error code: IDT, index 0x61 (%#" PRIx64 ")", vmcb->control.exit_info_1);
	report(vmcb->control.exit_int_info == (SVM_EXITINTINFO_VALID | SVM_EXITINTINFO_TYPE_INTR | GUEST_INJ_VECTOR),
	       "EXITINTINFO: the interrupt being delivered (%#x)", vmcb->control.exit_int_info);
	handle_irq(GUEST_INJ_VECTOR, NULL);

	handle_exception(NMI_VECTOR, guest_event_handler);
	code = run_injected(SVM_EVTINJ_VALID | SVM_EVTINJ_TYPE_NMI | NMI_VECTOR, 0);
	report(code == SVM_EXIT_VMMCALL && guest_events == 1, "NMI injected: the guest's NMI handler runs (%d)",
	       guest_events);
	handle_exception(NMI_VECTOR, NULL);
}

/* ---- VGIF (virtual GIF): guest CLGI/STGI without exits ---- */

GUEST_STUB(stub_vgif_clgi, "clgi");
GUEST_STUB(stub_vgif_stgi, "stgi");
/* rbx: how many virtual interrupts the guest had taken before its STGI. */
GUEST_STUB(stub_vgif_virq, "clgi; sti; nop; nop; cli; mov guest_virqs(%rip), %ebx; stgi; sti; nop; nop; cli");

static void vgif_tests(void)
{
	u64 code, before;

	svm_setup_vmrun(0);
	vmcb->control.int_ctl |= V_GIF_ENABLED_MASK | V_GIF_MASK;
	code = run_stub(stub_vgif_clgi);
	report(code == SVM_EXIT_VMMCALL && !(vmcb->control.int_ctl & V_GIF_MASK),
	       "guest CLGI: no exit, V_GIF clear (exit %s, int_ctl %#x)", exit_str(), vmcb->control.int_ctl);
	svm_setup_vmrun(0);
	vmcb->control.int_ctl |= V_GIF_ENABLED_MASK;
	code = run_stub(stub_vgif_stgi);
	report(code == SVM_EXIT_VMMCALL && (vmcb->control.int_ctl & V_GIF_MASK),
	       "guest STGI: no exit, V_GIF set (exit %s, int_ctl %#x)", exit_str(), vmcb->control.int_ctl);

	handle_irq(GUEST_VIRQ_VECTOR, guest_virq_handler);
	virq_setup(0xf, 0);
	vmcb->control.int_ctl |= V_GIF_ENABLED_MASK | V_GIF_MASK;
	code = run_stub(stub_vgif_virq);
	before = svm_regs.rbx;
	report_apm(code == SVM_EXIT_VMMCALL && guest_virqs == 1 && before == 0,
		   before ? "V_IRQ taken while V_GIF is clear" : NULL,
		   "V_GIF clear holds V_IRQ back; STGI lets it in (exit %s, %" PRIu64 " before, %d in all)", exit_str(),
		   before, guest_virqs);
	handle_irq(GUEST_VIRQ_VECTOR, NULL);
}

/* ---- nested paging (APM 15.25): nested page faults and their EXITINFO ---- */

GUEST_STUB(stub_read, "mov (%rax), %rbx");
GUEST_STUB(stub_write, "movq $0x77, (%rax)");
GUEST_STUB(stub_call, "call *%rax");

#define NPF_BITS	(SVM_NPF_PRESENT | SVM_NPF_WRITE | SVM_NPF_RSVD | SVM_NPF_FETCH | SVM_NPF_GPA | SVM_NPF_GPT)

static u64 npt_run(void *stub, u64 rax)
{
	svm_setup_vmrun(0);
	vmcb->save.rax = rax;
	/* The nested entries just changed: no stale translation may survive (tlb_ctl). */
	vmcb->control.tlb_ctl = TLB_CONTROL_FLUSH_ALL_ASID;
	return run_stub(stub);
}

/* tcg_bits/tcg: the EXITINFO1 bits QEMU's TCG is known to give instead, and what that means (0/NULL: none). */
static void npf_report_tcg(const char *what, u64 pa, u64 bits, u64 tcg_bits, const char *tcg)
{
	u64 info1 = vmcb->control.exit_info_1;

	report(exit_code() == SVM_EXIT_NPF && vmcb->control.exit_info_2 == pa,
	       "%s: NPF, EXITINFO2 the guest-physical address (exit %s, %#" PRIx64 ")", what, exit_str(),
	       vmcb->control.exit_info_2);
	report_apm((info1 & NPF_BITS) == bits, tcg && (info1 & NPF_BITS) == tcg_bits ? tcg : NULL,
		   "%s: EXITINFO1 %#" PRIx64 " (want bits %#" PRIx64 " of %#" PRIx64 ")", what, info1, bits,
		   (u64)NPF_BITS);
}

static void npf_report(const char *what, u64 pa, u64 bits)
{
	npf_report_tcg(what, pa, bits, 0, NULL);
}

static void npt_tests(void)
{
	u64 *data = alloc_page(), *code_page = alloc_page(), *pml4 = alloc_page();
	u64 pa = virt_to_phys(data), cpa = virt_to_phys(code_page), *pte, saved;
	int maxphy = cpuid_maxphyaddr();
	u64 code;

	assert(data && code_page && pml4);
	*data = 0x1122334455667788ULL;

	pte = npt_get_pte(pa);
	saved = *pte;
	*pte &= ~(u64)PT_PRESENT_MASK;
	npt_run(stub_read, pa);
	npf_report("read of a page not present", pa, SVM_NPF_GPA);
	*pte = saved;
	vmcb->control.tlb_ctl = TLB_CONTROL_FLUSH_ALL_ASID;
	code = svm_vmrun();
	report(code == SVM_EXIT_VMMCALL && svm_regs.rbx == *data,
	       "the entry made present: the guest's read goes on and completes (exit %s)", exit_str());

	*pte &= ~(u64)PT_WRITABLE_MASK;
	npt_run(stub_write, pa);
	npf_report("write to a read-only page", pa, SVM_NPF_PRESENT | SVM_NPF_WRITE | SVM_NPF_GPA);
	report(*data == 0x1122334455667788ULL, "the read-only page is unchanged");
	*pte = saved;

	if (maxphy < 52) {
		*pte |= BIT_ULL(maxphy);
		npt_run(stub_read, pa);
		npf_report_tcg("reserved bit set", pa, SVM_NPF_PRESENT | SVM_NPF_RSVD | SVM_NPF_GPA,
			       SVM_NPF_RSVD | SVM_NPF_GPA, "RSVD without P");
		*pte = saved;
	} else {
		report_skip("reserved bit set: MAXPHYADDR is 52, no reserved address bit");
	}

	*pte &= ~(u64)(PT_ACCESSED_MASK | PT_DIRTY_MASK);
	code = npt_run(stub_write, pa);
	report(code == SVM_EXIT_VMMCALL && (*pte & PT_ACCESSED_MASK) && (*pte & PT_DIRTY_MASK),
	       "a guest write sets the nested entry's accessed and dirty bits (%#" PRIx64 ")", *pte);
	*pte = saved;

	if (this_cpu_has(X86_FEATURE_NX)) {
		u64 efer = rdmsr(MSR_EFER);
		u64 *cpte = npt_get_pte(cpa);
		u64 csaved = *cpte;

		wrmsr(MSR_EFER, efer | EFER_NX);
		*(u8 *)code_page = 0xc3;	/* ret */
		*cpte |= PT64_NX_MASK;
		npt_run(stub_call, cpa);
		npf_report("fetch from a no-execute page", cpa, SVM_NPF_PRESENT | SVM_NPF_FETCH | SVM_NPF_GPA);
		*cpte = csaved;
		code = npt_run(stub_call, cpa);
		report(code == SVM_EXIT_VMMCALL, "the same call with execute allowed returns (exit %s)", exit_str());
		wrmsr(MSR_EFER, efer);
	} else {
		report_skip("fetch from a no-execute page: NX not supported");
	}

	/* The guest's own page table (a copy of the host's PML4) in a page the nested table leaves out. */
	memcpy(pml4, current_page_table(), PAGE_SIZE);
	pte = npt_get_pte(virt_to_phys(pml4));
	saved = *pte;
	*pte &= ~(u64)PT_PRESENT_MASK;
	svm_setup_vmrun(0);
	vmcb->save.cr3 = virt_to_phys(pml4);
	vmcb->control.tlb_ctl = TLB_CONTROL_FLUSH_ALL_ASID;
	run_stub(stub_nop);
	report(exit_code() == SVM_EXIT_NPF && (vmcb->control.exit_info_2 & PT_ADDR_MASK) == virt_to_phys(pml4),
	       "guest page walk through a page not present: NPF at the guest's PML4 (exit %s, %#" PRIx64 ")",
	       exit_str(), vmcb->control.exit_info_2);
	report((vmcb->control.exit_info_1 & (SVM_NPF_GPT | SVM_NPF_GPA | SVM_NPF_PRESENT)) == SVM_NPF_GPT,
	       "guest page walk: EXITINFO1 says a page-table access (%#" PRIx64 ")", vmcb->control.exit_info_1);
	*pte = saved;
	free_page(data);
	free_page(code_page);
	free_page(pml4);
}

/* ---- TSC offset ---- */

GUEST_STUB(stub_tsc, "rdtsc; shl $32, %rdx; or %rax, %rdx; mov %rdx, %rbx");

static bool tsc_run(u64 offset, u64 mul)
{
	u64 t0, t1, g;

	svm_setup_vmrun(0);
	vmcb->control.tsc_offset = offset;
	t0 = rdtsc();
	run_stub(stub_tsc);
	t1 = rdtsc();
	g = svm_regs.rbx;
	return exit_code() == SVM_EXIT_VMMCALL && g >= t0 * mul + offset && g <= t1 * mul + offset;
}

static void tsc_offset_tests(void)
{
	report(tsc_run(1ULL << 50, 1), "TSC_OFFSET 2^50: the guest's TSC is the host's plus the offset");
	report(tsc_run(-(rdtsc() / 2), 1), "a negative TSC_OFFSET: the guest's TSC is the host's minus it");
}

/* ---- ASIDs and TLB control ---- */

#define TLB_VA	((void *)(1ULL << 45))	/* PML4 slot 64: free for this test's 4 KiB mapping */

static void tlb_tests(void)
{
	u64 *a = alloc_page(), *b = alloc_page();
	pgd_t *cr3 = current_page_table();

	assert(a && b);
	*a = 0xaaaa;
	*b = 0xbbbb;
	install_page(cr3, virt_to_phys(a), TLB_VA);
	svm_setup_vmrun(0);
	vmcb->save.rax = (u64)TLB_VA;
	run_stub(stub_read);
	report(exit_code() == SVM_EXIT_VMMCALL && svm_regs.rbx == 0xaaaa, "ASID 1 reads page A (%#" PRIx64 ")",
	       svm_regs.rbx);

	install_page(cr3, virt_to_phys(b), TLB_VA);
	vmcb->control.tlb_ctl = TLB_CONTROL_FLUSH_ALL_ASID;
	run_stub(stub_read);
	report(svm_regs.rbx == 0xbbbb, "remapped to page B, TLB_CONTROL flush all: ASID 1 reads B (%#" PRIx64 ")",
	       svm_regs.rbx);

	install_page(cr3, virt_to_phys(a), TLB_VA);
	asm volatile("invlpga %0, %1" : : "a"(TLB_VA), "c"(1) : "memory");
	vmcb->control.tlb_ctl = TLB_CONTROL_DO_NOTHING;
	run_stub(stub_read);
	report(svm_regs.rbx == 0xaaaa, "remapped to A, INVLPGA of the address in ASID 1: ASID 1 reads A (%#" PRIx64 ")",
	       svm_regs.rbx);

	install_page(cr3, virt_to_phys(b), TLB_VA);
	invlpg(TLB_VA);
	vmcb->control.asid = 2;
	run_stub(stub_read);
	report(svm_regs.rbx == 0xbbbb, "remapped to B, a new ASID 2 reads B (%#" PRIx64 ")", svm_regs.rbx);

	if (svm_require(SVM_FEAT_FLUSHBYASID)) {
		install_page(cr3, virt_to_phys(a), TLB_VA);
		vmcb->control.tlb_ctl = TLB_CONTROL_FLUSH_ASID;
		run_stub(stub_read);
		report(svm_regs.rbx == 0xaaaa, "remapped to A, TLB_CONTROL flush this ASID: ASID 2 reads A");
	} else {
		report_skip("TLB_CONTROL 3: %s", svm_unsupported_reason);
	}
	*get_pte(cr3, TLB_VA) = 0;
	invlpg(TLB_VA);
	free_page(a);
	free_page(b);
}

/* ---- optional SVM features: checked where the CPU has them ---- */

static void nrips_test(void)
{
	svm_setup_vmrun(0);
	vmcb_set_intercept(INTERCEPT_CPUID);
	run_stub(stub_cpuid);
	report(exit_code() == SVM_EXIT_CPUID && vmcb->control.next_rip == (u64)stub_cpuid_done,
	       "CPUID intercepted: nRIP is the next instruction (%#" PRIx64 ")", vmcb->control.next_rip);
}

GUEST_STUB(stub_cr0_rbx, "mov %cr0, %rbx");

static void decode_assists_test(void)
{
	svm_setup_vmrun(0);
	vmcb_set_intercept(INTERCEPT_CR0_READ);
	run_stub(stub_cr0_rbx);
	report(exit_code() == SVM_EXIT_READ_CR0 && vmcb->control.exit_info_1 == (BIT_ULL(63) | 3),
	       "MOV from CR0 to RBX intercepted: EXITINFO1 valid, GPR 3 (%#" PRIx64 ")", vmcb->control.exit_info_1);
	svm_setup_vmrun(0);
	vmcb_set_intercept(INTERCEPT_INVLPG);
	run_stub(stub_invlpg);
	report(exit_code() == SVM_EXIT_INVLPG && vmcb->control.exit_info_1 == vmcb->save.rsp,
	       "INVLPG intercepted: EXITINFO1 the address (%#" PRIx64 ")", vmcb->control.exit_info_1);
}

GUEST_STUB(stub_pause2, "pause; pause");
GUEST_STUB(stub_pause64, "mov $64, %ecx; 1: pause; loop 1b");

static void pause_filter_test(void)
{
	u64 code;

	svm_setup_vmrun(0);
	vmcb_set_intercept(INTERCEPT_PAUSE);
	vmcb->control.pause_filter_count = 16;
	code = run_stub(stub_pause2);
	report(code == SVM_EXIT_VMMCALL, "pause filter count 16: two PAUSEs do not exit (exit %s)", exit_str());
	svm_setup_vmrun(0);
	vmcb_set_intercept(INTERCEPT_PAUSE);
	vmcb->control.pause_filter_count = 16;
	code = run_stub(stub_pause64);
	report(code == SVM_EXIT_PAUSE, "pause filter count 16: 64 PAUSEs in a row exit (exit %s)", exit_str());
}

static void tsc_scale_test(void)
{
	wrmsr(MSR_AMD64_TSC_RATIO, 2 * TSC_RATIO_DEFAULT);
	report(tsc_run(0, 2), "TSC ratio 2.0: the guest's TSC is twice the host's");
	wrmsr(MSR_AMD64_TSC_RATIO, TSC_RATIO_DEFAULT);
}

GUEST_STUB(stub_lbr, "jmp stub_lbr_target\nstub_lbr_target:");
extern char stub_lbr_target[];

static void lbrv_test(void)
{
	svm_setup_vmrun(0);
	vmcb->control.virt_ext |= LBR_CTL_ENABLE_MASK;
	vmcb->save.dbgctl = 1;	/* DebugCtl.LBR */
	run_stub(stub_lbr);
	report(exit_code() == SVM_EXIT_VMMCALL && vmcb->save.br_from == (u64)stub_lbr &&
	       vmcb->save.br_to == (u64)stub_lbr_target,
	       "the guest's last branch in the VMCB (from %#" PRIx64 " to %#" PRIx64 ")", vmcb->save.br_from,
	       vmcb->save.br_to);
}

static void vmcb_clean_test(void)
{
	svm_setup_vmrun(0);
	run_stub(stub_tsc);
	vmcb->control.tsc_offset = 1ULL << 50;
	vmcb->control.clean = ~1U;	/* all clean but bit 0: intercepts, TSC offset, pause filter */
	run_stub(stub_tsc);
	report(svm_regs.rbx >= 1ULL << 50, "a TSC offset changed under a clear clean bit is used");
}

static bool nrips_supported(void) { return svm_require(SVM_FEAT_NRIPS); }
static bool decode_assists_supported(void) { return svm_require(SVM_FEAT_DECODEASSISTS); }
static bool vmcb_clean_supported(void) { return svm_require(SVM_FEAT_VMCBCLEAN); }

/* ---- the table ---- */

static void setup_scratch(void)
{
	void *p = alloc_page();

	assert(p);
	scratch_pa = virt_to_phys(p);
	asm volatile("vmsave %0" : : "a"(scratch_pa) : "memory");
}

static struct svm_test tests[] = {
	{ .name = "svm_insn_faults", .v2 = svm_insn_faults },
	{ .name = "vmrun_checks", .v2 = vmrun_checks },
	{ .name = "guest_state", .v2 = guest_state },
	{ .name = "insn_intercepts", .v2 = insn_intercept_tests },
	{ .name = "ioio", .v2 = ioio_tests },
	{ .name = "msr", .v2 = msr_tests },
	{ .name = "exceptions", .v2 = exception_tests },
	{ .name = "vmmcall_ud", .prepare = vmmcall_ud_prepare, .guest_func = vmmcall_ud_guest,
	  .finished = hlt_finished, .succeeded = vmmcall_ud_check },
	{ .name = "vmmcall_stages", .guest_func = stages_guest, .finished = stages_finished,
	  .succeeded = stages_check },
	{ .name = "shutdown", .v2 = shutdown_test },
	{ .name = "intr_nmi", .v2 = intr_tests },
	{ .name = "virq", .v2 = virq_tests },
	{ .name = "eventinj", .v2 = eventinj_tests },
	{ .name = "vgif", .supported = vgif_supported, .v2 = vgif_tests },
	{ .name = "npt", .supported = npt_supported, .v2 = npt_tests },
	{ .name = "tsc_offset", .v2 = tsc_offset_tests },
	{ .name = "tlb", .v2 = tlb_tests },
	{ .name = "nrips", .supported = nrips_supported, .v2 = nrips_test },
	{ .name = "decode_assists", .supported = decode_assists_supported, .v2 = decode_assists_test },
	{ .name = "pause_filter", .supported = pause_filter_supported, .v2 = pause_filter_test },
	{ .name = "tsc_scale", .supported = tsc_scale_supported, .v2 = tsc_scale_test },
	{ .name = "lbrv", .supported = lbrv_supported, .v2 = lbrv_test },
	{ .name = "vmcb_clean", .supported = vmcb_clean_supported, .v2 = vmcb_clean_test },
	{ NULL },
};

int main(int ac, char **av)
{
	if (svm_supported()) {
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
		setup_scratch();
	}
	return run_svm_tests(ac, av, tests);
}
