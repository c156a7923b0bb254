/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * emulator.c - instruction semantics as the Intel SDM and AMD APM define
 * them, for the instructions a hypervisor's instruction emulator handles:
 * string instructions with REP, DF and page crossing (a fault leaves the
 * registers at the faulting iteration); the ALU's results and flags
 * (checked against a model of the SDM's flag rules); shifts, SHLD/SHRD;
 * MUL/IMUL/DIV/IDIV and their #DE cases; PUSH/POP with memory operands
 * (POP (%rsp) addressing after the increment); XCHG, CMPXCHG, CMPXCHG8B/16B
 * and XADD with LOCK; BT/BTS/BTR/BTC with register offsets far outside
 * the operand (negative too) and masked immediates; MOVZX/MOVSX/MOVSXD,
 * CMOV's 32-bit zero extension; MOV to and from CR and DR (reserved bits,
 * #UD registers, DR4/DR5 aliasing); LGDT/LIDT/SGDT/SIDT (a new IDT really
 * used, a new GDT limit enforced); far JMP/CALL/RET and IRET; #GP and #SS
 * for non-canonical addresses; ENTER/LEAVE, XLAT, MOVBE, and string I/O
 * (INS/OUTS) between memory and pc-testdev's port register.
 *
 * The memory operands run twice: on RAM, and on pc-testdev's MMIO window
 * at 0xff000000, where a hypervisor cannot let the CPU access memory and
 * must emulate the instruction itself. Everything runs again behind KVM's
 * forced-emulation prefix when is_fep_available() (KVM's
 * force_emulation_prefix), so KVM's emulator executes every form.
 *
 * A hypervisor bug it would catch: an emulator that gets a flag wrong,
 * mishandles REP counts, DF or a fault in the middle of a string, uses a
 * bit offset of BT* as unsigned or masks it for memory operands, forgets
 * LOCK atomicity or CMPXCHG's write-back rules, computes POP (%rsp) with
 * the old RSP, skips reserved-bit or canonical checks, or gets far
 * transfers' stack layout wrong.
 */
#include "libcflat.h"
#include "accel.h"
#include "alloc_page.h"
#include "apic.h"
#include "apic-defs.h"
#include "asm/io.h"
#include "desc.h"
#include "fwcfg.h"
#include "processor.h"
#include "usermode.h"
#include "vm.h"

#ifndef X86_FEATURE_CX16
#define X86_FEATURE_CX16	X86_FEATURE(0x1, 0, ECX, 13)
#endif
#define FEATURE_RTM		X86_FEATURE(0x7, 0, EBX, 11)
#define FEATURE_BUS_LOCK_DETECT	X86_FEATURE(0x7, 0, ECX, 24)

/* pc-testdev's 64 KiB of MMIO-backed memory. */
#define TESTDEV_IOMEM		0xff000000UL
/* The vector whose entry stub the copied IDT's #BP gate uses (dt_tests). */
#define BP_REDIRECT		0x41


/* Accesses to a target (RAM or MMIO) with exactly one access each. */
static inline u8 read_target8(u8 *p)
{
	return *(volatile u8 *)p;
}

static inline u16 read_target16(u8 *p)
{
	return *(volatile u16 *)p;
}

static inline u64 read_target64(u8 *p)
{
	return *(volatile u64 *)p;
}

static inline void write_target8(u8 *p, u8 v)
{
	*(volatile u8 *)p = v;
}

static inline void write_target16(u8 *p, u16 v)
{
	*(volatile u16 *)p = v;
}

static inline void write_target64(u8 *p, u64 v)
{
	*(volatile u64 *)p = v;
}

static void memset_target(u8 *p, u8 v, int n)
{
	while (n--)
		write_target8(p++, v);
}

enum alu_op { ALU_ADD, ALU_ADC, ALU_SUB, ALU_SBB, ALU_AND, ALU_OR, ALU_XOR, ALU_CMP, ALU_INC, ALU_DEC, ALU_NEG,
	      ALU_NOT, ALU_TEST };

static bool even_parity(u64 r)
{
	int bits = 0, i;

	for (i = 0; i < 8; i++)
		bits += (r >> i) & 1;
	return !(bits & 1);
}

/*
 * The SDM's definition of each instruction's result (what memory holds
 * after it) and flags; *fmask says which flags are defined (AF is
 * undefined after the logical instructions). CF comes in as cf.
 */
