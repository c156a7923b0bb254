/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * desc.h - x86 descriptor tables: the GDT selectors every image has, the
 * IDT, and the exception API (handle_exception) tests use to catch a fault
 * and go on.
 */
#ifndef _X86_DESC_H_
#define _X86_DESC_H_

/*
 * GDT layout, kvm-unit-tests' selectors and numbers. The user and kernel
 * entries are ordered as SYSCALL/SYSRET expect them (kernel CS, kernel SS;
 * user CS32, user SS, user CS64).
 *
 *	0x00		null
 *	0x08, 0x10	KERNEL_CS (64-bit code), KERNEL_DS (flat data, every mode)
 *	0x18		NP_SEL: a 64-bit code segment marked not present
 *	0x20		KERNEL_CS32
 *	0x28, 0x30	KERNEL_CS16, KERNEL_DS16
 *	0x3b, 0x43, 0x4b USER_CS32, USER_DS, USER_CS64
 *	0x50..0x78	free for tests (FIRST_SPARE_SEL onwards), zero at boot
 *	0x80..		TSS_MAIN: CPU n's 16-byte TSS descriptor at TSS_MAIN + 16 * n
 *
 * On i386 (cstart32.S) the code segments are 32-bit ones, USER_CS64 too,
 * and CPU n's 16 bytes hold its 8-byte TSS descriptor, then its per-CPU
 * data segment, PERCPU_SEL(n), which %gs selects (percpu.h); DF_TSS_SEL
 * follows them.
 */
#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define NP_SEL		0x18
#define KERNEL_CS32	0x20
#define KERNEL_CS16	0x28
#define KERNEL_DS16	0x30
#define USER_CS32	0x3b
#define USER_DS		0x43
#define USER_CS64	0x4b
#define USER_CS		USER_CS64
/* kvm-unit-tests' synonyms: 64-bit code, and the data segments every mode shares. */
#define KERNEL_CS64	KERNEL_CS
#define KERNEL_DS64	KERNEL_DS
#define KERNEL_DS32	KERNEL_DS
#define USER_DS64	USER_DS
#define USER_DS32	USER_DS
#define FIRST_SPARE_SEL	0x50
#define TSS_MAIN	0x80
#define PERCPU_SEL(cpu)	(TSS_MAIN + 16 * (cpu) + 8)
/* i386: the TSS of the #DF task, after every CPU's pair (desc.c). */
#define DF_TSS_SEL	(TSS_MAIN + 16 * MAX_CPUS)

#define DE_VECTOR	0
#define DB_VECTOR	1
#define NMI_VECTOR	2
#define BP_VECTOR	3
#define OF_VECTOR	4
#define BR_VECTOR	5
#define UD_VECTOR	6
#define NM_VECTOR	7
#define DF_VECTOR	8
#define TS_VECTOR	10
#define NP_VECTOR	11
#define SS_VECTOR	12
#define GP_VECTOR	13
#define PF_VECTOR	14
#define MF_VECTOR	16
#define AC_VECTOR	17
#define MC_VECTOR	18
#define XM_VECTOR	19
#define VE_VECTOR	20
#define CP_VECTOR	21

#include "percpu.h"

#ifndef __ASSEMBLER__
#include "libcflat.h"

/*
 * The registers of the interrupted code, as the entry stub saved them
 * (isr64.S, isr32.S). On i386 the CPU pushes rsp and ss only when the
 * exception changes the privilege level (from CPL 3); from CPL 0 the
 * interrupted stack pointer is &regs->rsp (regs_sp()), and writing
 * regs->rsp would write the interrupted stack.
 */
struct ex_regs {
	unsigned long rax, rcx, rdx, rbx;
	unsigned long rbp, rsi, rdi;
#ifdef __x86_64__
	unsigned long r8, r9, r10, r11, r12, r13, r14, r15;
#else
	unsigned long gs;
#endif
	unsigned long vector;
	unsigned long error_code;
	unsigned long rip;
	unsigned long cs;
	unsigned long rflags;
	unsigned long rsp;
	unsigned long ss;
};

/* The stack pointer of the interrupted code. */
static inline unsigned long regs_sp(struct ex_regs *regs)
{
#ifdef __x86_64__
	return regs->rsp;
#else
	return (regs->cs & 3) ? regs->rsp : (unsigned long)&regs->rsp;
#endif
}

typedef void (*exception_handler_t)(struct ex_regs *regs);
typedef exception_handler_t handler;

/*
 * Install handler for vector (NULL: none, so the exception is unexpected
 * again); return the previous handler. The handler may change regs (rip
 * to skip the faulting instruction, for instance); they are restored on
 * return. Handlers are shared by all CPUs.
 */
extern exception_handler_t handle_exception(u8 vector, exception_handler_t handler);

