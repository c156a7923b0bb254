/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dt_boot.c - boot steps shared by the device-tree arches (see dt_boot.h).
 * Runs before main with the tree current (dt_init) and RAM identity
 * mapped or the MMU off, so physical addresses can be used directly.
 */
#include "libcflat.h"
#include "argv.h"
#include "devicetree.h"
#include "memregions.h"
#include "dt_boot.h"
#include <asm/page.h>

static u64 initrd_start, initrd_end;

void dt_abort(const char *what, int err)
{
	report_abort("setup: device tree: %s: %s", what, dt_strerror(err));
}

phys_addr_t dt_boot_mem_regions(void)
{
	struct dt_reg regs[DT_BOOT_MAX_MEM];
	phys_addr_t lowest = ~0ULL;
	int i, n;

	n = dt_get_memory_params(regs, DT_BOOT_MAX_MEM);
	if (n < 0)
		dt_abort("memory nodes", n);
	if (!n)
		report_abort("setup: no memory node in the device tree");
	if (n > DT_BOOT_MAX_MEM)
		report_abort("setup: %d memory ranges in the device tree; at most %d are supported", n,
			     DT_BOOT_MAX_MEM);
	for (i = 0; i < n; i++) {
		mem_region_add(regs[i].addr, regs[i].addr + regs[i].size, MR_F_RAM);
		lowest = MIN(lowest, regs[i].addr);
	}
	return lowest;
}

void dt_boot_args_env(const char *progname)
{
	const char *bootargs;
	int ret;

	ret = dt_get_bootargs(&bootargs);
	if (ret)
		dt_abort("/chosen/bootargs", ret);
	setup_args_progname(progname, bootargs ? bootargs : "");
	ret = dt_get_initrd(&initrd_start, &initrd_end);
	if (ret == 0)
		setup_env(phys_to_virt(initrd_start), initrd_end - initrd_start);
	else if (ret != DT_ERR_NOTFOUND)
		dt_abort("/chosen linux,initrd-start/end", ret);
}

/* The end of the free RAM that starts at free: the region's end, or the first reserved range above. */
static phys_addr_t free_top(phys_addr_t free, const struct mem_region *r)
{
	phys_addr_t top = r->end;
	struct dt_reg res;
	int i;

	for (i = 0; !dt_get_memreserve(i, &res); i++) {
		if (res.addr + res.size <= free || res.addr >= top)
			continue;
		if (res.size && res.addr == initrd_start && res.addr + res.size == initrd_end)
			continue;
		if (res.addr < free)
			report_abort("setup: reserved memory [%#" PRIx64 ", %#" PRIx64 ") overlaps the image", res.addr,
				     res.addr + res.size);
		top = res.addr;
	}
	return top;
}

void dt_boot_free_ram(phys_addr_t image_start, phys_addr_t image_end, phys_addr_t *base, phys_addr_t *top)
{
	struct mem_region *r = mem_region_find(image_start);
	phys_addr_t free;
	u32 used;
	int ret;

	if (!r || !(r->flags & MR_F_RAM))
		report_abort("setup: the image at %#" PRIx64 " is not in RAM", image_start);
	/*
	 * The initrd has been copied by setup_env(), so once the tree is
	 * copied too, nothing the loader placed is needed.
	 */
	used = dt_copy_compact(phys_to_virt(image_end));
	ret = dt_init(phys_to_virt(image_end), used);
	if (ret)
		dt_abort("the moved copy", ret);
	free = PAGE_ALIGN(image_end + used);
	*top = ALIGN_DOWN(free_top(free, r), PAGE_SIZE);
	if (*top <= free)
		report_abort("setup: no free RAM after the image (free from %#" PRIx64 ", RAM ends at %#" PRIx64 ")",
			     free, r->end);
	/* The image and the tree's copy are RAM, but not free RAM. */
	mem_region_add(image_start, free, MR_F_IMAGE);
	*base = free;
}
