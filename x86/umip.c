/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * umip.c - user-mode instruction prevention (Intel SDM vol. 3 2.5, vol. 2
 * SGDT/SIDT/SLDT/SMSW/STR): with CR4.UMIP set, each of SGDT, SIDT, SLDT,
 * SMSW and STR raises #GP(0) at CPL 3 and still works at CPL 0; with it
 * clear, each works at CPL 3 and returns what CPL 0 sees.
 *
 * A hypervisor bug it would catch: UMIP emulated (on hosts without it, by
 * trapping descriptor-table exits) for the wrong CPL or for a subset of
 * the instructions, a wrong error code, or the real table base leaking
 * to user space.
 */
#include "libcflat.h"
#include "desc.h"
#include "processor.h"
#include "usermode.h"

static ulong fault_error;

static void note_error(struct ex_regs *regs)
{
	fault_error = regs->error_code;
}

static u64 do_sgdt(void)
{
	struct descriptor_table_ptr p = { 0, 0 };

	sgdt(&p);
	return p.base;
}

static u64 do_sidt(void)
{
	struct descriptor_table_ptr p = { 0, 0 };

	sidt(&p);
	return p.base;
}

/* Results with bit 32 set, so that a zero selector or MSW still differs from "faulted". */
static u64 do_sldt(void)
{
	return sldt() | (1ULL << 32);
}

static u64 do_str(void)
{
	return str() | (1ULL << 32);
}

static u64 do_sldt_mem(void)
{
	u16 v = 0xffff;

	asm volatile("sldt %0" : "=m"(v));
	return v | (1ULL << 32);
}

static u64 do_str_mem(void)
{
	u16 v = 0;

	asm volatile("str %0" : "=m"(v));
	return v | (1ULL << 32);
}

static u64 do_smsw_reg(void)
{
	unsigned long v;	/* a general register's width */

	asm volatile("smsw %0" : "=r"(v));
	return (v & 0xffff) | (1ULL << 32);
}

static u64 do_smsw_mem(void)
{
	u16 v = 0;

	asm volatile("smsw %0" : "=m"(v));
	return v | (1ULL << 32);
}

static const struct {
	const char *name;
	usermode_func fn;
} insns[] = {
	{ "SGDT", do_sgdt }, { "SIDT", do_sidt }, { "SLDT to a register", do_sldt },
	{ "SLDT to memory", do_sldt_mem }, { "STR to a register", do_str }, { "STR to memory", do_str_mem },
	{ "SMSW to a register", do_smsw_reg }, { "SMSW to memory", do_smsw_mem },
};

static void check_all(bool umip)
{
	unsigned int i;
	bool raised;
	u64 user, kernel;

	for (i = 0; i < ARRAY_SIZE(insns); i++) {
		kernel = insns[i].fn();
		fault_error = -1;
		user = run_in_user_ex(insns[i].fn, GP_VECTOR, 0, 0, 0, 0, &raised, note_error);
		if (umip) {
			report(raised && fault_error == 0, "CR4.UMIP set: %s at CPL 3 raises #GP(0) (error code %#lx)",
			       insns[i].name, raised ? fault_error : 0);
			report(kernel != 0, "CR4.UMIP set: %s at CPL 0 works (%#" PRIx64 ")", insns[i].name, kernel);
		} else {
			report(!raised && user == kernel, "CR4.UMIP clear: %s at CPL 3 gives what CPL 0 sees (%#"
			       PRIx64 ")", insns[i].name, user);
		}
	}
}

int main(void)
{
	int vec;

	check_all(false);
	if (!this_cpu_has(X86_FEATURE_UMIP)) {
		report_skip("UMIP: the CPU lacks it (CPUID.(07H,0):ECX[2])");
		return report_summary();
	}
	vec = write_cr4_safe(read_cr4() | X86_CR4_UMIP);
	report(vec == 0 && (read_cr4() & X86_CR4_UMIP), "CR4.UMIP can be set");
	check_all(true);
	write_cr4(read_cr4() & ~X86_CR4_UMIP);
	check_all(false);
	return report_summary();
}
