/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pci-edu.c - the edu device's driver (pci-edu.h).
 */
#include "libcflat.h"
#include "pci-edu.h"
#include "asm/page.h"
#include "processor.h"

/* The liveness register returns the inverse of what it was given. */
static bool edu_check_alive(struct pci_edu_dev *dev)
{
	static const u32 probe = 0x12345678;

	edu_reg_writel(dev, EDU_REG_ALIVE, probe);
	return edu_reg_readl(dev, EDU_REG_ALIVE) == ~probe;
}

bool edu_init(struct pci_edu_dev *dev)
{
	pcidevaddr_t bdf = pci_find_dev(PCI_VENDOR_ID_QEMU, PCI_DEVICE_ID_EDU);

	if (bdf == PCIDEVADDR_INVALID)
		return false;
	pci_dev_init(&dev->pci_dev, bdf);
	pci_enable_defaults(&dev->pci_dev);
	assert_msg(dev->pci_dev.resource[EDU_BAR] != INVALID_PHYS_ADDR && dev->pci_dev.resource[EDU_BAR],
		   "edu: BAR %d has no address (the firmware assigns it: boot with SeaBIOS)", EDU_BAR);
	dev->reg_base = ioremap(dev->pci_dev.resource[EDU_BAR], PAGE_SIZE);
	assert_msg((edu_reg_readl(dev, EDU_REG_ID) & 0xff) == EDU_MAGIC, "edu: no edu device at BAR %d", EDU_BAR);
	assert_msg(edu_check_alive(dev), "edu: the liveness register does not answer");
	return true;
}

void edu_dma(struct pci_edu_dev *dev, iova_t iova, size_t size, unsigned int dev_offset, bool from_device)
{
	u64 buf = EDU_DMA_START + dev_offset;

	assert(size <= EDU_DMA_SIZE_MAX && dev_offset < EDU_DMA_SIZE_MAX);
	printf("edu device DMA start %s addr %#" PRIx64 " size %lu off %#x\n", from_device ? "FROM" : "TO",
	       (u64)iova, (unsigned long)size, dev_offset);
	edu_reg_writeq(dev, EDU_REG_DMA_SRC, from_device ? buf : iova);
	edu_reg_writeq(dev, EDU_REG_DMA_DST, from_device ? iova : buf);
	edu_reg_writeq(dev, EDU_REG_DMA_COUNT, size);
	edu_reg_writel(dev, EDU_REG_DMA_CMD, EDU_CMD_DMA_START | (from_device ? EDU_CMD_DMA_FROM : EDU_CMD_DMA_TO));
	while (edu_reg_readl(dev, EDU_REG_DMA_CMD) & EDU_CMD_DMA_START)
		pause();
}
