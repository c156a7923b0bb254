/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setup.c - s390x boot, in C: everything between cstart64.S and main().
 * Open the SCLP console, read SCP info (memory size, CPUs), take argv from
 * the command line QEMU wrote into the image (0x10480) and the environ
 * from the initrd (address and size at 0x10408/0x10410), give the RAM
 * after the image to the early allocator, identity-map RAM and turn DAT
 * on, and hand what the early allocator did not use to the page
 * allocator, split at 2 GiB into AREA_NORMAL and AREA_LOW.
 */
#include "libcflat.h"
#include "argv.h"
#include "memregions.h"
#include "alloc_phys.h"
#include "alloc_page.h"
#include "asm/arch_def.h"
#include "asm/page.h"
#include "io.h"
#include "mmu.h"
#include "sclp.h"
#include "smp.h"

extern char __image_start[], __image_end[];
/* Filled in by QEMU's loader (cstart64.S). */
extern char cmdline[];
extern u64 initrd_start, initrd_size;

void setup(void);

static void setup_args_env(phys_addr_t ram_end)
{
	/* argv[0]: the image's name is not passed on s390x. */
	setup_args_progname("s390x", cmdline);
	if (!initrd_size)
		return;
	if (initrd_start + initrd_size > ram_end || initrd_start < virt_to_phys(__image_end))
		report_abort("setup: the initrd [%#lx, %#lx) is not in free RAM", initrd_start,
			     initrd_start + initrd_size);
	setup_env(phys_to_virt(initrd_start), initrd_size);
}

static void setup_memory(phys_addr_t ram_end)
{
	phys_addr_t free = PAGE_ALIGN(virt_to_phys(__image_end)), base, top;

	if (ram_end <= free)
		report_abort("setup: %#lx bytes of RAM do not hold the image (it ends at %#lx)", ram_end, free);
	mem_region_add(0, ram_end, MR_F_RAM);
	/* The lowcore and the image are RAM, but not free RAM. */
	mem_region_add(0, free, MR_F_IMAGE);
	phys_alloc_init(free, ram_end - free);
	setup_vm(ram_end);

	phys_alloc_get_unused(&base, &top);
	if (top > base)
		page_alloc_init_area(AREA_ANY_NUMBER, base >> PAGE_SHIFT, top >> PAGE_SHIFT);
	page_alloc_ops_enable();
}

void setup(void)
{
	phys_addr_t ram_end;

	io_init();
	sclp_read_info();
	ram_end = sclp_memory_size();
	smp_setup();
	setup_args_env(ram_end);
	setup_memory(ram_end);
}
