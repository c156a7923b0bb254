/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/memory_areas.h - arm and arm64 have no memory that only some devices can
 * reach, so the page allocator has one area covering all of RAM.
 */
#ifndef _ASM_ARM64_MEMORY_AREAS_H_
#define _ASM_ARM64_MEMORY_AREAS_H_

#include "asm-generic/memory_areas.h"

#endif /* _ASM_ARM64_MEMORY_AREAS_H_ */
