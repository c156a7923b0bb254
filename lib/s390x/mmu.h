/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmu.h - dynamic address translation: setup() identity-maps all RAM with
 * 4 KiB pages (a region-third table, segment tables and page tables, in
 * the primary ASCE) and turns DAT on; a test may turn it off and on again
 * (enable_dat, disable_dat: kvm-unit-tests' names), and change one page's
 * protection.
 */
#ifndef _S390X_MMU_H_
#define _S390X_MMU_H_

#include "libcflat.h"

/* Page-table entry bits. */
#define PAGE_ENTRY_I		0x400UL	/* invalid */
#define PAGE_ENTRY_P		0x200UL	/* write protected */

/*
 * DAT on before any table exists: the primary ASCE is a real-space designation, which translates every
 * address to itself (RAM or not). The boot turns DAT on with it first thing, so that the PSW's DAT bit
 * never changes during the boot: QEMU's TCG translates guest code anew for each value of that bit.
 */
extern void setup_dat_real_space(void);
/* Build the identity map of [0, ram_end) with memory from the early allocator, load it and turn DAT on. */
extern void setup_vm(phys_addr_t ram_end);
/* DAT on or off for the running CPU, its new PSWs included (interruptions run in the same mode). */
extern void enable_dat(void);
extern void disable_dat(void);
/* Set or clear prot (PAGE_ENTRY_I, PAGE_ENTRY_P) in the entry of the page at vaddr, and purge the TLBs. */
extern void protect_page(void *vaddr, unsigned long prot);
extern void unprotect_page(void *vaddr, unsigned long prot);
/* The primary ASCE, for tests that look at the tables. */
extern u64 mmu_asce(void);

#endif /* _S390X_MMU_H_ */
