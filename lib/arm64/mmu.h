/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmu.h - the arm64 identity map: RAM as normal cacheable memory, device
 * regions as Device-nGnRnE. setup.c turns it on before main(); a test may
 * turn it off (mmu_disable) to run with every access uncached, and on
 * again (mmu_enable(mmu_idmap)).
 */
#ifndef _ARM64_MMU_H_
#define _ARM64_MMU_H_

#include "libcflat.h"
#include "asm/page.h"

/* MAIR_EL1 attribute indexes, and the attributes behind them. */
#define MT_DEVICE_nGnRnE	0
#define MT_DEVICE_nGnRE		1
#define MT_DEVICE_GRE		2
#define MT_NORMAL_NC		3
#define MT_NORMAL		4
#define MAIR_VALUE		(0x00UL << (8 * MT_DEVICE_nGnRnE) | 0x04UL << (8 * MT_DEVICE_nGnRE) | \
				 0x0cUL << (8 * MT_DEVICE_GRE) | 0x44UL << (8 * MT_NORMAL_NC) | \
				 0xffUL << (8 * MT_NORMAL))

/* Translation table descriptor bits (VMSAv8-64, stage 1). */
#define PTE_VALID		(1UL << 0)
#define PTE_TABLE		(1UL << 1)	/* a table at levels 0-2, a page at level 3; clear: a block */
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

#define PROT_NORMAL		(PTE_ATTRINDX(MT_NORMAL) | PTE_SHARED | PTE_AF)
#define PROT_DEVICE		(PTE_ATTRINDX(MT_DEVICE_nGnRnE) | PTE_AF | PTE_PXN | PTE_UXN)

/* The boot identity map. */
extern pgd_t *mmu_idmap;

/* Build the identity map from mem_regions and turn the MMU on (setup.c). */
extern void setup_mmu(void);
extern void mmu_enable(pgd_t *pgtable);
/* Clean the data cache to memory for all RAM first, so nothing written is lost. */
extern void mmu_disable(void);
extern bool mmu_enabled(void);

/* Identity-map [phys, phys + size) in pgtable with attributes prot (PROT_*). */
extern void mmu_map_range(pgd_t *pgtable, phys_addr_t phys, u64 size, pteval_t prot);
/* Map a device's registers (Device-nGnRnE) in the identity map; returns its address. */
extern void *ioremap(phys_addr_t phys, size_t size);
/* The last-level descriptor that maps va, or NULL when it is not mapped. */
extern pteval_t *mmu_get_pte(pgd_t *pgtable, uintptr_t va);
extern void flush_tlb_all(void);
extern void flush_tlb_page(uintptr_t va);

/* Data cache maintenance to the point of coherency, by address range. */
extern void dcache_clean_inval_poc(uintptr_t start, uintptr_t end);
extern void dcache_inval_poc(uintptr_t start, uintptr_t end);
extern void dcache_clean_poc(uintptr_t start, uintptr_t end);

#endif /* _ARM64_MMU_H_ */
