/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setup.c - riscv64 boot, in C: everything between cstart.S and main().
 * Runs with paging off: read the device tree (harts, timebase, memory,
 * bootargs, initrd), keep a compact copy of the tree right after the image,
 * give the RAM after it to the early allocator, turn paging on, and hand
 * what the early allocator did not use to the page allocator.
 */
#include "libcflat.h"
#include "devicetree.h"
#include "dt_boot.h"
#include "memregions.h"
#include "alloc_phys.h"
#include "alloc_page.h"
#include "alloc.h"
#include "asm/page.h"
#include "asm/setup.h"
#include "asm/smp.h"

extern char __image_start[], __image_end[];
extern char progname[];

void setup_mmu(void);

u64 timebase_frequency;

static void add_cpu(int node, u64 hartid, void *data)
{
	if (nr_cpus == NR_CPUS)
		report_abort("setup: more than %d harts in the device tree", NR_CPUS);
	cpus[nr_cpus++] = hartid;
}

static void setup_cpus(unsigned long hartid)
{
	int ret, me;
	u32 freq;

	ret = dt_for_each_cpu_node(add_cpu, NULL);
	if (ret < 0)
		dt_abort("/cpus", ret);
	if (!nr_cpus)
		report_abort("setup: no hart in the device tree");
	me = hartid_to_cpu(hartid);
	if (me < 0)
		report_abort("setup: the boot hart (id %lu, a0 at entry) is not in the device tree", hartid);
	smp_set_boot_cpu(me);
	ret = dt_getprop_u32(dt_path_offset("/cpus"), "timebase-frequency", &freq);
	if (ret)
		dt_abort("/cpus/timebase-frequency", ret);
	timebase_frequency = freq;
}

static void setup_mem_regions(void)
{
	phys_addr_t lowest = dt_boot_mem_regions();

	/* The virt machine's devices live below RAM (the low 2 GiB): map all of it. */
	if (lowest)
		mem_region_add(0, lowest, MR_F_IO);
}

static void setup_memory(void)
{
	phys_addr_t base, top;

	dt_boot_free_ram(virt_to_phys(__image_start), virt_to_phys(__image_end), &base, &top);
	phys_alloc_init(base, top - base);
	setup_mmu();
	phys_alloc_hand_over();
}

void setup(unsigned long hartid, const void *fdt)
{
	int ret;

	ret = dt_init(fdt, DT_BOOT_MAX_SIZE);
	if (ret)
		report_abort("setup: no device tree at %p (a1 at entry): %s", fdt, dt_strerror(ret));
	setup_cpus(hartid);
	setup_mem_regions();
	/* argv[0] is the image's name, written into the image by arch.mk. */
	dt_boot_args_env(progname);
	setup_memory();
}