/*
 * Recovering from an expected fault without a handler: ASM_EX_FIXUP(insn,
 * fixup) in an asm statement says that a fault at label insn continues at
 * label fixup. ASM_TRY(catch) is kvm-unit-tests' form: it clears this CPU's
 * exception vector and says that a fault at the instruction right after it
 * continues at label catch:
 *
 *	asm volatile(ASM_TRY("1f") "mov %0, %%cr4\n1:" : : "r"(v));
 *	if (exception_vector() == GP_VECTOR) ...
 *
 * exception_vector() and exception_error_code() then say what happened;
 * vector 0 means no fault (no instruction used this way raises #DE). Both
 * are per CPU (lib/x86/percpu.h), so sites on several CPUs do not mix.
 * Fixups come before handle_exception() handlers: a fixup site says exactly
 * where a fault is expected. ASM_TRY is for extended asm (it writes %%gs).
 */
#ifdef __x86_64__
#define __ASM_PTR	".quad "
#else
#define __ASM_PTR	".long "
#endif
#define ASM_EX_FIXUP(insn, fixup)						\
	".pushsection .ex_table, \"a\"\n\t.balign 8\n\t" __ASM_PTR insn ", " fixup "\n\t.popsection\n"

#define ASM_TRY(catch)		__ASM_TRY("", catch)

/*
 * kvm-unit-tests' spellings: ASM_EX_ENTRY(insn, fixup) is ASM_EX_FIXUP;
 * __ASM_TRY(prefix, catch) puts prefix (KVM_FEP, say) before the
 * instruction that may fault, as part of it.
 */
#define ASM_EX_ENTRY(insn, fixup)	ASM_EX_FIXUP(insn, fixup)
#define __ASM_TRY(prefix, catch)						\
	"movl $0, %%gs:" __stringify(PERCPU_EXCEPTION_VECTOR) "\n\t"		\
	ASM_EX_FIXUP("1111f", catch) prefix "\n\t1111:"

/* The vector of the last fault a fixup recovered from on this CPU (0: none since ASM_TRY). */
static inline unsigned int exception_vector(void)
{
	return this_cpu_read_exception_vector();
}

/* The error code is at most 32 bits wide (Intel SDM vol. 3, 6.13). */
static inline unsigned int exception_error_code(void)
{
	return this_cpu_read_exception_error_code();
}

/*
 * Run trigger(data) and say whether it raised exception ex: a handler for
 * ex (on this CPU's path) jumps back here, so trigger need not be written
 * with ASM_TRY. Other exceptions stay unexpected.
 */
extern bool test_for_exception(unsigned int ex, void (*trigger)(void *data), void *data);

/* RFLAGS.RF as the last fault a fixup recovered from on this CPU pushed it. */
static inline bool exception_rflags_rf(void)
{
	return this_cpu_read_exception_rf() != 0;
}

/*
 * KVM's forced emulation prefix: under KVM with force_emulation_prefix=1,
 * the instruction after it is emulated by KVM; elsewhere it is a #UD.
 * is_fep_available is probed once at boot; kvm-unit-tests reads it as a
 * variable, older tests call it: both spellings work (a function-like
 * macro is only expanded when a "(" follows the name).
 */
#define KVM_FEP		"ud2; .byte 'k', 'v', 'm';"
#define ASM_TRY_FEP(catch)	__ASM_TRY(KVM_FEP, catch)
extern bool is_fep_available;
#define is_fep_available()	(is_fep_available)
extern void probe_fep(void);

/*
 * Alternate stacks: setup_alt_stack() gives this CPU's TSS a second
 * interrupt stack (IST 2); set_intr_alt_stack(vector, fn) makes vector
 * use it, with fn as its entry, so a handler can run with a broken stack.
 */
#ifdef __x86_64__
extern void setup_alt_stack(void);
extern void set_intr_alt_stack(int vector, void *fn);
#endif

/* "#UD" for 6, and so on; "vector" for interrupts. */
extern const char *exception_mnemonic(unsigned int vector);

/* Set one IDT gate: dpl 0 or 3; ist 0 (none) or 1..7; sel: the gate's code segment. */
extern void set_idt_entry(int vector, void *addr, int dpl);
extern void set_idt_ist(int vector, int ist);
extern void set_idt_dpl(int vector, int dpl);
extern void set_idt_sel(int vector, u16 sel);
/*
 * A descriptor at selector sel: access byte and granularity nibble (flags
 * << 4). A system descriptor (access bit 4 clear: LDT, TSS) takes 16 bytes
 * in long mode, so base bits 63:32 go to the next slot.
 */
extern void set_gdt_entry(int sel, unsigned long base, u32 limit, u8 access, u8 gran);

