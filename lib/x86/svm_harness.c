/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * svm_harness.c - the nested SVM test harness: for each struct svm_test,
 * a fresh identity VMCB, the guest function on a stack of its own, the
 * VMRUN loop with the test's exit handler, and the verdict (svm_lib.h).
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "svm_lib.h"

/* A guest still running after this many exits fails its test instead of hanging the run. */
#define SVM_MAX_EXITS	1000
#define GUEST_STACK_ORDER	2

static void *guest_stack;

/* The guest's first frame: the test's function, then VMMCALL until the harness stops running it. */
static void __attribute__((noreturn)) svm_guest_main(struct svm_test *test)
{
	test->guest_func(test);
	test->guest_done = true;
	for (;;)
		vmmcall();
}

bool default_finished(struct svm_test *test)
{
	u64 code = vmcb->control.exit_code;

	if (code == SVM_EXIT_VMMCALL) {
		svm_skip_insn(3);
		return test->guest_done;
	}
	report_fail("unexpected exit %#" PRIx64 " (%s), exit_info_1 %#" PRIx64 ", exit_info_2 %#" PRIx64 ", rip %#"
		    PRIx64, code, svm_exit_name(code) ?: "?", vmcb->control.exit_info_1, vmcb->control.exit_info_2,
		    vmcb->save.rip);
	return true;
}

void svm_setup_vmrun(u64 rip)
{
	u64 *top = (u64 *)((u8 *)guest_stack + (PAGE_SIZE << GUEST_STACK_ORDER));

	vmcb_ident(vmcb);
	memset(&svm_regs, 0, sizeof(svm_regs));
	/* As if called: the return address slot below a 16-byte aligned top (a return would fault at 0). */
	top[-1] = 0;
	vmcb->save.rsp = (u64)&top[-1];
	vmcb->save.rip = rip;
}

static void run_one(struct svm_test *test)
{
	report_prefix_push(test->name);
	svm_unsupported_reason = NULL;
	if (test->supported && !test->supported()) {
		report_skip("%s", svm_unsupported_reason ?: "not supported here");
		report_prefix_pop();
		return;
	}
	if (test->v2) {
		test->v2();
		report_prefix_pop();
		return;
	}
	svm_setup_vmrun((u64)svm_guest_main);
	svm_regs.rdi = (u64)test;
	test->exits = 0;
	test->stage = 0;
	test->guest_done = false;
	if (test->prepare)
		test->prepare(test);
	for (;;) {
		svm_vmrun();
		test->exits++;
		if ((test->finished ?: default_finished)(test))
			break;
		if (test->exits >= SVM_MAX_EXITS) {
			report_fail("still running after %d exits (last %s)", test->exits,
				    svm_exit_name(vmcb->control.exit_code) ?: "?");
			break;
		}
	}
	if (test->succeeded)
		report(test->succeeded(test), "%s", test->name);
	report_prefix_pop();
}

static bool selected(const char *name, int ac, char **av)
{
	bool any_positive = false;
	int i;

	for (i = 1; i < ac; i++) {
		if (av[i][0] == '-') {
			if (!strcmp(av[i] + 1, name))
				return false;
			continue;
		}
		any_positive = true;
		if (!strcmp(av[i], name))
			return true;
	}
	return !any_positive;
}

int run_svm_tests(int ac, char **av, struct svm_test *tests)
{
	int i;

	report_prefix_push("svm");
	if (!svm_supported()) {
		report_skip("SVM (CPUID 0x80000001 ECX[2]) not supported by this CPU%s",
			    this_cpu_has(X86_FEATURE_SVM) ? " (disabled in VM_CR)" : "");
		report_prefix_pop();
		return report_summary();
	}
	setup_svm();
	guest_stack = alloc_pages(GUEST_STACK_ORDER);
	assert_msg(guest_stack, "svm: no memory for the guest stack");
	for (i = 0; tests[i].name; i++) {
		if (selected(tests[i].name, ac, av))
			run_one(&tests[i]);
	}
	report_prefix_pop();
	return report_summary();
}
