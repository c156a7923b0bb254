/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm-generic/page.h - the page-size helpers and address conversions of an
 * arch that identity-maps RAM: virtual and physical addresses are equal.
 * An arch's asm/page.h defines PAGE_SHIFT and includes this.
 */
#ifndef _ASM_GENERIC_PAGE_H_
#define _ASM_GENERIC_PAGE_H_

#ifdef __ASSEMBLER__
#define PAGE_SIZE		(1 << PAGE_SHIFT)
#else
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#endif
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)

#ifndef __ASSEMBLER__
#include "libcflat.h"

typedef u64 pteval_t;
typedef u64 pgd_t;

static inline phys_addr_t virt_to_phys(const void *virt)
{
	return (phys_addr_t)(uintptr_t)virt;
}

static inline void *phys_to_virt(phys_addr_t phys)
{
	return (void *)(uintptr_t)phys;
}

#define virt_to_pfn(virt)	(virt_to_phys(virt) >> PAGE_SHIFT)
#define pfn_to_virt(pfn)	phys_to_virt((phys_addr_t)(pfn) << PAGE_SHIFT)
#endif

#endif /* _ASM_GENERIC_PAGE_H_ */
