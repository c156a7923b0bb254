/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/pgtable-hwdef.h - what the hardware defines for stage 1 translation
 * tables (VMSAv8-64): descriptor bits, memory attributes and the MAIR_EL1
 * value behind their indexes.
 */
#ifndef _ASM_ARM64_PGTABLE_HWDEF_H_
#define _ASM_ARM64_PGTABLE_HWDEF_H_

#include "asm/page.h"

/* MAIR_EL1 attribute indexes, and the attributes behind them. */
#define MT_DEVICE_nGnRnE	0
#define MT_DEVICE_nGnRE		1
#define MT_DEVICE_GRE		2
#define MT_NORMAL_NC		3
#define MT_NORMAL		4
#define MT_NORMAL_TAGGED	5	/* Normal write-back with allocation tags (FEAT_MTE2; else unused) */
#define MAIR_NORMAL_TAGGED	(0xf0UL << (8 * MT_NORMAL_TAGGED))
#define MAIR_VALUE		(0x00UL << (8 * MT_DEVICE_nGnRnE) | 0x04UL << (8 * MT_DEVICE_nGnRE) | \
				 0x0cUL << (8 * MT_DEVICE_GRE) | 0x44UL << (8 * MT_NORMAL_NC) | \
				 0xffUL << (8 * MT_NORMAL))

/* Translation table descriptor bits (VMSAv8-64, stage 1). */
#define PTE_VALID		(1UL << 0)
#define PTE_TABLE		(1UL << 1)	/* a table at levels 0-2, a page at level 3; clear: a block */
#define PTE_TABLE_BIT		PTE_TABLE
#define PTE_ATTRINDX(mt)	((u64)(mt) << 2)
#define PTE_ATTRINDX_MASK	(7UL << 2)
#define PTE_USER		(1UL << 6)	/* AP[1]: EL0 may access */
#define PTE_RDONLY		(1UL << 7)	/* AP[2] */
#define PTE_SHARED		(3UL << 8)	/* inner shareable */
#define PTE_AF			(1UL << 10)
#define PTE_NG			(1UL << 11)
#define PTE_PXN			(1UL << 53)
#define PTE_UXN			(1UL << 54)
#define PTE_ADDR_MASK		(((1UL << 48) - 1) & PAGE_MASK)
/* Everything but the output address and the type bits: what a mapping's attributes are. */
#define PTE_ATTR_MASK		(~(PTE_ADDR_MASK | PTE_VALID | PTE_TABLE))

/*
 * The identity map's attributes. Everything is reachable from EL0 (for
 * start_usr); memory EL0 may write is never executable at EL1 (the
 * architecture's rule), so the image's code is mapped read-only instead.
 */
#define PROT_NORMAL		(PTE_ATTRINDX(MT_NORMAL) | PTE_SHARED | PTE_AF | PTE_USER)
#define PROT_CODE		(PROT_NORMAL | PTE_RDONLY)
#define PROT_DEVICE		(PTE_ATTRINDX(MT_DEVICE_nGnRnE) | PTE_AF | PTE_PXN | PTE_UXN | PTE_USER)

#endif /* _ASM_ARM64_PGTABLE_HWDEF_H_ */
