/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * desc.h - x86 descriptor tables: the GDT selectors every image has, the
 * IDT, and the exception API (handle_exception) tests use to catch a fault
 * and go on.
 */
#ifndef _X86_DESC_H_
#define _X86_DESC_H_

/*
 * GDT layout. The user and kernel entries are ordered as SYSCALL/SYSRET
 * expect them (kernel CS, kernel SS; user CS32, user SS, user CS64).
 */
#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define KERNEL_CS32	0x18
#define KERNEL_DS32	0x20
#define KERNEL_CS16	0x28
#define KERNEL_DS16	0x30
#define USER_CS32	0x3b
#define USER_DS		0x43
#define USER_CS64	0x4b
#define USER_CS		USER_CS64
#define TSS_MAIN	0x50	/* CPU n's TSS is at TSS_MAIN + 16 * n */

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

#ifndef __ASSEMBLER__
#include "libcflat.h"

/* The registers of the interrupted code, as the entry stub saved them. */
struct ex_regs {
	unsigned long rax, rcx, rdx, rbx;
	unsigned long rbp, rsi, rdi;
	unsigned long r8, r9, r10, r11, r12, r13, r14, r15;
	unsigned long vector;
	unsigned long error_code;
	unsigned long rip;
	unsigned long cs;
	unsigned long rflags;
	unsigned long rsp;
	unsigned long ss;
};

typedef void (*exception_handler_t)(struct ex_regs *regs);

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
 * label fixup. The fault's vector and error code are then in
 * ex_fixup_vector / ex_fixup_error_code; the code sets ex_fixup_vector to 0
 * before the instruction (no instruction used this way raises #DE), so 0
 * afterwards means no fault. Fixups come before handle_exception() handlers:
 * a fixup site says exactly where a fault is expected.
 */
#define ASM_EX_FIXUP(insn, fixup)						\
	".pushsection .ex_table, \"a\"\n\t.balign 8\n\t.quad " insn ", " fixup "\n\t.popsection\n"

extern volatile int ex_fixup_vector;
extern volatile unsigned long ex_fixup_error_code;

/* The vector of the last fault a fixup recovered from (0: none since it was cleared). */
static inline int exception_vector(void)
{
	return ex_fixup_vector;
}

static inline unsigned long exception_error_code(void)
{
	return ex_fixup_error_code;
}

/* "#UD" for 6, and so on; "vector" for interrupts. */
extern const char *exception_mnemonic(unsigned int vector);

/* Set one IDT gate: dpl 0 or 3; ist 0 (none) or 1..7. */
extern void set_idt_entry(int vector, void *addr, int dpl);
extern void set_idt_ist(int vector, int ist);

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

static inline u16 str(void)
{
	u16 sel;

	asm volatile("str %0" : "=rm"(sel));
	return sel;
}

/* Boot-time setup (lib/x86/setup.c calls these). */
extern void setup_idt(void);
extern void setup_tss(int cpu);
#endif /* __ASSEMBLER__ */

#endif /* _X86_DESC_H_ */
