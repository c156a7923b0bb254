/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pci-edu.h - QEMU's "edu" educational PCI device (QEMU's own
 * specs/edu.rst), kvm-unit-tests' names: an identification and a
 * liveness register, an interrupt raise/acknowledge pair, and a DMA engine
 * between guest memory (through the IOMMU, when one translates) and a
 * 4 KiB buffer inside the device.
 */
#ifndef _PCI_EDU_H_
#define _PCI_EDU_H_

#include "libcflat.h"
#include "pci.h"
#include "asm/io.h"

#define PCI_VENDOR_ID_QEMU		0x1234
#define PCI_DEVICE_ID_EDU		0x11e8

#define EDU_BAR			0
#define EDU_MAGIC		0xed	/* EDU_REG_ID bits 7:0 */
#define EDU_VERSION		0x100	/* EDU_REG_ID bits 31:16, major.minor */
#define EDU_DMA_BUF_SIZE	(1 << 20)
#define EDU_INPUT_BUF_SIZE	256

#define EDU_REG_ID		0x0
#define EDU_REG_ALIVE		0x4	/* reads back the bitwise inverse of what was written */
#define EDU_REG_FACTORIAL	0x8
#define EDU_REG_STATUS		0x20
#define EDU_REG_INTR_STATUS	0x24
#define EDU_REG_INTR_RAISE	0x60
#define EDU_REG_INTR_ACK	0x64
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_COUNT	0x90
#define EDU_REG_DMA_CMD		0x98

#define EDU_CMD_DMA_START	0x01	/* set to start, cleared by the device when done */
#define EDU_CMD_DMA_FROM	0x02	/* device buffer to memory */
#define EDU_CMD_DMA_TO		0x00	/* memory to device buffer */

#define EDU_STATUS_FACTORIAL	0x1
#define EDU_STATUS_INT_ENABLE	0x80

#define EDU_DMA_START		0x40000	/* the device buffer, in the DMA engine's address space */
#define EDU_DMA_SIZE_MAX	4096

struct pci_edu_dev {
	struct pci_dev pci_dev;
	volatile void *reg_base;
};

#define edu_reg(d, r)	((volatile void *)((volatile u8 *)(d)->reg_base + (r)))

static inline u64 edu_reg_readq(struct pci_edu_dev *dev, int reg)
{
	return __raw_readq(edu_reg(dev, reg));
}

static inline u32 edu_reg_readl(struct pci_edu_dev *dev, int reg)
{
	return __raw_readl(edu_reg(dev, reg));
}

static inline void edu_reg_writeq(struct pci_edu_dev *dev, int reg, u64 val)
{
	__raw_writeq(val, edu_reg(dev, reg));
}

static inline void edu_reg_writel(struct pci_edu_dev *dev, int reg, u32 val)
{
	__raw_writel(val, edu_reg(dev, reg));
}

/* Find the device, turn on its decoding and bus mastering, map BAR 0; false if there is none. */
extern bool edu_init(struct pci_edu_dev *dev);
/*
 * Copy size bytes between DMA address iova and the device buffer at
 * dev_offset (from_device: buffer to memory), and wait until done.
 */
extern void edu_dma(struct pci_edu_dev *dev, iova_t iova, size_t size, unsigned int dev_offset, bool from_device);

#endif /* _PCI_EDU_H_ */
