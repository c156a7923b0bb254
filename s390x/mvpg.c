/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mvpg.c - MOVE PAGE (z/Architecture Principles of Operation):
 *   - copies the 4 KiB page at the second operand to the first, cc 0, in the supervisor and problem
 *     states, and leaves the next page alone;
 *   - a key-function control of 3 (GR0 bits 52-53) is a specification exception;
 *   - a DAT-protected destination is a protection exception, with the condition-code option (GR0 bit
 *     55) or without;
 *   - an invalid page: a page-translation exception without the condition-code option; with it, cc 1 for
 *     the first operand, cc 2 for the second (and for both) instead;
 *   - with DAT off, an operand outside storage is an addressing exception.
 * A hypervisor bug each would catch: MVPG emulated (it is intercepted when a page is not present in the
 * host) without the guest's protection, the wrong page reported or the condition-code option ignored,
 * too few or too many bytes copied.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "asm/arch_def.h"
#include "asm/page.h"
#include "memregions.h"
#include "mmu.h"
#include "processor.h"
#include "string.h"

#define MVPG_CCO	0x100UL		/* condition-code option */
#define MVPG_KFC(n)	((unsigned long)(n) << 10)

static int mvpg(unsigned long r0, void *dst, void *src)
{
	int cc = -1;

	asm volatile("	lgr	%%r0,%[r0]\n"
		     "	mvpg	%[d],%[s]\n"
		     "	ipm	%[cc]\n"
		     "	srl	%[cc],28\n"
		     : [cc] "+d"(cc) : [r0] "d"(r0), [d] "a"(dst), [s] "a"(src) : "r0", "cc", "memory");
	return cc;
}

static u8 *src, *dst;

static bool copied(u8 seed)
{
	unsigned int i;

	for (i = 0; i < PAGE_SIZE; i++) {
		if (dst[i] != (u8)(seed + i * 7))
			return false;
	}
	return dst[PAGE_SIZE] == 0xee;
}

static void fill(u8 seed)
{
	unsigned int i;

	for (i = 0; i < PAGE_SIZE; i++)
		src[i] = seed + i * 7;
	memset(dst, 0, 2 * PAGE_SIZE);
	dst[PAGE_SIZE] = 0xee;
}

static void test_copy(void)
{
	int cc;

	fill(1);
	cc = mvpg(0, dst, src);
	report(cc == 0 && copied(1), "copies one page: cc %d, the next page untouched", cc);
	fill(2);
	enter_pstate();
	cc = mvpg(0, dst, src);
	leave_pstate();
	report(cc == 0 && copied(2), "in the problem state too: cc %d", cc);
	expect_pgm_int();
	mvpg(MVPG_KFC(3), dst, src);
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
}

static void test_exceptions(void)
{
	u16 code;
	int cc;

	report_prefix_push("protected destination");
	protect_page(dst, PAGE_ENTRY_P);
	expect_pgm_int();
	mvpg(0, dst, src);
	check_pgm_int_code(PGM_INT_CODE_PROTECTION);
	expect_pgm_int();
	mvpg(MVPG_CCO, dst, src);
	check_pgm_int_code(PGM_INT_CODE_PROTECTION);
	unprotect_page(dst, PAGE_ENTRY_P);
	report_prefix_pop();

	report_prefix_push("invalid page");
	protect_page(dst, PAGE_ENTRY_I);
	expect_pgm_int();
	mvpg(0, dst, src);
	check_pgm_int_code(PGM_INT_CODE_PAGE_TRANSLATION);
	report((lowcore.trans_exc_id & PAGE_MASK) == (uintptr_t)dst, "TEID names the destination: %#lx",
	       lowcore.trans_exc_id);
	expect_pgm_int();
	cc = mvpg(MVPG_CCO, dst, src);
	code = clear_pgm_int();
	report(!code && cc == 1, "with the condition-code option, destination: cc %d (1), code %#x", cc, code);
	protect_page(src, PAGE_ENTRY_I);
	expect_pgm_int();
	cc = mvpg(MVPG_CCO, dst, src);
	code = clear_pgm_int();
	report(!code && cc == 2, "with the condition-code option, both: cc %d (2), code %#x", cc, code);
	unprotect_page(dst, PAGE_ENTRY_I);
	expect_pgm_int();
	cc = mvpg(MVPG_CCO, dst, src);
	code = clear_pgm_int();
	report(!code && cc == 2, "with the condition-code option, source: cc %d (2), code %#x", cc, code);
	expect_pgm_int();
	mvpg(0, dst, src);
	check_pgm_int_code(PGM_INT_CODE_PAGE_TRANSLATION);
	report((lowcore.trans_exc_id & PAGE_MASK) == (uintptr_t)src, "TEID names the source: %#lx",
	       lowcore.trans_exc_id);
	unprotect_page(src, PAGE_ENTRY_I);
	report_prefix_pop();

	report_prefix_push("addressing");
	disable_dat();
	expect_pgm_int();
	mvpg(0, dst, (void *)(uintptr_t)ALIGN(mem_ram_end(), PAGE_SIZE));
	code = clear_pgm_int();
	expect_pgm_int();
	mvpg(0, (void *)(uintptr_t)ALIGN(mem_ram_end(), PAGE_SIZE), src);
	enable_dat();
	report(code == PGM_INT_CODE_ADDRESSING, "source outside storage: code %#x", code);
	check_pgm_int_code(PGM_INT_CODE_ADDRESSING);
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("mvpg");
	src = alloc_pages(0);
	dst = alloc_pages(1);
	assert(src && dst);
	test_copy();
	test_exceptions();
	free_pages(src);
	free_pages(dst);
	return report_summary();
}
