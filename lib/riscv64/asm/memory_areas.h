/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/memory_areas.h - QEMU's riscv virt machine has no memory that only
 * some devices can reach, so the page allocator has one area for all RAM.
 */
#ifndef _ASM_RISCV64_MEMORY_AREAS_H_
#define _ASM_RISCV64_MEMORY_AREAS_H_

#include "asm-generic/memory_areas.h"

#endif /* _ASM_RISCV64_MEMORY_AREAS_H_ */
