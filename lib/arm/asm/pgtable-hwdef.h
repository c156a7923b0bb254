/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/pgtable-hwdef.h - what the architecture defines for the
 * long-descriptor (LPAE) stage 1 translation tables: descriptor bits,
 * memory attributes and the MAIR0/MAIR1 values behind their indexes. The
 * bits are those of arm64's VMSAv8-64, which grew out of this format.
 */
#ifndef _ASM_ARM_PGTABLE_HWDEF_H_
#define _ASM_ARM_PGTABLE_HWDEF_H_

#include "asm/page.h"

/* MAIR attribute indexes (0-3 in MAIR0, 4-7 in MAIR1), and the attributes behind them. */
#define MT_DEVICE_nGnRnE	0	/* Strongly-ordered */
#define MT_DEVICE_nGnRE		1	/* Device */
#define MT_DEVICE_GRE		2
#define MT_NORMAL_NC		3
#define MT_NORMAL		4
#define MAIR0_VALUE		(0x00U << (8 * MT_DEVICE_nGnRnE) | 0x04U << (8 * MT_DEVICE_nGnRE) | \
				 0x0cU << (8 * MT_DEVICE_GRE) | 0x44U << (8 * MT_NORMAL_NC))
#define MAIR1_VALUE		(0xffU << (8 * (MT_NORMAL - 4)))

/* Descriptor bits (long-descriptor format, stage 1). */
#define PTE_VALID		(1ULL << 0)
#define PTE_TABLE		(1ULL << 1)	/* a table at levels 1-2, a page at level 3; clear: a block */
#define PTE_TABLE_BIT		PTE_TABLE
#define PTE_ATTRINDX(mt)	((u64)(mt) << 2)
#define PTE_ATTRINDX_MASK	(7ULL << 2)
#define PTE_USER		(1ULL << 6)	/* AP[1]: PL0 may access */
#define PTE_RDONLY		(1ULL << 7)	/* AP[2] */
#define PTE_SHARED		(3ULL << 8)	/* inner shareable */
#define PTE_AF			(1ULL << 10)
#define PTE_NG			(1ULL << 11)
#define PTE_PXN			(1ULL << 53)
#define PTE_UXN			(1ULL << 54)	/* XN */
#define PTE_ADDR_MASK		(((1ULL << 40) - 1) & ~(u64)(PAGE_SIZE - 1))
/* Everything but the output address and the type bits: what a mapping's attributes are. */
#define PTE_ATTR_MASK		(~(PTE_ADDR_MASK | PTE_VALID | PTE_TABLE))

/*
 * The identity map's attributes, as on arm64: code and constants
 * read-only, RAM read-write, devices never executable. Nothing runs at PL0
 * on arm, so no PL0 access is given.
 */
#define PROT_NORMAL		(PTE_ATTRINDX(MT_NORMAL) | PTE_SHARED | PTE_AF)
#define PROT_CODE		(PROT_NORMAL | PTE_RDONLY)
#define PROT_DEVICE		(PTE_ATTRINDX(MT_DEVICE_nGnRnE) | PTE_AF | PTE_PXN | PTE_UXN)

#endif /* _ASM_ARM_PGTABLE_HWDEF_H_ */
