/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * linux/compiler.h - the compiler helpers tests borrow from the Linux
 * kernel: a compiler barrier, function attributes, and READ_ONCE /
 * WRITE_ONCE for a variable another CPU or an interrupt handler changes.
 */
#ifndef _LINUX_COMPILER_H_
#define _LINUX_COMPILER_H_

#include "libcflat.h"

#define barrier()		asm volatile("" : : : "memory")
#define noinline		__attribute__((__noinline__))
#define __noinline		noinline
#define __used			__attribute__((__used__))
#define __maybe_unused		__attribute__((__unused__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __section(s)		__attribute__((__section__(s)))
#define fallthrough		__attribute__((__fallthrough__))

/* One access of exactly the object's size, which the compiler may neither split, merge nor drop. */
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)

#endif /* _LINUX_COMPILER_H_ */
