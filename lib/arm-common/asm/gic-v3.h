/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/gic-v3.h - GICv3 registers: the distributor's affinity routing, the
 * redistributors (one per CPU: RD_base, then SGI_base 64 KiB above with the
 * SGI/PPI registers), and the CPU interface's system register fields
 * (ICC_*; asm/arch_gicv3.h says how each arch reaches the registers).
 * Include asm/gic.h.
 */
#ifndef _ASM_ARM64_GIC_V3_H_
#define _ASM_ARM64_GIC_V3_H_

#define GICD_CTLR_RWP			(1U << 31)	/* a register write is still taking effect */
#define GICD_CTLR_ARE_NS		(1U << 4)	/* affinity routing */
#define GICD_CTLR_ENABLE_G1A		(1U << 1)
#define GICD_CTLR_ENABLE_G1		(1U << 0)
#define GICD_IROUTER			0x6000

#define GICR_CTLR			0x0000
#define GICR_IIDR			0x0004
#define GICR_TYPER			0x0008
#define GICR_WAKER			0x0014
#define GICR_CTLR_RWP			(1U << 3)
#define GICR_TYPER_VLPIS		(1U << 1)	/* GICv4: two more 64 KiB frames per CPU */
#define GICR_TYPER_LAST			(1U << 4)	/* the last redistributor of its region */
#define GICR_TYPER_AFF_SHIFT		32
#define GICR_WAKER_ProcessorSleep	(1U << 1)
#define GICR_WAKER_ChildrenAsleep	(1U << 2)

#define GICR_SGI_OFFSET			0x10000
#define GICR_IGROUPR0			GICD_IGROUPR
#define GICR_ISENABLER0			GICD_ISENABLER
#define GICR_ICENABLER0			GICD_ICENABLER
#define GICR_ISPENDR0			GICD_ISPENDR
#define GICR_ICPENDR0			GICD_ICPENDR
#define GICR_ISACTIVER0			GICD_ISACTIVER
#define GICR_ICACTIVER0			GICD_ICACTIVER
#define GICR_IPRIORITYR0		GICD_IPRIORITYR
#define GICR_ICFGR0			GICD_ICFGR

/* The CPU interface's system registers, by the arch's names for read_sysreg()/write_sysreg(). */
#include "asm/arch_gicv3.h"

#define ICC_SRE_EL1_SRE			(1U << 0)
#define ICC_IAR1_EL1_INTID_MASK		0xffffff

/* ICC_SGI1R_EL1 fields. */
#define ICC_SGI1R_TARGET_LIST_MASK	0xffffUL
#define ICC_SGI1R_AFFINITY_1_SHIFT	16
#define ICC_SGI1R_SGI_ID_SHIFT		24
#define ICC_SGI1R_AFFINITY_2_SHIFT	32
#define ICC_SGI1R_RS_SHIFT		44
#define ICC_SGI1R_AFFINITY_3_SHIFT	48

#endif /* _ASM_ARM64_GIC_V3_H_ */
