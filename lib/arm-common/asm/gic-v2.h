/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/gic-v2.h - GICv2 registers: the distributor's SGI and target
 * registers, and the memory-mapped CPU interface (GICC). Include asm/gic.h.
 */
#ifndef _ASM_ARM64_GIC_V2_H_
#define _ASM_ARM64_GIC_V2_H_

#define GICD_ITARGETSR			0x0800
#define GICD_SGIR			0x0f00
#define GICD_ENABLE			0x1
#define GICD_SGIR_TARGET_SHIFT		16	/* CPU target list, one bit per CPU interface */
#define GICD_SGIR_FILTER_SHIFT		24	/* 0: the list, 1: all but the sender, 2: the sender */

#define GICC_CTLR			0x0000
#define GICC_PMR			0x0004
#define GICC_BPR			0x0008
#define GICC_IAR			0x000c
#define GICC_EOIR			0x0010
#define GICC_RPR			0x0014
#define GICC_HPPIR			0x0018
#define GICC_ENABLE			0x1
#define GICC_IAR_INT_ID_MASK		0x3ff
#define GICC_IAR_CPUID_SHIFT		10	/* an SGI's sender, bits 12:10 */
#define GICC_IAR_CPUID_MASK		0x7

/* A GICv2 has at most 8 CPU interfaces. */
#define GICV2_MAX_CPUS			8

#endif /* _ASM_ARM64_GIC_V2_H_ */