static u64 alu_model(enum alu_op op, int width, u64 a, u64 b, bool cf, ulong *fl, ulong *fmask)
{
	u64 mask = width == 64 ? ~0ULL : (1ULL << width) - 1, sign = 1ULL << (width - 1), r = 0, in;
	bool c = false, o = false, af = false;
	ulong f;

	*fmask = X86_EFLAGS_ALU;
	switch (op) {
	case ALU_ADD:
	case ALU_ADC:
		in = op == ALU_ADC && cf;
		r = (a + b + in) & mask;
		c = width == 64 ? (r < a || (in && r == a)) : a + b + in > mask;
		o = (a ^ r) & (b ^ r) & sign;
		af = (a ^ b ^ r) & 0x10;
		break;
	case ALU_SUB:
	case ALU_SBB:
	case ALU_CMP:
		in = op == ALU_SBB && cf;
		r = (a - b - in) & mask;
		c = a < b || (in && a == b);
		o = (a ^ b) & (a ^ r) & sign;
		af = (a ^ b ^ r) & 0x10;
		break;
	case ALU_AND:
	case ALU_TEST:
		r = a & b;
		*fmask &= ~X86_EFLAGS_AF;
		break;
	case ALU_OR:
		r = a | b;
		*fmask &= ~X86_EFLAGS_AF;
		break;
	case ALU_XOR:
		r = a ^ b;
		*fmask &= ~X86_EFLAGS_AF;
		break;
	case ALU_INC:
		r = (a + 1) & mask;
		c = cf;
		o = r == sign;
		af = (a ^ 1 ^ r) & 0x10;
		break;
	case ALU_DEC:
		r = (a - 1) & mask;
		c = cf;
		o = a == sign;
		af = (a ^ 1 ^ r) & 0x10;
		break;
	case ALU_NEG:
		r = (0 - a) & mask;
		c = a != 0;
		o = a == sign;
		af = (a ^ r) & 0x10;
		break;
	case ALU_NOT:
		/* No flag changes: they stay as they came in (all clear but CF). */
		*fl = cf ? X86_EFLAGS_CF : 0;
		return ~a & mask;
	}
	f = (c ? X86_EFLAGS_CF : 0) | (o ? X86_EFLAGS_OF : 0) | (af ? X86_EFLAGS_AF : 0) |
	    (r == 0 ? X86_EFLAGS_ZF : 0) | (r & sign ? X86_EFLAGS_SF : 0) | (even_parity(r) ? X86_EFLAGS_PF : 0);
	*fl = f;
	return op == ALU_CMP || op == ALU_TEST ? a : r;
}

static volatile unsigned long redirected;

static void note_redirect(struct ex_regs *regs)
{
	redirected = regs->vector;
}

/* DR6 after writing 0: bits 63:32 clear; 31:16 and 11:4 set, but RTM (16) and BLD (11) where they exist. */
static ulong dr6_fixed1(void)
{
	ulong v = 0xffff0ff0;

	if (this_cpu_has(FEATURE_RTM))
		v &= ~BIT(16);
	if (this_cpu_has(FEATURE_BUS_LOCK_DETECT))
		v &= ~BIT(11);
	return v;
}

/*
 * probe: a fault at probe_insn continues at probe_recover with probe_frame
 * bytes (what the faulting instruction had pushed for itself) dropped; a
 * fault anywhere else (a target address) continues there too. The asm
 * sets probe_insn and probe_recover itself.
 */
ulong probe_insn, probe_recover;
static ulong probe_frame, probe_vector, probe_rip, probe_error;
static exception_handler_t probe_old_gp, probe_old_pf;

static void probe_handler(struct ex_regs *regs)
{
	probe_vector = regs->vector;
	probe_rip = regs->rip;
	probe_error = regs->error_code;
	if (regs->rip == probe_insn)
		regs->rsp += probe_frame;
	regs->rip = probe_recover;
}

static void probe_arm(ulong frame)
{
	probe_frame = frame;
	probe_vector = probe_rip = probe_error = ~0UL;
	probe_old_gp = handle_exception(GP_VECTOR, probe_handler);
	probe_old_pf = handle_exception(PF_VECTOR, probe_handler);
}

static void probe_disarm(void)
{
	handle_exception(GP_VECTOR, probe_old_gp);
	handle_exception(PF_VECTOR, probe_old_pf);
}

/* The far call's target: EAX the CS it pushed, RDX its RSP, then a 32-bit far return. */
asm(".pushsection .text\n"
    "far_callee:\n"
    "	movl 4(%rsp), %eax\n"
    "	movq %rsp, %rdx\n"
    "	lretl\n"
    ".popsection\n");

#define INSN_PFX ""
#define SFX(name) name##_native
#include "emulator-insns.h"
#undef INSN_PFX
#undef SFX
#define INSN_PFX KVM_FEP
#define SFX(name) name##_fep
#include "emulator-insns.h"
#undef INSN_PFX
#undef SFX

