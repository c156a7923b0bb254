/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/memory_areas.h - how s390x splits RAM into allocator areas, with the
 * names and numbers of kvm-unit-tests: AREA_NORMAL above 2 GiB and
 * AREA_LOW (= AREA_DMA31) below it, for what must be reachable with a
 * 31-bit address: the prefix register (a CPU's lowcore), SCCBs, 31-bit
 * channel I/O.
 *
 * Area numbers go from the highest memory (0) to the lowest; a request
 * tries the areas it allows in that order, so that the scarce memory below
 * 2 GiB is used last.
 */
#ifndef _ASM_S390X_MEMORY_AREAS_H_
#define _ASM_S390X_MEMORY_AREAS_H_

#define AREA_NORMAL_PFN		(1ULL << (31 - 12))
#define AREA_NORMAL_NUMBER	0
#define AREA_NORMAL		(1 << AREA_NORMAL_NUMBER)

#define AREA_LOW_PFN		0
#define AREA_LOW_NUMBER		1
#define AREA_LOW		(1 << AREA_LOW_NUMBER)

#define AREA_DMA31		AREA_LOW

#define MAX_AREAS		2

/* First frame of each area number, indexed by number (highest memory first). */
#define AREA_FIRST_PFNS		{ AREA_NORMAL_PFN, AREA_LOW_PFN }

#endif /* _ASM_S390X_MEMORY_AREAS_H_ */
