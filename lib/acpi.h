/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * acpi.h - the ACPI tables a test reads (kvm-unit-tests' names; layouts
 * from the ACPI specification 6.5, chapter 5.2): the RSDP, the RSDT/XSDT,
 * the FADT and the FACS, and find_acpi_table_addr() to look one up by
 * signature. Tables are reached through phys_to_virt() of the physical
 * addresses they hold.
 */
#ifndef _ACPI_H_
#define _ACPI_H_

#include "libcflat.h"

/* A table's four-character signature as the u32 it is in memory (little-endian). */
#define ACPI_SIGNATURE(c1, c2, c3, c4)	((u32)(c1) | (u32)(c2) << 8 | (u32)(c3) << 16 | (u32)(c4) << 24)
#define RSDP_SIGNATURE	ACPI_SIGNATURE('R', 'S', 'D', 'P')
#define RSDT_SIGNATURE	ACPI_SIGNATURE('R', 'S', 'D', 'T')
#define XSDT_SIGNATURE	ACPI_SIGNATURE('X', 'S', 'D', 'T')
#define FACP_SIGNATURE	ACPI_SIGNATURE('F', 'A', 'C', 'P')
#define FACS_SIGNATURE	ACPI_SIGNATURE('F', 'A', 'C', 'S')
#define DSDT_SIGNATURE	ACPI_SIGNATURE('D', 'S', 'D', 'T')
#define MADT_SIGNATURE	ACPI_SIGNATURE('A', 'P', 'I', 'C')
#define HPET_SIGNATURE	ACPI_SIGNATURE('H', 'P', 'E', 'T')
#define MCFG_SIGNATURE	ACPI_SIGNATURE('M', 'C', 'F', 'G')

/* "RSD PTR ": the RSDP's eight-byte signature. */
#define RSDP_SIGNATURE_8BYTE	0x2052545020445352ULL

/* Root System Description Pointer (5.2.5.3). Revision 0 ends at rsdt_physical_address (20 bytes). */
struct acpi_table_rsdp {
	u64 signature;
	u8 checksum;		/* the first 20 bytes sum to 0 */
	char oem_id[6];
	u8 revision;		/* 0: ACPI 1.0; 2: the extended fields are present */
	u32 rsdt_physical_address;
	u32 length;
	u64 xsdt_physical_address;
	u8 extended_checksum;	/* all length bytes sum to 0 */
	u8 reserved[3];
} __packed;

/* The header every description table starts with (5.2.6). */
#define ACPI_TABLE_HEADER_DEF			\
	u32 signature;				\
	u32 length;				\
	u8 revision;				\
	u8 checksum;				\
	char oem_id[6];				\
	char oem_table_id[8];			\
	u32 oem_revision;			\
	char asl_compiler_id[4];		\
	u32 asl_compiler_revision;

struct acpi_table {
	ACPI_TABLE_HEADER_DEF
	char data[];
} __packed;

struct acpi_table_rsdt_rev1 {
	ACPI_TABLE_HEADER_DEF
	u32 table_offset_entry[];	/* physical addresses of the other tables */
} __packed;

struct acpi_table_xsdt {
	ACPI_TABLE_HEADER_DEF
	u64 table_offset_entry[];
} __packed;

/* Generic Address Structure (5.2.3.2). */
struct acpi_generic_address {
	u8 space_id;		/* 0 memory, 1 system I/O, ... */
	u8 bit_width;
	u8 bit_offset;
	u8 access_width;
	u64 address;
} __packed;

