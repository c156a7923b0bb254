/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setup.c - arm and arm64 boot, in C: everything between the start code and main().
 * Runs with the MMU off: read the device tree (console, PSCI, CPUs, memory,
 * bootargs, initrd), keep a compact copy of the tree right after the image,
 * give the RAM after it to the early allocator, turn the MMU on, and hand
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
#include "asm/sysreg.h"
#include "asm/io.h"
#include "asm/mmu.h"
#include "asm/processor.h"
#include "asm/psci.h"
#include "asm/setup.h"
#include "asm/smp.h"
#include "asm/timer.h"

extern char __image_start[], __image_end[];
extern char progname[];

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

phys_addr_t __phys_offset, __phys_end;

static void setup_mem_regions(void)
{
	phys_addr_t lowest = dt_boot_mem_regions();

	__phys_offset = lowest;
	__phys_end = mem_ram_end();
	/* Devices live below RAM on virt (the low 1 GiB); map all of it as device memory. */
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

void setup(const void *fdt)
{
	int ret;

	ret = dt_init(fdt, DT_BOOT_MAX_SIZE);
	if (ret)
		report_abort("setup: no device tree at %p (the boot register): %s", fdt, dt_strerror(ret));
	setup_console();
	setup_cpus();
	timer_init();
	setup_mem_regions();
	/* argv[0] is the image's name, written into the image by arch.mk. */
	dt_boot_args_env(progname);
	setup_memory();
}
