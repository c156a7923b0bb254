/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * css.c - channel-subsystem helpers for the tests: finding a device's
 * subchannel, enabling it, and letting the CPU take its I/O interruptions.
 */
#include "libcflat.h"
#include "asm/arch_def.h"
#include "css.h"

void enable_io_isc(u8 isc)
{
	lctlg(6, 0x80000000UL >> isc);
}

int css_enumerate(struct schib *schib)
{
	unsigned long schnr;

	/* Subchannel numbers are dense from 0: the first not-operational one (cc 3) ends the list. */
	for (schnr = 0; schnr <= 0xffff; schnr++) {
		if (stsch(SCHID(schnr), schib))
			return -1;
		if (schib->pmcw.flags & PMCW_DNV)
			return SCHID(schnr);
	}
	return -1;
}

int css_enable(unsigned long schid, int isc)
{
	struct schib schib;
	int cc;

	cc = stsch(schid, &schib);
	if (cc)
		return cc;
	schib.pmcw.flags &= ~(7 << PMCW_ISC_SHIFT);
	schib.pmcw.flags |= PMCW_ENABLE | isc << PMCW_ISC_SHIFT;
	schib.pmcw.intparm = schid;
	return msch(schid, &schib);
}
