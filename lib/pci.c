/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pci.c - PCI bus 0 enumeration and BAR handling (pci.h), over the arch's
 * configuration-space accessors. BAR layout: PCI Local Bus specification
 * 3.0, 6.2.5.1 (bit 0: I/O; bits 2:1 of a memory BAR: 64-bit when 10b).
 */
#include "libcflat.h"
#include "pci.h"

static u8 bar_off(int n)
{
	return PCI_BASE_ADDRESS_0 + 4 * n;
}

bool pci_dev_exists(pcidevaddr_t bdf)
{
	return pci_config_readw(bdf, PCI_VENDOR_ID) != 0xffff;
}

pcidevaddr_t pci_find_dev(u16 vendor_id, u16 device_id)
{
	pcidevaddr_t bdf;

	for (bdf = 0; bdf < PCI_DEVFN_MAX; bdf++) {
		if (pci_config_readw(bdf, PCI_VENDOR_ID) == vendor_id &&
		    pci_config_readw(bdf, PCI_DEVICE_ID) == device_id)
			return bdf;
	}
	return PCIDEVADDR_INVALID;
}

u32 pci_bar_get(struct pci_dev *dev, int bar_num)
{
	ASSERT_BAR_NUM(bar_num);
	return pci_config_readl(dev->bdf, bar_off(bar_num));
}

u32 pci_bar_mask(u32 bar)
{
	return bar & PCI_BASE_ADDRESS_SPACE_IO ? PCI_BASE_ADDRESS_IO_MASK : PCI_BASE_ADDRESS_MEM_MASK;
}

bool pci_bar_is_memory(struct pci_dev *dev, int bar_num)
{
	return !(pci_bar_get(dev, bar_num) & PCI_BASE_ADDRESS_SPACE_IO);
}

