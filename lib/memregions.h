/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memregions.h - the guest's RAM as the arch's boot code found it (multiboot
 * map, device tree, SCLP, ...), in one form every arch shares, so generic
 * code and tests can ask how much memory there is and where.
 */
#ifndef _MEMREGIONS_H_
#define _MEMREGIONS_H_

#include "libcflat.h"

#define MR_F_RAM	(1U << 0)	/* usable RAM */
#define MR_F_IO		(1U << 1)	/* device memory */
#define MR_F_IMAGE	(1U << 2)	/* holds the test image (part of RAM) */

#define NR_MEM_REGIONS	64

struct mem_region {
	phys_addr_t start;
	phys_addr_t end;	/* exclusive */
	u32 flags;
};

extern struct mem_region mem_regions[NR_MEM_REGIONS];
extern int nr_mem_regions;

/* Add a region; aborts (naming it) when the table is full. */
extern void mem_region_add(phys_addr_t start, phys_addr_t end, u32 flags);
/* The region holding addr, or NULL. */
extern struct mem_region *mem_region_find(phys_addr_t addr);
/* The flags of the region holding addr, or MR_F_UNKNOWN outside every region (kvm-unit-tests' names). */
#define MR_F_UNKNOWN	(1U << 31)
extern u32 memregions_get_flags(phys_addr_t addr);
/* Total bytes of RAM, and the end of the highest RAM region. */
extern u64 mem_ram_size(void);
extern phys_addr_t mem_ram_end(void);

#endif /* _MEMREGIONS_H_ */
