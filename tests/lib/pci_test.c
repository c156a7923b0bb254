/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pci_test.c - host tests of lib/pci.c against a simulated configuration
 * space: bus 0 has QEMU's pci-testdev at device 3 (a 4 KiB memory BAR 0,
 * a 256-byte I/O BAR 1, a 16 KiB 64-bit BAR 2-3 above 4 GiB, an MSI
 * capability) and nothing else. BARs behave as the PCI specification
 * says: the bits below the size read as zero, the type bits are fixed.
 * This program stands in for the arch's pci_config_*() accessors.
 */
#include "libcflat.h"
#include "pci.h"
#include "string.h"

#define TESTDEV_BDF	(3 << 3)

static u8 cfg[256];
static const u32 bar_size[PCI_BAR_NUM] = { 0x1000, 0x100, 0x4000, 0, 0, 0 };
static int cmd_writes;

static bool present(pcidevaddr_t bdf)
{
	return bdf == TESTDEV_BDF;
}

/* A BAR register holds only its address bits above the size, and its type bits. */
static u32 bar_store(int n, u32 v)
{
	u32 type, size;

	if (n == 3)	/* the upper half of 64-bit BAR 2: every bit is an address bit (above 4 GiB sizes) */
		return v;
	size = bar_size[n];
	if (!size)
		return 0;
	type = n == 1 ? PCI_BASE_ADDRESS_SPACE_IO : n == 2 ? PCI_BASE_ADDRESS_MEM_TYPE_64 : 0;
	return (v & ~(size - 1) & (n == 1 ? 0xffff : ~0U)) | type;
}

u32 pci_config_readl(pcidevaddr_t bdf, u8 off)
{
	u32 v;

	if (!present(bdf))
		return ~0U;
	memcpy(&v, &cfg[off & ~3], 4);
	return v;
}

u16 pci_config_readw(pcidevaddr_t bdf, u8 off)
{
	return pci_config_readl(bdf, off) >> (8 * (off & 2));
}

u8 pci_config_readb(pcidevaddr_t bdf, u8 off)
{
	return pci_config_readl(bdf, off) >> (8 * (off & 3));
}

void pci_config_writel(pcidevaddr_t bdf, u8 off, u32 val)
{
	if (!present(bdf))
		return;
	if (off >= PCI_BASE_ADDRESS_0 && off < PCI_BASE_ADDRESS_0 + 4 * PCI_BAR_NUM)
		val = bar_store((off - PCI_BASE_ADDRESS_0) / 4, val);
	memcpy(&cfg[off & ~3], &val, 4);
}

void pci_config_writew(pcidevaddr_t bdf, u8 off, u16 val)
{
	if (!present(bdf))
		return;
	if ((off & ~1) == PCI_COMMAND)
		cmd_writes++;
	memcpy(&cfg[off & ~1], &val, 2);
}

void pci_config_writeb(pcidevaddr_t bdf, u8 off, u8 val)
{
	if (present(bdf))
		cfg[off] = val;
}

static int caps_seen;
static u32 cap_ids;

static void count_cap(struct pci_dev *dev, int off, int id)
{
	caps_seen++;
	cap_ids = cap_ids * 256 + id;
}

