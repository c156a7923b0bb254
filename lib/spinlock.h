/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * spinlock.h - struct spinlock, spin_lock() and spin_unlock(); the arch
 * provides them in <asm/spinlock.h>.
 */
#ifndef _SPINLOCK_H_
#define _SPINLOCK_H_

#include <asm/spinlock.h>

#endif /* _SPINLOCK_H_ */
