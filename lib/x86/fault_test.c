/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fault_test.c - test_run(): one table entry of fault_test.h, at CPL 3
 * through run_in_user(), or at CPL 0 through test_for_exception().
 */
#include "fault_test.h"

static void call_fault_func(void *data)
{
	struct fault_test_arg *a = data;

	a->retval = a->func(a->arg[0], a->arg[1], a->arg[2], a->arg[3]);
}

static bool fault_test_passes(struct fault_test_arg *a)
{
	bool faulted;

	if (a->usermode) {
		/* run_in_user() passes the four arguments in the SysV registers; void (*)(void) is the generic cast. */
		u64 r = run_in_user((usermode_func)(void (*)(void))a->func, a->fault_vector,
				    a->arg[0], a->arg[1], a->arg[2], a->arg[3], &faulted);

		if (!faulted)
			a->retval = r;
	} else {
		faulted = test_for_exception(a->fault_vector, call_fault_func, a);
	}
	if (a->should_fault)
		return faulted;
	return !faulted && (!a->callback || a->callback(a));
}

void test_run(struct fault_test *test)
{
	report(fault_test_passes(&test->arg), "%s", test->name);
}
