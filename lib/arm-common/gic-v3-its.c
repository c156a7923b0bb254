/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gic-v3-its.c - the ITS and LPIs (asm/gic-v3-its.h). Tables are allocated once, sized from
 * GICD_TYPER.IDbits and GITS_TYPER, and never freed; the command queue is one 64 KiB page
 * (2048 commands) used as a ring. Commands are laid out as the GICv3 specification's
 * section 5.3 describes them, one 32-byte block each.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "devicetree.h"
#include "asm/barrier.h"
#include "asm/gic.h"
#include "asm/gic-v3-its.h"
#include "asm/io.h"
#include "asm/mmu.h"
#include "asm/smp.h"

#define ITS_FRAME_SIZE		(2 * SZ_64K)	/* control and translation frames */
#define CMDQ_SIZE		SZ_64K
#define CMDQ_SLOTS		(CMDQ_SIZE / sizeof(struct its_cmd_block))
#define TABLE_PAGE		SZ_64K

struct its_data its_data;
u8 *gicv3_lpi_prop;
static int lpi_id_bits;

/* From the page allocator: the GIC reads these tables by physical address, and malloc may be vmalloc. */
static void *zalloc(size_t align, size_t size)
{
	void *p = memalign_pages_flags(MAX(align, PAGE_SIZE), size, AREA_ANY);

	assert_msg(p, "its: no memory for %zu bytes", size);
	memset(p, 0, size);
	dsb(ishst);
	return p;
}

void its_init(void)
{
	int node = dt_find_compatible(-1, "arm,gic-v3-its");
	struct dt_reg reg;

	if (its_data.base || gic_version() != 3 || node < 0 || dt_get_reg(node, 0, &reg))
		return;
	its_data.base = ioremap(reg.addr, ITS_FRAME_SIZE);
	its_data.typer = readq(its_data.base + GITS_TYPER);
}

/* Each redistributor: the shared configuration table, a pending table of its own, then EnableLPIs. */
static void lpi_rdist_enable(int cpu)
{
	void *rd = gicv3_cpu_redist_base(cpu);
	void *pend = zalloc(SZ_64K, MAX((1UL << lpi_id_bits) / 8, SZ_64K));

	writeq(virt_to_phys(gicv3_lpi_prop) | GIC_BASER_INNER_WB | GIC_BASER_INNER_SHAREABLE | (lpi_id_bits - 1),
	       rd + GICR_PROPBASER);
	writeq(virt_to_phys(pend) | GIC_BASER_INNER_WB | GIC_BASER_INNER_SHAREABLE | GICR_PENDBASER_PTZ,
	       rd + GICR_PENDBASER);
	writel(readl(rd + GICR_CTLR) | GICR_CTLR_ENABLE_LPIS, rd + GICR_CTLR);
	dsb(sy);
}

/* A flat table for each GITS_BASER the ITS wants (device, collection), as big as its ID bits need. */
static void its_setup_tables(void)
{
	int i, devbits = GITS_TYPER_DEVBITS(its_data.typer);

	for (i = 0; i < GITS_BASER_NR_REGS; i++) {
		void *reg = its_data.base + GITS_BASER + 8 * i;
		u64 baser = readq(reg), entries, size;
		void *table;

		if (GITS_BASER_TYPE(baser) == GITS_BASER_TYPE_NONE)
			continue;
		entries = GITS_BASER_TYPE(baser) == GITS_BASER_TYPE_DEVICE ? 1UL << MIN(devbits, 16) : 256;
		size = ALIGN(entries * GITS_BASER_ENTRY_SIZE(baser), TABLE_PAGE);
		table = zalloc(TABLE_PAGE, size);
		/* 64 KiB pages (Page_Size 2), Size = pages - 1. */
		writeq(GITS_BASER_VALID | (baser & (0x7ULL << 56)) | (baser & (0x1fULL << 48)) | virt_to_phys(table) |
		       GIC_BASER_INNER_SHAREABLE | (2UL << 8) | (size / TABLE_PAGE - 1) | (7ULL << 59), reg);
	}
}