/*
 * Report an exception nobody expected (name, vector, error code, RIP,
 * registers, backtrace) and end the test with EXIT_ABORT; for handlers
 * that take only some of the faults of their vector. cpu: whether the CPU
 * raised it (false: a software-injected vector); only printed.
 */
extern void unhandled_exception(struct ex_regs *regs, bool cpu) __noreturn;

/* Descriptor formats (Intel SDM vol. 3, 3.4.5 and 7.2.3; 6.14.1 for gates). */
typedef struct {
	u16 limit1;
	u16 base1;
	u8 base2;
	union {
		u16 type_limit_flags;
		struct {
			u16 type:4;
			u16 s:1;	/* 1: code or data, 0: system */
			u16 dpl:2;
			u16 p:1;
			u16 limit2:4;
			u16 avl:1;
			u16 l:1;
			u16 db:1;
			u16 g:1;
		} __packed;
	} __packed;
	u8 base3;
} __packed gdt_entry_t;

/* A long-mode LDT or TSS descriptor: the legacy eight bytes, then base 63:32. */
struct system_desc64 {
	gdt_entry_t common;
	u32 base4;
	u32 zero;
} __packed;

/* An IDT gate: 16 bytes in long mode, the first 8 in protected mode (no IST there). */
typedef struct {
	u16 offset0;
	u16 selector;
	u16 ist:3;
	u16:5;
	u16 type:4;
	u16:1;
	u16 dpl:2;
	u16 p:1;
	u16 offset1;
#ifdef __x86_64__
	u32 offset2;
	u32 reserved;
#endif
} idt_entry_t;

/* The 32-bit TSS (Intel SDM vol. 3, 8.2.1): the i386 boot TSS and the tasks of x86/taskswitch. */
typedef struct {
	u16 prev, res1;
	u32 esp0;
	u16 ss0, res2;
	u32 esp1;
	u16 ss1, res3;
	u32 esp2;
	u16 ss2, res4;
	u32 cr3, eip, eflags;
	u32 eax, ecx, edx, ebx, esp, ebp, esi, edi;
	u16 es, res5, cs, res6, ss, res7, ds, res8, fs, res9, gs, res10;
	u16 ldt, res11;
	u16 t:1, :15;
	u16 iomap_base;
} __packed tss32_t;

typedef struct {
	u32 res1;
	u64 rsp0, rsp1, rsp2;
	u64 res2;
	u64 ist1, ist2, ist3, ist4, ist5, ist6, ist7;
	u64 res3;
	u16 res4;
	u16 iomap_base;
} __packed tss64_t;

/* The busy bit of a TSS descriptor's type (available 9, busy 11). */
#define DESC_BUSY	2

/* The boot GDT (lib/x86/cstart64.S, cstart32.S), the IDT every CPU loads, and each CPU's TSS. */
extern gdt_entry_t gdt[];
extern idt_entry_t boot_idt[256];
#ifdef __x86_64__
extern tss64_t tss[];
#else
extern tss32_t tss[];
#endif

/* The GDTR's table's entry for sel, and those TR and LDTR select now. */
extern gdt_entry_t *get_gdt_entry(u16 sel);
extern gdt_entry_t *get_tss_descr(void);
extern gdt_entry_t *get_ldt_descr(void);
/* Base and limit (in bytes, G applied) of a descriptor; system ones have a 64-bit base. */
extern unsigned long get_gdt_entry_base(gdt_entry_t *entry);
extern unsigned long get_gdt_entry_limit(gdt_entry_t *entry);

static inline void *get_idt_addr(idt_entry_t *e)
{
#ifdef __x86_64__
	return (void *)(e->offset0 | ((unsigned long)e->offset1 << 16) | ((unsigned long)e->offset2 << 32));
#else
	return (void *)(e->offset0 | ((unsigned long)e->offset1 << 16));
#endif
}

/*
 * asm_safe(insn, inputs...) runs insn, which may fault, and evaluates to
 * the vector it raised (0: none); the _out1/_out2 forms take outputs,
 * the fep forms put KVM_FEP before insn. asm_safe_report(insn, inputs...)
 * reports that insn ran without a fault, asm_safe_report_ex(vector, insn,
 * inputs...) that it raised vector.
 */
#define __asm_safe(fep, insn, inputs...)					\
	({									\
		asm volatile(__ASM_TRY(fep, "1f") insn "\n\t1:\n\t"		\
			     : : inputs : "memory");				\
		exception_vector();						\
	})
#define __asm_safe_out1(fep, insn, output, inputs...)				\
	({									\
		asm volatile(__ASM_TRY(fep, "1f") insn "\n\t1:\n\t"		\
			     : output : inputs : "memory");			\
		exception_vector();						\
	})
