/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/page.h - riscv64 page size, the geometry of Sv39/Sv48 page tables and
 * the address conversions: the MMU maps RAM one to one, so virtual and
 * physical addresses are the same.
 */
#ifndef _ASM_RISCV64_PAGE_H_
#define _ASM_RISCV64_PAGE_H_

#include "config.h"

#define PAGE_SHIFT		CONFIG_PAGE_SHIFT
#include "asm-generic/page.h"

/* Every level of an Sv39/Sv48 table resolves 9 bits with 8-byte entries. */
#define PT_LEVEL_BITS		9
#define PT_ENTRIES		(1 << PT_LEVEL_BITS)
/* What one entry of level lvl spans (level 0 maps pages, level 2 gigapages). */
#define PT_LEVEL_SHIFT(lvl)	(PAGE_SHIFT + (lvl) * PT_LEVEL_BITS)

#endif /* _ASM_RISCV64_PAGE_H_ */
