/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/arch_gicv3.h - the GICv3 CPU interface's system registers in
 * AArch32 (cp15), under their AArch64 names so that the GICv3 code arm and
 * arm64 share reads them with read_sysreg(ICC_IAR1_EL1) and so on. Included
 * by asm/gic-v3.h.
 */
#ifndef _ASM_ARM_ARCH_GICV3_H_
#define _ASM_ARM_ARCH_GICV3_H_

#ifndef __ASSEMBLER__
#include "asm/sysreg.h"

DEFINE_CP15_32(ICC_PMR_EL1, 0, c4, c6, 0)	/* ICC_PMR */
DEFINE_CP15_32(ICC_RPR_EL1, 0, c12, c11, 3)	/* ICC_RPR */
DEFINE_CP15_64(ICC_SGI1R_EL1, 0, c12)		/* ICC_SGI1R */
DEFINE_CP15_32(ICC_IAR1_EL1, 0, c12, c12, 0)	/* ICC_IAR1 */
DEFINE_CP15_32(ICC_EOIR1_EL1, 0, c12, c12, 1)	/* ICC_EOIR1 */
DEFINE_CP15_32(ICC_HPPIR1_EL1, 0, c12, c12, 2)	/* ICC_HPPIR1 */
DEFINE_CP15_32(ICC_BPR1_EL1, 0, c12, c12, 3)	/* ICC_BPR1 */
DEFINE_CP15_32(ICC_CTLR_EL1, 0, c12, c12, 4)	/* ICC_CTLR */
DEFINE_CP15_32(ICC_SRE_EL1, 0, c12, c12, 5)	/* ICC_SRE */
DEFINE_CP15_32(ICC_IGRPEN1_EL1, 0, c12, c12, 7)	/* ICC_IGRPEN1 */
#endif

#endif /* _ASM_ARM_ARCH_GICV3_H_ */
