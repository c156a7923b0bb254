/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iep.c - instruction-execution protection (facility 130; z/Architecture
 * Principles of Operation, "Instruction-Execution Protection"): with CR0
 * bit 43 (the IEP control) on, fetching an instruction from a page whose
 * page-table entry has the IEP bit (bit 55) is a protection exception,
 * with the TEID saying it was an instruction fetch of that page
 * (with ESOP-2, protection code 5 in bits 56, 60, 61) and the old PSW
 * advanced by the ILC past that instruction's address (suppression).
 * With the control off, or on a page without the bit, the code runs;
 * data accesses to the page are not affected.
 * A hypervisor bug each would catch: the IEP bit or control ignored when the hypervisor walks the guest's
 * tables (shadow paging, emulation of an instruction fetched from such a page), a TEID without the IEP
 * indication.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "asm/arch_def.h"
#include "asm/facility.h"
#include "asm/page.h"
#include "mmu.h"
#include "processor.h"
#include "string.h"

#define PAGE_ENTRY_IEP	0x100UL
/*
 * With enhanced suppression on protection 2 (facility 131), TEID bits 56,
 * 60 and 61 of a protection exception say which protection it was:
 * 1, 0, 1 is instruction-execution protection.
 */
#define TEID_PROT_CODE_MASK	0x8cUL
#define TEID_PROT_IEP		0x84UL

/* lghi %r2,42 ; br %r14: a function returning 42, which runs wherever it is copied. */
static const u8 ret42[] = { 0xa7, 0x29, 0x00, 0x2a, 0x07, 0xfe };

static struct {
	int count;
	u64 addr;
	u64 teid;
	unsigned int ilen;
} seen;

static void prot_handler(struct interrupt_regs *regs, u16 code)
{
	seen.count++;
	seen.addr = regs->psw.addr;
	seen.teid = lowcore.trans_exc_id;
	seen.ilen = ((lowcore.pgm_int_id >> 1) & 3) * 2;
	/* Back to the caller: the protected function cannot run. */
	regs->psw.addr = regs->grs[14];
	regs->grs[2] = -1;
}

int main(void)
{
	u8 *page;
	long (*fn)(void);
	u64 cr0 = stctg(0);
	long ret;

	report_prefix_push("iep");
	if (!test_facility(130)) {
		report_skip("instruction-execution protection: facility 130 is not installed (-cpu max has it)");
		return report_summary();
	}
	page = alloc_pages(0);
	assert(page);
	memcpy(page, ret42, sizeof(ret42));
	fn = (void *)page;
	install_pgm_handler(PGM_INT_CODE_PROTECTION, prot_handler);

	report(fn() == 42, "code on an ordinary page runs");
	protect_page(page, PAGE_ENTRY_IEP);
	report(fn() == 42 && !seen.count, "IEP bit, control off: runs");

	lctlg(0, cr0 | CR0_IEP);
	ret = fn();
	report(ret == -1 && seen.count == 1, "IEP bit, control on: protection exception (%ld, %d)", ret, seen.count);
	report(seen.addr - seen.ilen == (uintptr_t)page, "old PSW %#lx, less the ILC (%u bytes), is the instruction",
	       seen.addr, seen.ilen);
	report((seen.teid & PAGE_MASK) == (uintptr_t)page, "TEID %#lx names the page", seen.teid);
	if (test_facility(131))
		report((seen.teid & TEID_PROT_CODE_MASK) == TEID_PROT_IEP, "TEID protection code: IEP (%#lx)",
		       seen.teid & TEID_PROT_CODE_MASK);
	else
		report_skip("TEID protection code: no ESOP-2 (facility 131)");
	report(*(volatile u8 *)page == ret42[0], "data fetches from the page are allowed");
	unprotect_page(page, PAGE_ENTRY_IEP);
	seen.count = 0;
	report(fn() == 42 && !seen.count, "no IEP bit, control on: runs");
	lctlg(0, cr0);

	install_pgm_handler(PGM_INT_CODE_PROTECTION, NULL);
	free_pages(page);
	return report_summary();
}
