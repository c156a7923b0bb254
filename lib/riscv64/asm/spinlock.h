/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/spinlock.h - riscv64's lock is the generic test-and-set one: AMOs
 * work on main memory whether paging is on or not (atomicity is a property
 * of the physical memory, not of the translation).
 */
#ifndef _ASM_RISCV64_SPINLOCK_H_
#define _ASM_RISCV64_SPINLOCK_H_
#include "asm-generic/spinlock.h"
#endif /* _ASM_RISCV64_SPINLOCK_H_ */
