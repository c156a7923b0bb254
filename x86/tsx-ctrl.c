/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tsx-ctrl.c - IA32_TSX_CTRL (MSR 0x122, Intel SDM vol. 4): the MSR exists
 * only where IA32_ARCH_CAPABILITIES (itself enumerated by CPUID.(07H,0):
 * EDX[29]) has TSX_CTRL (bit 7), and then: RTM_DISABLE (bit 0) makes every
 * XBEGIN abort, TSX_CPUID_CLEAR (bit 1) clears CPUID's RTM and HLE bits,
 * both read back, and a reserved bit is #GP; without it, IA32_TSX_CTRL and
 * (without the CPUID bit) IA32_ARCH_CAPABILITIES raise #GP.
 *
 * A hypervisor bug it would catch: the MSR given to a guest whose
 * ARCH_CAPABILITIES does not enumerate it, CPUID not updated after
 * TSX_CPUID_CLEAR, or RTM left usable after RTM_DISABLE.
 *
 * QEMU 7.2's TCG reads a missing MSR as 0 without #GP: those checks are
 * known failures under TCG.
 */
#include "libcflat.h"
#include "accel.h"
#include "desc.h"
#include "processor.h"

/* Local names: lib/x86/msr.h may gain kvm-unit-tests' own ones (ARCH_CAP_TSX_CTRL_MSR, TSX_CTRL_*). */
#define TSXC_ARCH_CAP_BIT	BIT(7)
#define TSXC_RTM_DISABLE	BIT(0)
#define TSXC_CPUID_CLEAR	BIT(1)

/* XBEGIN; on abort EAX holds the status and execution continues at the label. */
static u32 try_xbegin(void)
{
	u32 status = ~0u;

	asm volatile("xbegin 1f\n\txend\n1:" : "+a"(status) : : "memory");
	return status;
}

int main(void)
{
	u64 caps, v;
	int vec;

	if (!this_cpu_has(X86_FEATURE_ARCH_CAPABILITIES)) {
		vec = rdmsr_safe(MSR_IA32_ARCH_CAPABILITIES, &v);
		report_kfail(under_tcg(), vec == GP_VECTOR,
			     "no CPUID.(07H,0):EDX[29]: IA32_ARCH_CAPABILITIES raises #GP (vector %d)", vec);
		vec = rdmsr_safe(MSR_IA32_TSX_CTRL, &v);
		report_kfail(under_tcg(), vec == GP_VECTOR, "and so does IA32_TSX_CTRL (vector %d)", vec);
		report_skip("TSX_CTRL: the CPU lacks IA32_ARCH_CAPABILITIES (CPUID.(07H,0):EDX[29])");
		return report_summary();
	}
	caps = rdmsr(MSR_IA32_ARCH_CAPABILITIES);
	if (!(caps & TSXC_ARCH_CAP_BIT)) {
		vec = rdmsr_safe(MSR_IA32_TSX_CTRL, &v);
		report(vec == GP_VECTOR, "no ARCH_CAPABILITIES.TSX_CTRL: IA32_TSX_CTRL raises #GP (vector %d)", vec);
		report_skip("TSX_CTRL: not in IA32_ARCH_CAPABILITIES (%#" PRIx64 ", bit 7)", caps);
		return report_summary();
	}
	vec = wrmsr_safe(MSR_IA32_TSX_CTRL, TSXC_CPUID_CLEAR);
	report(vec == 0 && rdmsr(MSR_IA32_TSX_CTRL) == TSXC_CPUID_CLEAR, "TSX_CPUID_CLEAR reads back");
	report(!this_cpu_has(X86_FEATURE_RTM) && !this_cpu_has(X86_FEATURE_HLE),
	       "TSX_CPUID_CLEAR: CPUID shows neither RTM nor HLE");
	wrmsr(MSR_IA32_TSX_CTRL, 0);
	report(rdmsr(MSR_IA32_TSX_CTRL) == 0, "0 reads back");
	if (this_cpu_has(X86_FEATURE_RTM)) {
		wrmsr(MSR_IA32_TSX_CTRL, TSXC_RTM_DISABLE);
		report(try_xbegin() != ~0u, "RTM_DISABLE: XBEGIN aborts");
		wrmsr(MSR_IA32_TSX_CTRL, 0);
	} else {
		report_skip("RTM_DISABLE: RTM is not enumerated with TSX_CTRL at 0 (CPUID.(07H,0):EBX[11])");
	}
	vec = wrmsr_safe(MSR_IA32_TSX_CTRL, BIT_ULL(2));
	report(vec == GP_VECTOR, "bit 2 (reserved): #GP (vector %d)", vec);
	vec = wrmsr_safe(MSR_IA32_TSX_CTRL, BIT_ULL(63));
	report(vec == GP_VECTOR, "bit 63 (reserved): #GP (vector %d)", vec);
	return report_summary();
}