void its_enable_defaults(void)
{
	u32 typer;
	int cpu;

	its_init();
	assert_msg(its_data.base, "its_enable_defaults: no ITS (arm,gic-v3-its) in the device tree");
	if (gicv3_lpi_prop)
		return;
	typer = readl(gicv3_dist_base() + GICD_TYPER);
	lpi_id_bits = MIN(GICD_TYPER_IDBITS(typer), 16);
	gicv3_lpi_prop = zalloc(SZ_64K, (1UL << lpi_id_bits) - LPI_ID_BASE);
	for_each_present_cpu(cpu)
		lpi_rdist_enable(cpu);

	its_setup_tables();
	its_data.cmd_base = zalloc(SZ_64K, CMDQ_SIZE);
	writeq(GITS_CBASER_VALID | (7ULL << 59) | virt_to_phys(its_data.cmd_base) | GIC_BASER_INNER_SHAREABLE |
	       (CMDQ_SIZE / SZ_4K - 1), its_data.base + GITS_CBASER);
	writeq(0, its_data.base + GITS_CWRITER);
	its_data.cmd_next = 0;
	writel(GITS_CTLR_ENABLE, its_data.base + GITS_CTLR);
}

struct its_device *its_create_device(u32 dev_id, int nr_ites)
{
	struct its_device *dev;
	size_t size;

	assert_msg(its_data.nr_devices < GITS_MAX_DEVICES, "its_create_device: at most %d", GITS_MAX_DEVICES);
	dev = &its_data.devices[its_data.nr_devices++];
	dev->device_id = dev_id;
	/*
	 * A power of two, and at least 32: the ITT is 256-byte aligned anyway, and event IDs a little past
	 * what a test asked for (as kvm-unit-tests' micro-bench uses) then still translate.
	 */
	dev->nr_ites = nr_ites <= 32 ? 32 : 1U << (fls(nr_ites - 1) + 1);
	size = ALIGN(dev->nr_ites * GITS_TYPER_ITT_ENTRY_SIZE(its_data.typer), 256);
	dev->itt = zalloc(256, size);
	return dev;
}

struct its_collection *its_create_collection(u16 col_id, u32 target_pe)
{
	struct its_collection *col;
	u64 rd_typer = readq(gicv3_cpu_redist_base(target_pe) + GICR_TYPER);

	assert_msg(its_data.nr_collections < GITS_MAX_COLLECTIONS, "its_create_collection: at most %d",
		   GITS_MAX_COLLECTIONS);
	col = &its_data.collections[its_data.nr_collections++];
	col->col_id = col_id;
	/* RDbase: the redistributor's address (64 KiB units) with PTA, else its processor number. */
	if (its_data.typer & GITS_TYPER_PTA)
		col->target_address = virt_to_phys(gicv3_cpu_redist_base(target_pe)) >> 16;
	else
		col->target_address = GICR_TYPER_PROC_NUM(rd_typer);
	return col;
}

struct its_device *its_get_device(u32 id)
{
	u32 i;

	for (i = 0; i < its_data.nr_devices; i++) {
		if (its_data.devices[i].device_id == id)
			return &its_data.devices[i];
	}
	return NULL;
}

struct its_collection *its_get_collection(u32 id)
{
	u32 i;

	for (i = 0; i < its_data.nr_collections; i++) {
		if (its_data.collections[i].col_id == id)
			return &its_data.collections[i];
	}
	return NULL;
}

static const char *cmd_name(u8 cmd)
{
	switch (cmd) {
	case GITS_CMD_MOVI: return "MOVI";
	case GITS_CMD_INT: return "INT";
	case GITS_CMD_CLEAR: return "CLEAR";
	case GITS_CMD_SYNC: return "SYNC";
	case GITS_CMD_MAPD: return "MAPD";
	case GITS_CMD_MAPC: return "MAPC";
	case GITS_CMD_MAPTI: return "MAPTI";
	case GITS_CMD_INV: return "INV";
	case GITS_CMD_INVALL: return "INVALL";
	case GITS_CMD_DISCARD: return "DISCARD";
	default: return "?";
	}
}

