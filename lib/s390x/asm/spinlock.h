/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/spinlock.h - s390x's lock is the generic test-and-set one (compare
 * and swap through the compiler's atomics, with DAT on or off).
 */
#ifndef _ASM_S390X_SPINLOCK_H_
#define _ASM_S390X_SPINLOCK_H_
#include "asm-generic/spinlock.h"
#endif /* _ASM_S390X_SPINLOCK_H_ */
