/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setup.c - ppc64 boot, in C: everything between cstart64.S and main().
 * Runs in real mode (MMU off, addresses are physical; docs/ppc64.md says
 * why it stays off): read the device tree (RTAS, console, CPUs and their
 * threads, memory, bootargs, initrd), install the interrupt vectors, keep
 * a compact copy of the tree right after the image, and give all the RAM
 * after it to the early allocator and then to the page allocator.
 */
#include "libcflat.h"
#include "string.h"
#include "devicetree.h"
#include "dt_boot.h"
#include "memregions.h"
#include "alloc_phys.h"
#include "alloc_page.h"
#include "alloc.h"
#include "asm/page.h"
#include "asm/ppc.h"
#include "hcall.h"
#include "io.h"
#include "processor.h"
#include "rtas.h"
#include "smp.h"

/* The FDT header's boot_cpuid_phys: the server number of the thread QEMU started. */
#define FDT_BOOT_CPUID_OFFSET	28
#define CACHE_LINE	128

extern char __image_start[], __image_end[];
extern char progname[];
extern char vectors_start[], vectors_end[];

void setup(const void *fdt);

static void setup_console(void)
{
	int node = dt_get_stdout_node();
	struct dt_reg reg;

	/* No stdout-path, or not a vterm: keep QEMU's first vty. */
	if (node < 0 || !dt_node_is_compatible(node, "hvterm1"))
		return;
	if (!dt_get_reg(node, 0, &reg))
		io_set_vterm(reg.addr);
}

/* Make freshly written code visible to instruction fetch. */
static void sync_icache(const void *start, size_t size)
{
	uintptr_t p, end = (uintptr_t)start + size;

	for (p = ALIGN_DOWN((uintptr_t)start, CACHE_LINE); p < end; p += CACHE_LINE)
		asm volatile("dcbst 0, %0" : : "r"(p) : "memory");
	asm volatile("sync" : : : "memory");
	for (p = ALIGN_DOWN((uintptr_t)start, CACHE_LINE); p < end; p += CACHE_LINE)
		asm volatile("icbi 0, %0" : : "r"(p) : "memory");
	asm volatile("sync; isync" : : : "memory");
}

/*
 * The vector stubs go to their real addresses, over the ROM. A
 * little-endian image also needs interrupts taken in little endian
 * (LPCR[ILE]), which the hypervisor sets for it with H_SET_MODE.
 */
static void setup_vectors(void)
{
	size_t size = vectors_end - vectors_start;
	long ret;

	assert(size == VEC_END - VEC_FIRST);
	memcpy(phys_to_virt(VEC_FIRST), vectors_start, size);
	sync_icache(phys_to_virt(VEC_FIRST), size);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	ret = hcall(H_SET_MODE, H_SET_MODE_ENDIAN_LITTLE, H_SET_MODE_RESOURCE_LE, 0, 0, NULL);
#else
	ret = hcall(H_SET_MODE, H_SET_MODE_ENDIAN_BIG, H_SET_MODE_RESOURCE_LE, 0, 0, NULL);
#endif
	if (ret != H_SUCCESS)
		report_abort("setup: H_SET_MODE (interrupt byte order) failed: %ld", ret);
}

/* Each CPU node is a core; its threads' server numbers are in ibm,ppc-interrupt-server#s. */
static void add_core(int node, u64 reg, void *data)
{
	const u8 *servers;
	int len, i;

	servers = dt_getprop(node, "ibm,ppc-interrupt-server#s", &len);
	if (!servers || len % 4)
		report_abort("setup: CPU node %s has no valid ibm,ppc-interrupt-server#s", dt_node_name(node));
	for (i = 0; i < len / 4; i++) {
		if (nr_cpus == MAX_CPUS)
			report_abort("setup: more than %d CPU threads in the device tree", MAX_CPUS);
		cpus[nr_cpus++] = dt_be32(servers + 4 * i);
	}
}

static void setup_cpus(const void *fdt)
{
	u32 boot = dt_be32((const u8 *)fdt + FDT_BOOT_CPUID_OFFSET);
	int ret, me;

	ret = dt_for_each_cpu_node(add_core, NULL);
	if (ret < 0)
		dt_abort("/cpus", ret);
	if (!nr_cpus)
		report_abort("setup: no CPU in the device tree");
	me = server_to_cpu(boot);
	if (me < 0)
		report_abort("setup: the boot thread (server %u) is not in the device tree", boot);
	smp_set_boot_cpu(me);
}

static void setup_memory(void)
{
	phys_addr_t base, top;

	dt_boot_free_ram(virt_to_phys(__image_start), virt_to_phys(__image_end), &base, &top);
	/* No page tables to build in real mode: the early allocator keeps nothing, the page allocator gets all. */
	phys_alloc_init(base, top - base);
	phys_alloc_hand_over();
}

void setup(const void *fdt)
{
	int ret;

	ret = dt_init(fdt, DT_BOOT_MAX_SIZE);
	if (ret)
		report_abort("setup: no device tree at %p (r3 at entry): %s", fdt, dt_strerror(ret));
	/* First RTAS: it holds the power-off token, without which no exit gets out. */
	ret = rtas_init();
	if (ret)
		dt_abort("/rtas", ret);
	setup_console();
	setup_vectors();
	setup_cpus(fdt);
	dt_boot_mem_regions();
	/* argv[0] is the image's name, written into the image by arch.mk. */
	dt_boot_args_env(progname);
	setup_memory();
}
