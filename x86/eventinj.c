/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * eventinj.c - exception and interrupt delivery in 64-bit mode as the
 * Intel SDM (vol. 3, chapter 6, "Interrupt and exception handling") and
 * the AMD APM (vol. 2, chapter 8) define it: each exception's vector,
 * saved RIP (fault: the instruction; trap: the next one), CS, RFLAGS and
 * error code; the stack frame (RSP aligned to 16, IST stacks); interrupt
 * gates clearing IF and TF, trap gates keeping IF; bad gates (not present,
 * wrong type, beyond the IDT limit, a bad code segment) raising #NP/#GP with
 * the gate's error code (IDT bit, EXT for events not from INT n); selector
 * error codes of segment loads; a #PF while pushing the frame; #DF; NMI
 * blocked until the next IRET (any IRET); INT n, INT3 and INTO from CPL 3
 * against the gate's DPL; the STI interrupt shadow; #AC for a misaligned
 * access at CPL 3 (CR0.AM and RFLAGS.AC); RF in the pushed RFLAGS
 * (set for faults, Intel).
 *
 * A hypervisor bug it would catch: an injected event with the wrong
 * RIP (fault vs trap), a lost or invented error code, EXT/IDT bits wrong
 * in a delivery error code, a wrong stack or alignment, NMIs nested
 * inside the NMI handler or left blocked after an IRET, #DF not
 * synthesized for a contributory fault during delivery, or a software
 * interrupt's DPL check skipped.
 */
#include "libcflat.h"
#include "accel.h"
#include "apic.h"
#include "apic-defs.h"
#include "asm/page.h"
#include "delay.h"
#include "desc.h"
#include "processor.h"
#include "smp.h"
#include "usermode.h"
#include "vm.h"

#define VEC_TEST	0x40	/* a spare vector for gate experiments */
#define VEC_TRAP	0x41	/* made a trap gate */
#define VEC_USER	0x42	/* DPL 3 */
#define VEC_IST		0x43	/* IST 2 */
#define VEC_IPI		0x44	/* self-IPI */
#define GATE_INTR	0xe
#define GATE_TRAP	0xf
#define ERR_EXT		1
#define ERR_IDT		2

extern char isr_stubs[];

struct idt_gate {
	u16 offset0;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset1;
	u32 offset2;
	u32 reserved;
} __attribute__((packed));

static struct idt_gate *idt;

/* What the last event delivered to rec_handler looked like. */
static struct {
	ulong vector, error, rip, cs, rflags, rsp, ss;
	ulong handler_rflags, frame_end;
	int count;
} rec;
/* Where rec_handler resumes (0: where the frame says). */
ulong resume_rip, resume_rsp;

static void rec_handler(struct ex_regs *regs)
{
	rec.vector = regs->vector;
	rec.error = regs->error_code;
	rec.rip = regs->rip;
	rec.cs = regs->cs;
	rec.rflags = regs->rflags;
	rec.rsp = regs->rsp;
	rec.ss = regs->ss;
	rec.handler_rflags = read_rflags();
	rec.frame_end = (ulong)regs + sizeof(*regs);
	rec.count++;
	if (resume_rip) {
		regs->rip = resume_rip;
		resume_rip = 0;
	}
	if (resume_rsp) {
		regs->rsp = resume_rsp;
		resume_rsp = 0;
	}
}

static void rec_reset(void)
{
	memset(&rec, 0, sizeof(rec));
	rec.vector = ~0UL;
}

static void restore_gate(int v)
{
	set_idt_entry(v, isr_stubs + 16 * v, 0);
}

