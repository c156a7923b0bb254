/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm-generic/memory_areas.h - the single area of an architecture whose
 * memory has no parts that only some devices can reach (arm64, ppc64).
 * An arch's asm/memory_areas.h may simply include this file.
 */
#ifndef _ASM_GENERIC_MEMORY_AREAS_H_
#define _ASM_GENERIC_MEMORY_AREAS_H_

#define AREA_NORMAL_PFN		0
#define AREA_NORMAL_NUMBER	0
#define AREA_NORMAL		(1 << AREA_NORMAL_NUMBER)

#define MAX_AREAS		1

#define AREA_FIRST_PFNS		{ AREA_NORMAL_PFN }

#endif /* _ASM_GENERIC_MEMORY_AREAS_H_ */
