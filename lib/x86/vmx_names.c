/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmx_names.c - names for report lines: a VMX instruction's outcome
 * (VMsucceed, VMfailInvalid, VMfailValid, a fault) and the basic exit
 * reasons (SDM appendix C). No CPU access: the host test links it too.
 */
#include "libcflat.h"
#include "vmx.h"

const char *vmx_result_name(int result)
{
	static const char *const names[] = { "VMsucceed", "VMfailInvalid", "VMfailValid" };
	static char buf[12];

	if (result >= VMX_OK && result <= VMX_FAIL_VALID)
		return names[result];
	if (result == VMX_FAULT(UD_VECTOR))
		return "#UD";
	if (result == VMX_FAULT(GP_VECTOR))
		return "#GP";
	snprintf(buf, sizeof(buf), result & 0x100 ? "#%d" : "%d?", result & 0xff);
	return buf;
}

const char *exit_reason_description(u64 reason)
{
	static const char *const names[] = {
		[VMX_EXC_NMI] = "exception or NMI", [VMX_EXTINT] = "external interrupt",
		[VMX_TRIPLE_FAULT] = "triple fault", [VMX_INTR_WINDOW] = "interrupt window",
		[VMX_NMI_WINDOW] = "NMI window", [VMX_CPUID] = "CPUID", [VMX_HLT] = "HLT", [VMX_INVLPG] = "INVLPG",
		[VMX_RDPMC] = "RDPMC", [VMX_RDTSC] = "RDTSC", [VMX_VMCALL] = "VMCALL", [VMX_CR] = "CR access",
		[VMX_DR] = "DR access", [VMX_IO] = "I/O instruction", [VMX_RDMSR] = "RDMSR", [VMX_WRMSR] = "WRMSR",
		[VMX_FAIL_STATE] = "entry failure: invalid guest state", [VMX_FAIL_MSR] = "entry failure: MSR loading",
		[VMX_MTF] = "monitor trap flag", [VMX_PAUSE] = "PAUSE", [VMX_GDTR_IDTR] = "GDTR/IDTR access",
		[VMX_LDTR_TR] = "LDTR/TR access", [VMX_EPT_VIOLATION] = "EPT violation",
		[VMX_EPT_MISCONFIG] = "EPT misconfiguration", [VMX_INVEPT] = "INVEPT", [VMX_RDTSCP] = "RDTSCP",
		[VMX_PREEMPT] = "preemption timer", [VMX_INVVPID] = "INVVPID", [VMX_WBINVD] = "WBINVD",
		[VMX_XSETBV] = "XSETBV", [VMX_RDRAND] = "RDRAND",
	};

	reason &= 0xffff;
	return reason < ARRAY_SIZE(names) ? names[reason] : NULL;
}
