/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/arch_gicv3.h - the GICv3 CPU interface's system registers on arm64,
 * by their encodings so any assembler takes them: read_sysreg(ICC_IAR1_EL1)
 * and so on (asm/sysreg.h). Included by asm/gic-v3.h.
 */
#ifndef _ASM_ARM64_ARCH_GICV3_H_
#define _ASM_ARM64_ARCH_GICV3_H_

#define ICC_PMR_EL1			S3_0_C4_C6_0
#define ICC_RPR_EL1			S3_0_C12_C11_3
#define ICC_SGI1R_EL1			S3_0_C12_C11_5
#define ICC_IAR1_EL1			S3_0_C12_C12_0
#define ICC_EOIR1_EL1			S3_0_C12_C12_1
#define ICC_HPPIR1_EL1			S3_0_C12_C12_2
#define ICC_BPR1_EL1			S3_0_C12_C12_3
#define ICC_CTLR_EL1			S3_0_C12_C12_4
#define ICC_SRE_EL1			S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1			S3_0_C12_C12_7

#endif /* _ASM_ARM64_ARCH_GICV3_H_ */
