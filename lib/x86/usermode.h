/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * usermode.h - run a function at CPL 3 (kvm-unit-tests' names): the
 * function gets up to four arguments, runs on a stack of its own with
 * the user code and data selectors, and its return value comes back;
 * an exception of the vector the caller expects ends it instead.
 */
#ifndef _X86_USERMODE_H_
#define _X86_USERMODE_H_

#include "libcflat.h"
#include "desc.h"
#include "processor.h"
/* What kvm-unit-tests' usermode.h brings along, for tests that include only it. */
#include "msr.h"
#include "apic.h"
#include "isr.h"
#include "alloc.h"
#include "setjmp.h"

typedef u64 (*usermode_func)(void);

/*
 * Call func(arg1, arg2, arg3, arg4) at CPL 3 and return its value. If it
 * raises fault_vector, ex_handler (when not NULL) gets the registers,
 * *raised_vector is set and 0 is returned; otherwise *raised_vector is
 * cleared. Other exceptions are unexpected, as anywhere else.
 */
extern u64 run_in_user_ex(usermode_func func, unsigned int fault_vector, u64 arg1, u64 arg2, u64 arg3, u64 arg4,
			  bool *raised_vector, handler ex_handler);

static inline u64 run_in_user(usermode_func func, unsigned int fault_vector, u64 arg1, u64 arg2, u64 arg3,
			      u64 arg4, bool *raised_vector)
{
	return run_in_user_ex(func, fault_vector, arg1, arg2, arg3, arg4, raised_vector, NULL);
}

#endif /* _X86_USERMODE_H_ */
