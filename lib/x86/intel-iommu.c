/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * intel-iommu.c - the VT-d driver of intel-iommu.h. Section numbers are
 * those of the VT-d architecture specification, rev. 4.
 *
 * Invariants: every table lives in a page of its own from alloc_page(),
 * zeroed, and is reached 1:1 (virt_to_phys); after a table changes, the
 * caches that may hold it are invalidated through the invalidation queue
 * before the device is used.
 */
#include "libcflat.h"
#include "intel-iommu.h"
#include "acpi.h"
#include "alloc_page.h"
#include "asm/barrier.h"
#include "asm/page.h"
#include "processor.h"

void *vtd_reg_base;

/* Root and context entries (9.1, 9.3) and interrupt-remapping entries (9.10): 16 bytes each. */
struct vtd_entry {
	u64 lo, hi;
};

#define VTD_ENTRIES		(PAGE_SIZE / sizeof(struct vtd_entry))	/* 256 */
#define VTD_PRESENT		BIT_ULL(0)
#define VTD_CONTEXT_AW_39BIT	1	/* 3-level second-level tables */
#define VTD_IRTA_SIZE_256	7	/* 2^(7 + 1) entries */
#define VTD_LEVELS		3

/* Invalidation descriptors (6.5.2): types and their global granularity. */
#define QI_CC_GLOBAL		(0x1 | (1 << 4))
#define QI_IOTLB_GLOBAL		(0x2 | (1 << 4))
#define QI_IEC_GLOBAL		0x4
#define QI_WAIT_STATUS_WRITE	(0x5 | (1 << 5))

static struct vtd_entry *root_table, *irte_table, *inv_queue;
static unsigned int inv_tail, next_irte;
static volatile u32 inv_wait_status;

static void *zeroed_page(void)
{
	void *p = alloc_page();

	assert_msg(p, "vtd: no memory for a table");
	memset(p, 0, PAGE_SIZE);
	return p;
}

/*
 * Issue a global command (11.4.4): write the persistent enables that are
 * on now plus cmd, and wait until the status register shows it.
 */
static void vtd_gcmd(u32 cmd)
{
	u32 sts = vtd_readl(DMAR_GSTS_REG) & ~VTD_GCMD_ONE_SHOT_BITS;

	vtd_writel(DMAR_GCMD_REG, sts | cmd);
	while (!(vtd_readl(DMAR_GSTS_REG) & cmd))
		pause();
}

/* Queue one descriptor, then an invalidation wait with a status write, and wait for that write. */
static void vtd_qi_submit(u64 lo, u64 hi)
{
	struct vtd_entry *d;

	inv_wait_status = 0;
	d = &inv_queue[inv_tail];
	d->lo = lo;
	d->hi = hi;
	inv_tail = (inv_tail + 1) % VTD_ENTRIES;
	d = &inv_queue[inv_tail];
	d->lo = QI_WAIT_STATUS_WRITE | ((u64)1 << 32);
	d->hi = virt_to_phys((void *)&inv_wait_status);
	inv_tail = (inv_tail + 1) % VTD_ENTRIES;
	wmb();
	vtd_writeq(DMAR_IQT_REG, (u64)inv_tail << 4);
	while (inv_wait_status != 1)
		pause();
}

static void vtd_flush_all(void)
{
	vtd_qi_submit(QI_CC_GLOBAL, 0);
	vtd_qi_submit(QI_IOTLB_GLOBAL, 0);
}

/* The register base: the first DRHD of the ACPI DMAR table (8.3), else where q35 has it. */
static phys_addr_t vtd_find_unit(void)
{
	struct acpi_table *dmar = find_acpi_table_addr(ACPI_SIGNATURE('D', 'M', 'A', 'R'));
	u8 *p, *end;

	if (!dmar)
		return Q35_HOST_BRIDGE_IOMMU_ADDR;
	/* The header, host address width, flags and 10 reserved bytes, then the remapping structures. */
	end = (u8 *)dmar + dmar->length;
	for (p = (u8 *)dmar + 48; p + 4 <= end;) {
		u16 type = p[0] | p[1] << 8, len = p[2] | p[3] << 8;
		u64 base;

		if (len < 4)
			break;
		if (type == 0 && len >= 16) {
			memcpy(&base, p + 8, sizeof(base));
			return base;
		}
		p += len;
	}
	return Q35_HOST_BRIDGE_IOMMU_ADDR;
}