/* Fixed ACPI Description Table (5.2.9); older revisions end earlier (header length). */
struct acpi_table_fadt {
	ACPI_TABLE_HEADER_DEF
	u32 firmware_ctrl;	/* the FACS */
	u32 dsdt;
	u8 reserved;
	u8 preferred_pm_profile;
	u16 sci_int;
	u32 smi_cmd;
	u8 acpi_enable;
	u8 acpi_disable;
	u8 s4bios_req;
	u8 pstate_cnt;
	u32 pm1a_evt_blk;
	u32 pm1b_evt_blk;
	u32 pm1a_cnt_blk;
	u32 pm1b_cnt_blk;
	u32 pm2_cnt_blk;
	u32 pm_tmr_blk;		/* the ACPI PM timer's I/O port */
	u32 gpe0_blk;
	u32 gpe1_blk;
	u8 pm1_evt_len;
	u8 pm1_cnt_len;
	u8 pm2_cnt_len;
	u8 pm_tmr_len;
	u8 gpe0_blk_len;
	u8 gpe1_blk_len;
	u8 gpe1_base;
	u8 cst_cnt;
	u16 p_lvl2_lat;
	u16 p_lvl3_lat;
	u16 flush_size;
	u16 flush_stride;
	u8 duty_offset;
	u8 duty_width;
	u8 day_alrm;
	u8 mon_alrm;
	u8 century;
	u16 iapc_boot_arch;
	u8 reserved2;
	u32 flags;
	struct acpi_generic_address reset_reg;
	u8 reset_value;
	u16 arm_boot_flags;
	u8 minor_revision;
	u64 x_firmware_ctrl;
	u64 x_dsdt;
	struct acpi_generic_address x_pm1a_evt_blk;
	struct acpi_generic_address x_pm1b_evt_blk;
	struct acpi_generic_address x_pm1a_cnt_blk;
	struct acpi_generic_address x_pm1b_cnt_blk;
	struct acpi_generic_address x_pm2_cnt_blk;
	struct acpi_generic_address x_pm_tmr_blk;
	struct acpi_generic_address x_gpe0_blk;
	struct acpi_generic_address x_gpe1_blk;
	struct acpi_generic_address sleep_control;
	struct acpi_generic_address sleep_status;
	u64 hypervisor_id;
} __packed;

/* Firmware ACPI Control Structure (5.2.10); it has no checksum. */
struct acpi_table_facs_rev1 {
	u32 signature;
	u32 length;
	u32 hardware_signature;
	u32 firmware_waking_vector;	/* real-mode resume address after S3 */
	u32 global_lock;
	u32 flags;
	u8 resv[40];
} __packed;

/* Multiple APIC Description Table (5.2.12): the header, then variable-length entries. */
struct acpi_table_madt {
	ACPI_TABLE_HEADER_DEF
	u32 address;	/* the local APICs' physical address */
	u32 flags;
	char data[];
} __packed;

struct acpi_subtable_header {
	u8 type;
	u8 length;
} __packed;

enum acpi_madt_type {
	ACPI_MADT_TYPE_LOCAL_APIC = 0,
	ACPI_MADT_TYPE_IO_APIC = 1,
	ACPI_MADT_TYPE_INTERRUPT_OVERRIDE = 2,
	ACPI_MADT_TYPE_LOCAL_X2APIC = 9,
};

#define ACPI_MADT_ENABLED	1	/* a local APIC entry's flags: the processor is usable */

struct acpi_madt_local_apic {
	struct acpi_subtable_header header;
	u8 processor_id;
	u8 id;
	u32 lapic_flags;
} __packed;

struct acpi_madt_local_x2apic {
	struct acpi_subtable_header header;
	u16 reserved;
	u32 local_apic_id;
	u32 lapic_flags;
	u32 uid;
} __packed;

typedef int (*acpi_table_handler)(struct acpi_subtable_header *header);
/* Call handler for each MADT entry of type mtype; the number of entries, or -1 without a MADT. */
extern int acpi_table_parse_madt(enum acpi_madt_type mtype, acpi_table_handler handler);

/* Whether len bytes at p sum to 0 (mod 256), as every ACPI checksum requires. */
extern bool acpi_checksum_ok(const void *p, size_t len);
/* The first valid RSDP on a 16-byte boundary in [start, start + len), or NULL. */
extern struct acpi_table_rsdp *acpi_scan_rsdp(const void *start, size_t len);
/*
 * The table with signature sig reached from rsdp (the XSDT when revision
 * 2 gives one, else the RSDT), or NULL: RSDP_SIGNATURE gives rsdp itself,
 * FACS_SIGNATURE and DSDT_SIGNATURE go through the FADT. Tables with a
 * bad checksum are skipped.
 */
extern void *acpi_find_table(struct acpi_table_rsdp *rsdp, u32 sig);

/* The arch's RSDP (x86: the BIOS areas of ACPI 5.2.5.1), or NULL; set_efi_rsdp() overrides it. */
extern struct acpi_table_rsdp *acpi_arch_find_rsdp(void);
extern void set_efi_rsdp(struct acpi_table_rsdp *rsdp);
/* acpi_find_table() from the arch's RSDP. */
extern void *find_acpi_table_addr(u32 sig);

#endif /* _ACPI_H_ */
