/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * emulator.c - instructions a hypervisor emulates or must refuse, checked
 * against the z/Architecture Principles of Operation:
 *   - privileged instructions in the problem state are a privileged-operation exception (code 2), not
 *     executed;
 *   - an unassigned opcode is an operation exception (code 1);
 *   - specification exceptions: DR with an odd R1, LPQ with an odd R1;
 *   - a zero divisor is a fixed-point-divide exception (code 9), invalid packed decimal a data exception;
 *   - EXECUTE: the second byte of the target is ORed with bits 56-63 of R1 (an MVC copies that many
 *     bytes plus one), R1 = 0 leaves it alone, an EXECUTE target is an execute exception (code 3), an
 *     odd target address a specification exception, and a relative-long target (LARL) computes from
 *     the target's own address, not the EXECUTE's.
 * A hypervisor bug each would catch: an instruction it intercepts and emulates without checking the
 * problem-state bit, a wrong interruption code, EXECUTE emulated with the wrong length or base address.
 */
#include "libcflat.h"
#include "accel.h"
#include "string.h"
#include "asm/arch_def.h"
#include "processor.h"

/* Each runs one privileged instruction, with harmless operands should it run. */
static void priv_stctg(void)
{
	u64 v;

	asm volatile("stctg %%c0,%%c0,%0" : "=Q"(v));
}

/* CR0 as it is, read in the supervisor state (STCTG is privileged too). */
static u64 cr0_now;

static void priv_lctlg(void)
{
	asm volatile("lctlg %%c0,%%c0,%0" : : "Q"(cr0_now));
}

static void priv_ptlb(void)
{
	asm volatile("ptlb" : : : "memory");
}

static void priv_stpx(void)
{
	(void)stpx();
}

static void priv_iske(void)
{
	unsigned long key = 0;

	asm volatile("iske %0,%1" : "+d"(key) : "a"(0x10000UL));
}

static void priv_lpswe(void)
{
	/* Were it executed, it loads the problem-state PSW at the next instruction (EPSW is not privileged). */
	load_psw_mask(extract_psw_mask());
}

static const struct {
	const char *name;
	void (*fn)(void);
} priv_insns[] = {
	{ "STCTG", priv_stctg }, { "LCTLG", priv_lctlg }, { "PTLB", priv_ptlb },
	{ "STPX", priv_stpx }, { "ISKE", priv_iske }, { "LPSWE", priv_lpswe },
};

static void test_priv(void)
{
	unsigned int i;

	report_prefix_push("privileged");
	cr0_now = stctg(0);
	for (i = 0; i < ARRAY_SIZE(priv_insns); i++) {
		report_prefix_push(priv_insns[i].name);
		expect_pgm_int();
		enter_pstate();
		priv_insns[i].fn();
		leave_pstate();
		check_pgm_int_code(PGM_INT_CODE_PRIVILEGED_OPERATION);
		report_prefix_pop();
	}
	report(!(extract_psw_mask() & PSW_MASK_PSTATE), "back in the supervisor state");
	report_prefix_pop();
}

