/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpumodel.c - the facility list against what the CPU does (z/Architecture
 * Principles of Operation, "Facility Indications" and STORE FACILITY LIST
 * (EXTENDED)):
 *   - STFLE with too short a list: cc 3, and GR0 says how many doublewords the CPU has; with enough: cc 0
 *     and the same first doubleword;
 *   - STFL stores the first 32 bits of the same list at real 200 (0xc8);
 *   - z/Architecture itself (bits 1 and 2) is installed and active;
 *   - for each of a set of facilities with an instruction of its own, the instruction is an operation
 *     exception when the bit is off and is recognized (no operation exception) when it is on.
 * Run with the default CPU model, -cpu max and -cpu max without some facilities, so that both sides of
 * several bits are seen (the library itself needs z10's instructions, so no older model).
 * A hypervisor bug each would catch: a CPU model that advertises a facility the (virtual) CPU lacks, or
 * hides one whose instructions still run (a guest would then fail on migration to a host without it).
 */
#include "libcflat.h"
#include "accel.h"
#include "asm/arch_def.h"
#include "asm/facility.h"
#include "processor.h"

static u64 buf[4] __aligned(16);

/*
 * One instruction per facility, with r1 pointing at buf (for the storage operands) and r2, r3 holding
 * small values. Encoded as bytes: the image is built for z10, whose assembler knows few of them.
 */
#define INSN(...)	".byte " #__VA_ARGS__ "\n"

static void run_insn(int which)
{
	asm volatile("	lgr	%%r1,%[b]\n"
		     "	lghi	%%r2,3\n"
		     "	lghi	%%r3,5\n"
		     "	cijh	%[w],0,1f\n"
		     INSN(0xe3, 0x20, 0x10, 0x00, 0x00, 0x58) /* 0: LY r2,0(r1): long displacement */
		     "	j	9f\n"
		     "1:	cijh	%[w],1,2f\n"
		     INSN(0xc2, 0x29, 0x00, 0x00, 0x00, 0x01) /* 1: AFI r2,1: extended immediate */
		     "	j	9f\n"
		     "2:	cijh	%[w],2,3f\n"
		     INSN(0xe5, 0x4c, 0x10, 0x00, 0x00, 0x07) /* 2: MVHI 0(r1),7: general-instr. ext. */
		     "	j	9f\n"
		     "3:	cijh	%[w],3,4f\n"
		     INSN(0xec, 0x23, 0x00, 0x05, 0x00, 0xd8) /* 3: AHIK r2,r3,5: distinct operands */
		     "	j	9f\n"
		     "4:	cijh	%[w],4,5f\n"
		     INSN(0xb9, 0xe2, 0x80, 0x23) /* 4: LOCGR r2,r3,8: load/store on cond. 1 */
		     "	j	9f\n"
		     "5:	cijh	%[w],5,6f\n"
		     INSN(0xb9, 0xed, 0x30, 0x22) /* 5: MSGRKC r2,r2,r3: misc.-instr. ext. 2 */
		     "	j	9f\n"
		     "6:	cijh	%[w],6,7f\n"
		     INSN(0xb9, 0x74, 0x30, 0x22) /* 6: NNRK r2,r2,r3: misc.-instr. ext. 3 */
		     "	j	9f\n"
		     "7:	cijh	%[w],7,8f\n"
		     INSN(0xe3, 0x20, 0x10, 0x00, 0x00, 0x4c) /* 7: LGG r2,0(r1): guarded storage */
		     "	j	9f\n"
		     "8:\n"
		     INSN(0xe7, 0x12, 0x00, 0x00, 0x00, 0x56) /* 8: VLR v1,v2: vector */
		     "9:\n"
		     : : [b] "a"(buf), [w] "d"(which) : "r1", "r2", "r3", "cc", "memory");
}

static const struct {
	int facility;
	const char *name;
} insns[] = {
	{ 18, "LY (long displacement)" },
	{ 21, "AFI (extended immediate)" },
	{ 34, "MVHI (general-instructions extension)" },
	{ 45, "AHIK (distinct operands)" },
	{ 45, "LOCGR (load/store on condition)" },
	{ 58, "MSGRKC (miscellaneous-instruction extensions 2)" },
	{ 61, "NNRK (miscellaneous-instruction extensions 3)" },
	{ 133, "LGG (guarded storage)" },
	{ 129, "VLR (vector)" },
};

static void test_stfle(void)
{
	u64 list[NB_STFL_DOUBLEWORDS] = { 0 }, first[2] = { 0 };
	unsigned int ndw = 0, ndw1 = 0;
	int cc, cc1;

	report_prefix_push("STFLE");
	cc = stfle_cc(list, NB_STFL_DOUBLEWORDS, &ndw);
	report(cc == 0 && ndw >= 1, "%u doublewords: cc %d", ndw, cc);
	cc1 = stfle_cc(first, 1, &ndw1);
	report(cc1 == (ndw > 1 ? 3 : 0) && ndw1 == ndw && first[0] == list[0] && !first[1],
	       "one doubleword: cc %d, says %u, the same first one, nothing past it", cc1, ndw1);
	report((list[0] >> 61 & 3) == 3, "z/Architecture installed and active (bits 1, 2): %#lx", list[0] >> 56);
	lowcore.stfl = 0;
	stfl();
	report(lowcore.stfl == list[0] >> 32, "STFL stores bits 0-31 at 0xc8: %#x", lowcore.stfl);
	report_prefix_pop();
}

int main(void)
{
	unsigned int i;
	u16 code;

	report_prefix_push("cpumodel");
	test_stfle();
	/* The instructions of the vector facility are recognized only with CR0's AFP and vector controls. */
	lctlg(0, stctg(0) | CR0_AFP_REGS | CR0_VECTOR);
	for (i = 0; i < ARRAY_SIZE(insns); i++) {
		bool has = test_facility(insns[i].facility);

		expect_pgm_int();
		run_insn(i);
		code = clear_pgm_int();
		if (has)
			report(code != PGM_INT_CODE_OPERATION, "facility %d on: %s is recognized (code %#x)",
			       insns[i].facility, insns[i].name, code);
		else
			report_kfail(under_tcg() && !code, code == PGM_INT_CODE_OPERATION,
				     "facility %d off: %s is an operation exception (code %#x); %s", insns[i].facility,
				     insns[i].name, code, "QEMU 7.2 TCG runs it whatever the CPU model");
	}
	lctlg(0, stctg(0) & ~(CR0_AFP_REGS | CR0_VECTOR));
	return report_summary();
}
