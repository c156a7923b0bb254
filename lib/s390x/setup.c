/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setup.c - s390x boot, in C: everything between cstart64.S and main().
 * Turn DAT on (a real-space designation: no tables yet), open the SCLP
 * console, read SCP info (memory size, CPUs), take the environ from the
 * initrd (address and size at 0x10408/0x10410), give the RAM after the
 * image to the early allocator, identity-map RAM with page tables, take
 * argv from the command line QEMU wrote into the image (0x10480), and hand
 * what the early allocator did not use to the page allocator, split at
 * 2 GiB into AREA_NORMAL and AREA_LOW.
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

/* The environ from the initrd, copied before the early allocator may reuse the RAM it lies in. */
static void setup_environ(phys_addr_t ram_end)
{
	if (!initrd_size)
		return;
	if (initrd_start + initrd_size > ram_end || initrd_start < virt_to_phys(__image_end))
		report_abort("setup: the initrd [%#lx, %#lx) is not in free RAM", initrd_start,
			     initrd_start + initrd_size);
	setup_env(phys_to_virt(initrd_start), initrd_size);
}

/* The RAM after the image to the early allocator, which setup_vm() takes the tables from. */
static void setup_early_memory(phys_addr_t ram_end)
{
	phys_addr_t free = PAGE_ALIGN(virt_to_phys(__image_end));

	if (ram_end <= free)
		report_abort("setup: %#lx bytes of RAM do not hold the image (it ends at %#lx)", ram_end, free);
	mem_region_add(0, ram_end, MR_F_RAM);
	/* The lowcore and the image are RAM, but not free RAM. */
	mem_region_add(0, free, MR_F_IMAGE);
	phys_alloc_init(free, ram_end - free);
}

/*
 * DAT is on from the start, with a real-space designation until the RAM
 * size is known and setup_vm() has built the identity map: QEMU's TCG
 * translates guest code anew when the DAT bit of the PSW changes, so what
 * ran with DAT off and then on (the SCLP calls, memset, printf) would be
 * translated twice, and translation is most of a boot's time under TCG.
 * The environ is read before the early allocator hands out the RAM the
 * initrd lies in.
 */
void setup(void)
{
	phys_addr_t ram_end;

	setup_dat_real_space();
	io_init();
	sclp_read_info();
	ram_end = sclp_memory_size();
	setup_environ(ram_end);
	setup_early_memory(ram_end);
	setup_vm(ram_end);
	smp_setup();
	/* argv[0]: the image's name is not passed on s390x. */
	setup_args_progname("s390x", cmdline);
	phys_alloc_hand_over();
}
