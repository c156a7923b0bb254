/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/page.h - arm64 page size (chosen by ./configure --page-size), the
 * translation-table geometry that follows from it, and the virtual/physical
 * conversions: the MMU maps RAM one to one, so they are the same.
 */
#ifndef _ASM_ARM64_PAGE_H_
#define _ASM_ARM64_PAGE_H_

#include "config.h"

#define PAGE_SHIFT		CONFIG_PAGE_SHIFT
#include "asm-generic/page.h"

/* Virtual and physical addresses are the same (an identity map): kvm-unit-tests' names. */
#define __pa(x)			virt_to_phys((const void *)(x))
#define __va(x)			phys_to_virt((phys_addr_t)(x))

/*
 * 48-bit virtual addresses through TTBR0. Each level resolves
 * PAGE_SHIFT - 3 bits; the root level is whatever is left at the top:
 * 4k pages walk levels 0..3, 16k levels 0..3 (two root entries), 64k
 * levels 1..3 (64 root entries).
 */
#define VA_BITS			48
#define PT_LEVEL_BITS		(PAGE_SHIFT - 3)
#define PT_ENTRIES		(1 << PT_LEVEL_BITS)
#define PT_LEVELS		((VA_BITS - PAGE_SHIFT + PT_LEVEL_BITS - 1) / PT_LEVEL_BITS)
#define PT_ROOT_LEVEL		(4 - PT_LEVELS)
/* Bits of the address that index a table of level lvl, and what one entry spans. */
#define PT_LEVEL_SHIFT(lvl)	(PAGE_SHIFT + (3 - (lvl)) * PT_LEVEL_BITS)

#endif /* _ASM_ARM64_PAGE_H_ */
