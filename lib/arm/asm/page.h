/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/page.h - arm's 4 KiB pages, the LPAE translation-table geometry, and
 * the virtual/physical conversions: the MMU maps RAM one to one, so they
 * are the same (RAM and devices are below 4 GiB on virt).
 */
#ifndef _ASM_ARM_PAGE_H_
#define _ASM_ARM_PAGE_H_

#include "config.h"

#define PAGE_SHIFT		CONFIG_PAGE_SHIFT
#include "asm-generic/page.h"

/*
 * 32-bit virtual addresses through TTBR0 (TTBCR.T0SZ = 0), long
 * descriptors: level 1 has 4 entries of 1 GiB, levels 2 and 3 have 512 of
 * 2 MiB and 4 KiB (the numbering of arm64's 4k granule, without level 0).
 */
#define VA_BITS			32
#define PT_LEVEL_BITS		9
#define PT_ENTRIES		(1 << PT_LEVEL_BITS)
#define PT_ROOT_LEVEL		1
#define PT_ROOT_ENTRIES		4
#define PT_LEVEL_SHIFT(lvl)	(PAGE_SHIFT + (3 - (lvl)) * PT_LEVEL_BITS)

#endif /* _ASM_ARM_PAGE_H_ */
