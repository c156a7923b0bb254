/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/sysreg.h - the cp15 system registers of ARMv7 through
 * read_sysreg(name) and write_sysreg(value, name), as on arm64. Code that
 * arm and arm64 share names a register by its AArch64 name (tpidrro_el0,
 * cntvct_el0, ...) when the AArch32 register is architecturally the same
 * one (TPIDRURO, CNTVCT, ...); the rest go by their AArch32 names. Each
 * name gets __read_NAME() and __write_NAME() (MRC/MCR, or MRRC/MCRR for the
 * 64-bit ones). Also the bits of the registers boot and MMU code program.
 */
#ifndef _ASM_ARM_SYSREG_H_
#define _ASM_ARM_SYSREG_H_

/* SCTLR */
#define SCTLR_M			(1 << 0)	/* MMU */
#define SCTLR_A			(1 << 1)	/* alignment checks */
#define SCTLR_C			(1 << 2)	/* data cache */
#define SCTLR_Z			(1 << 11)	/* branch prediction */
#define SCTLR_I			(1 << 12)	/* instruction cache */
#define SCTLR_V			(1 << 13)	/* high vectors (off: VBAR) */
#define SCTLR_TE		(1 << 30)	/* exceptions in Thumb state */
/* arm64's names for the bits both have, for shared code. */
#define SCTLR_EL1_M		SCTLR_M
#define SCTLR_EL1_C		SCTLR_C
#define SCTLR_EL1_I		SCTLR_I

/* TTBCR with the long-descriptor (LPAE) format. */
#define TTBCR_EAE		(1U << 31)
#define TTBCR_IRGN0_WBWA	(1 << 8)
#define TTBCR_ORGN0_WBWA	(1 << 10)
#define TTBCR_SH0_INNER		(3 << 12)
#define TTBCR_EPD1		(1 << 23)

#ifndef __ASSEMBLER__
#include "libcflat.h"

#define read_sysreg(r)		__read_##r()
#define write_sysreg(v, r)	__write_##r(v)

#define DEFINE_CP15_32(name, op1, crn, crm, op2)					\
static inline u32 __read_##name(void)							\
{											\
	u32 v;										\
	asm volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v));	\
	return v;									\
}											\
static inline void __write_##name(u32 v)						\
{											\
	asm volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : : "r"(v));	\
}

#define DEFINE_CP15_64(name, op1, crm)							\
static inline u64 __read_##name(void)							\
{											\
	u64 v;										\
	asm volatile("mrrc p15, " #op1 ", %Q0, %R0, " #crm : "=r"(v));			\
	return v;									\
}											\
static inline void __write_##name(u64 v)						\
{											\
	asm volatile("mcrr p15, " #op1 ", %Q0, %R0, " #crm : : "r"(v));			\
}

DEFINE_CP15_32(midr, 0, c0, c0, 0)
DEFINE_CP15_32(ctr_el0, 0, c0, c0, 1)
DEFINE_CP15_32(mpidr_el1, 0, c0, c0, 5)
DEFINE_CP15_32(id_mmfr0, 0, c0, c1, 4)
DEFINE_CP15_32(sctlr, 0, c1, c0, 0)
DEFINE_CP15_32(ttbcr, 0, c2, c0, 2)
DEFINE_CP15_64(ttbr0, 0, c2)
DEFINE_CP15_32(dfsr, 0, c5, c0, 0)
DEFINE_CP15_32(ifsr, 0, c5, c0, 1)
DEFINE_CP15_32(dfar, 0, c6, c0, 0)
DEFINE_CP15_32(ifar, 0, c6, c0, 2)
DEFINE_CP15_32(mair0, 0, c10, c2, 0)
DEFINE_CP15_32(mair1, 0, c10, c2, 1)
DEFINE_CP15_32(vbar, 0, c12, c0, 0)
DEFINE_CP15_32(tpidrro_el0, 0, c13, c0, 3)	/* TPIDRURO */
/* The generic timer (CNTFRQ, CNTVCT, CNTPCT, CNTV_*, CNTP_*). */
DEFINE_CP15_32(cntfrq_el0, 0, c14, c0, 0)
DEFINE_CP15_64(cntpct_el0, 0, c14)
DEFINE_CP15_64(cntvct_el0, 1, c14)
DEFINE_CP15_32(cntp_tval_el0, 0, c14, c2, 0)
DEFINE_CP15_32(cntp_ctl_el0, 0, c14, c2, 1)
DEFINE_CP15_32(cntv_tval_el0, 0, c14, c3, 0)
DEFINE_CP15_32(cntv_ctl_el0, 0, c14, c3, 1)
DEFINE_CP15_64(cntp_cval_el0, 2, c14)
DEFINE_CP15_64(cntv_cval_el0, 3, c14)

/* arm64's name for SCTLR, for code both share. */
#define __read_sctlr_el1	__read_sctlr
#define __write_sctlr_el1	__write_sctlr
#endif /* !__ASSEMBLER__ */

#endif /* _ASM_ARM_SYSREG_H_ */
