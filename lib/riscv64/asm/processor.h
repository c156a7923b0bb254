/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/processor.h - the registers a trap saves (struct pt_regs, laid out
 * as the x registers with sepc in x0's slot; lib/riscv64/cstart.S fills it)
 * and the handlers a test installs for exceptions and interrupts, with
 * kvm-unit-tests' names. A trap nobody handles is reported with a register
 * dump and ends the test with EXIT_ABORT.
 */
#ifndef _ASM_RISCV64_PROCESSOR_H_
#define _ASM_RISCV64_PROCESSOR_H_

#define PT_SIZE		288	/* sizeof(struct pt_regs), rounded up to keep sp 16-byte aligned */
#define PT_STATUS	256
#define PT_CAUSE	264
#define PT_BADADDR	272

#ifndef __ASSEMBLER__
#include "libcflat.h"
#include "asm/csr.h"

struct pt_regs {
	unsigned long epc, ra, sp, gp, tp, t0, t1, t2, s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
	unsigned long status, cause, badaddr;
};
_Static_assert(offsetof(struct pt_regs, status) == PT_STATUS, "PT_STATUS");
_Static_assert(offsetof(struct pt_regs, badaddr) == PT_BADADDR, "PT_BADADDR");
_Static_assert(sizeof(struct pt_regs) <= PT_SIZE, "PT_SIZE");

typedef void (*exception_fn)(struct pt_regs *regs);

/* Call fn for the exception cause (EXC_*), or NULL to make it unexpected again. */
extern void install_exception_handler(unsigned long cause, exception_fn fn);
/* Call fn for the interrupt irq (IRQ_S_*, the scause code without its interrupt bit). */
extern void install_irq_handler(unsigned long irq, exception_fn fn);
extern void show_regs(const struct pt_regs *regs);
/* The name of an scause value ("load page fault", "supervisor timer interrupt"). */
extern const char *cause_name(unsigned long cause);

extern void halt(void) __noreturn;

/* The length of the instruction at pc: 2 for a compressed one, else 4. */
static inline unsigned long insn_len(unsigned long pc)
{
	return (*(const u16 *)pc & 3) == 3 ? 4 : 2;
}

static inline u64 rdtime(void)
{
	return csr_read(CSR_TIME);
}
#endif

#endif /* _ASM_RISCV64_PROCESSOR_H_ */
