/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmx_harness.c - the nested VMX test harness: VMX operation entered once,
 * then for each struct vmx_test a fresh VMCS (vmx_vmcs_init), and the test
 * function, which sets controls, enters the guest with vmx_enter_guest()
 * and checks each exit (vmx_lib.h).
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "vmx_lib.h"

#define GUEST_STACK_ORDER	2

extern int vmx_enter(struct vmx_gprs *gprs, int launched);

static void *guest_stack;
static void (*guest_fn)(void);

/* The guest's first frame: the test's function, then VMCALL until the host stops entering it. */
static void __attribute__((noreturn)) vmx_guest_main(void)
{
	guest_fn();
	for (;;)
		vmcall();
}

void vmx_set_guest(void (*fn)(void))
{
	u64 *top = (u64 *)((u8 *)guest_stack + (PAGE_SIZE << GUEST_STACK_ORDER));

	guest_fn = fn;
	/* As if called: a return address slot below a 16-byte aligned top (a return would fault at 0). */
	top[-1] = 0;
	vmcs_write(GUEST_RSP, (u64)&top[-1]);
	vmcs_write(GUEST_RIP, (u64)vmx_guest_main);
}

int vmx_enter_guest(void)
{
	int r = vmx_enter(&vmx_regs, vmx_launched);

	/* A VM entry that failed on guest state leaves the VMCS not launched. */
	if (r == VMX_OK && !(vmcs_read(EXI_REASON) & VMX_EXIT_REASON_FAILED_ENTRY))
		vmx_launched = true;
	return r;
}

bool vmx_run_expect(u32 reason)
{
	int r = vmx_enter_guest();
	u32 got;

	if (r != VMX_OK) {
		report_fail("VM entry: %s, error %" PRIu64, vmx_result_name(r),
			    r == VMX_FAIL_VALID ? vmcs_read(VMX_INST_ERROR) : 0);
		return false;
	}
	got = vmx_exit_reason();
	if (got == reason)
		return true;
	report_fail("exit %#x (%s), expected %u (%s); qualification %#" PRIx64 ", guest rip %#" PRIx64
		    ", interruption info %#" PRIx64, got, exit_reason_description(got) ?: "?", reason,
		    exit_reason_description(reason) ?: "?", vmx_exit_qual(), vmcs_read(GUEST_RIP),
		    vmcs_read(EXI_INTR_INFO));
	return false;
}

int vmx_run_loop(bool (*handler)(u32 reason))
{
	int exits = 0, r;

	for (;;) {
		r = vmx_enter_guest();
		if (r != VMX_OK) {
			report_fail("VM entry: %s, error %" PRIu64, vmx_result_name(r),
				    r == VMX_FAIL_VALID ? vmcs_read(VMX_INST_ERROR) : 0);
			return exits;
		}
		exits++;
		if (!handler(vmx_exit_reason()))
			return exits;
		if (exits >= VMX_MAX_EXITS) {
			report_fail("the guest still runs after %d exits (last %s)", exits,
				    exit_reason_description(vmx_exit_reason()) ?: "?");
			return exits;
		}
	}
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

int run_vmx_tests(int ac, char **av, struct vmx_test *tests)
{
	int i, r;

	report_prefix_push("vmx");
	if (!vmx_supported()) {
		report_skip("VMX (CPUID.1:ECX[5]) not supported by this CPU");
		report_prefix_pop();
		return report_summary();
	}
	guest_stack = alloc_pages(GUEST_STACK_ORDER);
	io_bitmap_a = alloc_page();
	io_bitmap_b = alloc_page();
	vmx_msr_bitmap = alloc_page();
	assert_msg(guest_stack && io_bitmap_a && io_bitmap_b && vmx_msr_bitmap, "vmx: no memory for the harness");
	r = vmx_on();
	if (r != VMX_OK)
		report_abort("vmx: VMXON: %s", vmx_result_name(r));
	for (i = 0; tests[i].name; i++) {
		if (!selected(tests[i].name, ac, av))
			continue;
		report_prefix_push(tests[i].name);
		vmx_unsupported_reason = NULL;
		if (tests[i].supported && !tests[i].supported()) {
			report_skip("%s", vmx_unsupported_reason ?: "not supported here");
		} else {
			vmx_vmcs_init();
			tests[i].v2();
		}
		report_prefix_pop();
	}
	vmx_off();
	report_prefix_pop();
	return report_summary();
}
