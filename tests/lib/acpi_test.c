/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * acpi_test.c - host tests of lib/acpi.c: ACPI tables are built in memory
 * (RSDP revision 2, XSDT, FADT, FACS, DSDT, MADT, since host addresses
 * need the 64-bit fields) and looked up the way a test would; a bad
 * checksum, a bad signature and a broken MADT entry must not be taken.
 * This program stands in for the arch: acpi_arch_find_rsdp() returns the
 * RSDP it builds.
 */
#include "libcflat.h"
#include "acpi.h"
#include "string.h"

static struct {
	u8 before[48];			/* scanned first: no RSDP in here */
	struct acpi_table_rsdp rsdp;
	u8 after[16];
} __aligned(16) area;

static struct {
	struct acpi_table_xsdt h;
	u64 entries[4];
} __packed xsdt;

static struct acpi_table_fadt fadt;
static struct acpi_table_facs_rev1 facs;
static struct acpi_table dsdt;
static struct acpi_table bad;		/* in the XSDT, with a wrong checksum */

static struct {
	struct acpi_table_madt h;
	struct acpi_madt_local_apic cpu[3];
	struct acpi_madt_local_x2apic x2;
	struct acpi_subtable_header broken;	/* length 0: ends the walk */
} __packed madt;

static struct acpi_table_rsdp *arch_rsdp;

struct acpi_table_rsdp *acpi_arch_find_rsdp(void)
{
	return arch_rsdp;
}

static void fix_checksum(void *p, size_t len, u8 *field)
{
	const u8 *b = p;
	u8 sum = 0;
	size_t i;

	*field = 0;
	for (i = 0; i < len; i++)
		sum += b[i];
	*field = -sum;
}

static void header(void *t, u32 sig, u32 len)
{
	struct acpi_table *h = t;

	h->signature = sig;
	h->length = len;
	h->revision = 1;
	fix_checksum(h, len, &h->checksum);
}

static void build(void)
{
	struct acpi_table_rsdp *r = &area.rsdp;

	fadt.x_firmware_ctrl = (uintptr_t)&facs;
	fadt.x_dsdt = (uintptr_t)&dsdt;
	fadt.pm_tmr_blk = 0x608;
	header(&fadt, FACP_SIGNATURE, sizeof(fadt));
	facs.signature = FACS_SIGNATURE;
	facs.length = sizeof(facs);
	header(&dsdt, DSDT_SIGNATURE, sizeof(dsdt));
	header(&bad, HPET_SIGNATURE, sizeof(bad));
	bad.checksum++;

	madt.cpu[0] = (struct acpi_madt_local_apic){ { ACPI_MADT_TYPE_LOCAL_APIC, 8 }, 0, 0, ACPI_MADT_ENABLED };
	madt.cpu[1] = (struct acpi_madt_local_apic){ { ACPI_MADT_TYPE_LOCAL_APIC, 8 }, 1, 2, ACPI_MADT_ENABLED };
	madt.cpu[2] = (struct acpi_madt_local_apic){ { ACPI_MADT_TYPE_LOCAL_APIC, 8 }, 2, 1, 0 };
	madt.x2 = (struct acpi_madt_local_x2apic){ { ACPI_MADT_TYPE_LOCAL_X2APIC, 16 }, 0, 300, ACPI_MADT_ENABLED, 3 };
	header(&madt, MADT_SIGNATURE, sizeof(madt));

	xsdt.entries[0] = (uintptr_t)&bad;
	xsdt.entries[1] = (uintptr_t)&fadt;
	xsdt.entries[2] = (uintptr_t)&madt;
	xsdt.entries[3] = 0;
	header(&xsdt, XSDT_SIGNATURE, sizeof(xsdt));

	r->signature = RSDP_SIGNATURE_8BYTE;
	r->revision = 2;
	r->length = sizeof(*r);
	r->xsdt_physical_address = (uintptr_t)&xsdt;
	fix_checksum(r, 20, &r->checksum);
	fix_checksum(r, sizeof(*r), &r->extended_checksum);
}

static int cpus, enabled_cpus;
static u32 last_id;

static int count_cpu(struct acpi_subtable_header *h)
{
	struct acpi_madt_local_apic *e = (struct acpi_madt_local_apic *)h;

	cpus++;
	enabled_cpus += e->lapic_flags & ACPI_MADT_ENABLED;
	last_id = e->id;
	return 0;
}

static int see_x2apic(struct acpi_subtable_header *h)
{
	last_id = ((struct acpi_madt_local_x2apic *)h)->local_apic_id;
	return 0;
}

int main(void)
{
	struct acpi_table_fadt *f;
	u8 saved;

	build();
	report(acpi_scan_rsdp(&area, sizeof(area)) == &area.rsdp, "the RSDP is found on its 16-byte boundary");
	report(!acpi_scan_rsdp(area.before, sizeof(area.before)), "no RSDP where there is none");
	saved = area.rsdp.checksum;
	area.rsdp.checksum++;
	report(!acpi_scan_rsdp(&area, sizeof(area)), "an RSDP with a bad checksum is not taken");
	area.rsdp.checksum = saved;
	saved = area.rsdp.extended_checksum;
	area.rsdp.extended_checksum++;
	report(!acpi_scan_rsdp(&area, sizeof(area)), "nor one with a bad extended checksum (revision 2)");
	area.rsdp.extended_checksum = saved;

	report(!find_acpi_table_addr(FACP_SIGNATURE), "without an RSDP, no table");
	arch_rsdp = &area.rsdp;
	f = find_acpi_table_addr(FACP_SIGNATURE);
	report(f == &fadt && f->pm_tmr_blk == 0x608, "the FADT through the XSDT");
	report(find_acpi_table_addr(RSDP_SIGNATURE) == &area.rsdp, "RSDP_SIGNATURE gives the RSDP");
	report(find_acpi_table_addr(XSDT_SIGNATURE) == (void *)&xsdt, "XSDT_SIGNATURE gives the XSDT");
	report(find_acpi_table_addr(FACS_SIGNATURE) == &facs, "the FACS through the FADT's X_FIRMWARE_CTRL");
	report(find_acpi_table_addr(DSDT_SIGNATURE) == &dsdt, "the DSDT through the FADT's X_DSDT");
	report(!find_acpi_table_addr(HPET_SIGNATURE), "a table with a bad checksum is skipped");
	report(!find_acpi_table_addr(MCFG_SIGNATURE), "an absent table is NULL");
	facs.signature = 0;
	report(!find_acpi_table_addr(FACS_SIGNATURE), "a FACS without its signature is not taken");
	facs.signature = FACS_SIGNATURE;

	report(acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_APIC, count_cpu) == 3 && cpus == 3 &&
	       enabled_cpus == 2 && last_id == 1, "MADT: the three local APIC entries, two enabled");
	report(acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_X2APIC, see_x2apic) == 1 && last_id == 300,
	       "MADT: the x2APIC entry, and the walk stops at a zero-length entry");
	set_efi_rsdp(NULL);
	arch_rsdp = NULL;
	report(acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_APIC, count_cpu) == -1, "no MADT: -1");
	return report_summary();
}
