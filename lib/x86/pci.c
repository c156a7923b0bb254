/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pci.c (x86) - PCI configuration mechanism #1 (PCI Local Bus
 * specification 3.0, 3.2.2.3.2): the address of a dword goes to port
 * 0xcf8 with bit 31 set, the data moves through ports 0xcfc..0xcff.
 */
#include "libcflat.h"
#include "pci.h"
#include "asm/io.h"

#define PCI_CONF1_ADDRESS	0xcf8
#define PCI_CONF1_DATA		0xcfc

static void select_dword(pcidevaddr_t bdf, u8 off)
{
	outl(0x80000000U | ((u32)bdf << 8) | (off & 0xfc), PCI_CONF1_ADDRESS);
}

u8 pci_config_readb(pcidevaddr_t bdf, u8 off)
{
	select_dword(bdf, off);
	return inb(PCI_CONF1_DATA + (off & 3));
}

u16 pci_config_readw(pcidevaddr_t bdf, u8 off)
{
	select_dword(bdf, off);
	return inw(PCI_CONF1_DATA + (off & 2));
}

u32 pci_config_readl(pcidevaddr_t bdf, u8 off)
{
	select_dword(bdf, off);
	return inl(PCI_CONF1_DATA);
}

void pci_config_writeb(pcidevaddr_t bdf, u8 off, u8 val)
{
	select_dword(bdf, off);
	outb(val, PCI_CONF1_DATA + (off & 3));
}

void pci_config_writew(pcidevaddr_t bdf, u8 off, u16 val)
{
	select_dword(bdf, off);
	outw(val, PCI_CONF1_DATA + (off & 2));
}

void pci_config_writel(pcidevaddr_t bdf, u8 off, u32 val)
{
	select_dword(bdf, off);
	outl(val, PCI_CONF1_DATA);
}
