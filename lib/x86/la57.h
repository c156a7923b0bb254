/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * la57.h - 5-level paging (Intel SDM vol. 3 4.5) for a test: build a
 * PML5 above the current 4-level tables, switch this CPU between 4-level
 * and 5-level paging (CR4.LA57 may change only outside long mode, so the
 * switch leaves it and comes back), and install pages at addresses only
 * 57-bit linear addresses reach.
 */
#ifndef _X86_LA57_H_
#define _X86_LA57_H_

#include "libcflat.h"
#include "asm/page.h"

/*
 * Leave long mode through 32-bit code, load cr4 and cr3 with paging off,
 * and enable paging again: the way into (CR4.LA57 set) and out of 5-level
 * paging. cr3 must be below 4 GiB, the caller's code and stack too; only
 * this CPU switches. Interrupts stay off during the switch.
 */
extern void paging_mode_switch(u64 cr3, u64 cr4);

/* A PML5 whose entry 0 is the current PML4 (cr3 must be 4-level); NULL without memory. */
extern pteval_t *la57_build_pml5(void);
/* Switch this CPU to 5-level paging on pml5 (from la57_build_pml5), and back to the PML4 at pml5[0]. */
extern void la57_enter(pteval_t *pml5);
extern void la57_leave(pteval_t *pml5);
/* Whether this CPU uses 5-level paging now. */
extern bool la57_active(void);
/* The entry for virt at level (1-5) under pml5, or NULL when a level above it is missing. */
extern pteval_t *la57_get_pte_level(pteval_t *pml5, u64 virt, int level);
/* Map the 4 KiB page at phys at virt (any 57-bit canonical address); tables get P, W and U. */
extern pteval_t *la57_install_page(pteval_t *pml5, phys_addr_t phys, u64 virt);

#endif /* _X86_LA57_H_ */
