/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rdpru.c - AMD's RDPRU (APM vol. 3): without CPUID Fn8000_0008_EBX[4]
 * the instruction raises #UD at any CPL; with it, ECX = 0 reads MPERF and
 * ECX = 1 APERF, both counting up, an ECX beyond the largest register
 * CPUID Fn8000_0008_EDX[31:16] enumerates reads 0.
 *
 * A hypervisor bug it would catch: RDPRU advertised or executed in a
 * guest that is not given it (KVM does not expose it: the guest must see
 * #UD, not the host's counters), or a wrong register selection.
 */
#include "libcflat.h"
#include "desc.h"
#include "processor.h"
#include "usermode.h"

static int rdpru_safe(u32 reg, u64 *val)
{
	u32 a = 0, d = 0;

	asm volatile(ASM_TRY("1f") ".byte 0x0f, 0x01, 0xfd\n1:" : "+a"(a), "+d"(d) : "c"(reg));
	*val = a | ((u64)d << 32);
	return exception_vector();
}

static u64 user_rdpru(void)
{
	u32 a, d;

	asm volatile(".byte 0x0f, 0x01, 0xfd" : "=a"(a), "=d"(d) : "c"(0));
	return 1;
}

int main(void)
{
	u64 v, w;
	bool raised;
	u32 max;
	int vec;

	if (!this_cpu_has(X86_FEATURE_RDPRU)) {
		vec = rdpru_safe(0, &v);
		report(vec == UD_VECTOR, "without CPUID Fn8000_0008_EBX[4], RDPRU raises #UD (vector %d)", vec);
		run_in_user(user_rdpru, UD_VECTOR, 0, 0, 0, 0, &raised);
		report(raised, "and at CPL 3 too");
		report_skip("RDPRU: the CPU lacks it (CPUID Fn8000_0008_EBX[4])");
		return report_summary();
	}
	max = cpuid(0x80000008).d >> 16;
	report(rdpru_safe(0, &v) == 0 && rdpru_safe(0, &w) == 0 && w >= v, "RDPRU 0 (MPERF) counts up");
	if (max >= 1)
		report(rdpru_safe(1, &v) == 0 && rdpru_safe(1, &w) == 0 && w >= v, "RDPRU 1 (APERF) counts up");
	report(rdpru_safe(max + 1, &v) == 0 && v == 0, "RDPRU %u, beyond the largest, reads 0", max + 1);
	return report_summary();
}
