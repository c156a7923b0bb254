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
#define GICD_CTLR_nASSGIreq		(1U << 8)	/* SGIs without an active state (GICv4.1) */
#define GICD_CTLR_ENABLE_G1A		(1U << 1)
#define GICD_CTLR_ENABLE_G1		(1U << 0)
#define GICD_TYPER2			0x000c
#define GICD_TYPER2_nASSGIcap		(1U << 8)	/* SGIs can be delivered without an active state */
#define GICD_TYPER_LPIS			(1U << 17)
#define GICD_TYPER_IDBITS(typer)	((((typer) >> 19) & 0x1f) + 1)
#define GICD_IROUTER			0x6000

#define GICR_CTLR			0x0000
#define GICR_IIDR			0x0004
#define GICR_TYPER			0x0008
#define GICR_WAKER			0x0014
#define GICR_CTLR_RWP			(1U << 3)
#define GICR_CTLR_ENABLE_LPIS		(1U << 0)
#define GICR_PROPBASER			0x0070
#define GICR_PENDBASER			0x0078
#define GICR_PENDBASER_PTZ		(1ULL << 62)	/* the pending table is zero: no need to scan it */
#define GICR_TYPER_PLPIS		(1U << 0)
#define GICR_TYPER_PROC_NUM(typer)	(((typer) >> 8) & 0xffff)
/* Table attributes of GICR_PROPBASER/PENDBASER and GITS_BASER/CBASER: inner shareable, write-back. */
#define GIC_BASER_INNER_WB		(7UL << 7)
#define GIC_BASER_INNER_SHAREABLE	(1UL << 10)

#define LPI_ID_BASE			8192
#define LPI(n)				((n) + LPI_ID_BASE)
#define LPI_OFFSET(intid)		((intid) - LPI_ID_BASE)
#define LPI_PROP_ENABLED		(1 << 0)
#define LPI_PROP_GROUP1			(1 << 1)	/* RES1 in the configuration byte */
#define LPI_PROP_DEFAULT_PRIO		0xa0
#define LPI_PROP_DEFAULT		(LPI_PROP_DEFAULT_PRIO | LPI_PROP_GROUP1 | LPI_PROP_ENABLED)
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