int main(void)
{
	struct pci_dev dev;
	u16 vendor = PCI_VENDOR_ID_REDHAT, device = PCI_DEVICE_ID_REDHAT_TEST;

	memcpy(&cfg[PCI_VENDOR_ID], &vendor, 2);
	memcpy(&cfg[PCI_DEVICE_ID], &device, 2);
	pci_config_writel(TESTDEV_BDF, PCI_BASE_ADDRESS_0, 0xfebf1000);
	pci_config_writel(TESTDEV_BDF, PCI_BASE_ADDRESS_0 + 4, 0xc000);
	pci_config_writel(TESTDEV_BDF, PCI_BASE_ADDRESS_0 + 8, 0x40000000);
	pci_config_writel(TESTDEV_BDF, PCI_BASE_ADDRESS_0 + 12, 0x1);
	cfg[PCI_STATUS] = PCI_STATUS_CAP_LIST;
	cfg[PCI_CAPABILITY_LIST] = 0x40;
	cfg[0x40] = 0x09;	/* vendor-specific, then MSI, then the end */
	cfg[0x41] = 0x50;
	cfg[0x50] = PCI_CAP_ID_MSI;
	cfg[0x51] = 0;
	cfg[PCI_COMMAND] = PCI_COMMAND_MEMORY | PCI_COMMAND_IO;

	report(pci_find_dev(PCI_VENDOR_ID_REDHAT, PCI_DEVICE_ID_REDHAT_TEST) == TESTDEV_BDF,
	       "pci-testdev found at 00:03.0");
	report(pci_find_dev(PCI_VENDOR_ID_REDHAT, 0x1234) == PCIDEVADDR_INVALID,
	       "an absent device is PCIDEVADDR_INVALID");
	report(pci_dev_exists(TESTDEV_BDF) && !pci_dev_exists(TESTDEV_BDF + 8), "pci_dev_exists");

	pci_dev_init(&dev, TESTDEV_BDF);
	report(dev.bdf == TESTDEV_BDF && dev.resource[0] == 0xfebf1000 && dev.resource[1] == 0xc000,
	       "BAR 0 (memory) and BAR 1 (I/O) addresses");
	report(dev.resource[2] == 0x140000000ULL && dev.resource[3] == INVALID_PHYS_ADDR,
	       "64-bit BAR 2 takes BAR 3 as its upper half");
	report(dev.resource[4] == INVALID_PHYS_ADDR && dev.resource[5] == INVALID_PHYS_ADDR, "absent BARs are invalid");
	report(pci_bar_is_memory(&dev, 0) && !pci_bar_is_memory(&dev, 1) && pci_bar_is_memory(&dev, 2),
	       "memory and I/O BARs told apart");
	report(!pci_bar_is64(&dev, 0) && !pci_bar_is64(&dev, 1) && pci_bar_is64(&dev, 2), "64-bit BARs told apart");
	report(pci_bar_size(&dev, 0) == 0x1000 && pci_bar_size(&dev, 1) == 0x100 && pci_bar_size(&dev, 2) == 0x4000 &&
	       pci_bar_size(&dev, 4) == 0, "BAR sizes 4 KiB, 256, 16 KiB, none");
	report(pci_bar_get_addr(&dev, 0) == 0xfebf1000 && pci_bar_get_addr(&dev, 2) == 0x140000000ULL,
	       "sizing restored the BARs");
	report(cfg[PCI_COMMAND] == (PCI_COMMAND_MEMORY | PCI_COMMAND_IO) && cmd_writes > 0,
	       "sizing turned decoding off and back on");
	pci_bar_set_addr(&dev, 2, 0x200004000ULL);
	report(pci_bar_get_addr(&dev, 2) == 0x200004000ULL && dev.resource[2] == 0x200004000ULL,
	       "pci_bar_set_addr writes both halves of a 64-bit BAR");
	pci_enable_defaults(&dev);
	report(cfg[PCI_COMMAND] == (PCI_COMMAND_MEMORY | PCI_COMMAND_IO | PCI_COMMAND_MASTER), "pci_enable_defaults");
	pci_cmd_set_clr(&dev, 0, PCI_COMMAND_IO);
	report(cfg[PCI_COMMAND] == (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER), "pci_cmd_set_clr clears");
	pci_cap_walk(&dev, count_cap);
	report(caps_seen == 2 && cap_ids == 0x0905 && dev.msi_offset == 0x50, "capabilities walked, MSI found");
	cfg[0x51] = 0x40;	/* a loop */
	caps_seen = 0;
	pci_cap_walk(&dev, count_cap);
	report(caps_seen == 48, "a looping capability list stops after 48");
	return report_summary();
}
