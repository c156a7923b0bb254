/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pci.c (arm64) - pci.h on the generic ECAM host bridge of the device tree
 * (compatible "pci-host-ecam-generic", QEMU virt's): configuration space
 * through ECAM, bus 0 only (virt puts every device there), BARs assigned
 * from the bridge's "ranges" windows, since nothing ran before the test to
 * do it. I/O space is the window's MMIO range (port p at its base + p).
 */
#include "libcflat.h"
#include "devicetree.h"
#include "pci.h"
#include "asm/io.h"
#include "asm/mmu.h"

#define ECAM_BUS0_SIZE		(32 * 8 * 4096)
#define RANGE_SPACE(hi)		(((hi) >> 24) & 3)	/* 1: I/O, 2: 32-bit memory, 3: 64-bit memory */

struct window {
	u64 bus, cpu, size, next;
};

static u8 *ecam;
static struct window io_win, mem_win;
static u64 bar_size[256][PCI_BAR_NUM];

static volatile void *cfg(pcidevaddr_t dev, u8 reg)
{
	return ecam + ((u64)(dev & 0xff) << 12) + reg;
}

/* Before pci_probe() found a host bridge, reads see no device (all ones), as on a bus with nothing on it. */
u8 pci_config_readb(pcidevaddr_t dev, u8 reg)
{
	return ecam ? readb(cfg(dev, reg)) : 0xff;
}

u16 pci_config_readw(pcidevaddr_t dev, u8 reg)
{
	return ecam ? readw(cfg(dev, reg)) : 0xffff;
}

u32 pci_config_readl(pcidevaddr_t dev, u8 reg)
{
	return ecam ? readl(cfg(dev, reg)) : 0xffffffff;
}

void pci_config_writeb(pcidevaddr_t dev, u8 reg, u8 val)
{
	writeb(val, cfg(dev, reg));
}

void pci_config_writew(pcidevaddr_t dev, u8 reg, u16 val)
{
	writew(val, cfg(dev, reg));
}

void pci_config_writel(pcidevaddr_t dev, u8 reg, u32 val)
{
	writel(val, cfg(dev, reg));
}


static bool bar_is_io(pcidevaddr_t dev, int bar)
{
	return pci_config_readl(dev, PCI_BASE_ADDRESS_0 + 4 * bar) & PCI_BASE_ADDRESS_SPACE_IO;
}

static bool bar_is64(pcidevaddr_t dev, int bar)
{
	u32 v = pci_config_readl(dev, PCI_BASE_ADDRESS_0 + 4 * bar);

	return !(v & PCI_BASE_ADDRESS_SPACE_IO) && (v & 6) == PCI_BASE_ADDRESS_MEM_TYPE_64;
}

static u64 bar_addr(pcidevaddr_t dev, int bar)
{
	u32 lo = pci_config_readl(dev, PCI_BASE_ADDRESS_0 + 4 * bar);

	if (lo & PCI_BASE_ADDRESS_SPACE_IO)
		return lo & PCI_BASE_ADDRESS_IO_MASK;
	if (bar_is64(dev, bar))
		return (lo & PCI_BASE_ADDRESS_MEM_MASK) |
		       (u64)pci_config_readl(dev, PCI_BASE_ADDRESS_0 + 4 * bar + 4) << 32;
	return lo & PCI_BASE_ADDRESS_MEM_MASK;
}

static u64 bar_size_of(pcidevaddr_t dev, int bar)
{
	return bar_size[dev & 0xff][bar];
}

/* Sizing (PCI Local Bus spec 6.2.5.1): write all ones, the read-only low bits give the size. */
static u64 probe_bar_size(pcidevaddr_t dev, int bar, bool *is64)
{
	u8 reg = PCI_BASE_ADDRESS_0 + 4 * bar;
	u32 old = pci_config_readl(dev, reg), lo, hi = 0xffffffff, old_hi = 0;
	u64 mask;

	*is64 = bar_is64(dev, bar);
	pci_config_writel(dev, reg, 0xffffffff);
	lo = pci_config_readl(dev, reg);
	pci_config_writel(dev, reg, old);
	if (*is64) {
		old_hi = pci_config_readl(dev, reg + 4);
		pci_config_writel(dev, reg + 4, 0xffffffff);
		hi = pci_config_readl(dev, reg + 4);
		pci_config_writel(dev, reg + 4, old_hi);
	}
	if (!lo && (!*is64 || !hi))
		return 0;
	mask = (u64)hi << 32 | (lo & ((old & PCI_BASE_ADDRESS_SPACE_IO) ? PCI_BASE_ADDRESS_IO_MASK :
				      PCI_BASE_ADDRESS_MEM_MASK));
	if (old & PCI_BASE_ADDRESS_SPACE_IO)
		mask |= 0xffffffff00000000UL | 0xffff0000;	/* I/O BARs decode 16 bits at most */
	return ~mask + 1;
}

static void assign_bars(pcidevaddr_t dev)
{
	u16 cmd = pci_config_readw(dev, PCI_COMMAND);
	bool is64;
	int bar;

	pci_config_writew(dev, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (bar = 0; bar < PCI_BAR_NUM; bar++) {
		u64 size = probe_bar_size(dev, bar, &is64), addr;
		struct window *w = bar_is_io(dev, bar) ? &io_win : &mem_win;
		u8 reg = PCI_BASE_ADDRESS_0 + 4 * bar;

		bar_size[dev & 0xff][bar] = size;
		if (size) {
			addr = ALIGN(w->next, size);
			if (addr + size > w->bus + w->size) {
				printf("pci: %02x:%02x.%d BAR%d: no room for %#lx bytes\n", dev >> 8, (dev >> 3) & 31,
				       dev & 7, bar, size);
				bar_size[dev & 0xff][bar] = 0;
			} else {
				w->next = addr + size;
				pci_config_writel(dev, reg, (u32)addr | (pci_config_readl(dev, reg) & 0xf));
				if (is64)
					pci_config_writel(dev, reg + 4, addr >> 32);
				cmd |= w == &io_win ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY;
			}
		}
		if (is64)
			bar++;
	}
	pci_config_writew(dev, PCI_COMMAND, cmd);
}

void *pci_bar_map(pcidevaddr_t dev, int bar)
{
	struct window *w = bar_is_io(dev, bar) ? &io_win : &mem_win;
	u64 addr = bar_addr(dev, bar) - w->bus + w->cpu;

	return ioremap(addr, bar_size_of(dev, bar));
}

static bool read_windows(int node)
{
	int len, pac = dt_address_cells(dt_parent(node)), sc = dt_size_cells(node), i;
	const u8 *r = dt_getprop(node, "ranges", &len);
	u32 ac = 0;

	/* PCI addresses are 3 cells (dt_address_cells() stops at 2): phys.hi (space), then 64 bits. */
	if (!r || dt_getprop_u32(node, "#address-cells", &ac) || ac != 3 || pac < 1 || pac > 2 || sc != 2)
		return false;
	for (i = 0; i + 4 * (ac + pac + sc) <= len; i += 4 * (ac + pac + sc)) {
		const u8 *e = r + i;
		u32 hi = dt_be32(e);
		struct window w;

		w.bus = (u64)dt_be32(e + 4) << 32 | dt_be32(e + 8);
		w.cpu = pac == 2 ? (u64)dt_be32(e + 12) << 32 | dt_be32(e + 16) : dt_be32(e + 12);
		w.size = (u64)dt_be32(e + 4 * (ac + pac)) << 32 | dt_be32(e + 4 * (ac + pac) + 4);
		/* Port 0 and the first page of memory are left unused: an unassigned BAR reads as 0. */
		w.next = w.bus + 0x1000;
		if (RANGE_SPACE(hi) == 1)
			io_win = w;
		else if (RANGE_SPACE(hi) == 2)
			mem_win = w;
	}
	return io_win.size && mem_win.size;
}

bool pci_probe(void)
{
	int node = dt_find_compatible(-1, "pci-host-ecam-generic"), dev;
	struct dt_reg reg;

	if (ecam)
		return true;
	if (node < 0 || dt_get_reg(node, 0, &reg) || !read_windows(node))
		return false;
	ecam = ioremap(reg.addr, MIN(reg.size, (u64)ECAM_BUS0_SIZE));
	ioremap(io_win.cpu, io_win.size);
	for (dev = 0; dev < 256; dev++) {
		if (!pci_dev_exists(dev))
			continue;
		/* Functions 1-7 of a single-function device are not decoded (they may mirror function 0). */
		if ((dev & 7) && !(pci_config_readb(dev & ~7, PCI_HEADER_TYPE) & PCI_HEADER_TYPE_MULTI))
			continue;
		if ((pci_config_readb(dev, PCI_HEADER_TYPE) & PCI_HEADER_TYPE_MASK) == 0)
			assign_bars(dev);
	}
	return true;
}

void pci_print(void)
{
	int dev, bar;

	for (dev = 0; dev < 256; dev++) {
		if (!pci_dev_exists(dev) ||
		    ((dev & 7) && !(pci_config_readb(dev & ~7, PCI_HEADER_TYPE) & PCI_HEADER_TYPE_MULTI)))
			continue;
		printf("pci %02x:%02x.%d %04x:%04x class %04x\n", dev >> 8, (dev >> 3) & 31, dev & 7,
		       pci_config_readw(dev, PCI_VENDOR_ID), pci_config_readw(dev, PCI_DEVICE_ID),
		       pci_config_readw(dev, PCI_CLASS_DEVICE));
		for (bar = 0; bar < PCI_BAR_NUM; bar++) {
			if (bar_size_of(dev, bar))
				printf("    BAR%d %s at %#lx, %#lx bytes\n", bar,
				       bar_is_io(dev, bar) ? "I/O" : "memory", bar_addr(dev, bar),
				       bar_size_of(dev, bar));
		}
	}
}

/* QEMU's pci-testdev header: test (0), width (1), offset (4, LE), data (8), count (12, LE), name (16). */
#define TESTDEV_WIDTH		1
#define TESTDEV_OFFSET		4
#define TESTDEV_DATA		8
#define TESTDEV_COUNT		12
#define TESTDEV_NAME		16

/* The device answers single bytes only. */
static u32 read_le32(u8 *base, int off)
{
	return readb(base + off) | readb(base + off + 1) << 8 | readb(base + off + 2) << 16 |
	       (u32)readb(base + off + 3) << 24;
}

int pci_testdev_run(void *bar_base, int test, u8 data_xor, char *name, int name_len)
{
	u8 *base = bar_base, width, data;
	u32 offset;
	int i;

	writeb(test, base);
	width = readb(base + TESTDEV_WIDTH);
	if (width != 1 && width != 2 && width != 4)
		return -1;
	offset = read_le32(base, TESTDEV_OFFSET);
	data = readb(base + TESTDEV_DATA) ^ data_xor;
	for (i = 0; i < name_len - 1; i++) {
		name[i] = readb(base + TESTDEV_NAME + i);
		if (!name[i])
			break;
	}
	name[i] = 0;
	if (width == 1)
		writeb(data, base + offset);
	else if (width == 2)
		writew(data, base + offset);
	else
		writel(data, base + offset);
	return read_le32(base, TESTDEV_COUNT);
}

int pci_testdev(void)
{
	pcidevaddr_t dev = pci_find_dev(PCI_VENDOR_ID_REDHAT, PCI_DEVICE_ID_REDHAT_TEST);
	int bar, test, passed = 0;
	char name[32];

	if (dev == PCIDEVADDR_INVALID)
		return -1;
	for (bar = 0; bar < PCI_TESTDEV_NUM_BARS; bar++) {
		void *base = pci_bar_map(dev, bar);

		for (test = 0; test < PCI_TESTDEV_NUM_TESTS; test++) {
			int count = pci_testdev_run(base, test, 0, name, sizeof(name));
			/* Counted by the device, or taken by the eventfd of a test that has one (count 0). */
			bool ok = count == 1 || (count == 0 && !strstr(name, "no-eventfd"));

			printf("pci-testdev BAR%d %s: %s\n", bar, name, ok ? "passed" : "FAILED");
			passed += ok;
		}
	}
	return passed;
}
