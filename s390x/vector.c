/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vector.c - the vector facility (129; z/Architecture Principles of
 * Operation, chapters 21-24):
 *   - with CR0 bit 46 (vector enablement) off, a vector instruction is a data exception with DXC 0xfe,
 *     whatever CR0 bit 45 (AFP registers) says;
 *   - with it on, all 32 vector registers keep what is put in them (VLVG, VLGV), also across an
 *     instruction the hypervisor handles (DIAGNOSE 0x44, SERVICE CALL through the console);
 *   - floating-point register n is the leftmost doubleword of vector register n (n < 16);
 *   - VL, VST and VAF move and add 16 bytes.
 * A hypervisor bug each would catch: vector registers not saved and restored when the guest exits to the
 * hypervisor (only the FPR halves, or only 16 registers), the enablement control not honoured, a wrong DXC.
 */
#include "libcflat.h"
#include "asm/arch_def.h"
#include "asm/facility.h"
#include "asm/vector.h"
#include "processor.h"

static u64 pattern(int v, int half)
{
	return 0x0101010101010101UL * (v + 1) ^ (half ? 0xffff0000ffff0000UL : 0);
}

#define SET_VR(n)	VR_SET(n, pattern(n, 0), pattern(n, 1))

/*
 * Set all 32 registers, run between(), count how many still hold their value. One function: the ABI
 * has this function's epilogue restore f8-f15 (the left halves of V8-V15), so setting and checking in
 * two functions would lose them in between. Out of line, as each function that names vector registers:
 * its prologue saves those FPRs, which needs CR0's AFP control on before the call.
 */
static noinline int count_kept(void (*between)(void))
{
	u64 hi, lo;
	int ok = 0;

	VR_ALL(SET_VR);
	between();
#define CHECK_VR(n) do { VR_GET(n, hi, lo); ok += hi == pattern(n, 0) && lo == pattern(n, 1); } while (0)
	VR_ALL(CHECK_VR);
#undef CHECK_VR
	return ok;
}

static void nothing(void)
{
}

static void diag44(void)
{
	asm volatile("diag 0,0,0x44" : : : "memory");
}

static void console_line(void)
{
	printf("(a line through the SCLP console)\n");
}

static noinline u64 fpr5_after_v5(void)
{
	u64 fpr;

	SET_VR(5);
	asm volatile("lgdr %0,%%f5" : "=d"(fpr));
	return fpr;
}

static noinline void test_disabled(u64 cr0)
{
	u16 code;

	lctlg(0, (cr0 | CR0_AFP_REGS) & ~CR0_VECTOR);
	expect_pgm_int();
	asm volatile(VX("vlr %%v1,%%v2") : : : "v1");
	code = clear_pgm_int();
	report(code == PGM_INT_CODE_DATA && lowcore.dxc_vxc == 0xfe,
	       "vector control off, AFP on: data exception, DXC 0xfe (code %#x, DXC %#x)", code, lowcore.dxc_vxc);
	lctlg(0, cr0 & ~(CR0_AFP_REGS | CR0_VECTOR));
	expect_pgm_int();
	asm volatile(VX("vlr %%v1,%%v2") : : : "v1");
	code = clear_pgm_int();
	report(code == PGM_INT_CODE_DATA && lowcore.dxc_vxc == 0xfe,
	       "vector and AFP controls off: data exception, DXC 0xfe (code %#x, DXC %#x)", code, lowcore.dxc_vxc);
}

static noinline void test_enabled(void)
{
	static u32 a[4] __aligned(16) = { 1, 2, 3, 4 }, b[4] __aligned(16) = { 10, 20, 30, 40 }, sum[4];
	u64 fpr;
	int kept;

	kept = count_kept(nothing);
	report(kept == 32, "32 vector registers keep their values: %d", kept);
	fpr = fpr5_after_v5();
	report(fpr == pattern(5, 0), "FPR 5 is the leftmost doubleword of V5: %#lx", fpr);
	kept = count_kept(diag44);
	report(kept == 32, "across DIAGNOSE 0x44: %d kept", kept);
	kept = count_kept(console_line);
	report(kept == 32, "across SERVICE CALL: %d kept", kept);

	asm volatile(VX("vl %%v20,%[a]\n vl %%v21,%[b]\n vaf %%v22,%%v20,%%v21\n vst %%v22,%[s]")
		     : [s] "=Q"(sum) : [a] "Q"(a), [b] "Q"(b) : "v20", "v21", "v22", "memory");
	report(sum[0] == 11 && sum[1] == 22 && sum[2] == 33 && sum[3] == 44, "VL, VAF, VST: %u %u %u %u", sum[0],
	       sum[1], sum[2], sum[3]);
}

int main(void)
{
	u64 cr0 = stctg(0);

	report_prefix_push("vector");
	if (!test_facility(129)) {
		report_skip("the vector facility (129) is not installed");
		return report_summary();
	}
	test_disabled(cr0);
	lctlg(0, cr0 | CR0_AFP_REGS | CR0_VECTOR);
	test_enabled();
	lctlg(0, cr0);
	return report_summary();
}
