/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/spinlock.h - ppc64's lock is the generic test-and-set one: real mode
 * is cacheable, so lwarx/stwcx. work with the MMU off.
 */
#ifndef _ASM_PPC64_SPINLOCK_H_
#define _ASM_PPC64_SPINLOCK_H_
#include "asm-generic/spinlock.h"
#endif /* _ASM_PPC64_SPINLOCK_H_ */
