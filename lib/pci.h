/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pci.h - PCI devices on bus 0 (kvm-unit-tests' names): find a device by
 * vendor and device ID, read and size its BARs, turn on decoding and bus
 * mastering, walk its capabilities. Configuration space (PCI Local Bus
 * specification 3.0, chapter 6) is reached through the arch's accessors,
 * pci_config_read*() and pci_config_write*() (x86: I/O ports; arm64: the
 * ECAM host bridge the device tree describes, lib/arm64/pci.c, where
 * pci_probe() also assigns the BARs no firmware did).
 */
#ifndef _PCI_H_
#define _PCI_H_

#include "libcflat.h"

typedef u16 pcidevaddr_t;	/* bus << 8 | device << 3 | function */
enum {
	PCIDEVADDR_INVALID = 0xffff,
};

#define PCI_BAR_NUM		6
#define PCI_DEVFN_MAX		256
#define PCI_BDF_GET_DEVFN(x)	((x) & 0xff)
#define PCI_BDF_GET_BUS(x)	(((x) >> 8) & 0xff)
#define ASSERT_BAR_NUM(n)	assert((n) >= 0 && (n) < PCI_BAR_NUM)
#define INVALID_PHYS_ADDR	(~(phys_addr_t)0)

/* Type 0 configuration header offsets and bits. */
#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define  PCI_COMMAND_IO		0x1
#define  PCI_COMMAND_MEMORY	0x2
#define  PCI_COMMAND_MASTER	0x4
#define  PCI_COMMAND_INTX_DISABLE 0x400
#define PCI_STATUS		0x06
#define  PCI_STATUS_CAP_LIST	0x10
#define PCI_CLASS_REVISION	0x08
#define PCI_HEADER_TYPE		0x0e
#define  PCI_HEADER_TYPE_MASK	0x7f
#define  PCI_HEADER_TYPE_NORMAL	0
#define PCI_BASE_ADDRESS_0	0x10
#define  PCI_BASE_ADDRESS_SPACE_IO	0x1
#define  PCI_BASE_ADDRESS_MEM_TYPE_MASK	0x6
#define  PCI_BASE_ADDRESS_MEM_TYPE_64	0x4
#define  PCI_BASE_ADDRESS_MEM_MASK	(~0xfU)
#define  PCI_BASE_ADDRESS_IO_MASK	(~0x3U)
#define PCI_CAPABILITY_LIST	0x34
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_CAP_ID_MSI		0x05

/* Configuration space of device bdf, by the arch (x86: I/O ports 0xcf8 and 0xcfc). */
extern u8 pci_config_readb(pcidevaddr_t bdf, u8 off);
extern u16 pci_config_readw(pcidevaddr_t bdf, u8 off);
extern u32 pci_config_readl(pcidevaddr_t bdf, u8 off);
extern void pci_config_writeb(pcidevaddr_t bdf, u8 off, u8 val);
extern void pci_config_writew(pcidevaddr_t bdf, u8 off, u16 val);
extern void pci_config_writel(pcidevaddr_t bdf, u8 off, u32 val);

struct pci_dev {
	u16 bdf;
	u16 msi_offset;
	/* Each BAR's address as the firmware set it; INVALID_PHYS_ADDR: none, or a 64-bit BAR's upper half. */
	phys_addr_t resource[PCI_BAR_NUM];
};

extern bool pci_dev_exists(pcidevaddr_t bdf);
/* The first function on bus 0 with these IDs, or PCIDEVADDR_INVALID. */
extern pcidevaddr_t pci_find_dev(u16 vendor_id, u16 device_id);
/* dev for bdf, its BARs read into resource[]. */
extern void pci_dev_init(struct pci_dev *dev, pcidevaddr_t bdf);
extern void pci_cmd_set_clr(struct pci_dev *dev, u16 set, u16 clr);
/* Memory and I/O decoding and bus mastering on, as a device needs to be used. */
extern void pci_enable_defaults(struct pci_dev *dev);
typedef void (*pci_cap_handler_t)(struct pci_dev *dev, int cap_offset, int cap_id);
extern void pci_cap_walk(struct pci_dev *dev, pci_cap_handler_t handler);
extern u8 pci_intx_line(struct pci_dev *dev);

/* The BAR register's raw value; the address bits of a raw value. */
extern u32 pci_bar_get(struct pci_dev *dev, int bar_num);
extern u32 pci_bar_mask(u32 bar);
extern bool pci_bar_is_memory(struct pci_dev *dev, int bar_num);
extern bool pci_bar_is64(struct pci_dev *dev, int bar_num);
/* Implemented: a BAR that decodes a non-zero size. */
extern bool pci_bar_is_valid(struct pci_dev *dev, int bar_num);
extern phys_addr_t pci_bar_get_addr(struct pci_dev *dev, int bar_num);
extern void pci_bar_set_addr(struct pci_dev *dev, int bar_num, phys_addr_t addr);
/* The size the BAR decodes (all-ones written, the read-back's low set bit), its value restored. */
extern phys_addr_t pci_bar_size(struct pci_dev *dev, int bar_num);

/* MSI (PCI 3.0, 6.8.1): address and data programmed, then enabled; false without an MSI capability. */
#define PCI_MSI_FLAGS		2	/* message control, from the capability's start */
#define  PCI_MSI_FLAGS_ENABLE	0x1
#define  PCI_MSI_FLAGS_64BIT	0x80
#define PCI_MSI_ADDRESS_LO	4
#define PCI_MSI_ADDRESS_HI	8
#define PCI_MSI_DATA_32		8
#define PCI_MSI_DATA_64		12
typedef phys_addr_t iova_t;
extern bool pci_setup_msi(struct pci_dev *dev, u64 msi_addr, u32 msi_data);
extern void pci_msi_set_enable(struct pci_dev *dev, bool enabled);
extern void pci_dev_print_id(struct pci_dev *dev);
extern void pci_bar_print(struct pci_dev *dev, int bar_num);
extern void pci_dev_print(struct pci_dev *dev);

/* QEMU's pci-testdev (described in QEMU's specs/pci-testdev.txt). */
#define PCI_VENDOR_ID_REDHAT		0x1b36
#define PCI_DEVICE_ID_REDHAT_TEST	0x0005
#define PCI_TESTDEV_BAR_MEM		0
#define PCI_TESTDEV_BAR_IO		1
#define PCI_TESTDEV_NUM_BARS		2
#define PCI_TESTDEV_NUM_TESTS		3

struct pci_test_dev_hdr {
	u8 test;	/* written: selects the test */
	u8 width;	/* of the access the test wants; 0: no such test */
	u8 pad0[2];
	u32 offset;	/* where in the BAR to access */
	u32 data;	/* what to write there */
	u32 count;	/* how many such accesses the device saw */
	u8 name[];
};

/* Header fields and classes the arm64 host bridge code and tests use. */
#define PCI_BDF(bus, dev, fn)	((pcidevaddr_t)((bus) << 8 | (dev) << 3 | (fn)))
#define PCI_CLASS_DEVICE	0x0a
#define PCI_HEADER_TYPE_MULTI	0x80
#define PCI_INTERRUPT_PIN	0x3d
#define PCI_BASE_ADDRESS_MEM_PREFETCH	0x8
#define PCI_CLASS_BRIDGE_HOST	0x0600

/* Where no firmware set the bus up (arm64): find the host bridge, assign every BAR of bus 0, decode. */
extern bool pci_probe(void);
extern void pci_print(void);
/* Where the CPU reaches BAR bar of dev (after pci_probe()). */
extern void *pci_bar_map(pcidevaddr_t dev, int bar);
/* Runs every pci-testdev test; how many passed, or -1 without the device. */
extern int pci_testdev(void);
/*
 * One pci-testdev test through a mapped BAR (MMIO or the I/O window): selects it, writes its data
 * (XORed with data_xor) to its offset, and returns the device's count of matching writes (-1: no such test).
 */
extern int pci_testdev_run(void *bar_base, int test, u8 data_xor, char *name, int name_len);

#endif /* _PCI_H_ */
