/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setup.c - x86_64 boot, in C: everything between long mode and main().
 * Read the multiboot info (command line, environ module, memory map),
 * map RAM above 4 GiB, install the IDT and TSS, and hand free RAM to the
 * early allocator and then to the page allocator.
 */
#include "libcflat.h"
#include "argv.h"
#include "desc.h"
#include "fwcfg.h"
#include "memregions.h"
#include "pmu.h"
#include "alloc_phys.h"
#include "alloc_page.h"
#include "alloc.h"
#include "asm/page.h"
#include "smp.h"
#include "string.h"

#define MB_BOOTLOADER_MAGIC	0x2badb002
#define MB_INFO_MEM		(1 << 0)
#define MB_INFO_CMDLINE		(1 << 2)
#define MB_INFO_MODS		(1 << 3)
#define MB_INFO_MMAP		(1 << 6)
#define MB_MMAP_RAM		1

struct mb_info {
	u32 flags;
	u32 mem_lower, mem_upper;
	u32 boot_device;
	u32 cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
} __packed;

struct mb_module {
	u32 start, end;
	u32 string;
	u32 reserved;
} __packed;

struct mb_mmap_entry {
	u32 size;	/* of the rest of the entry */
	u64 addr, len;
	u32 type;
} __packed;

extern char __image_start[], __image_end[];
extern u64 pdpt[];

void serial_init(void);
void setup_x86(u32 magic, struct mb_info *mbi);

static phys_addr_t loader_end;	/* the end of everything the loader placed in memory */

static void note_loader_use(phys_addr_t start, u64 len)
{
	if (start + len > loader_end)
		loader_end = start + len;
}

static void read_mmap(const struct mb_info *mbi)
{
	phys_addr_t p = mbi->mmap_addr, end = p + mbi->mmap_length;

	note_loader_use(mbi->mmap_addr, mbi->mmap_length);
	while (p < end) {
		const struct mb_mmap_entry *e = phys_to_virt(p);

		if (e->type == MB_MMAP_RAM && e->len)
			mem_region_add(e->addr, e->addr + e->len, MR_F_RAM);
		p += e->size + sizeof(e->size);
	}
}

#ifdef __x86_64__
/*
 * RAM above the boot page tables' 4 GiB: 2 MiB pages, page directories
 * from the early allocator (malloc is served by it at this point).
 */
static void map_high_ram(phys_addr_t end)
{
	phys_addr_t gb;

	if (end > (512ULL << 30))
		report_abort("setup: RAM up to %#" PRIx64 " is more than the 512 GiB this boot code maps", end);
	for (gb = 4; gb < DIV_ROUND_UP(end, SZ_1G); gb++) {
		u64 *pd = memalign(PAGE_SIZE, PAGE_SIZE);
		int i;

		if (!pd)
			report_abort("setup: no memory for the page tables of RAM above 4 GiB");
		for (i = 0; i < PT_ENTRIES; i++)
			pd[i] = ((gb << 30) + ((u64)i << 21)) | PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK |
				PT_PAGE_SIZE_MASK;
		pdpt[gb] = virt_to_phys(pd) | PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK;
	}
}
#else
/*
 * i386: the boot tables map all that 32-bit addresses reach, but 2-3 GiB,
 * which vmalloc (vm.c) takes. RAM must lie below 2 GiB (QEMU's pc machine
 * puts RAM beyond its below-4G part above 4 GiB, out of reach).
 */
static void map_high_ram(phys_addr_t end)
{
	struct mem_region *r = mem_region_find((2ULL << 30) - 1);

	if (mem_region_find(2ULL << 30) || (r && r->end > (2ULL << 30)))
		report_abort("setup: i386 takes RAM below 2 GiB only (it ends at %#" PRIx64 "); use -m 2G or less",
			     end);
}
#endif

static void setup_memory(void)
{
	phys_addr_t image = virt_to_phys(__image_start);
	phys_addr_t free = PAGE_ALIGN(MAX(loader_end, virt_to_phys(__image_end)));
	struct mem_region *low = mem_region_find(image);
	phys_addr_t base, top;
	int i;

	if (!low || low->end <= free)
		report_abort("setup: no free RAM after the image (image at %#" PRIx64 ", free from %#" PRIx64 ")",
			     image, free);
	/* The image and what the loader put after it are RAM, but not free RAM. */
	mem_region_add(image, free, MR_F_IMAGE);
	phys_alloc_init(free, ALIGN_DOWN(low->end, PAGE_SIZE) - free);
	map_high_ram(mem_ram_end());

	phys_alloc_get_unused(&base, &top);
	if (top > base)
		page_alloc_init_area(AREA_ANY_NUMBER, PAGE_ALIGN(base) >> PAGE_SHIFT, top >> PAGE_SHIFT);
	for (i = 0; i < nr_mem_regions; i++) {
		struct mem_region *r = &mem_regions[i];

		/* Other RAM: above 4 GiB. Below 1 MiB stays out: real-mode code (SMP start-up) lives there. */
		if (!(r->flags & MR_F_RAM) || r == low || r->start < SZ_1M)
			continue;
		/* i386: RAM above 4 GiB, which 32-bit addresses do not reach. */
		if (r->start >= (1ULL << 32) && sizeof(long) == 4)
			continue;
		page_alloc_init_area(AREA_ANY_NUMBER, PAGE_ALIGN(r->start) >> PAGE_SHIFT, r->end >> PAGE_SHIFT);
	}
	page_alloc_ops_enable();
}

void setup_x86(u32 magic, struct mb_info *mbi)
{
	load_percpu(0);
	serial_init();
	setup_idt();
	setup_tss(0);
	probe_fep();
	pmu_init();
	if (magic != MB_BOOTLOADER_MAGIC)
		report_abort("setup: not started by a multiboot loader (eax=%#x); boot with qemu -kernel", magic);
	note_loader_use(virt_to_phys(mbi), sizeof(*mbi));

	if (mbi->flags & MB_INFO_CMDLINE) {
		const char *cmdline = phys_to_virt(mbi->cmdline);

		note_loader_use(mbi->cmdline, strlen(cmdline) + 1);
		setup_args_cmdline(cmdline);
	} else {
		setup_args_cmdline("");
	}
	/* The first module is the environ (-initrd); others are left to the test. */
	if ((mbi->flags & MB_INFO_MODS) && mbi->mods_count) {
		const struct mb_module *mods = phys_to_virt(mbi->mods_addr);
		u32 i;

		note_loader_use(mbi->mods_addr, mbi->mods_count * sizeof(*mods));
		for (i = 0; i < mbi->mods_count; i++) {
			note_loader_use(mods[i].start, mods[i].end - mods[i].start);
			if (mods[i].string)
				note_loader_use(mods[i].string, strlen(phys_to_virt(mods[i].string)) + 1);
		}
		setup_env(phys_to_virt(mods[0].start), mods[0].end - mods[0].start);
	}
	if (!(mbi->flags & MB_INFO_MMAP))
		report_abort("setup: the multiboot loader gave no memory map");
	read_mmap(mbi);
	setup_memory();
	no_test_device = !test_device_enabled();
	smp_boot();
}