/* Faults report the faulting instruction, traps the next; the handler gets CS 0x08 and the frame's RFLAGS. */
static void exception_tests(void)
{
	ulong insn, after, cr0 = read_cr0(), cr4 = read_cr4();
	u16 fcw;
	u32 mxcsr;
	int v;

	handle_exception(DE_VECTOR, rec_handler);
	rec_reset();
	asm volatile("lea 1f(%%rip), %%rax\n\tmov %%rax, resume_rip(%%rip)\n\tlea 2f(%%rip), %[i]\n"
		     "2:\tdivl %[z]\n1:" : [i] "=&r"(insn) : [z] "r"(0), "d"(0) : "rax", "memory");
	report(rec.vector == DE_VECTOR && rec.rip == insn && rec.cs == KERNEL_CS && rec.error == 0,
	       "#DE: a fault at the div, CS %#x, no error code", KERNEL_CS);
	handle_exception(DE_VECTOR, NULL);

	handle_exception(BP_VECTOR, rec_handler);
	rec_reset();
	asm volatile("int3\n1:\tlea 1b(%%rip), %0" : "=r"(after) : : "memory");
	report(rec.vector == BP_VECTOR && rec.rip == after, "#BP (int3): a trap, RIP after the 1-byte instruction");
	rec_reset();
	asm volatile("int $3\n1:\tlea 1b(%%rip), %0" : "=r"(after) : : "memory");
	report(rec.vector == BP_VECTOR && rec.rip == after, "int $3: RIP after the 2-byte instruction");
	handle_exception(BP_VECTOR, NULL);

	asm volatile(ASM_TRY("1f") ".byte 0xce\n1:" : : : "memory");	/* into */
	report(exception_vector() == UD_VECTOR, "into in 64-bit mode: #UD");
	asm volatile(ASM_TRY("1f") "ud2\n1:" : : : "memory");
	report(exception_vector() == UD_VECTOR && exception_error_code() == 0, "ud2: #UD, no error code");

	/* #NM: an x87 instruction with CR0.TS set. */
	write_cr0(cr0 | X86_CR0_TS);
	asm volatile(ASM_TRY("1f") "fninit\n1:" : : : "memory");
	write_cr0(cr0);
	report(exception_vector() == NM_VECTOR, "fninit with CR0.TS: #NM");

	/* #MF: an unmasked x87 divide by zero, reported at the next waiting x87 instruction (CR0.NE=1). */
	write_cr0((cr0 | X86_CR0_NE) & ~(X86_CR0_TS | X86_CR0_EM));
	fcw = 0x037b;	/* all masked but zero-divide */
	asm volatile("fninit\n\tfldcw %0\n\tfld1\n\tfldz\n\tfdivrp\n\t" ASM_TRY("1f") "fwait\n1:\tfninit"
		     : : "m"(fcw) : "memory");
	report(exception_vector() == MF_VECTOR, "x87 divide by zero unmasked, CR0.NE=1: #MF at the next fwait");
	write_cr0(cr0);

	/* SIMD: #XM with CR4.OSXMMEXCPT, #UD without it. */
	write_cr4(cr4 | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	mxcsr = 0x1f80 & ~BIT(9);	/* zero-divide unmasked */
	asm volatile("ldmxcsr %0\n\txorps %%xmm0, %%xmm0\n\tmov $1, %%eax\n\tcvtsi2ss %%eax, %%xmm1\n\t"
		     ASM_TRY("1f") "divss %%xmm0, %%xmm1\n1:" : : "m"(mxcsr) : "rax", "memory");
	v = exception_vector();
	report_kfail(under_tcg(), v == XM_VECTOR, "divss by zero unmasked, CR4.OSXMMEXCPT=1: #XM%s",
		     v ? "" : " (QEMU 7.2 TCG raises no SIMD exception)");
	write_cr4((cr4 | X86_CR4_OSFXSR) & ~X86_CR4_OSXMMEXCPT);
	asm volatile("ldmxcsr %0\n\txorps %%xmm0, %%xmm0\n\tmov $1, %%eax\n\tcvtsi2ss %%eax, %%xmm1\n\t"
		     ASM_TRY("1f") "divss %%xmm0, %%xmm1\n1:" : : "m"(mxcsr) : "rax", "memory");
	v = exception_vector();
	report_kfail(under_tcg(), v == UD_VECTOR, "the same with CR4.OSXMMEXCPT=0: #UD%s",
		     v ? "" : " (QEMU 7.2 TCG raises no SIMD exception)");
	mxcsr = 0x1f80;
	asm volatile("ldmxcsr %0" : : "m"(mxcsr));
	write_cr4(cr4);

	asm volatile(ASM_TRY("1f") "movq (%0), %%rax\n1:" : : "r"(NONCANONICAL) : "rax", "memory");
	report(exception_vector() == GP_VECTOR && exception_error_code() == 0, "non-canonical load: #GP(0)");
}

/*
 * RF in the pushed RFLAGS (Intel SDM 17.3.1.1): 1 for every fault-class
 * exception but an instruction breakpoint, the current RF (0 here) for
 * traps and software interrupts. AMD's manual does not say this.
 */
#define FRAME_PROBE(insn, ...)								\
	asm volatile("lea 1f(%%rip), %%rax\n\tmov %%rax, resume_rip(%%rip)\n\t" insn "\n1:"		\
		     : : __VA_ARGS__ : "rax", "memory")

static void rf_check(const char *what, unsigned int vector, bool fault)
{
	bool rf = rec.rflags & X86_EFLAGS_RF;

	report_kfail(under_tcg(), rec.vector == vector && rec.cs == KERNEL_CS && rf == fault,
		     "%s: delivered with CS %#x, RF=%d in the frame%s", what, KERNEL_CS, fault,
		     rec.vector == vector && rf != fault ? (fault ? " (QEMU 7.2 TCG pushes RF=0)" :
							    " (QEMU 7.2 TCG pushes RF=1)") : "");
}

static void rf_tests(void)
{
	static const unsigned int vectors[] = { DE_VECTOR, UD_VECTOR, GP_VECTOR, PF_VECTOR, NM_VECTOR, BP_VECTOR,
						VEC_TEST };
	u8 *unmapped = alloc_vpage();
	ulong cr0 = read_cr0();
	unsigned int i;

	if (!is_intel()) {
		report_skip("RF in the frame of faults: the rule is the Intel SDM's, this CPU is not Intel");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(vectors); i++)
		handle_exception(vectors[i], rec_handler);
	rec_reset();
	FRAME_PROBE("divl %%ecx", "c"(0), "d"(0));
	rf_check("#DE (fault)", DE_VECTOR, true);
	rec_reset();
	FRAME_PROBE("ud2");
	rf_check("#UD (fault)", UD_VECTOR, true);
	rec_reset();
	FRAME_PROBE("movq (%0), %%rax", "r"(NONCANONICAL));
	rf_check("#GP (fault)", GP_VECTOR, true);
	rec_reset();
	FRAME_PROBE("movb (%0), %%al", "r"(unmapped));
	rf_check("#PF (fault)", PF_VECTOR, true);
	rec_reset();
	write_cr0(cr0 | X86_CR0_TS);
	FRAME_PROBE("fninit");
	write_cr0(cr0);
	rf_check("#NM (fault)", NM_VECTOR, true);
	rec_reset();
	FRAME_PROBE("int3");
	rf_check("#BP (trap)", BP_VECTOR, false);
	rec_reset();
	FRAME_PROBE("int %0", "i"(VEC_TEST));
	rf_check("int n (software interrupt)", VEC_TEST, false);
	for (i = 0; i < ARRAY_SIZE(vectors); i++)
		handle_exception(vectors[i], NULL);
}

/* Segment loads: the error code is the selector (RPL bits cleared, TI 0). */
static void selector_tests(int spare)
{
	u16 sel = spare;

	set_gdt_entry(spare, 0, 0xfffff, 0x12, 0xc0);	/* data, not present */
	asm volatile(ASM_TRY("1f") "mov %0, %%fs\n1:" : : "r"(sel) : "memory");
	report(exception_vector() == NP_VECTOR && exception_error_code() == (ulong)spare,
	       "mov to fs of a not-present data segment: #NP(%#x)", spare);
	set_gdt_entry(spare, 0, 0xfffff, 0x98, 0xa0);	/* execute-only code */
	asm volatile(ASM_TRY("1f") "mov %0, %%fs\n1:" : : "r"(sel) : "memory");
	report(exception_vector() == GP_VECTOR && exception_error_code() == (ulong)spare,
	       "mov to fs of an execute-only code segment: #GP(%#x)", spare);
	sel = 0x7ff8 | 3;	/* far beyond the GDT limit; RPL 3, which the error code does not carry */
	asm volatile(ASM_TRY("1f") "mov %0, %%fs\n1:" : : "r"(sel) : "memory");
	report(exception_vector() == GP_VECTOR && exception_error_code() == 0x7ff8,
	       "mov to fs of selector 0x7ffb, beyond the GDT limit: #GP(0x7ff8)");
	sel = KERNEL_DS | 4;	/* TI: the LDT, which is null */
	asm volatile(ASM_TRY("1f") "mov %0, %%fs\n1:" : : "r"(sel) : "memory");
	report(exception_vector() == GP_VECTOR && exception_error_code() == (KERNEL_DS | 4),
	       "mov to fs of an LDT selector with a null LDT: #GP(selector with TI)");
	write_fs(0);
	set_gdt_entry(spare, 0, 0, 0, 0);
}

/* The frame: RSP aligned to 16 before the push at CPL 0; gates' effect on IF and TF. */
static void frame_tests(void)
{
	ulong rsp;

	handle_exception(VEC_TEST, rec_handler);
	handle_exception(VEC_TRAP, rec_handler);
	idt[VEC_TRAP].type_attr = (idt[VEC_TRAP].type_attr & ~0x1f) | GATE_TRAP;

	/* RSP deliberately misaligned by 8: the frame still ends at a 16-byte boundary below it. */
	rec_reset();
	asm volatile("sti\n\tpush %%rax\n\tmov %%rsp, %0\n\tint %1\n\tpop %%rax\n\tcli"
		     : "=&r"(rsp) : "i"(VEC_TEST) : "rax", "memory");
	report(rec.vector == VEC_TEST && rec.rsp == rsp && rec.frame_end == (rsp & ~15UL) && rec.ss == KERNEL_DS,
	       "int n at CPL 0: frame below RSP aligned down to 16, RSP and SS saved");
	report(rec.vector == VEC_TEST && (rec.rflags & X86_EFLAGS_IF) && !(rec.handler_rflags & X86_EFLAGS_IF),
	       "interrupt gate: IF saved as 1, clear in the handler");
	rec_reset();
	asm volatile("sti\n\tint %0\n\tcli" : : "i"(VEC_TRAP) : "memory");
	report(rec.vector == VEC_TRAP && (rec.handler_rflags & X86_EFLAGS_IF),
	       "trap gate: IF stays set in the handler");

	/* TF: cleared for the handler (whatever the gate), saved in the frame. */
	rec_reset();
	handle_exception(DB_VECTOR, rec_handler);
	asm volatile("pushf\n\torq $0x100, (%%rsp)\n\tpopf\n\tint %0\n\tpushf\n\tandq $~0x100, (%%rsp)\n\tpopf"
		     : : "i"(VEC_TRAP) : "memory", "cc");
	handle_exception(DB_VECTOR, NULL);
	report(rec.count >= 1, "int n with TF set: delivered");
	restore_gate(VEC_TRAP);
	handle_exception(VEC_TRAP, NULL);

	/* IST: the frame is at the top of the IST stack, whatever RSP was. */
	setup_alt_stack();
	set_idt_ist(VEC_IST, 2);
	handle_exception(VEC_IST, rec_handler);
	rec_reset();
	asm volatile("mov %%rsp, %0\n\tint %1" : "=&r"(rsp) : "i"(VEC_IST) : "memory");
	report(rec.vector == VEC_IST && rec.rsp == rsp && (rec.frame_end & (PAGE_SIZE - 1)) == 0 &&
	       (rec.frame_end > rsp || rec.frame_end + PAGE_SIZE <= rsp),
	       "IST 2: the frame at the top of the IST stack");
	set_idt_ist(VEC_IST, 0);
	handle_exception(VEC_IST, NULL);
	handle_exception(VEC_TEST, NULL);
}

/* Bad gates: #NP or #GP with the gate's error code (vector * 8, IDT bit, EXT for a hardware event). */
static void bad_gate_tests(void)
{
	struct descriptor_table_ptr orig, small;
	ulong want = VEC_TEST * 8 + ERR_IDT;

	idt[VEC_TEST].type_attr &= ~0x80;	/* not present */
	asm volatile(ASM_TRY("1f") "int %0\n1:" : : "i"(VEC_TEST) : "memory");
	report_kfail(under_tcg(), exception_vector() == NP_VECTOR && exception_error_code() == want,
		     "int n through a not-present gate: #NP(%#lx)%s", want,
		     exception_error_code() == VEC_TEST * 16 + ERR_IDT ? " (QEMU 7.2 TCG gives vector * 16 + 2)" : "");
	restore_gate(VEC_TEST);

	idt[VEC_TEST].type_attr = (idt[VEC_TEST].type_attr & ~0x1f) | 0x5;	/* a task gate: none in 64-bit mode */
	asm volatile(ASM_TRY("1f") "int %0\n1:" : : "i"(VEC_TEST) : "memory");
	report_kfail(under_tcg(), exception_vector() == GP_VECTOR && exception_error_code() == want,
		     "int n through a gate of type 5 (no task gates in 64-bit mode): #GP(%#lx)%s", want,
		     exception_error_code() == VEC_TEST * 16 + ERR_IDT ? " (QEMU 7.2 TCG gives vector * 16 + 2)" : "");
	restore_gate(VEC_TEST);

	/* The gate's code segment is a data segment: #GP(selector). */
	idt[VEC_TEST].selector = KERNEL_DS;
	asm volatile(ASM_TRY("1f") "int %0\n1:" : : "i"(VEC_TEST) : "memory");
	report(exception_vector() == GP_VECTOR && exception_error_code() == KERNEL_DS,
	       "int n through a gate whose selector is a data segment: #GP(%#x)", KERNEL_DS);
	idt[VEC_TEST].selector = 0;
	asm volatile(ASM_TRY("1f") "int %0\n1:" : : "i"(VEC_TEST) : "memory");
	report(exception_vector() == GP_VECTOR && exception_error_code() == 0,
	       "int n through a gate with a null selector: #GP(0)");
	restore_gate(VEC_TEST);

	/* Beyond the IDT limit (the limit keeps the exception vectors). */
	sidt(&orig);
	small = orig;
	small.limit = 32 * 16 - 1;
	lidt(&small);
	asm volatile(ASM_TRY("1f") "int %0\n1:" : : "i"(VEC_TEST) : "memory");
	lidt(&orig);
	report_kfail(under_tcg(), exception_vector() == GP_VECTOR && exception_error_code() == want,
		     "int n beyond the IDT limit: #GP(%#lx)%s", want,
		     exception_error_code() == VEC_TEST * 16 + ERR_IDT ? " (QEMU 7.2 TCG gives vector * 16 + 2)" : "");

	/* An exception (not INT n) through a not-present gate: the error code has EXT set. */
	idt[UD_VECTOR].type_attr &= ~0x80;
	asm volatile(ASM_TRY("1f") "ud2\n1:" : : : "memory");
	restore_gate(UD_VECTOR);
	report_kfail(under_tcg(), exception_vector() == NP_VECTOR &&
		     exception_error_code() == (UD_VECTOR * 8 | ERR_IDT | ERR_EXT),
		     "#UD through a not-present gate: #NP(%#x), EXT set%s", UD_VECTOR * 8 | ERR_IDT | ERR_EXT,
		     exception_error_code() == (UD_VECTOR * 16 | ERR_IDT) ?
		     " (QEMU 7.2 TCG gives vector * 16 + 2, without EXT)" : "");
}

/* A fault while pushing the frame: #PF (on an IST stack) with CR2 the slot being pushed. */
static void delivery_fault_tests(void)
{
	u8 *stack = alloc_vpages(2);
	ulong top = (ulong)stack + PAGE_SIZE;	/* the page below top is not mapped */
	ulong cr2;

	setup_alt_stack();
	set_idt_ist(PF_VECTOR, 2);
	handle_exception(PF_VECTOR, rec_handler);
	rec_reset();
	asm volatile("push %%rbx\n\tmov %%rsp, %%rbx\n\tlea 1f(%%rip), %%rax\n\tmov %%rax, resume_rip(%%rip)\n\t"
		     "mov %%rbx, resume_rsp(%%rip)\n\tmov %[top], %%rsp\n\t"
		     "2:\tint %[v]\n1:\tpop %%rbx"
		     : : [top] "r"(top), [v] "i"(VEC_TEST) : "rax", "memory");
	/* CR2: one of the frame's five slots, whichever the CPU wrote first. */
	cr2 = read_cr2();
	handle_exception(PF_VECTOR, NULL);
	set_idt_ist(PF_VECTOR, 0);
	report(rec.vector == PF_VECTOR && cr2 >= top - 40 && cr2 < top && (rec.error & PFERR_WRITE_MASK) &&
	       !(rec.error & PFERR_PRESENT_MASK), "int n with RSP on a missing page: #PF writing the frame (CR2 %#lx)",
	       cr2);
	report(rec.vector == PF_VECTOR && rec.rsp == top,
	       "#PF during delivery: the frame's RSP is the one before INT n");

	/* #PF while delivering #PF on the same missing stack: #DF, error code 0, on its own stack (IST 1). */
	handle_exception(DF_VECTOR, rec_handler);
	rec_reset();
	asm volatile("push %%rbx\n\tmov %%rsp, %%rbx\n\tlea 1f(%%rip), %%rax\n\tmov %%rax, resume_rip(%%rip)\n\t"
		     "mov %%rbx, resume_rsp(%%rip)\n\tmov %[top], %%rsp\n\t"
		     "movq (%[bad]), %%rax\n1:\tpop %%rbx"
		     : : [top] "r"(top), [bad] "r"(top - 64) : "rax", "memory");
	handle_exception(DF_VECTOR, NULL);
	report(rec.vector == DF_VECTOR && rec.error == 0, "#PF while delivering #PF: #DF, error code 0");
}

static volatile int nmi_count, nmi_nested_seen;
static volatile bool nmi_send_second, nmi_iret_inside;

static void send_self_nmi(void)
{
	apic_icr_write(APIC_DM_NMI | APIC_INT_ASSERT, apic_id());
}

static void nmi_handler(struct ex_regs *regs)
{
	int me = ++nmi_count;

	if (me != 1)
		return;
	if (nmi_send_second) {
		send_self_nmi();
		delay(10000);
		/* Still blocked: the second NMI waits for this handler's IRET. */
		nmi_nested_seen = nmi_count;
		if (nmi_iret_inside) {
			/* Any IRET ends the blocking: the pending NMI comes right after int3's handler returns. */
			asm volatile("int3" : : : "memory");
			delay(10000);
			nmi_nested_seen = nmi_count;
		}
	}
}

static void nop_handler(struct ex_regs *regs)
{
}

static void nmi_tests(void)
{
	handle_exception(NMI_VECTOR, nmi_handler);
	irq_disable();
	nmi_count = 0;
	nmi_send_second = false;
	send_self_nmi();
	delay(10000);
	report(nmi_count == 1, "NMI with IF=0: delivered (not maskable)");

	nmi_count = 0;
	nmi_send_second = true;
	nmi_iret_inside = false;
	send_self_nmi();
	delay(10000);
	report(nmi_count == 2 && nmi_nested_seen == 1,
	       "NMI: a second NMI is held while the handler runs, delivered after its IRET");

	handle_exception(BP_VECTOR, nop_handler);
	nmi_count = 0;
	nmi_iret_inside = true;
	send_self_nmi();
	delay(10000);
	report_kfail(under_tcg(), nmi_count == 2 && nmi_nested_seen == 2,
		     "NMI: the IRET of an exception inside the NMI handler unblocks NMIs (nested NMI)%s",
		     under_tcg() && nmi_nested_seen == 1 ? " (QEMU 7.2 TCG keeps them blocked)" : "");
	handle_exception(BP_VECTOR, NULL);
	handle_exception(NMI_VECTOR, NULL);
}

static volatile int ipi_count;
static volatile ulong ipi_rip;

static void ipi_handler(struct ex_regs *regs)
{
	ipi_count++;
	ipi_rip = regs->rip;
	eoi();
}

/* A fixed interrupt pending while IF=0 comes after the instruction following STI, not right after STI. */
static void sti_shadow_test(void)
{
	ulong after_nop;

	handle_exception(VEC_IPI, ipi_handler);
	irq_disable();
	ipi_count = 0;
	apic_icr_write(APIC_DEST_SELF | APIC_DM_FIXED | APIC_INT_ASSERT | VEC_IPI, 0);
	delay(1000);
	report(ipi_count == 0, "self-IPI with IF=0: held pending");
	asm volatile("lea 1f(%%rip), %0\n\tsti\n\tnop\n1:\tcli" : "=&r"(after_nop) : : "memory");
	report(ipi_count == 1 && ipi_rip == after_nop, "sti; nop: the interrupt arrives after the nop (STI shadow)");
	handle_exception(VEC_IPI, NULL);
}

static ulong user_error;

static void note_error(struct ex_regs *regs)
{
	user_error = regs->error_code;
}

static u64 user_int_user(void)
{
	asm volatile("int %0" : : "i"(VEC_USER) : "memory");
	return 7;
}

static u64 user_int_kernel(void)
{
	asm volatile("int %0" : : "i"(VEC_TEST) : "memory");
	return 7;
}

static u64 user_int3(void)
{
	asm volatile("int3" : : : "memory");
	return 7;
}

/* A misaligned load at CPL 3 with CR0.AM and RFLAGS.AC set. */
static u64 user_misaligned(u64 addr)
{
	u64 v;

	asm volatile("pushf\n\torq %[ac], (%%rsp)\n\tpopf\n\tmovq (%[a]), %[v]\n\t"
		     "pushf\n\tandq %[noac], (%%rsp)\n\tpopf"
		     : [v] "=r"(v) : [a] "r"(addr), [ac] "i"(X86_EFLAGS_AC), [noac] "i"(~X86_EFLAGS_AC)
		     : "memory", "cc");
	return 1;
}

static void ac_tests(void)
{
	static u64 buf[2];
	ulong cr0 = read_cr0();
	bool raised;

	write_cr0(cr0 | X86_CR0_AM);
	user_error = ~0UL;
	run_in_user_ex((usermode_func)user_misaligned, AC_VECTOR, (u64)buf + 1, 0, 0, 0, &raised, note_error);
	report_kfail(under_tcg(), raised && user_error == 0, "misaligned load at CPL 3, CR0.AM and AC set: #AC(0)%s",
		     raised ? "" : " (QEMU 7.2 TCG does no alignment checks)");
	run_in_user_ex((usermode_func)user_misaligned, AC_VECTOR, (u64)buf + 8, 0, 0, 0, &raised, note_error);
	report(!raised, "an aligned load in the same state: no #AC");
	write_cr0(cr0);
	run_in_user_ex((usermode_func)user_misaligned, AC_VECTOR, (u64)buf + 1, 0, 0, 0, &raised, note_error);
	report(!raised, "misaligned load at CPL 3 with CR0.AM clear: no #AC");
}

/* INT n from CPL 3: a DPL 3 gate is taken (with a stack switch), a DPL 0 gate is #GP(vector * 8 + 2). */
static void user_gate_tests(void)
{
	bool raised;
	u64 r;

	handle_exception(VEC_USER, rec_handler);
	set_idt_dpl(VEC_USER, 3);
	rec_reset();
	r = run_in_user(user_int_user, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(!raised && r == 7 && rec.vector == VEC_USER && rec.cs == USER_CS && rec.ss == USER_DS,
	       "int n at CPL 3 through a DPL 3 gate: taken, frame CS %#x and SS %#x", USER_CS, USER_DS);
	report(rec.vector == VEC_USER && (rec.frame_end & 15) == 0 && (rec.rsp & ~(PAGE_SIZE - 1)) !=
	       ((rec.frame_end - 1) & ~(PAGE_SIZE - 1)), "the CPL 3 interrupt switched to the TSS's RSP0 stack");
	set_idt_dpl(VEC_USER, 0);
	handle_exception(VEC_USER, NULL);

	user_error = 0;
	run_in_user_ex(user_int_kernel, GP_VECTOR, 0, 0, 0, 0, &raised, note_error);
	report_kfail(under_tcg(), raised && user_error == (VEC_TEST * 8 | ERR_IDT),
		     "int n at CPL 3 through a DPL 0 gate: #GP(%#x)%s", VEC_TEST * 8 | ERR_IDT,
		     user_error == (VEC_TEST * 16 | ERR_IDT) ? " (QEMU 7.2 TCG gives vector * 16 + 2)" : "");
	user_error = 0;
	run_in_user_ex(user_int3, GP_VECTOR, 0, 0, 0, 0, &raised, note_error);
	report_kfail(under_tcg(), raised && user_error == (BP_VECTOR * 8 | ERR_IDT),
		     "int3 at CPL 3 through a DPL 0 gate: #GP(%#x)%s", BP_VECTOR * 8 | ERR_IDT,
		     user_error == (BP_VECTOR * 16 | ERR_IDT) ? " (QEMU 7.2 TCG gives vector * 16 + 2)" : "");
	handle_exception(BP_VECTOR, rec_handler);
	set_idt_dpl(BP_VECTOR, 3);
	rec_reset();
	r = run_in_user(user_int3, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(!raised && r == 7 && rec.vector == BP_VECTOR && rec.cs == USER_CS,
	       "int3 at CPL 3 through a DPL 3 gate: #BP from CPL 3");
	set_idt_dpl(BP_VECTOR, 0);
	handle_exception(BP_VECTOR, NULL);
}

int main(void)
{
	struct descriptor_table_ptr p;
	int spare;

	setup_vm();
	sidt(&p);
	idt = (struct idt_gate *)p.base;
	sgdt(&p);
	/* The last GDT slot: the TSS descriptor of CPU MAX_CPUS - 1, unused while fewer CPUs run. */
	assert(cpu_count() < MAX_CPUS);
	spare = (p.limit + 1) - 8;

	exception_tests();
	rf_tests();
	selector_tests(spare);
	frame_tests();
	bad_gate_tests();
	delivery_fault_tests();
	nmi_tests();
	sti_shadow_test();
	user_gate_tests();
	ac_tests();
	return report_summary();
}
