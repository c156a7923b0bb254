/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setup.c - arm64 boot, in C: everything between cstart64.S and main().
 * Runs with the MMU off: read the device tree (console, PSCI, CPUs, memory,
 * bootargs, initrd), keep a compact copy of the tree right after the image,
 * give the RAM after it to the early allocator, turn the MMU on, and hand
 * what the early allocator did not use to the page allocator.
 */
#include "libcflat.h"
#include "argv.h"
#include "string.h"
#include "devicetree.h"
#include "memregions.h"
#include "alloc_phys.h"
#include "alloc_page.h"
#include "alloc.h"
#include "asm/page.h"
#include "asm/sysreg.h"
#include "asm/io.h"
#include "asm/mmu.h"
#include "asm/processor.h"
#include "asm/psci.h"
#include "asm/setup.h"
#include "asm/smp.h"
#include "asm/timer.h"

#define NR_DT_MEM	16
/* How far a device tree may reach before it is considered corrupt. */
#define DT_MAX_SIZE	(64UL << 20)

extern char __image_start[], __image_end[];
extern char progname[];

static void dt_abort(const char *what, int err)
{
	report_abort("setup: device tree: %s: %s", what, dt_strerror(err));
}

static void setup_console(void)
{
	int node = dt_get_stdout_node();
	struct dt_reg reg;

	/* No stdout-path, or not a PL011: keep the virt machine's UART. */
	if (node < 0 || !dt_node_is_compatible(node, "arm,pl011"))
		return;
	if (!dt_get_reg(node, 0, &reg))
		io_set_uart(reg.addr);
}

static void add_cpu(int node, u64 mpidr, void *data)
{
	if (nr_cpus == NR_CPUS)
		report_abort("setup: more than %d CPUs in the device tree", NR_CPUS);
	cpus[nr_cpus++] = mpidr;
}

static void setup_cpus(void)
{
	const char *method;
	int ret, me;

	ret = dt_get_psci_method(&method);
	if (ret)
		dt_abort("/psci method", ret);
	psci_set_conduit(method);
	ret = dt_for_each_cpu_node(add_cpu, NULL);
	if (ret < 0)
		dt_abort("/cpus", ret);
	if (!nr_cpus)
		report_abort("setup: no CPU in the device tree");
	me = mpidr_to_cpu(get_mpidr());
	if (me < 0)
		report_abort("setup: the boot CPU (MPIDR %#lx) is not in the device tree", get_mpidr());
	smp_set_boot_cpu(me);
}

static void setup_mem_regions(void)
{
	struct dt_reg regs[NR_DT_MEM];
	phys_addr_t lowest = ~0ULL;
	int i, n;

	n = dt_get_memory_params(regs, NR_DT_MEM);
	if (n < 0)
		dt_abort("memory nodes", n);
	if (!n)
		report_abort("setup: no memory node in the device tree");
	if (n > NR_DT_MEM)
		report_abort("setup: %d memory ranges in the device tree; at most %d are supported", n, NR_DT_MEM);
	for (i = 0; i < n; i++) {
		mem_region_add(regs[i].addr, regs[i].addr + regs[i].size, MR_F_RAM);
		lowest = MIN(lowest, regs[i].addr);
	}
	/* Devices live below RAM on virt (the low 1 GiB); map all of it as device memory. */
	if (lowest)
		mem_region_add(0, lowest, MR_F_IO);
}

static void setup_args_env(void)
{
	const char *bootargs;
	u64 start, end;
	int ret;

	ret = dt_get_bootargs(&bootargs);
	if (ret)
		dt_abort("/chosen/bootargs", ret);
	/* argv[0] is the image's name, written into the image by arch.mk. */
	setup_args_progname(progname, bootargs ? bootargs : "");
	ret = dt_get_initrd(&start, &end);
	if (ret == 0)
		setup_env(phys_to_virt(start), end - start);
	else if (ret != DT_ERR_NOTFOUND)
		dt_abort("/chosen linux,initrd-start/end", ret);
}

/*
 * Copy the tree, without the free space the loader leaves in it (QEMU's is
 * 1 MiB, a few KiB used), to dst; returns its new size. The initrd has been
 * copied by setup_env(), so after this nothing the loader placed is needed
 * and all RAM after the copy is free.
 */
static u32 move_dt(u8 *dst)
{
	u32 used = dt_copy_compact(dst);
	int ret;

	ret = dt_init(dst, used);
	if (ret)
		dt_abort("the moved copy", ret);
	return used;
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
		if (res.addr < free)
			report_abort("setup: reserved memory [%#lx, %#lx) overlaps the image", res.addr,
				     res.addr + res.size);
		top = res.addr;
	}
	return top;
}

static void setup_memory(void)
{
	phys_addr_t image = virt_to_phys(__image_start), free, top;
	struct mem_region *r = mem_region_find(image);
	phys_addr_t base;

	if (!r || !(r->flags & MR_F_RAM))
		report_abort("setup: the image at %#lx is not in RAM", image);
	free = virt_to_phys(__image_end);
	free += move_dt(phys_to_virt(free));
	free = PAGE_ALIGN(free);
	top = ALIGN_DOWN(free_top(free, r), PAGE_SIZE);
	if (top <= free)
		report_abort("setup: no free RAM after the image (free from %#lx, RAM ends at %#lx)", free, r->end);
	/* The image and the tree's copy are RAM, but not free RAM. */
	mem_region_add(image, free, MR_F_IMAGE);
	phys_alloc_init(free, top - free);
	setup_mmu();

	phys_alloc_get_unused(&base, &top);
	if (top > base)
		page_alloc_init_area(AREA_ANY_NUMBER, base >> PAGE_SHIFT, top >> PAGE_SHIFT);
	page_alloc_ops_enable();
}

void setup(const void *fdt)
{
	int ret;

	ret = dt_init(fdt, DT_MAX_SIZE);
	if (ret)
		report_abort("setup: no device tree at %p (x0 at entry): %s", fdt, dt_strerror(ret));
	setup_console();
	setup_cpus();
	timer_init();
	setup_mem_regions();
	setup_args_env();
	setup_memory();
}
