/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * acpi.c - finding ACPI tables by signature from the RSDP (acpi.h).
 * Invariant: the tables' physical addresses are reachable through
 * phys_to_virt() (every arch here maps RAM and firmware areas 1:1).
 */
#include "libcflat.h"
#include "acpi.h"
#include "asm/page.h"

static struct acpi_table_rsdp *efi_rsdp;

bool acpi_checksum_ok(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum == 0;
}

static bool rsdp_ok(struct acpi_table_rsdp *r)
{
	if (r->signature != RSDP_SIGNATURE_8BYTE || !acpi_checksum_ok(r, 20))
		return false;
	return r->revision < 2 || (r->length >= sizeof(*r) && acpi_checksum_ok(r, r->length));
}

struct acpi_table_rsdp *acpi_scan_rsdp(const void *start, size_t len)
{
	uintptr_t p = ALIGN((uintptr_t)start, 16), end = (uintptr_t)start + len;

	for (; p + sizeof(struct acpi_table_rsdp) <= end; p += 16) {
		struct acpi_table_rsdp *r = (struct acpi_table_rsdp *)p;

		if (rsdp_ok(r))
			return r;
	}
	return NULL;
}

static struct acpi_table *table_at(u64 phys)
{
	struct acpi_table *t;

	if (!phys)
		return NULL;
	t = phys_to_virt(phys);
	return acpi_checksum_ok(t, t->length) ? t : NULL;
}

/* The FADT's FACS or DSDT: the 64-bit field when set, else the 32-bit one (5.2.9). */
static void *fadt_pointer(struct acpi_table_fadt *fadt, u32 sig)
{
	bool has_x = fadt->length >= offsetof(struct acpi_table_fadt, x_pm1a_evt_blk);
	u64 phys;

	if (sig == FACS_SIGNATURE) {
		phys = has_x && fadt->x_firmware_ctrl ? fadt->x_firmware_ctrl : fadt->firmware_ctrl;
		/* The FACS has no checksum: its signature is all there is to check. */
		if (!phys || ((struct acpi_table_facs_rev1 *)phys_to_virt(phys))->signature != FACS_SIGNATURE)
			return NULL;
		return phys_to_virt(phys);
	}
	phys = has_x && fadt->x_dsdt ? fadt->x_dsdt : fadt->dsdt;
	return table_at(phys);
}

void *acpi_find_table(struct acpi_table_rsdp *rsdp, u32 sig)
{
	struct acpi_table *root, *t;
	size_t i, n, entry;
	bool xsdt;

	if (!rsdp)
		return NULL;
	if (sig == RSDP_SIGNATURE)
		return rsdp;
	if (sig == FACS_SIGNATURE || sig == DSDT_SIGNATURE) {
		struct acpi_table_fadt *fadt = acpi_find_table(rsdp, FACP_SIGNATURE);

		return fadt ? fadt_pointer(fadt, sig) : NULL;
	}
	xsdt = rsdp->revision >= 2 && rsdp->xsdt_physical_address;
	root = table_at(xsdt ? rsdp->xsdt_physical_address : rsdp->rsdt_physical_address);
	if (!root || root->signature != (xsdt ? XSDT_SIGNATURE : RSDT_SIGNATURE))
		return NULL;
	if (sig == root->signature)
		return root;
	entry = xsdt ? 8 : 4;
	n = (root->length - offsetof(struct acpi_table, data)) / entry;
	for (i = 0; i < n; i++) {
		u64 phys = 0;

		/* Entries are packed: an XSDT's 64-bit ones are only 4-byte aligned. */
		memcpy(&phys, root->data + i * entry, entry);
		t = table_at(phys);
		if (t && t->signature == sig)
			return t;
	}
	return NULL;
}

void set_efi_rsdp(struct acpi_table_rsdp *rsdp)
{
	efi_rsdp = rsdp;
}

void *find_acpi_table_addr(u32 sig)
{
	return acpi_find_table(efi_rsdp ? efi_rsdp : acpi_arch_find_rsdp(), sig);
}

int acpi_table_parse_madt(enum acpi_madt_type mtype, acpi_table_handler handler)
{
	struct acpi_table_madt *madt = find_acpi_table_addr(MADT_SIGNATURE);
	char *p, *end;
	int n = 0;

	if (!madt)
		return -1;
	end = (char *)madt + madt->length;
	for (p = madt->data; p + sizeof(struct acpi_subtable_header) <= end;) {
		struct acpi_subtable_header *h = (struct acpi_subtable_header *)p;

		/* A zero length would loop forever: the table is broken, stop there. */
		if (h->length < sizeof(*h) || p + h->length > end)
			break;
		if (h->type == mtype) {
			handler(h);
			n++;
		}
		p += h->length;
	}
	return n;
}
