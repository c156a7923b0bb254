/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fault_test.h - table-driven fault checks (kvm-unit-tests' names): a
 * struct fault_test names a function, its four arguments, the CPL it runs
 * at and the vector it is expected to raise (or not); test_run() runs it
 * and reports one line under the test's name.
 */
#ifndef _X86_FAULT_TEST_H_
#define _X86_FAULT_TEST_H_

#include "libcflat.h"
#include "msr.h"
#include "processor.h"
#include "apic-defs.h"
#include "apic.h"
#include "desc.h"
#include "isr.h"
#include "alloc.h"
#include "setjmp.h"
#include "usermode.h"

#define FAULT_TEST(nm, a...)	{ .name = nm, .arg = a }	/* a... : a braced initialiser may hold commas */

struct fault_test_arg;

typedef u64 (*test_fault_func)(u64 arg1, u64 arg2, u64 arg3, u64 arg4);
/* Checks the return value (retval) of a run that did not fault; true: as expected. */
typedef bool (*test_fault_callback)(struct fault_test_arg *arg);

struct fault_test_arg {
	bool usermode;			/* run func at CPL 3 */
	unsigned int fault_vector;	/* the vector that counts as the fault */
	bool should_fault;
	u64 arg[4];
	u64 retval;			/* func's return value, when it did not fault */
	test_fault_func func;
	test_fault_callback callback;	/* NULL: a run without the fault passes */
};

struct fault_test {
	const char *name;
	struct fault_test_arg arg;
};

/*
 * Run test->arg.func and report whether the outcome is the expected one:
 * the fault when should_fault, else no fault and callback's approval.
 */
extern void test_run(struct fault_test *test);

#endif /* _X86_FAULT_TEST_H_ */
