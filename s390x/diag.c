/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diag.c - DIAGNOSE codes a hypervisor provides (z/VM CP Programming
 * Services for 0x44, 0x9c, 0x288 and 0x308; Linux's
 * Documentation/virt/kvm/s390/s390-diag.rst for 0x500):
 *   - DIAGNOSE is privileged: a privileged-operation exception in the problem state;
 *   - 0x44 (time-slice end) and 0x9c (directed yield, to this CPU and to an address nobody has) return and
 *     change no register;
 *   - 0x308 (IPL functions): an odd R1 or an unknown subcode (R3) is a specification exception; store
 *     (subcode 6) to an address off a 4 KiB boundary too;
 *   - 0x288 (watchdog, -device diag288): arm, change and cancel complete; an odd R1, a timeout under
 *     15 seconds or an unknown function are specification exceptions;
 *   - 0x500 (virtio): a notification (subcode 3) for a subchannel without a device returns a negative value
 *     in GR2; an unknown subcode is a specification exception.
 * A hypervisor bug each would catch: DIAGNOSE handled without the problem-state or operand checks, a yield
 * or time-slice end that clobbers registers, a watchdog armed with an invalid timeout, a virtio
 * notification to a subchannel that does not exist.
 */
#include "libcflat.h"
#include "accel.h"
#include "asm/arch_def.h"
#include "asm/page.h"
#include "processor.h"
#include "smp.h"

static u8 page[PAGE_SIZE] __aligned(PAGE_SIZE);

#define PAT2	0x0123456789abcdefUL
#define PAT3	0xfedcba9876543210UL

/* DIAGNOSE code with GR2 = r2 (its R1) and GR3 = PAT3; both are given back in r2 and r3. */
#define DIAG_KEEP(code, r2, r3) do {						\
	asm volatile("	lgr	%%r2,%[a]\n"					\
		     "	lgr	%%r3,%[b]\n"					\
		     "	diag	%%r2,0," #code "\n"				\
		     "	lgr	%[a],%%r2\n"					\
		     "	lgr	%[b],%%r3\n"					\
		     : [a] "+d"(r2), [b] "+d"(r3) : : "r2", "r3", "cc", "memory");	\
} while (0)

static void test_44_9c(void)
{
	unsigned long r2 = PAT2, r3 = PAT3;
	u16 nobody = 0, code;

	report_prefix_push("0x44");
	DIAG_KEEP(0x44, r2, r3);
	report(r2 == PAT2 && r3 == PAT3, "returns, registers kept");
	report_prefix_pop();

	report_prefix_push("0x9c");
	r2 = stap();
	r3 = PAT3;
	expect_pgm_int();
	DIAG_KEEP(0x9c, r2, r3);
	code = clear_pgm_int();
	report_kfail(under_tcg() && code == PGM_INT_CODE_SPECIFICATION, !code && r2 == stap() && r3 == PAT3,
		     "to this CPU: returns, registers kept (code %#x); QEMU 7.2 TCG lacks it: specification exception",
		     code);
	while (cpu_addr_to_cpu(nobody) >= 0)
		nobody++;
	r2 = nobody;
	expect_pgm_int();
	DIAG_KEEP(0x9c, r2, r3);
	code = clear_pgm_int();
	report_kfail(under_tcg() && code == PGM_INT_CODE_SPECIFICATION, !code && r2 == nobody,
		     "to CPU address %u (nobody): returns (code %#x); QEMU 7.2 TCG lacks it: specification exception",
		     nobody, code);
	report_prefix_pop();
}

/* DIAGNOSE 0x308 with R1 = 2 (or 3 when odd_r1), R3 = 4 holding subcode; GR2 and GR3 the address. */
static u16 diag308(bool odd_r1, unsigned long subcode, unsigned long addr)
{
	expect_pgm_int();
	if (odd_r1)
		asm volatile("	lgr	%%r2,%0\n lgr %%r3,%0\n lgr %%r4,%1\n"
			     "	diag	%%r3,%%r4,0x308\n"
			     : : "d"(addr), "d"(subcode) : "r2", "r3", "r4", "memory", "cc");
	else
		asm volatile("	lgr	%%r2,%0\n lgr %%r3,%0\n lgr %%r4,%1\n"
			     "	diag	%%r2,%%r4,0x308\n"
			     : : "d"(addr), "d"(subcode) : "r2", "r3", "r4", "memory", "cc");
	return clear_pgm_int();
}

