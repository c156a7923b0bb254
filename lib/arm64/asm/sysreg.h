/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/sysreg.h - system register access and the bits of the registers that
 * boot, exception and MMU code program. Usable from assembly too.
 */
#ifndef _ASM_ARM64_SYSREG_H_
#define _ASM_ARM64_SYSREG_H_

#define CURRENT_EL_SHIFT	2

/* SCTLR_EL1: the bits that are RES1 in ARMv8.0, so writing them keeps later extensions off. */
#define SCTLR_EL1_RES1		((1 << 11) | (1 << 20) | (1 << 22) | (1 << 23) | (1 << 28) | (1 << 29))
#define SCTLR_EL1_M		(1 << 0)	/* MMU */
#define SCTLR_EL1_A		(1 << 1)	/* alignment checks */
#define SCTLR_EL1_C		(1 << 2)	/* data cache */
#define SCTLR_EL1_SA		(1 << 3)	/* SP alignment checks at EL1 */
#define SCTLR_EL1_I		(1 << 12)	/* instruction cache */

/* HCR_EL2.RW: EL1 is AArch64. */
#define HCR_EL2_RW		(1 << 31)
/* CNTHCTL_EL2: EL1 may read the physical counter and use the physical timer. */
#define CNTHCTL_EL2_EL1PCTEN	(1 << 0)
#define CNTHCTL_EL2_EL1PCEN	(1 << 1)

/* CPACR_EL1.FPEN = 0b11: FP/SIMD does not trap at EL1 or EL0. */
#define CPACR_EL1_FPEN		(3 << 20)

/* PSTATE values for SPSR: EL1 with its own SP (EL1h), DAIF all masked. */
#define PSR_MODE_EL0t		0x0
#define PSR_MODE_EL1h		0x5
#define PSR_MODE_MASK		0xf
#define PSR_F			(1 << 6)
#define PSR_I			(1 << 7)
#define PSR_A			(1 << 8)
#define PSR_D			(1 << 9)
#define PSR_DAIF		(PSR_D | PSR_A | PSR_I | PSR_F)

/* MPIDR_EL1: the four affinity fields. */
#define MPIDR_HWID_MASK		0xff00ffffffUL

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

static inline unsigned int current_el(void)
{
	return (read_sysreg(CurrentEL) >> CURRENT_EL_SHIFT) & 3;
}

static inline u64 get_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_HWID_MASK;
}
#endif

#endif /* _ASM_ARM64_SYSREG_H_ */
