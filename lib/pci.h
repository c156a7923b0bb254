/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pci.h - PCI configuration space, BARs and QEMU's pci-testdev, with
 * kvm-unit-tests' names. An arch with PCI implements it (arm64: the ECAM
 * host bridge the device tree describes, lib/arm64/pci.c). pci_probe()
 * finds the host bridge, assigns every BAR of bus 0 from the bridge's
 * windows (no firmware did) and turns decoding on.
 */
#ifndef _PCI_H_
#define _PCI_H_

#include "libcflat.h"

typedef u16 pcidevaddr_t;		/* bus << 8 | device << 3 | function */
#define PCIDEVADDR_INVALID	((pcidevaddr_t)0xffff)
#define PCI_BDF(bus, dev, fn)	((pcidevaddr_t)((bus) << 8 | (dev) << 3 | (fn)))

#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define PCI_COMMAND_IO		0x1
#define PCI_COMMAND_MEMORY	0x2
#define PCI_COMMAND_MASTER	0x4
#define PCI_STATUS		0x06
#define PCI_CLASS_REVISION	0x08
#define PCI_CLASS_DEVICE	0x0a
#define PCI_HEADER_TYPE		0x0e
#define PCI_HEADER_TYPE_MASK	0x7f
#define PCI_HEADER_TYPE_MULTI	0x80
#define PCI_BASE_ADDRESS_0	0x10
#define PCI_INTERRUPT_PIN	0x3d
#define PCI_BAR_NUM		6

#define PCI_BASE_ADDRESS_SPACE_IO	0x1
#define PCI_BASE_ADDRESS_MEM_TYPE_64	0x4
#define PCI_BASE_ADDRESS_MEM_PREFETCH	0x8
#define PCI_BASE_ADDRESS_MEM_MASK	(~0xfUL)
#define PCI_BASE_ADDRESS_IO_MASK	(~0x3UL)

#define PCI_CLASS_BRIDGE_HOST	0x0600

#define PCI_VENDOR_ID_REDHAT		0x1b36
#define PCI_DEVICE_ID_REDHAT_TEST	0x0005

/* QEMU's pci-testdev: 3 tests (no-eventfd, wildcard-eventfd, datamatch-eventfd) in each of its 2 BARs. */
#define PCI_TESTDEV_NUM_BARS	2
#define PCI_TESTDEV_NUM_TESTS	3

extern bool pci_probe(void);
extern void pci_print(void);
/* Runs every pci-testdev test; how many passed, or -1 without the device. */
extern int pci_testdev(void);
/* The first function with these IDs, or PCIDEVADDR_INVALID. */
extern pcidevaddr_t pci_find_dev(u16 vendor_id, u16 device_id);
extern bool pci_dev_exists(pcidevaddr_t dev);

extern u8 pci_config_readb(pcidevaddr_t dev, u8 reg);
extern u16 pci_config_readw(pcidevaddr_t dev, u8 reg);
extern u32 pci_config_readl(pcidevaddr_t dev, u8 reg);
extern void pci_config_writeb(pcidevaddr_t dev, u8 reg, u8 val);
extern void pci_config_writew(pcidevaddr_t dev, u8 reg, u16 val);
extern void pci_config_writel(pcidevaddr_t dev, u8 reg, u32 val);

/* After pci_probe(): a BAR's size (0: not implemented), bus address, and where the CPU reaches it. */
extern u64 pci_bar_size(pcidevaddr_t dev, int bar);
extern u64 pci_bar_get_addr(pcidevaddr_t dev, int bar);
extern bool pci_bar_is_io(pcidevaddr_t dev, int bar);
extern bool pci_bar_is64(pcidevaddr_t dev, int bar);
extern void *pci_bar_map(pcidevaddr_t dev, int bar);

/*
 * One pci-testdev test through a mapped BAR (MMIO or the I/O window): selects it, writes its data
 * (XORed with data_xor) to its offset, and returns the device's count of matching writes (-1: no such test).
 */
extern int pci_testdev_run(void *bar_base, int test, u8 data_xor, char *name, int name_len);

#endif /* _PCI_H_ */
