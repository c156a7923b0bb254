/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/memory_areas.h - how x86 splits physical memory into allocator areas,
 * so that a test can ask for memory a device or a mode can reach (ISA DMA
 * below 16 MiB, 32-bit DMA below 4 GiB).
 *
 * Area numbers go from the highest memory (0) to the lowest; a request
 * tries the areas it allows in that order, so that scarce low memory is
 * used last. AREA_<X> is the mask bit of area number AREA_<X>_NUMBER and
 * AREA_<X>_PFN the first frame of that area.
 */
#ifndef _ASM_X86_MEMORY_AREAS_H_
#define _ASM_X86_MEMORY_AREAS_H_

#define AREA_NORMAL_PFN		(1ULL << (36 - 12))
#define AREA_NORMAL_NUMBER	0
#define AREA_NORMAL		(1 << AREA_NORMAL_NUMBER)

#define AREA_HIGH_PFN		(1ULL << (32 - 12))
#define AREA_HIGH_NUMBER	1
#define AREA_HIGH		(1 << AREA_HIGH_NUMBER)

#define AREA_LOW_PFN		(1ULL << (24 - 12))
#define AREA_LOW_NUMBER		2
#define AREA_LOW		(1 << AREA_LOW_NUMBER)

#define AREA_LOWEST_PFN		0
#define AREA_LOWEST_NUMBER	3
#define AREA_LOWEST		(1 << AREA_LOWEST_NUMBER)

#define AREA_DMA32		(AREA_LOWEST | AREA_LOW)

#define MAX_AREAS		4

/* First frame of each area number, indexed by number (highest memory first). */
#define AREA_FIRST_PFNS		{ AREA_NORMAL_PFN, AREA_HIGH_PFN, AREA_LOW_PFN, AREA_LOWEST_PFN }

#endif /* _ASM_X86_MEMORY_AREAS_H_ */
