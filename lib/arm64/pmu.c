/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pmu.c - where the PMU's overflow interrupt is, from the device tree.
 */
#include "libcflat.h"
#include "devicetree.h"
#include "asm/pmu.h"

/* "interrupts" = <type number flags>; type 1 is a PPI. */
#define DT_IRQ_TYPE_PPI		1

int pmu_ppi(void)
{
	int node = dt_find_compatible(-1, "arm,armv8-pmuv3"), len;
	const u8 *prop;

	if (node < 0)
		return -1;
	prop = dt_getprop(node, "interrupts", &len);
	if (!prop || len < 12 || dt_be32(prop) != DT_IRQ_TYPE_PPI)
		return -1;
	return dt_be32(prop + 4);
}
