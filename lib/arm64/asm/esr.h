/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/esr.h - the Exception Syndrome Register: exception classes and the
 * abort syndrome bits. Each class has both names kvm-unit-tests has used,
 * ESR_EL1_EC_* and the newer ESR_ELx_EC_*, so tests of either age build.
 */
#ifndef _ASM_ARM64_ESR_H_
#define _ASM_ARM64_ESR_H_

#define ESR_ELx_EC_SHIFT	26
#define ESR_ELx_EC_MASK		(0x3fU << ESR_ELx_EC_SHIFT)	/* in place, as in Linux */
#define ESR_ELx_EC(esr)		(((esr) & ESR_ELx_EC_MASK) >> ESR_ELx_EC_SHIFT)
#define ESR_ELx_IL		(1 << 25)
#define ESR_ELx_ISS_MASK	0x1ffffff
#define ESR_ELx_WNR		(1 << 6)	/* data abort: a write */
#define ESR_ELx_CM		(1 << 8)	/* data abort: a cache maintenance instruction */
/* Data/instruction abort ISS: the fault status code, and its translation-fault values by level. */
#define ESR_ELx_FSC		0x3f
#define ESR_ELx_FSC_EXTABT	0x10
#define ESR_ELx_FSC_TRANS_L(l)	(0x04 + (l))

#define ESR_ELx_EC_UNKNOWN	0x00
#define ESR_ELx_EC_WFx		0x01
#define ESR_ELx_EC_FP_ASIMD	0x07
#define ESR_ELx_EC_BTI		0x0d
#define ESR_ELx_EC_ILL		0x0e
#define ESR_ELx_EC_SVC64	0x15
#define ESR_ELx_EC_HVC64	0x16
#define ESR_ELx_EC_SMC64	0x17
#define ESR_ELx_EC_SYS64	0x18
#define ESR_ELx_EC_SVE		0x19
#define ESR_ELx_EC_IABT_LOW	0x20
#define ESR_ELx_EC_IABT_CUR	0x21
#define ESR_ELx_EC_PC_ALIGN	0x22
#define ESR_ELx_EC_DABT_LOW	0x24
#define ESR_ELx_EC_DABT_CUR	0x25
#define ESR_ELx_EC_SP_ALIGN	0x26
#define ESR_ELx_EC_FP_EXC64	0x2c
#define ESR_ELx_EC_SERROR	0x2f
#define ESR_ELx_EC_BREAKPT_LOW	0x30
#define ESR_ELx_EC_BREAKPT_CUR	0x31
#define ESR_ELx_EC_SOFTSTP_LOW	0x32
#define ESR_ELx_EC_SOFTSTP_CUR	0x33
#define ESR_ELx_EC_WATCHPT_LOW	0x34
#define ESR_ELx_EC_WATCHPT_CUR	0x35
#define ESR_ELx_EC_BRK64	0x3c

/* The older names: EL0 is "the lower level" and EL1 "the current one" for code running at EL1. */
#define ESR_EL1_EC_SHIFT	ESR_ELx_EC_SHIFT
#define ESR_EL1_EC_MASK		0x3f	/* after the shift */
#define ESR_EL1_IL		ESR_ELx_IL
#define ESR_EL1_ISS_MASK	ESR_ELx_ISS_MASK
#define ESR_EL1_WRITE		ESR_ELx_WNR
#define ESR_EL1_WNR		ESR_ELx_WNR
#define ESR_EL1_CM		ESR_ELx_CM
#define ESR_EL1_FSC_MASK	ESR_ELx_FSC
#define ESR_EL1_FSC_EXTABT	ESR_ELx_FSC_EXTABT
#define ESR_EL1_FSC_TRANS_L(l)	ESR_ELx_FSC_TRANS_L(l)

#define ESR_EL1_EC_UNKNOWN	ESR_ELx_EC_UNKNOWN
#define ESR_EL1_EC_WFI		ESR_ELx_EC_WFx
#define ESR_EL1_EC_WFX		ESR_ELx_EC_WFx
#define ESR_EL1_EC_FP_ASIMD	ESR_ELx_EC_FP_ASIMD
#define ESR_EL1_EC_BTI		ESR_ELx_EC_BTI
#define ESR_EL1_EC_ILL		ESR_ELx_EC_ILL
#define ESR_EL1_EC_ILL_ISS	ESR_ELx_EC_ILL
#define ESR_EL1_EC_SVC64	ESR_ELx_EC_SVC64
#define ESR_EL1_EC_HVC64	ESR_ELx_EC_HVC64
#define ESR_EL1_EC_SMC64	ESR_ELx_EC_SMC64
#define ESR_EL1_EC_SYS64	ESR_ELx_EC_SYS64
#define ESR_EL1_EC_SVE		ESR_ELx_EC_SVE
#define ESR_EL1_EC_IABT_EL0	ESR_ELx_EC_IABT_LOW
#define ESR_EL1_EC_IABT_EL1	ESR_ELx_EC_IABT_CUR
#define ESR_EL1_EC_PC_ALIGN	ESR_ELx_EC_PC_ALIGN
#define ESR_EL1_EC_DABT_EL0	ESR_ELx_EC_DABT_LOW
#define ESR_EL1_EC_DABT_EL1	ESR_ELx_EC_DABT_CUR
#define ESR_EL1_EC_SP_ALIGN	ESR_ELx_EC_SP_ALIGN
#define ESR_EL1_EC_FP_EXC64	ESR_ELx_EC_FP_EXC64
#define ESR_EL1_EC_SERROR	ESR_ELx_EC_SERROR
#define ESR_EL1_EC_BREAKPT_EL0	ESR_ELx_EC_BREAKPT_LOW
#define ESR_EL1_EC_BREAKPT_EL1	ESR_ELx_EC_BREAKPT_CUR
#define ESR_EL1_EC_SOFTSTP_EL0	ESR_ELx_EC_SOFTSTP_LOW
#define ESR_EL1_EC_SOFTSTP_EL1	ESR_ELx_EC_SOFTSTP_CUR
#define ESR_EL1_EC_WATCHPT_EL0	ESR_ELx_EC_WATCHPT_LOW
#define ESR_EL1_EC_WATCHPT_EL1	ESR_ELx_EC_WATCHPT_CUR
#define ESR_EL1_EC_BRK64	ESR_ELx_EC_BRK64

#endif /* _ASM_ARM64_ESR_H_ */