#define __asm_safe_out2(fep, insn, output1, output2, inputs...)		\
	({									\
		asm volatile(__ASM_TRY(fep, "1f") insn "\n\t1:\n\t"		\
			     : output1, output2 : inputs : "memory");		\
		exception_vector();						\
	})
#define asm_safe(insn, inputs...)		__asm_safe("", insn, inputs)
#define asm_fep_safe(insn, inputs...)		__asm_safe(KVM_FEP, insn, inputs)
#define asm_safe_out1(insn, output, inputs...)	__asm_safe_out1("", insn, output, inputs)
#define asm_fep_safe_out1(insn, output, inputs...) __asm_safe_out1(KVM_FEP, insn, output, inputs)
#define asm_safe_out2(insn, o1, o2, inputs...)	__asm_safe_out2("", insn, o1, o2, inputs)
#define asm_fep_safe_out2(insn, o1, o2, inputs...) __asm_safe_out2(KVM_FEP, insn, o1, o2, inputs)
#define asm_conditional_fep_safe(fep, insn, inputs...)				\
	((fep) ? asm_fep_safe(insn, inputs) : asm_safe(insn, inputs))

#define asm_safe_report_ex(want, insn, inputs...)				\
	do {									\
		unsigned int __vec = asm_safe(insn, inputs);			\
										\
		report(__vec == (want), "'%s': %s expected, %s raised", insn,	\
		       (want) ? exception_mnemonic(want) : "no exception",	\
		       __vec ? exception_mnemonic(__vec) : "no exception");	\
	} while (0)
#define asm_safe_report(insn, inputs...)	asm_safe_report_ex(0, insn, inputs)

/* An m16:32 far pointer, the operand of an indirect far JMP or CALL with 32-bit operand size. */
struct far_pointer32 {
	u32 offset;
	u16 selector;
} __packed;

struct descriptor_table_ptr {
	u16 limit;
	unsigned long base;
} __attribute__((packed));

static inline void lgdt(const struct descriptor_table_ptr *p)
{
	asm volatile("lgdt %0" : : "m"(*p));
}

static inline void sgdt(struct descriptor_table_ptr *p)
{
	asm volatile("sgdt %0" : "=m"(*p));
}

static inline void lidt(const struct descriptor_table_ptr *p)
{
	asm volatile("lidt %0" : : "m"(*p));
}

static inline void sidt(struct descriptor_table_ptr *p)
{
	asm volatile("sidt %0" : "=m"(*p));
}

static inline void ltr(u16 sel)
{
	asm volatile("ltr %0" : : "rm"(sel));
}

static inline void lldt(u16 sel)
{
	asm volatile("lldt %0" : : "rm"(sel));
}

static inline u16 sldt(void)
{
	u16 sel;

	asm volatile("sldt %0" : "=rm"(sel));
	return sel;
}

static inline u16 str(void)
{
	u16 sel;

	asm volatile("str %0" : "=rm"(sel));
	return sel;
}

/* The _safe forms: 0, or the vector of the fault; _fep_safe: through KVM's forced emulation prefix. */
#define DEFINE_DESC_LOAD_SAFE(name, insn, type, constraint)			\
static inline int name##_safe(type v)						\
{										\
	return asm_safe(insn " %0", constraint(v));				\
}										\
static inline int name##_fep_safe(type v)					\
{										\
	return asm_fep_safe(insn " %0", constraint(v));			\
}
#define DESC_PTR_OPERAND(p)	"m"(*(p))
#define SEL_OPERAND(s)		"rm"(s)
DEFINE_DESC_LOAD_SAFE(lgdt, "lgdt", const struct descriptor_table_ptr *, DESC_PTR_OPERAND)
DEFINE_DESC_LOAD_SAFE(lidt, "lidt", const struct descriptor_table_ptr *, DESC_PTR_OPERAND)
DEFINE_DESC_LOAD_SAFE(lldt, "lldt", u16, SEL_OPERAND)
DEFINE_DESC_LOAD_SAFE(ltr, "ltr", u16, SEL_OPERAND)

/* Set the base of the descriptor at sel (bits 63:32 too for a system descriptor). */
extern void set_gdt_entry_base(int sel, unsigned long base);
/* Mark the TSS descriptor at sel available again, so LTR may load it (LTR sets the busy bit). */
extern void clear_tss_busy(int sel);

/* Boot-time setup (lib/x86/setup.c calls these). */
extern void setup_idt(void);
extern void load_idt(void);
extern void setup_tss(int cpu);
/* The stack CPU cpu switches to when an interrupt or exception leaves CPL 3. */
extern void set_tss_rsp0(int cpu, u64 rsp0);
#endif /* __ASSEMBLER__ */

#endif /* _X86_DESC_H_ */
