/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/mmu.h - the identity map (arm64: VMSAv8-64, arm: LPAE, both with the same
 * descriptors): RAM as normal cacheable memory, device
 * regions as Device-nGnRnE. setup.c turns it on before main(); a test may
 * turn it off (mmu_disable) to run with every access uncached, and on
 * again (mmu_enable(mmu_idmap)).
 */
#ifndef _ASM_ARM64_MMU_H_
#define _ASM_ARM64_MMU_H_

#include "libcflat.h"
#include "asm/page.h"
#include "asm/pgtable-hwdef.h"
#include "asm/io.h"

/* The boot identity map. */
extern pgd_t *mmu_idmap;

/* Build the identity map from mem_regions and turn the MMU on (setup.c). */
extern void setup_mmu(void);
extern void mmu_enable(pgd_t *pgtable);
/* Clean the data cache to memory for all RAM first, so nothing written is lost. */
extern void mmu_disable(void);
extern bool mmu_enabled(void);
/* Per CPU: whether its MMU is on; for code that may run at EL0, which cannot read SCTLR_EL1. */
extern bool mmu_on[];

/* Identity-map [phys, phys + size) in pgtable with attributes prot (PROT_*). */
extern void mmu_map_range(pgd_t *pgtable, phys_addr_t phys, u64 size, pteval_t prot);
/*
 * Map size bytes at virtual va to phys (both page aligned alike): for memory outside the identity map.
 * va must not be mapped already (no TLB maintenance is done).
 */
extern void mmu_map_va(pgd_t *pgtable, uintptr_t va, phys_addr_t phys, u64 size, pteval_t prot);
/* Map a device's registers (Device-nGnRnE) in the identity map; returns its address. */
/* The last-level descriptor that maps va, or NULL when it is not mapped. */
extern pteval_t *mmu_get_pte(pgd_t *pgtable, uintptr_t va);
/* kvm-unit-tests' name for mmu_get_pte(): the descriptor mapping va (a block or a page), or NULL */
#define follow_pte(pgtable, va)		mmu_get_pte((pgd_t *)(pgtable), (uintptr_t)(va))
/* Take EL0's access away from the page or block holding va (so EL1 may execute it with SCTLR_EL1.WXN). */
extern void mmu_clear_user(pgd_t *pgtable, unsigned long va);
/* Tell the locks a CPU runs with the MMU off (or on again), e.g. one about to be started by the test. */
extern void mmu_mark_disabled(int cpu);
extern void mmu_mark_enabled(int cpu);
extern void flush_tlb_all(void);
extern void flush_tlb_page(uintptr_t va);

/* Data cache maintenance to the point of coherency, by address range. */
extern void dcache_clean_inval_poc(uintptr_t start, uintptr_t end);
extern void dcache_inval_poc(uintptr_t start, uintptr_t end);
extern void dcache_clean_poc(uintptr_t start, uintptr_t end);

#endif /* _ASM_ARM64_MMU_H_ */