static void test_308(void)
{
	u16 code;

	report_prefix_push("0x308");
	code = diag308(true, 6, (uintptr_t)page);
	report(code == PGM_INT_CODE_SPECIFICATION, "odd R1: code %#x", code);
	code = diag308(false, 6, (uintptr_t)page + 8);
	report(code == PGM_INT_CODE_SPECIFICATION, "store IPL parameters off a page: code %#x", code);
	code = diag308(false, 0x1234, (uintptr_t)page);
	report(code == PGM_INT_CODE_SPECIFICATION, "subcode 0x1234: code %#x", code);
	report_prefix_pop();
}

#define WDT_FUNC_INIT	0
#define WDT_FUNC_CHANGE	1
#define WDT_FUNC_CANCEL	2

/* DIAGNOSE 0x288: R1 = 2 (function), R1 + 1 = 3 (timeout), R3 = 4 (action); or R1 = 3 when odd. */
static u16 diag288(unsigned long func, unsigned long timeout, unsigned long action, bool odd)
{
	expect_pgm_int();
	if (odd)
		asm volatile("	lgr	%%r2,%[f]\n lgr %%r3,%[t]\n lgr %%r4,%[a]\n"
			     "	diag	%%r3,%%r4,0x288\n"
			     : : [f] "d"(func), [t] "d"(timeout), [a] "d"(action) : "r2", "r3", "r4", "cc");
	else
		asm volatile("	lgr	%%r2,%[f]\n lgr %%r3,%[t]\n lgr %%r4,%[a]\n"
			     "	diag	%%r2,%%r4,0x288\n"
			     : : [f] "d"(func), [t] "d"(timeout), [a] "d"(action) : "r2", "r3", "r4", "cc");
	return clear_pgm_int();
}

static void test_288(void)
{
	u16 code;

	report_prefix_push("0x288");
	code = diag288(WDT_FUNC_INIT, 60, 0, false);
	/* Linux's driver (diag288_wdt.c) looks at exceptions only: the condition code is not checked. */
	report(!code, "arm for 60 s: no exception (code %#x)", code);
	code = diag288(WDT_FUNC_CHANGE, 120, 0, false);
	report(!code, "change to 120 s: no exception (code %#x)", code);
	code = diag288(WDT_FUNC_CANCEL, 0, 0, false);
	report(!code, "cancel: no exception (code %#x)", code);
	code = diag288(WDT_FUNC_INIT, 14, 0, false);
	report(code == PGM_INT_CODE_SPECIFICATION, "timeout 14 s: code %#x", code);
	code = diag288(WDT_FUNC_INIT, 60, 0, true);
	report(code == PGM_INT_CODE_SPECIFICATION, "odd R1: code %#x", code);
	code = diag288(0x10, 60, 0, false);
	report(code == PGM_INT_CODE_SPECIFICATION, "function 0x10: code %#x", code);
	/* Whatever happened, leave no watchdog armed. */
	diag288(WDT_FUNC_CANCEL, 0, 0, false);
	report_prefix_pop();
}

/* DIAGNOSE 0x500 with subcode in GR1, GR2 and GR3 as given; GR2 after it. */
static long diag500(unsigned long subcode, unsigned long r2, unsigned long r3)
{
	asm volatile("	lgr	%%r1,%[s]\n lgr %%r2,%[a]\n lgr %%r3,%[b]\n"
		     "	diag	%%r2,%%r4,0x500\n"
		     "	lgr	%[a],%%r2\n"
		     : [a] "+d"(r2) : [s] "d"(subcode), [b] "d"(r3) : "r1", "r2", "r3", "memory", "cc");
	return r2;
}

static void test_500(void)
{
	long ret;
	u16 code;

	report_prefix_push("0x500");
	expect_pgm_int();
	ret = diag500(3, 0x0001ffff, 0);	/* subchannel 0xffff: no device */
	code = clear_pgm_int();
	report(!code && ret < 0, "notify subchannel 0xffff: code %#x, GR2 %ld (negative)", code, ret);
	expect_pgm_int();
	diag500(0x99, 0, 0);
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("diag");
	test_44_9c();
	test_308();
	test_288();
	test_500();

	report_prefix_push("problem state");
	expect_pgm_int();
	enter_pstate();
	asm volatile("diag 0,0,0x44" : : : "memory");
	leave_pstate();
	check_pgm_int_code(PGM_INT_CODE_PRIVILEGED_OPERATION);
	report_prefix_pop();
	return report_summary();
}