void vtd_init(void)
{
	vtd_reg_base = ioremap(vtd_find_unit(), PAGE_SIZE);
	assert_msg(vtd_readq(DMAR_CAP_REG) & VTD_CAP_SAGAW_39bit, "vtd: no 3-level (39-bit) second-level tables");

	root_table = zeroed_page();
	vtd_writeq(DMAR_RTADDR_REG, virt_to_phys(root_table));
	vtd_gcmd(VTD_GCMD_ROOT);

	inv_queue = zeroed_page();
	inv_tail = 0;
	vtd_writeq(DMAR_IQT_REG, 0);
	vtd_writeq(DMAR_IQA_REG, virt_to_phys(inv_queue));	/* one page: QS 0, 128-bit descriptors */
	vtd_gcmd(VTD_GCMD_QI);

	irte_table = zeroed_page();
	next_irte = 0;
	vtd_writeq(DMAR_IRTA_REG, virt_to_phys(irte_table) | VTD_IRTA_SIZE_256);
	vtd_gcmd(VTD_GCMD_IR_TABLE);
	vtd_qi_submit(QI_IEC_GLOBAL, 0);
	vtd_gcmd(VTD_GCMD_IR);

	vtd_flush_all();
	vtd_gcmd(VTD_GCMD_DMAR);
}

/* sid's context entry, with its root entry and second-level table made on first use (domain ID: sid + 1). */
static u64 *vtd_slpt(u16 sid)
{
	struct vtd_entry *root = &root_table[sid >> 8], *ctx;

	if (!(root->lo & VTD_PRESENT))
		root->lo = virt_to_phys(zeroed_page()) | VTD_PRESENT;
	ctx = (struct vtd_entry *)phys_to_virt(root->lo & VTD_PTE_ADDR) + (sid & 0xff);
	if (!(ctx->lo & VTD_PRESENT)) {
		ctx->hi = VTD_CONTEXT_AW_39BIT | ((u64)(sid + 1) << 8);
		ctx->lo = virt_to_phys(zeroed_page()) | (VTD_CONTEXT_TT_MULTI_LEVEL << 2) | VTD_PRESENT;
	}
	return phys_to_virt(ctx->lo & VTD_PTE_ADDR);
}

void vtd_map_range(u16 sid, phys_addr_t iova, phys_addr_t pa, size_t size)
{
	u64 *top = vtd_slpt(sid);
	phys_addr_t off;

	for (off = 0; off < size; off += VTD_PAGE_SIZE) {
		u64 *table = top;
		int level;

		for (level = VTD_LEVELS; level > 1; level--) {
			u64 *e = &table[((iova + off) >> (VTD_PAGE_SHIFT + 9 * (level - 1))) & 511];

			if (!(*e & VTD_PTE_RW))
				*e = virt_to_phys(zeroed_page()) | VTD_PTE_RW;
			table = phys_to_virt(*e & VTD_PTE_ADDR);
		}
		table[((iova + off) >> VTD_PAGE_SHIFT) & 511] = ((pa + off) & VTD_PTE_ADDR) | VTD_PTE_RW;
	}
	vtd_flush_all();
}

/*
 * A new interrupt-remapping entry (9.10): fixed delivery of vector to the
 * xAPIC with ID dest (destination field bits 15:8), physical mode; with
 * sid, requests from other sources are blocked (SVT 1, SQ 0: all 16 bits).
 */
static unsigned int vtd_irte_new(int vector, int dest, bool level, int sid)
{
	unsigned int i = next_irte++;
	struct vtd_entry *e = &irte_table[i];

	assert_msg(i < VTD_ENTRIES, "vtd: the interrupt-remapping table is full");
	e->hi = sid >= 0 ? (u64)(u16)sid | (1ULL << 18) : 0;
	e->lo = VTD_PRESENT | ((u64)level << 4) | ((u64)(vector & 0xff) << 16) | ((u64)(dest & 0xff) << 40);
	wmb();
	vtd_qi_submit(QI_IEC_GLOBAL, 0);
	return i;
}

bool vtd_setup_msi(struct pci_dev *dev, int vector, int dest_id)
{
	unsigned int handle = vtd_irte_new(vector, dest_id, false, dev->bdf);
	/* Remappable MSI address (5.1.5.2): 0xfee, handle 14:0 in bits 19:5, format bit 4, handle 15 in bit 2. */
	u64 addr = 0xfee00000ULL | ((u64)(handle & 0x7fff) << 5) | BIT(4) | ((u64)(handle >> 15) << 2);

	return pci_setup_msi(dev, addr, 0);
}

void vtd_setup_ioapic_irq(struct pci_dev *dev, int vector, int dest_id, trigger_mode_t trigger)
{
	unsigned int handle = vtd_irte_new(vector, dest_id, trigger == TRIGGER_LEVEL, -1);
	unsigned int pin = pci_intx_line(dev);
	/* Remappable IO APIC entry (5.1.5.1): vector and trigger as in the IRTE, handle 15 in bit 11, format bit 48. */
	u32 lo = (vector & 0xff) | ((handle >> 15) << 11) | (trigger == TRIGGER_LEVEL ? BIT(15) : 0);
	u32 hi = BIT(16) | ((handle & 0x7fff) << 17);

	ioapic_write_reg(IOAPIC_REDIR_TABLE + 2 * pin + 1, hi);
	ioapic_write_reg(IOAPIC_REDIR_TABLE + 2 * pin, lo);
}
