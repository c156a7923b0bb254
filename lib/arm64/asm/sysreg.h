/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/sysreg.h - system register access and the bits of the registers that
 * boot, exception and MMU code program. Usable from assembly too.
 */
#ifndef _ASM_ARM64_SYSREG_H_
#define _ASM_ARM64_SYSREG_H_

/* CurrentEL: the exception level in bits 3:2. */
#define CURRENT_EL_SHIFT	2
#define CurrentEL_EL1		(1 << CURRENT_EL_SHIFT)
#define CurrentEL_EL2		(2 << CURRENT_EL_SHIFT)

/* SCTLR_EL1: the bits that are RES1 in ARMv8.0, so writing them keeps later extensions off. */
#define SCTLR_EL1_RES1		((1 << 11) | (1 << 20) | (1 << 22) | (1 << 23) | (1 << 28) | (1 << 29))
#define SCTLR_EL1_M		(1 << 0)	/* MMU */
#define SCTLR_EL1_A		(1 << 1)	/* alignment checks */
#define SCTLR_EL1_C		(1 << 2)	/* data cache */
#define SCTLR_EL1_SA		(1 << 3)	/* SP alignment checks at EL1 */
#define SCTLR_EL1_I		(1 << 12)	/* instruction cache */
#define SCTLR_EL1_nTWI		(1 << 16)	/* WFI at EL0 does not trap */
#define SCTLR_EL1_nTWE		(1 << 18)	/* WFE at EL0 does not trap */

/* HCR_EL2.RW: EL1 is AArch64. */
#define HCR_EL2_RW		(1 << 31)
/* CNTHCTL_EL2: EL1 may read the physical counter and use the physical timer. */
#define CNTHCTL_EL2_EL1PCTEN	(1 << 0)
#define CNTHCTL_EL2_EL1PCEN	(1 << 1)

/* CPACR_EL1.FPEN = 0b11: FP/SIMD does not trap at EL1 or EL0. */
#define CPACR_EL1_FPEN		(3 << 20)

#ifndef __ASSEMBLER__
#include "libcflat.h"

#define read_sysreg(r) ({						\
	u64 __v;							\
	asm volatile("mrs %0, " __stringify(r) : "=r"(__v));		\
	__v;								\
})

#define write_sysreg(v, r) do {						\
	u64 __v = (u64)(v);						\
	asm volatile("msr " __stringify(r) ", %x0" : : "rZ"(__v));	\
} while (0)
#endif

#endif /* _ASM_ARM64_SYSREG_H_ */