static void test_exceptions(void)
{
	u8 packed[2] = { 0xaa, 0xac };	/* invalid digits */
	u8 sum[2] = { 0x00, 0x1c };
	u16 code;

	report_prefix_push("operation");
	expect_pgm_int();
	asm volatile(".long 0xb2ff0000" : : : "memory");	/* unassigned in the B2 group */
	check_pgm_int_code(PGM_INT_CODE_OPERATION);
	report_prefix_pop();

	report_prefix_push("DR odd R1");
	expect_pgm_int();
	asm volatile("lghi %%r3,1\n .insn rr,0x1d00,%%r3,%%r3" : : : "r3", "r4", "cc");
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	report_prefix_pop();

	report_prefix_push("LPQ odd R1");
	expect_pgm_int();
	asm volatile(".insn rxy,0xe3000000008f,%%r3,0(%0)" : : "a"(sum) : "r3", "r4", "memory");
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	report_prefix_pop();

	report_prefix_push("divide by zero");
	expect_pgm_int();
	asm volatile("lghi %%r2,0\n lghi %%r3,7\n lghi %%r4,0\n dr %%r2,%%r4" : : : "r2", "r3", "r4", "cc");
	check_pgm_int_code(PGM_INT_CODE_FIXED_POINT_DIVIDE);
	report_prefix_pop();

	report_prefix_push("AP invalid digits");
	expect_pgm_int();
	asm volatile("ap 0(2,%0),0(2,%1)" : : "a"(sum), "a"(packed) : "cc", "memory");
	code = clear_pgm_int();
	/* Decimal instructions are part of every z/Architecture CPU. */
	report_kfail(under_tcg() && code == PGM_INT_CODE_OPERATION, code == PGM_INT_CODE_DATA,
		     "data exception (code %#x); QEMU 7.2 TCG lacks ADD DECIMAL: operation exception", code);
	if (code == PGM_INT_CODE_DATA)
		report(lowcore.dxc_vxc == 0, "DXC 0 for a decimal-operand data exception: %#x", lowcore.dxc_vxc);
	report_prefix_pop();
}

static void test_execute(void)
{
	static char src[16] = "0123456789abcdef";
	char dst[16];
	unsigned long addr, expect;
	u16 code;
	int n;

	report_prefix_push("EXECUTE");
	for (n = 0; n < 3; n++) {
		unsigned long len = n * 5;

		memset(dst, '.', sizeof(dst));
		/* The MVC has length 1 (L = 0): EX ORs len into it, so len + 1 bytes move. */
		asm volatile("	larl	%%r1,0f\n"
			     "	ex	%[len],0(%%r1)\n"
			     "	j	1f\n"
			     "0:	mvc	0(1,%[d]),0(%[s])\n"
			     "1:\n"
			     : : [len] "a"(len), [d] "a"(dst), [s] "a"(src) : "r1", "memory");
		report(!memcmp(dst, src, len + 1) && dst[len + 1] == '.', "MVC with length %lu from R1: %lu bytes", len,
		       len + 1);
	}

	/* R1 = 0: the target runs as it is. */
	memset(dst, '.', sizeof(dst));
	asm volatile("	lghi	%%r0,15\n"
		     "	larl	%%r1,0f\n"
		     "	ex	%%r0,0(%%r1)\n"
		     "	j	1f\n"
		     "0:	mvc	0(2,%[d]),0(%[s])\n"
		     "1:\n"
		     : : [d] "a"(dst), [s] "a"(src) : "r0", "r1", "memory");
	report(!memcmp(dst, src, 2) && dst[2] == '.', "R1 = 0: the target's own length (2 bytes)");

	expect_pgm_int();
	asm volatile("	larl	%%r1,0f\n"
		     "	ex	0,0(%%r1)\n"
		     "	j	1f\n"
		     "0:	ex	0,0(%%r1)\n"
		     "1:\n"
		     : : : "r1", "memory");
	check_pgm_int_code(PGM_INT_CODE_EXECUTE);

	expect_pgm_int();
	asm volatile("	larl	%%r1,0f\n"
		     "	ex	0,1(%%r1)\n"
		     "	j	1f\n"
		     "0:	nopr	%%r7\n"
		     "	nopr	%%r7\n"
		     "1:\n"
		     : : : "r1", "memory");
	code = clear_pgm_int();
	report_kfail(under_tcg() && !code, code == PGM_INT_CODE_SPECIFICATION,
		     "odd target address: specification exception (code %#x); %s", code,
		     "QEMU 7.2 TCG runs the odd halfword");

	/* EXRL of LARL: the address is relative to the LARL, wherever the EXRL is. */
	asm volatile("	exrl	0,0f\n"
		     "	larl	%[exp],0f\n"
		     "	j	1f\n"
		     "0:	larl	%[addr],0b\n"
		     "1:\n"
		     : [addr] "=&d"(addr), [exp] "=&d"(expect));
	report(addr == expect, "EXRL of LARL: address relative to the target (%#lx, expected %#lx)", addr, expect);
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("emulator");
	test_priv();
	test_exceptions();
	test_execute();
	return report_summary();
}