/* Queues one command and waits until the ITS has consumed it (CREADR reaches CWRITER). */
static void its_send(u64 dw0, u64 dw1, u64 dw2, bool verbose)
{
	struct its_cmd_block *c = &its_data.cmd_base[its_data.cmd_next];
	u64 wr, rd;

	assert_msg(its_data.cmd_base, "its_send_*: its_enable_defaults() first");
	c->raw_cmd[0] = dw0;
	c->raw_cmd[1] = dw1;
	c->raw_cmd[2] = dw2;
	c->raw_cmd[3] = 0;
	if (verbose)
		report_info("ITS %s %#" PRIx64 " %#" PRIx64 " %#" PRIx64, cmd_name(dw0 & 0xff), dw0, dw1, dw2);
	dsb(ishst);
	its_data.cmd_next = (its_data.cmd_next + 1) % CMDQ_SLOTS;
	wr = (u64)its_data.cmd_next * sizeof(*c);
	writeq(wr, its_data.base + GITS_CWRITER);
	do {
		rd = readq(its_data.base + GITS_CREADR);
		assert_msg(!(rd & GITS_CREADR_STALLED), "its: the command queue stalled on %s", cmd_name(dw0 & 0xff));
	} while ((rd & ~0x1fUL) != wr);
}

static u64 dev_dw0(u8 cmd, struct its_device *dev)
{
	return cmd | (u64)dev->device_id << 32;
}

void __its_send_mapd(struct its_device *dev, int valid, bool verbose)
{
	u64 size = fls(dev->nr_ites) - 1;	/* EventID bits - 1: nr_ites is a power of two */

	its_send(dev_dw0(GITS_CMD_MAPD, dev), size, (valid ? 1ULL << 63 : 0) | virt_to_phys(dev->itt), verbose);
}

void __its_send_mapc(struct its_collection *col, int valid, bool verbose)
{
	its_send(GITS_CMD_MAPC, 0, (valid ? 1ULL << 63 : 0) | col->target_address << 16 | col->col_id, verbose);
}

void __its_send_mapti(struct its_device *dev, u32 irq_id, u32 event_id, struct its_collection *col, bool verbose)
{
	its_send(dev_dw0(GITS_CMD_MAPTI, dev), (u64)irq_id << 32 | event_id, col->col_id, verbose);
}

void __its_send_int(struct its_device *dev, u32 event_id, bool verbose)
{
	its_send(dev_dw0(GITS_CMD_INT, dev), event_id, 0, verbose);
}

void __its_send_inv(struct its_device *dev, u32 event_id, bool verbose)
{
	its_send(dev_dw0(GITS_CMD_INV, dev), event_id, 0, verbose);
}

void __its_send_discard(struct its_device *dev, u32 event_id, bool verbose)
{
	its_send(dev_dw0(GITS_CMD_DISCARD, dev), event_id, 0, verbose);
}

void __its_send_clear(struct its_device *dev, u32 event_id, bool verbose)
{
	its_send(dev_dw0(GITS_CMD_CLEAR, dev), event_id, 0, verbose);
}

void __its_send_invall(struct its_collection *col, bool verbose)
{
	its_send(GITS_CMD_INVALL, 0, col->col_id, verbose);
}

void __its_send_movi(struct its_device *dev, struct its_collection *col, u32 id, bool verbose)
{
	its_send(dev_dw0(GITS_CMD_MOVI, dev), id, col->col_id, verbose);
}

void __its_send_sync(struct its_collection *col, bool verbose)
{
	its_send(GITS_CMD_SYNC, 0, col->target_address << 16, verbose);
}
