/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * spec_ex.c - specification exceptions (z/Architecture Principles of
 * Operation, "Specification Exception" and "Exceptions Associated with the
 * PSW"):
 *   - a PSW loaded by LPSWE with an odd instruction address, a one in bit 0 or 12, EA without BA, or a
 *     24-bit address above 16 MiB: early exception recognition, the old PSW is the invalid PSW itself
 *     (its address not advanced) with instruction-length code 0;
 *     (QEMU 7.2's TCG loads some such PSWs and runs: they point at zeros, so that is an operation exception);
 *   - a branch to an odd address: the old PSW holds that address;
 *   - operands off their boundary: LPQ and STPQ (quadword), CDSG (quadword), CSG (doubleword).
 * A hypervisor bug each would catch: a PSW loaded (or handed to the guest after an intercept) without the
 * PSW-format checks, an old PSW with the address advanced or a wrong ILC, alignment checks missing from
 * emulated instructions.
 */
#include "libcflat.h"
#include "accel.h"
#include "asm/arch_def.h"
#include "processor.h"

/* Where the specification-exception handler sends the CPU back to, and what it saw. */
static struct psw resume;
static struct {
	struct psw old;
	unsigned int ilc;
	u16 code;
	int count;
} seen;

/*
 * Zeros, where the invalid PSWs point: a CPU that loads one without the
 * checks runs into an operation exception here instead of running on.
 */
extern const char trap[];
asm(".pushsection .text\n"
    ".balign 8\n"
    "trap: .long 0,0,0,0\n"
    ".popsection");

static void spec_fixup(struct interrupt_regs *regs, u16 code)
{
	seen.code = code;
	seen.old = regs->psw;
	seen.ilc = (lowcore.pgm_int_id >> 1) & 3;
	seen.count++;
	regs->psw = resume;
}

static void load_psw(struct psw *psw)
{
	resume.mask = extract_psw_mask();
	asm volatile("	larl	%%r1,0f\n"
		     "	stg	%%r1,%[ra]\n"
		     "	lpswe	%[psw]\n"
		     "0:\n"
		     : [ra] "=Q"(resume.addr) : [psw] "Q"(*psw) : "r1", "memory");
}

/* A PSW of ours with mask bits set or cleared, at addr + the trap. */
static void check_bad_psw(const char *what, u64 set, u64 clear, u64 addr)
{
	struct psw bad = { .mask = (extract_psw_mask() | set) & ~clear, .addr = addr + (uintptr_t)trap };
	bool ok;

	seen.count = 0;
	seen.code = 0;
	load_psw(&bad);
	ok = seen.count == 1 && seen.code == PGM_INT_CODE_SPECIFICATION && seen.old.mask == bad.mask &&
	     seen.old.addr == bad.addr && seen.ilc == 0;
	report_kfail(under_tcg() && seen.code == PGM_INT_CODE_OPERATION, ok,
		     "%s: code %#x, old PSW %016lx %016lx (loaded %016lx %016lx), ILC %u; %s", what,
		     seen.code, seen.old.mask, seen.old.addr, bad.mask, bad.addr, seen.ilc,
		     "QEMU 7.2 TCG loads the PSW and runs");
}

static void test_psw(void)
{
	report_prefix_push("PSW");
	check_bad_psw("odd address", 0, 0, 1);
	check_bad_psw("bit 0 set", 1UL << 63, 0, 0);
	check_bad_psw("bit 12 set", 1UL << 51, 0, 0);
	check_bad_psw("EA without BA", 0, PSW_MASK_BA, 0);
	check_bad_psw("24-bit mode, address above 16 MiB", 0, PSW_MASK_64, 0x1000000);
	report_prefix_pop();
}

static void test_branch(void)
{
	u64 target = (uintptr_t)trap + 1;

	report_prefix_push("branch");
	seen.count = 0;
	seen.code = 0;
	resume.mask = extract_psw_mask();
	asm volatile("	larl	%%r1,0f\n"
		     "	stg	%%r1,%[ra]\n"
		     "	br	%[t]\n"
		     "0:\n"
		     : [ra] "=Q"(resume.addr) : [t] "a"(target) : "r1", "memory");
	report_kfail(under_tcg() && seen.code == PGM_INT_CODE_OPERATION,
		     seen.code == PGM_INT_CODE_SPECIFICATION && seen.old.addr == target,
		     "to an odd address: code %#x, old PSW address %#lx (target %#lx); %s", seen.code,
		     seen.old.addr, target, "QEMU 7.2 TCG runs at the odd address");
	report_prefix_pop();
}

static u8 buf[64] __aligned(16);

/* One instruction with a misaligned operand: a specification exception, ILC 3 (all are 6 bytes long). */
#define ALIGN_CASE(what, insn) do {								\
	seen.count = 0;										\
	seen.code = 0;										\
	resume.mask = extract_psw_mask();							\
	asm volatile("	larl	%%r1,0f\n"							\
		     "	stg	%%r1,%[ra]\n"							\
		     "	" insn "\n"								\
		     "0:\n"									\
		     : [ra] "=Q"(resume.addr) : [b] "a"(buf) : "r1", "r2", "r3", "r4", "r5", "cc", "memory");	\
	report(seen.count == 1 && seen.code == PGM_INT_CODE_SPECIFICATION && seen.ilc == 3,	\
	       "%s: code %#x, ILC %u", what, seen.code, seen.ilc);				\
} while (0)

static void test_alignment(void)
{
	report_prefix_push("alignment");
	ALIGN_CASE("LPQ off a quadword", "lpq %%r2,8(%[b])");
	ALIGN_CASE("STPQ off a quadword", "stpq %%r2,8(%[b])");
	ALIGN_CASE("CDSG off a quadword", "cdsg %%r2,%%r4,8(%[b])");
	ALIGN_CASE("CSG off a doubleword", "csg %%r2,%%r4,4(%[b])");
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("spec_ex");
	install_pgm_handler(PGM_INT_CODE_SPECIFICATION, spec_fixup);
	install_pgm_handler(PGM_INT_CODE_OPERATION, spec_fixup);
	test_psw();
	test_branch();
	install_pgm_handler(PGM_INT_CODE_OPERATION, NULL);
	test_alignment();
	install_pgm_handler(PGM_INT_CODE_SPECIFICATION, NULL);
	return report_summary();
}
