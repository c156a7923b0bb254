/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * acpi.c (x86) - where a PC BIOS leaves the RSDP (ACPI 6.5, 5.2.5.1): the
 * first KiB of the EBDA, whose segment is the word at 0x40e, then the
 * read-only BIOS area 0xe0000..0xfffff.
 */
#include "libcflat.h"
#include "acpi.h"
#include "asm/page.h"

struct acpi_table_rsdp *acpi_arch_find_rsdp(void)
{
	phys_addr_t bda_ebda = 0x40e;
	struct acpi_table_rsdp *r = NULL;
	u16 ebda_seg;

	/* Hide the constant address from the compiler, which takes low addresses for NULL-based objects. */
	asm("" : "+r"(bda_ebda));
	ebda_seg = *(volatile u16 *)phys_to_virt(bda_ebda);

	if (ebda_seg)
		r = acpi_scan_rsdp(phys_to_virt((phys_addr_t)ebda_seg << 4), 1024);
	return r ? r : acpi_scan_rsdp(phys_to_virt(0xe0000), 0x20000);
}