typedef void (*target_fn)(u8 *m);

struct insn_set {
	const char *name;
	target_fn target_tests[11];	/* NULL-terminated */
	void (*string_tests)(u8 *m, u8 *ram);
	void (*cross_tests)(u8 *p, u8 *ram);
	void (*pop_rsp_base)(void);
	void (*crdr_tests)(void);
	void (*canon_tests)(void);
};

static const struct insn_set sets[] = {
	{ "native", { alu_tests_native, shift_tests_native, muldiv_tests_native, pushpop_tests_native,
		      atomic_tests_native, bt_tests_native, movx_tests_native, dt_tests_native, far_tests_native,
		      more_tests_native },
	  string_tests_native, cross_tests_native, pop_rsp_base_native, crdr_tests_native, canon_tests_native },
	{ "fep", { alu_tests_fep, shift_tests_fep, muldiv_tests_fep, pushpop_tests_fep, atomic_tests_fep,
		   bt_tests_fep, movx_tests_fep, dt_tests_fep, far_tests_fep, more_tests_fep },
	  string_tests_fep, cross_tests_fep, pop_rsp_base_fep, crdr_tests_fep, canon_tests_fep },
};

/* pc-testdev's window, if it is there and keeps what is written to it. */
static u8 *find_iomem(void)
{
	u8 *m = phys_to_virt(TESTDEV_IOMEM);

	if (!test_device_enabled())
		return NULL;
	write_target64(m, 0x0123456789abcdefULL);
	write_target64(m + 8, 0xfedcba9876543210ULL);
	if (read_target64(m) != 0x0123456789abcdefULL || read_target64(m + 8) != 0xfedcba9876543210ULL)
		return NULL;
	return m;
}

static void run_set(const struct insn_set *s, u8 *ram, u8 *iomem, u8 *cross)
{
	int i;

	report_prefix_push(s->name);
	report_prefix_push("ram");
	s->string_tests(ram + 1024, ram);
	for (i = 0; s->target_tests[i]; i++)
		s->target_tests[i](ram + 1024);
	report_prefix_pop();
	if (iomem) {
		report_prefix_push("mmio");
		s->string_tests(iomem, ram);
		for (i = 0; s->target_tests[i]; i++)
			s->target_tests[i](iomem);
		report_prefix_pop();
	} else {
		report_skip("mmio: no pc-testdev iomem window at %#lx", TESTDEV_IOMEM);
	}
	s->pop_rsp_base();
	s->cross_tests(cross, ram);
	s->crdr_tests();
	s->canon_tests();
	report_prefix_pop();
}

static u64 user_read_cr0(void)
{
	return read_cr0();
}

static u64 user_read_dr7(void)
{
	return read_dr7();
}

static u64 user_lgdt(void)
{
	struct descriptor_table_ptr p;

	sgdt(&p);
	lgdt(&p);
	return p.base;
}

static u64 user_sgdt(void)
{
	struct descriptor_table_ptr p;

	sgdt(&p);
	return p.base;
}

static void cpl3_tests(void)
{
	bool raised;
	u64 v;

	run_in_user(user_read_cr0, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "cpl3: mov from cr0 is #GP");
	run_in_user(user_read_dr7, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "cpl3: mov from dr7 is #GP");
	run_in_user(user_lgdt, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "cpl3: lgdt is #GP");
	if (read_cr4() & X86_CR4_UMIP) {
		report_skip("cpl3: sgdt: CR4.UMIP is set");
		return;
	}
	v = run_in_user(user_sgdt, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(!raised && v == (ulong)gdt, "cpl3: sgdt without UMIP works");
}

int main(void)
{
	u8 *ram, *cross, *iomem;

	setup_vm();
	ram = alloc_pages(1);
	cross = alloc_vpages(3);
	assert(ram && cross);
	install_page(current_page_table(), virt_to_phys(alloc_page()), cross);
	install_page(current_page_table(), virt_to_phys(alloc_page()), cross + PAGE_SIZE);
	iomem = find_iomem();
	/* A push with a non-canonical RSP raises #SS there: the handler needs a stack of its own. */
	setup_alt_stack();
	set_idt_ist(SS_VECTOR, 2);

	run_set(&sets[0], ram, iomem, cross);
	if (is_fep_available())
		run_set(&sets[1], ram, iomem, cross);
	else
		report_skip("fep: KVM's forced emulation prefix is not available (kvm.force_emulation_prefix=1)");
	cpl3_tests();
	set_idt_ist(SS_VECTOR, 0);
	return report_summary();
}
