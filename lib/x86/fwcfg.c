/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fwcfg.c - read fw_cfg keys: write the key to the selector port, then
 * read the value a byte at a time from the data port.
 */
#include "fwcfg.h"
#include "asm/io.h"
#include "smp.h"

#define FW_CFG_PORT_SEL		0x510
#define FW_CFG_PORT_DATA	0x511

u64 fwcfg_get_u64(u16 key, int size)
{
	u64 v = 0;
	int i;

	outw(key, FW_CFG_PORT_SEL);
	for (i = 0; i < size; i++)
		v |= (u64)inb(FW_CFG_PORT_DATA) << (8 * i);
	return v;
}

/* The signature key reads "QEMU" when fw_cfg is there. */
bool fwcfg_present(void)
{
	return fwcfg_get_u64(FW_CFG_SIGNATURE, 4) == 0x554d4551;
}

int cpu_count(void)
{
	static int count;

	if (!count)
		count = fwcfg_present() ? (int)fwcfg_get_u64(FW_CFG_NB_CPUS, 2) : 1;
	return count;
}
