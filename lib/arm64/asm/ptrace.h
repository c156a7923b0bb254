/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/ptrace.h - the registers an exception saves (struct pt_regs, laid out
 * for vectors.S) and the PSTATE bits that say where it came from. Usable
 * from assembly: the S_* offsets and PSR_* values are plain numbers there.
 */
#ifndef _ASM_ARM64_PTRACE_H_
#define _ASM_ARM64_PTRACE_H_

/* PSTATE/SPSR: exception level and stack pointer (M[3:0]), and the DAIF masks. */
#define PSR_MODE_EL0t		0x0
#define PSR_MODE_EL1t		0x4
#define PSR_MODE_EL1h		0x5
#define PSR_MODE_EL2t		0x8
#define PSR_MODE_EL2h		0x9
#define PSR_MODE_MASK		0xf
#define PSR_F_BIT		(1 << 6)
#define PSR_I_BIT		(1 << 7)
#define PSR_A_BIT		(1 << 8)
#define PSR_D_BIT		(1 << 9)
#define PSR_DAIF		(PSR_D_BIT | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT)

/* Layout of struct pt_regs, for vectors.S. */
#define S_X0			0
#define S_LR			(30 * 8)
#define S_SP			(31 * 8)
#define S_PC			(32 * 8)
#define S_PSTATE		(33 * 8)
/* After pt_regs, a frame record {fp, pc}: backtraces go on through the exception. */
#define S_FRAME			(34 * 8)
#define S_FRAME_SIZE		(36 * 8)

#ifndef __ASSEMBLER__
#include "libcflat.h"

/* The interrupted context; a handler may change it (pc to skip an instruction), it is restored on return. */
struct pt_regs {
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
};

static_assert(sizeof(struct pt_regs) == S_FRAME, "vectors.S stores a frame record right after pt_regs");

#define processor_mode(regs)	((regs)->pstate & PSR_MODE_MASK)
#define user_mode(regs)		(processor_mode(regs) == PSR_MODE_EL0t)
#define interrupts_enabled(regs) (!((regs)->pstate & PSR_I_BIT))
#endif /* !__ASSEMBLER__ */

#endif /* _ASM_ARM64_PTRACE_H_ */
