/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tprot.c - TEST PROTECTION (z/Architecture Principles of Operation): the
 * condition code says what an access with the given access key (bits
 * 56-59 of the second-operand address) to the first operand would do:
 *   0 fetch and store permitted, 1 fetch only, 2 neither, 3 translation not available.
 * Checked: an ordinary page (cc 0), a DAT-protected page (1), an invalid page (3), the address past RAM
 * (3), low-address protection (1 below 512), and key-controlled protection: a block with key 1 tested
 * with access key 2 (1 without, 2 with fetch protection), with access keys 1 and 0 (0); TPROT is
 * privileged.
 * A hypervisor bug each would catch: TPROT emulated from the host's mapping instead of the guest's
 * tables, the DAT-protection bit or the storage key ignored, an invalid translation reported as an
 * exception instead of cc 3.
 */
#include "libcflat.h"
#include "accel.h"
#include "alloc_page.h"
#include "asm/arch_def.h"
#include "asm/mem.h"
#include "asm/page.h"
#include "memregions.h"
#include "mmu.h"
#include "processor.h"

static int tprot(void *addr, unsigned int key)
{
	int cc;

	asm volatile("	tprot	0(%[a]),0(%[k])\n"
		     "	ipm	%[cc]\n"
		     "	srl	%[cc],28\n"
		     : [cc] "=d"(cc) : [a] "a"(addr), [k] "a"((unsigned long)key << 4) : "cc");
	return cc;
}

int main(void)
{
	u8 *page = alloc_pages(1);
	u64 cr0;
	u16 code;
	int cc;

	report_prefix_push("tprot");
	assert(page);
	report(tprot(page, 0) == 0, "ordinary page: cc 0");

	protect_page(page, PAGE_ENTRY_P);
	cc = tprot(page, 0);
	report(cc == 1, "DAT-protected page: cc %d (1)", cc);
	report(tprot(page + PAGE_SIZE, 0) == 0, "the next page: cc 0");
	unprotect_page(page, PAGE_ENTRY_P);

	protect_page(page, PAGE_ENTRY_I);
	cc = tprot(page, 0);
	report(cc == 3, "invalid page: cc %d (3)", cc);
	unprotect_page(page, PAGE_ENTRY_I);
	cc = tprot((void *)(uintptr_t)mem_ram_end(), 0);
	report(cc == 3, "past the end of RAM (not mapped): cc %d (3)", cc);

	report_prefix_push("key");
	set_storage_key(page, 0x10, 0);
	cc = tprot(page, 2);
	report_kfail(under_tcg() && cc == 0, cc == 1, "access key 2, block key 1: cc %d (1); %s", cc,
		     "QEMU 7.2 TCG ignores storage keys in TPROT");
	report(tprot(page, 1) == 0, "access key 1, block key 1: cc 0");
	report(tprot(page, 0) == 0, "access key 0: cc 0");
	set_storage_key(page, 0x18, 0);
	cc = tprot(page, 2);
	report_kfail(under_tcg() && cc == 0, cc == 2, "access key 2, fetch-protected block key 1: cc %d (2); %s", cc,
		     "QEMU 7.2 TCG ignores storage keys in TPROT");
	set_storage_key(page, 0, 0);
	report_prefix_pop();

	/* Low-address protection (CR0 bit 35) forbids stores below 512 whatever the key. */
	cr0 = stctg(0);
	lctlg(0, cr0 | CR0_LOW_ADDR_PROT);
	cc = tprot((void *)0x100, 0);
	lctlg(0, cr0);
	report(cc == 1, "low-address protection on, address 0x100: cc %d (1)", cc);
	report(tprot((void *)0x100, 0) == 0, "low-address protection off: cc 0");

	expect_pgm_int();
	enter_pstate();
	tprot(page, 0);
	leave_pstate();
	code = clear_pgm_int();
	report_kfail(under_tcg() && !code, code == PGM_INT_CODE_PRIVILEGED_OPERATION,
		     "problem state: privileged-operation exception (code %#x); QEMU 7.2 TCG runs TPROT there", code);
	free_pages(page);
	return report_summary();
}
