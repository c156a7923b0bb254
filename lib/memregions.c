/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memregions.c - the table of memory regions filled at boot by each arch.
 */
#include "libcflat.h"
#include "memregions.h"

struct mem_region mem_regions[NR_MEM_REGIONS];
int nr_mem_regions;

void mem_region_add(phys_addr_t start, phys_addr_t end, u32 flags)
{
	if (nr_mem_regions == NR_MEM_REGIONS)
		report_abort("mem_region_add: table full (%d regions) at [%#" PRIx64 ", %#" PRIx64 ")",
			     NR_MEM_REGIONS, start, end);
	mem_regions[nr_mem_regions++] = (struct mem_region){ start, end, flags };
}

struct mem_region *mem_region_find(phys_addr_t addr)
{
	int i;

	for (i = 0; i < nr_mem_regions; i++) {
		if (addr >= mem_regions[i].start && addr < mem_regions[i].end)
			return &mem_regions[i];
	}
	return NULL;
}

u32 memregions_get_flags(phys_addr_t addr)
{
	struct mem_region *r = mem_region_find(addr);

	return r ? r->flags : MR_F_UNKNOWN;
}

u64 mem_ram_size(void)
{
	u64 total = 0;
	int i;

	for (i = 0; i < nr_mem_regions; i++) {
		if (mem_regions[i].flags & MR_F_RAM)
			total += mem_regions[i].end - mem_regions[i].start;
	}
	return total;
}

phys_addr_t mem_ram_end(void)
{
	phys_addr_t end = 0;
	int i;

	for (i = 0; i < nr_mem_regions; i++) {
		if ((mem_regions[i].flags & MR_F_RAM) && mem_regions[i].end > end)
			end = mem_regions[i].end;
	}
	return end;
}
