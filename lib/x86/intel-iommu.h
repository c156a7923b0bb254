/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * intel-iommu.h - a minimal driver of Intel VT-d (Intel Virtualization
 * Technology for Directed I/O, architecture specification rev. 4),
 * kvm-unit-tests' names: vtd_init() turns on queued invalidation,
 * DMA remapping (legacy root and context tables, 3-level second-level
 * page tables: 39-bit guest addresses) and interrupt remapping (xAPIC
 * destinations); vtd_map_range() maps DMA addresses of one source ID;
 * vtd_setup_msi() and vtd_setup_ioapic_irq() route a device's MSI or
 * INTx through an interrupt-remapping table entry.
 */
#ifndef _X86_INTEL_IOMMU_H_
#define _X86_INTEL_IOMMU_H_

#include "libcflat.h"
#include "isr.h"
#include "smp.h"
#include "desc.h"
#include "pci.h"
#include "asm/io.h"
#include "asm/barrier.h"
#include "apic.h"

/* Where QEMU's q35 puts the remapping unit's registers (also in the ACPI DMAR table). */
#define Q35_HOST_BRIDGE_IOMMU_ADDR	0xfed90000ULL
#define VTD_PAGE_SHIFT			PAGE_SHIFT
#define VTD_PAGE_SIZE			PAGE_SIZE

/* Register offsets (chapter 11.4). */
#define DMAR_VER_REG		0x0
#define DMAR_CAP_REG		0x8
#define DMAR_CAP_REG_HI		0xc
#define DMAR_ECAP_REG		0x10
#define DMAR_ECAP_REG_HI	0x14
#define DMAR_GCMD_REG		0x18
#define DMAR_GSTS_REG		0x1c
#define DMAR_RTADDR_REG		0x20
#define DMAR_RTADDR_REG_HI	0x24
#define DMAR_CCMD_REG		0x28
#define DMAR_CCMD_REG_HI	0x2c
#define DMAR_FSTS_REG		0x34
#define DMAR_FECTL_REG		0x38
#define DMAR_FEDATA_REG		0x3c
#define DMAR_FEADDR_REG		0x40
#define DMAR_FEUADDR_REG	0x44
#define DMAR_AFLOG_REG		0x58
#define DMAR_AFLOG_REG_HI	0x5c
#define DMAR_PMEN_REG		0x64
#define DMAR_PLMBASE_REG	0x68
#define DMAR_PLMLIMIT_REG	0x6c
#define DMAR_PHMBASE_REG	0x70
#define DMAR_PHMBASE_REG_HI	0x74
#define DMAR_PHMLIMIT_REG	0x78
#define DMAR_PHMLIMIT_REG_HI	0x7c
#define DMAR_IQH_REG		0x80
#define DMAR_IQH_REG_HI		0x84
#define DMAR_IQT_REG		0x88
#define DMAR_IQT_REG_HI		0x8c
#define DMAR_IQA_REG		0x90
#define DMAR_IQA_REG_HI		0x94
#define DMAR_ICS_REG		0x9c
#define DMAR_IECTL_REG		0xa0
#define DMAR_IEDATA_REG		0xa4
#define DMAR_IEADDR_REG		0xa8
#define DMAR_IEUADDR_REG	0xac
#define DMAR_IRTA_REG		0xb8
#define DMAR_IRTA_REG_HI	0xbc
#define DMAR_PQH_REG		0xc0
#define DMAR_PQH_REG_HI		0xc4
#define DMAR_PQT_REG		0xc8
#define DMAR_PQT_REG_HI		0xcc
#define DMAR_PQA_REG		0xd0
#define DMAR_PQA_REG_HI		0xd4
#define DMAR_PRS_REG		0xdc
#define DMAR_PECTL_REG		0xe0
#define DMAR_PEDATA_REG		0xe4
#define DMAR_PEADDR_REG		0xe8
#define DMAR_PEUADDR_REG	0xec
#define DMAR_MTRRCAP_REG	0x100
#define DMAR_MTRRCAP_REG_HI	0x104
#define DMAR_MTRRDEF_REG	0x108
#define DMAR_MTRRDEF_REG_HI	0x10c

/* Global command bits; the status register has each at the same place (11.4.4, 11.4.5). */
#define VTD_GCMD_CFI		BIT(23)
#define VTD_GCMD_IR_TABLE	BIT(24)	/* set interrupt remap table pointer */
#define VTD_GCMD_IR		BIT(25)
#define VTD_GCMD_QI		BIT(26)
#define VTD_GCMD_WBF		BIT(27)
#define VTD_GCMD_SFL		BIT(29)
#define VTD_GCMD_ROOT		BIT(30)	/* set root table pointer */
#define VTD_GCMD_DMAR		BIT(31)	/* translation enable */
/* Commands that act once: their status bits say a command completed, not a state to keep. */
#define VTD_GCMD_ONE_SHOT_BITS	(VTD_GCMD_IR_TABLE | VTD_GCMD_WBF | VTD_GCMD_SFL | VTD_GCMD_ROOT)

#define VTD_CAP_SAGAW_SHIFT	8
#define VTD_CAP_SAGAW_39bit	(0x2ULL << VTD_CAP_SAGAW_SHIFT)
#define VTD_CAP_SAGAW_48bit	(0x4ULL << VTD_CAP_SAGAW_SHIFT)
#define VTD_CAP_SAGAW		VTD_CAP_SAGAW_39bit
#define VTD_CAP_SLLPS		(BIT_ULL(34) | BIT_ULL(35))	/* 2 MiB and 1 GiB second-level pages */

#define VTD_CONTEXT_TT_MULTI_LEVEL	0
#define VTD_CONTEXT_TT_DEV_IOTLB	1
#define VTD_CONTEXT_TT_PASS_THROUGH	2

#define VTD_PTE_R		BIT(0)
#define VTD_PTE_W		BIT(1)
#define VTD_PTE_RW		(VTD_PTE_R | VTD_PTE_W)
#define VTD_PTE_ADDR		GENMASK_ULL(63, 12)
#define VTD_PTE_HUGE		BIT(7)

extern void *vtd_reg_base;
#define vtd_reg(reg)	((volatile void *)((u8 *)vtd_reg_base + (reg)))

static inline void vtd_writel(unsigned int reg, u32 value)
{
	__raw_writel(value, vtd_reg(reg));
}

static inline void vtd_writeq(unsigned int reg, u64 value)
{
	__raw_writeq(value, vtd_reg(reg));
}

static inline u32 vtd_readl(unsigned int reg)
{
	return __raw_readl(vtd_reg(reg));
}

static inline u64 vtd_readq(unsigned int reg)
{
	return __raw_readq(vtd_reg(reg));
}

/* Find the unit (ACPI DMAR, else the q35 address) and turn everything on; needs setup_vm() done. */
extern void vtd_init(void);
/* DMA addresses [iova, iova + size) of source ID sid (a PCI bdf) go to [pa, pa + size), readable and writable. */
extern void vtd_map_range(u16 sid, phys_addr_t iova, phys_addr_t pa, size_t size);
/* The device's MSI, remapped to vector on the CPU with APIC ID dest_id; false without MSI. */
extern bool vtd_setup_msi(struct pci_dev *dev, int vector, int dest_id);
/* The device's INTx (its interrupt line as IO APIC pin), remapped the same way. */
extern void vtd_setup_ioapic_irq(struct pci_dev *dev, int vector, int dest_id, trigger_mode_t trigger);

#endif /* _X86_INTEL_IOMMU_H_ */
