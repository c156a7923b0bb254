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
#define SCTLR_EL1_WXN		(1 << 19)	/* writable means execute-never */
#define SCTLR_EL1_TCF0_SHIFT	38		/* tag check faults at EL0 (FEAT_MTE2) */
#define SCTLR_EL1_TCF0_MASK	(3UL << SCTLR_EL1_TCF0_SHIFT)
#define SCTLR_EL1_TCF_SHIFT	40		/* tag check faults at EL1 */
#define SCTLR_EL1_TCF_MASK	(3UL << SCTLR_EL1_TCF_SHIFT)
#define SCTLR_EL1_ATA0		(1UL << 42)	/* allocation tags accessible at EL0 */
#define SCTLR_EL1_ATA		(1UL << 43)	/* ... and at EL1 */

#define TCR_TBI0		(1UL << 37)	/* top byte ignored in TTBR0 addresses */
#define TCR_TBI1		(1UL << 38)
#define TCR_TCMA0		(1UL << 57)	/* tag 0 (or 0xf for TTBR1) unchecked */
#define TCR_TCMA1		(1UL << 58)

#define CPACR_EL1_FPEN		(3 << 20)
#define CPACR_EL1_ZEN		(3 << 16)	/* SVE not trapped at EL0 or EL1 */

/*
 * System register encodings for read_sysreg_s()/write_sysreg_s(), placed
 * where MRS and MSR hold them (bits 20:5), for registers an older assembler
 * does not know by name.
 */
#define sys_reg(op0, op1, crn, crm, op2) \
	(((op0) << 19) | ((op1) << 16) | ((crn) << 12) | ((crm) << 8) | ((op2) << 5))

#define TFSR_EL1		sys_reg(3, 0, 5, 6, 0)	/* tag check faults, asynchronous (FEAT_MTE2) */
#define TFSRE0_EL1		sys_reg(3, 0, 5, 6, 1)
#define TFSR_EL1_TF0		(1UL << 0)		/* a fault through a TTBR0 address */
#define TFSR_EL1_TF1		(1UL << 1)
#define GCR_EL1			sys_reg(3, 0, 1, 0, 6)	/* tags IRG may choose */
#define RGSR_EL1		sys_reg(3, 0, 1, 0, 5)
#define ZCR_EL1			S3_0_C1_C2_0		/* SVE vector length, by name for read_sysreg() */
#define ZCR_EL1_LEN		0xfUL			/* (vector length / 128) - 1 */
#define ID_AA64ZFR0_EL1		sys_reg(3, 0, 0, 4, 4)
#define PMCEID0_EL0		sys_reg(3, 3, 9, 12, 6)
#define PMCEID1_EL0		sys_reg(3, 3, 9, 12, 7)
#define PMMIR_EL1		sys_reg(3, 0, 9, 14, 6)

/* RNDR by its generic name, for MRS in a string (FEAT_RNG). */
#define RNDR			s3_3_c2_c4_0
#define RNDRRS			s3_3_c2_c4_1

#define ID_AA64ISAR0_EL1_RNDR_SHIFT	60
#define ID_AA64PFR0_EL1_SVE_SHIFT	32
#define ID_AA64PFR1_EL1_MTE_SHIFT	8

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

/*
 * By encoding (sys_reg()): MRS and MSR emitted as words, with the value in
 * x9 so that the word can name its register.
 */
#define read_sysreg_s(r) ({						\
	register u64 __v asm("x9");					\
	asm volatile(".inst 0xd5200009 | %c1" : "=r"(__v) : "i"(r));	\
	__v;								\
})

#define write_sysreg_s(v, r) do {					\
	register u64 __v asm("x9") = (u64)(v);				\
	asm volatile(".inst 0xd5000009 | %c1" : : "r"(__v), "i"(r));	\
} while (0)

/*
 * PMEVCNTR<n>_EL0 and PMEVTYPER<n>_EL0 by number (0-30): MRS and MSR name
 * their register in the instruction, so n selects one of 31 of them.
 */
#define __regn_case(reg, n, op) case n: op(reg##n##_el0); break
#define __regn_switch(reg, n, op) do {					\
	switch (n) {							\
	__regn_case(reg, 0, op); __regn_case(reg, 1, op); __regn_case(reg, 2, op);	\
	__regn_case(reg, 3, op); __regn_case(reg, 4, op); __regn_case(reg, 5, op);	\
	__regn_case(reg, 6, op); __regn_case(reg, 7, op); __regn_case(reg, 8, op);	\
	__regn_case(reg, 9, op); __regn_case(reg, 10, op); __regn_case(reg, 11, op);	\
	__regn_case(reg, 12, op); __regn_case(reg, 13, op); __regn_case(reg, 14, op);	\
	__regn_case(reg, 15, op); __regn_case(reg, 16, op); __regn_case(reg, 17, op);	\
	__regn_case(reg, 18, op); __regn_case(reg, 19, op); __regn_case(reg, 20, op);	\
	__regn_case(reg, 21, op); __regn_case(reg, 22, op); __regn_case(reg, 23, op);	\
	__regn_case(reg, 24, op); __regn_case(reg, 25, op); __regn_case(reg, 26, op);	\
	__regn_case(reg, 27, op); __regn_case(reg, 28, op); __regn_case(reg, 29, op);	\
	__regn_case(reg, 30, op);					\
	default: assert_msg(0, "no " #reg " %d", (int)(n));		\
	}								\
} while (0)

#define __regn_read(r)		__r = read_sysreg(r)
#define __regn_write(r)		write_sysreg(__w, r)
#define read_regn_el0(reg, n) ({					\
	u64 __r = 0;							\
	__regn_switch(reg, n, __regn_read);				\
	__r;								\
})
#define write_regn_el0(reg, n, val) do {				\
	u64 __w = (u64)(val);						\
	__regn_switch(reg, n, __regn_write);				\
} while (0)
#endif

#endif /* _ASM_ARM64_SYSREG_H_ */
