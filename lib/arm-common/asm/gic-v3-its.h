/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/gic-v3-its.h - the GICv3 Interrupt Translation Service and LPIs, with kvm-unit-tests' names
 * (GICv3 architecture specification, IHI 0069, chapters 5 and 6): its_enable_defaults() finds the ITS
 * in the device tree, gives the redistributors their LPI configuration and pending tables and the ITS
 * its device and collection tables and command queue; its_create_device()/its_create_collection() set
 * up the guest side of a device (its ITT) and a collection (its target CPU); its_send_*() queue one
 * command and wait until the ITS has read it. The _nv variants do the same without printing the command.
 */
#ifndef _ASM_ARM_COMMON_GIC_V3_ITS_H_
#define _ASM_ARM_COMMON_GIC_V3_ITS_H_

#include "libcflat.h"
#include "asm/gic.h"

#define GITS_CTLR			0x0000
#define GITS_IIDR			0x0004
#define GITS_TYPER			0x0008
#define GITS_CBASER			0x0080
#define GITS_CWRITER			0x0088
#define GITS_CREADR			0x0090
#define GITS_BASER			0x0100
#define GITS_BASER_NR_REGS		8

#define GITS_CTLR_ENABLE		(1U << 0)
#define GITS_CTLR_QUIESCENT		(1U << 31)
#define GITS_TYPER_PLPIS		(1UL << 0)
#define GITS_TYPER_ITT_ENTRY_SIZE(t)	((((t) >> 4) & 0xf) + 1)
#define GITS_TYPER_IDBITS(t)		((((t) >> 8) & 0x1f) + 1)
#define GITS_TYPER_DEVBITS(t)		((((t) >> 13) & 0x1f) + 1)
#define GITS_TYPER_PTA			(1UL << 19)	/* collections target redistributor addresses */
#define GITS_CBASER_VALID		(1ULL << 63)
#define GITS_CREADR_STALLED		(1UL << 0)
#define GITS_BASER_VALID		(1ULL << 63)
#define GITS_BASER_TYPE(r)		(((r) >> 56) & 7)
#define GITS_BASER_ENTRY_SIZE(r)	((((r) >> 48) & 0x1f) + 1)
#define GITS_BASER_TYPE_NONE		0
#define GITS_BASER_TYPE_DEVICE		1
#define GITS_BASER_TYPE_COLLECTION	4

#define GITS_CMD_MOVI			0x01
#define GITS_CMD_INT			0x03
#define GITS_CMD_CLEAR			0x04
#define GITS_CMD_SYNC			0x05
#define GITS_CMD_MAPD			0x08
#define GITS_CMD_MAPC			0x09
#define GITS_CMD_MAPTI			0x0a
#define GITS_CMD_MAPI			0x0b
#define GITS_CMD_INV			0x0c
#define GITS_CMD_INVALL			0x0d
#define GITS_CMD_DISCARD		0x0f

#define GITS_MAX_DEVICES		8
#define GITS_MAX_COLLECTIONS		8

struct its_cmd_block {
	u64 raw_cmd[4];
};

struct its_device {
	u32 device_id;
	u32 nr_ites;		/* events it may have: a power of two */
	void *itt;		/* its interrupt translation table */
};

struct its_collection {
	u64 target_address;	/* the RDbase field of MAPC: processor number, or address with GITS_TYPER.PTA */
	u16 col_id;
};

struct its_data {
	void *base;
	u64 typer;
	struct its_cmd_block *cmd_base;
	int cmd_next;			/* the next free slot of the queue */
	struct its_device devices[GITS_MAX_DEVICES];
	u32 nr_devices;
	struct its_collection collections[GITS_MAX_COLLECTIONS];
	u16 nr_collections;
};

extern struct its_data its_data;

/* NULL when the device tree has no ITS (or the GIC is not v3): then nothing else here may be called. */
#define gicv3_its_base()		(its_data.base)

extern u8 *gicv3_lpi_prop;
#define gicv3_lpi_set_config(intid, value) do {				\
	gicv3_lpi_prop[LPI_OFFSET(intid)] = (value);			\
	dsb(ishst);							\
} while (0)
#define gicv3_lpi_get_config(intid)	(gicv3_lpi_prop[LPI_OFFSET(intid)])

/* Finds the ITS; its_enable_defaults() calls it. */
extern void its_init(void);
extern void its_enable_defaults(void);
extern struct its_device *its_create_device(u32 dev_id, int nr_ites);
extern struct its_collection *its_create_collection(u16 col_id, u32 target_pe);
extern struct its_device *its_get_device(u32 id);
extern struct its_collection *its_get_collection(u32 id);

extern void __its_send_mapd(struct its_device *dev, int valid, bool verbose);
extern void __its_send_mapc(struct its_collection *col, int valid, bool verbose);
extern void __its_send_mapti(struct its_device *dev, u32 irq_id, u32 event_id, struct its_collection *col,
			     bool verbose);
extern void __its_send_int(struct its_device *dev, u32 event_id, bool verbose);
extern void __its_send_inv(struct its_device *dev, u32 event_id, bool verbose);
extern void __its_send_discard(struct its_device *dev, u32 event_id, bool verbose);
extern void __its_send_clear(struct its_device *dev, u32 event_id, bool verbose);
extern void __its_send_invall(struct its_collection *col, bool verbose);
extern void __its_send_movi(struct its_device *dev, struct its_collection *col, u32 id, bool verbose);
extern void __its_send_sync(struct its_collection *col, bool verbose);

#define its_send_mapd(dev, valid)			__its_send_mapd(dev, valid, true)
#define its_send_mapc(col, valid)			__its_send_mapc(col, valid, true)
#define its_send_mapti(dev, irqid, eventid, col)	__its_send_mapti(dev, irqid, eventid, col, true)
#define its_send_int(dev, eventid)			__its_send_int(dev, eventid, true)
#define its_send_inv(dev, eventid)			__its_send_inv(dev, eventid, true)
#define its_send_discard(dev, eventid)			__its_send_discard(dev, eventid, true)
#define its_send_clear(dev, eventid)			__its_send_clear(dev, eventid, true)
#define its_send_invall(col)				__its_send_invall(col, true)
#define its_send_movi(dev, col, id)			__its_send_movi(dev, col, id, true)
#define its_send_sync(col)				__its_send_sync(col, true)
#define its_send_mapd_nv(dev, valid)			__its_send_mapd(dev, valid, false)
#define its_send_mapc_nv(col, valid)			__its_send_mapc(col, valid, false)
#define its_send_mapti_nv(dev, irqid, eventid, col)	__its_send_mapti(dev, irqid, eventid, col, false)
#define its_send_int_nv(dev, eventid)			__its_send_int(dev, eventid, false)
#define its_send_inv_nv(dev, eventid)			__its_send_inv(dev, eventid, false)
#define its_send_discard_nv(dev, eventid)		__its_send_discard(dev, eventid, false)
#define its_send_clear_nv(dev, eventid)			__its_send_clear(dev, eventid, false)
#define its_send_invall_nv(col)				__its_send_invall(col, false)
#define its_send_movi_nv(dev, col, id)			__its_send_movi(dev, col, id, false)
#define its_send_sync_nv(col)				__its_send_sync(col, false)

#endif /* _ASM_ARM_COMMON_GIC_V3_ITS_H_ */