bool pci_bar_is64(struct pci_dev *dev, int bar_num)
{
	u32 bar = pci_bar_get(dev, bar_num);

	return !(bar & PCI_BASE_ADDRESS_SPACE_IO) &&
	       (bar & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64;
}

phys_addr_t pci_bar_get_addr(struct pci_dev *dev, int bar_num)
{
	u32 bar = pci_bar_get(dev, bar_num);
	phys_addr_t addr = bar & pci_bar_mask(bar);

	if (pci_bar_is64(dev, bar_num))
		addr |= (phys_addr_t)pci_bar_get(dev, bar_num + 1) << 32;
	return addr;
}

void pci_bar_set_addr(struct pci_dev *dev, int bar_num, phys_addr_t addr)
{
	bool is64 = pci_bar_is64(dev, bar_num);

	pci_config_writel(dev->bdf, bar_off(bar_num), (u32)addr);
	if (is64)
		pci_config_writel(dev->bdf, bar_off(bar_num + 1), addr >> 32);
	dev->resource[bar_num] = addr;
}

/* The value the BAR (and its upper half) reads after all ones are written; decoding is off meanwhile. */
static u64 bar_probe(struct pci_dev *dev, int bar_num, bool is64)
{
	u16 cmd = pci_config_readw(dev->bdf, PCI_COMMAND);
	u32 lo = pci_bar_get(dev, bar_num), hi = is64 ? pci_bar_get(dev, bar_num + 1) : 0;
	u64 v;

	pci_config_writew(dev->bdf, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	pci_config_writel(dev->bdf, bar_off(bar_num), ~0U);
	v = pci_bar_get(dev, bar_num);
	if (is64) {
		pci_config_writel(dev->bdf, bar_off(bar_num + 1), ~0U);
		v |= (u64)pci_bar_get(dev, bar_num + 1) << 32;
		pci_config_writel(dev->bdf, bar_off(bar_num + 1), hi);
	}
	pci_config_writel(dev->bdf, bar_off(bar_num), lo);
	pci_config_writew(dev->bdf, PCI_COMMAND, cmd);
	return v;
}

phys_addr_t pci_bar_size(struct pci_dev *dev, int bar_num)
{
	bool is64 = pci_bar_is64(dev, bar_num);
	u64 v = bar_probe(dev, bar_num, is64);
	u64 addr_bits = v & (pci_bar_mask((u32)v) | (is64 ? ~0xffffffffULL : 0));

	/* The lowest address bit that took the ones is the size; none: no BAR there. */
	return addr_bits & -addr_bits;
}

bool pci_bar_is_valid(struct pci_dev *dev, int bar_num)
{
	return pci_bar_size(dev, bar_num) != 0;
}

void pci_dev_init(struct pci_dev *dev, pcidevaddr_t bdf)
{
	int i;

	memset(dev, 0, sizeof(*dev));
	dev->bdf = bdf;
	for (i = 0; i < PCI_BAR_NUM; i++)
		dev->resource[i] = INVALID_PHYS_ADDR;
	for (i = 0; i < PCI_BAR_NUM; i++) {
		if (!pci_bar_is_valid(dev, i))
			continue;
		dev->resource[i] = pci_bar_get_addr(dev, i);
		if (pci_bar_is64(dev, i))
			i++;	/* the upper half stays INVALID_PHYS_ADDR */
	}
}

void pci_cmd_set_clr(struct pci_dev *dev, u16 set, u16 clr)
{
	u16 cmd = pci_config_readw(dev->bdf, PCI_COMMAND);

	pci_config_writew(dev->bdf, PCI_COMMAND, (cmd & ~clr) | set);
}

void pci_enable_defaults(struct pci_dev *dev)
{
	pci_cmd_set_clr(dev, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER, 0);
}

void pci_cap_walk(struct pci_dev *dev, pci_cap_handler_t handler)
{
	u8 off;
	int n;

	if (!(pci_config_readw(dev->bdf, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return;
	/* At most 48 capabilities fit in the 192 bytes after the header: a longer chain is a loop. */
	off = pci_config_readb(dev->bdf, PCI_CAPABILITY_LIST) & ~3;
	for (n = 0; off && n < 48; n++) {
		u8 id = pci_config_readb(dev->bdf, off);

		if (id == PCI_CAP_ID_MSI)
			dev->msi_offset = off;
		handler(dev, off, id);
		off = pci_config_readb(dev->bdf, off + 1) & ~3;
	}
}

u8 pci_intx_line(struct pci_dev *dev)
{
	return pci_config_readb(dev->bdf, PCI_INTERRUPT_LINE);
}

static void find_msi(struct pci_dev *dev, int off, int id)
{
}

bool pci_setup_msi(struct pci_dev *dev, u64 msi_addr, u32 msi_data)
{
	u16 ctrl;
	u8 off;

	if (!dev->msi_offset)
		pci_cap_walk(dev, find_msi);	/* records msi_offset */
	off = dev->msi_offset;
	if (!off)
		return false;
	ctrl = pci_config_readw(dev->bdf, off + PCI_MSI_FLAGS);
	pci_config_writel(dev->bdf, off + PCI_MSI_ADDRESS_LO, (u32)msi_addr);
	if (ctrl & PCI_MSI_FLAGS_64BIT) {
		pci_config_writel(dev->bdf, off + PCI_MSI_ADDRESS_HI, msi_addr >> 32);
		pci_config_writel(dev->bdf, off + PCI_MSI_DATA_64, msi_data);
	} else {
		assert_msg(!(msi_addr >> 32), "pci_setup_msi: device %#x takes only 32-bit MSI addresses", dev->bdf);
		pci_config_writel(dev->bdf, off + PCI_MSI_DATA_32, msi_data);
	}
	pci_config_writew(dev->bdf, off + PCI_MSI_FLAGS, ctrl | PCI_MSI_FLAGS_ENABLE);
	return true;
}

void pci_msi_set_enable(struct pci_dev *dev, bool enabled)
{
	u16 ctrl;

	if (!dev->msi_offset)
		pci_cap_walk(dev, find_msi);
	if (!dev->msi_offset)
		return;
	ctrl = pci_config_readw(dev->bdf, dev->msi_offset + PCI_MSI_FLAGS);
	ctrl = enabled ? ctrl | PCI_MSI_FLAGS_ENABLE : ctrl & ~PCI_MSI_FLAGS_ENABLE;
	pci_config_writew(dev->bdf, dev->msi_offset + PCI_MSI_FLAGS, ctrl);
}

void pci_dev_print_id(struct pci_dev *dev)
{
	printf("%02x:%02x.%d %04x:%04x", PCI_BDF_GET_BUS(dev->bdf), PCI_BDF_GET_DEVFN(dev->bdf) >> 3,
	       PCI_BDF_GET_DEVFN(dev->bdf) & 7, pci_config_readw(dev->bdf, PCI_VENDOR_ID),
	       pci_config_readw(dev->bdf, PCI_DEVICE_ID));
}

void pci_bar_print(struct pci_dev *dev, int bar_num)
{
	phys_addr_t size = pci_bar_size(dev, bar_num), addr = pci_bar_get_addr(dev, bar_num);

	printf("BAR#%d [%" PRIx64 "-%" PRIx64 " %s%s]", bar_num, addr, addr + size - 1,
	       pci_bar_is_memory(dev, bar_num) ? "MEM" : "PIO", pci_bar_is64(dev, bar_num) ? "64" : "32");
}

void pci_dev_print(struct pci_dev *dev)
{
	int i;

	pci_dev_print_id(dev);
	printf(" type %02x\n", pci_config_readb(dev->bdf, PCI_HEADER_TYPE) & PCI_HEADER_TYPE_MASK);
	for (i = 0; i < PCI_BAR_NUM; i++) {
		if (!pci_bar_is_valid(dev, i))
			continue;
		printf("\t");
		pci_bar_print(dev, i);
		printf("\n");
		if (pci_bar_is64(dev, i))
			i++;
	}
}
