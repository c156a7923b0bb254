/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/page.h - x86 page sizes, page-table entry bits, and the
 * virtual/physical conversions (identity mapping: they are the same).
 */
#ifndef _ASM_X86_PAGE_H_
#define _ASM_X86_PAGE_H_

#define PAGE_SHIFT		12
#include "asm-generic/page.h"
#define LARGE_PAGE_SIZE		(1 << 21)

#define PT_PRESENT_MASK		(1 << 0)
#define PT_WRITABLE_MASK	(1 << 1)
#define PT_USER_MASK		(1 << 2)
#define PT_PWT_MASK		(1 << 3)
#define PT_PCD_MASK		(1 << 4)
#define PT_ACCESSED_MASK	(1 << 5)
#define PT_DIRTY_MASK		(1 << 6)
#define PT_PAGE_SIZE_MASK	(1 << 7)
#define PT_GLOBAL_MASK		(1 << 8)
#define PT64_NX_MASK		(1ull << 63)
#define PT_ADDR_MASK		GENMASK_ULL(51, 12)

#define PT_LEVEL_BITS		9
#define PT_ENTRIES		(1 << PT_LEVEL_BITS)

#ifndef __ASSEMBLER__
#include "bitops.h"
#endif

#endif /* _ASM_X86_PAGE_H_ */
