/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/ptrace.h - the registers an exception saves (struct pt_regs, laid
 * out for cstart.S, with kvm-unit-tests' ARM_* names) and the CPSR bits
 * that say which mode it came from. Usable from assembly: the S_* offsets
 * and PSR_* values are plain numbers there.
 */
#ifndef _ASM_ARM_PTRACE_H_
#define _ASM_ARM_PTRACE_H_

/* CPSR/SPSR: the processor mode (M[4:0]), the state and mask bits. */
#define PSR_MODE_USR		0x10
#define PSR_MODE_FIQ		0x11
#define PSR_MODE_IRQ		0x12
#define PSR_MODE_SVC		0x13
#define PSR_MODE_MON		0x16
#define PSR_MODE_ABT		0x17
#define PSR_MODE_HYP		0x1a
#define PSR_MODE_UND		0x1b
#define PSR_MODE_SYS		0x1f
#define PSR_MODE_MASK		0x1f
#define PSR_T_BIT		(1 << 5)	/* Thumb state */
#define PSR_F_BIT		(1 << 6)
#define PSR_I_BIT		(1 << 7)
#define PSR_A_BIT		(1 << 8)

/* Layout of struct pt_regs: r0-r12, sp, lr, pc, cpsr. */
#define S_R0			0
#define S_FP			(11 * 4)
#define S_SP			(13 * 4)
#define S_LR			(14 * 4)
#define S_PC			(15 * 4)
#define S_PSR			(16 * 4)
#define S_FRAME_SIZE		(17 * 4)

#ifndef __ASSEMBLER__
#include "libcflat.h"

/*
 * The interrupted context; a handler may change it (pc to skip an
 * instruction, r0 to return a value), it is restored on return (but sp).
 * sp and lr are the interrupted SVC mode's, except that an SVC taken in
 * SVC mode has overwritten lr with its return address.
 */
struct pt_regs {
	unsigned long uregs[17];
};

static_assert(sizeof(struct pt_regs) == S_FRAME_SIZE, "cstart.S lays out struct pt_regs");

#define ARM_cpsr		uregs[16]
#define ARM_pc			uregs[15]
#define ARM_lr			uregs[14]
#define ARM_sp			uregs[13]
#define ARM_ip			uregs[12]
#define ARM_fp			uregs[11]
#define ARM_r10			uregs[10]
#define ARM_r9			uregs[9]
#define ARM_r8			uregs[8]
#define ARM_r7			uregs[7]
#define ARM_r6			uregs[6]
#define ARM_r5			uregs[5]
#define ARM_r4			uregs[4]
#define ARM_r3			uregs[3]
#define ARM_r2			uregs[2]
#define ARM_r1			uregs[1]
#define ARM_r0			uregs[0]

#define processor_mode(regs)	((regs)->ARM_cpsr & PSR_MODE_MASK)
#define user_mode(regs)		(processor_mode(regs) == PSR_MODE_USR)
#define interrupts_enabled(regs) (!((regs)->ARM_cpsr & PSR_I_BIT))
#endif /* !__ASSEMBLER__ */

#endif /* _ASM_ARM_PTRACE_H_ */
