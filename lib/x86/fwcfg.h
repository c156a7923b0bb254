/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fwcfg.h - QEMU's fw_cfg interface over I/O ports: how an x86 guest asks
 * QEMU for the CPU count and the RAM size.
 */
#ifndef _X86_FWCFG_H_
#define _X86_FWCFG_H_

#include "libcflat.h"

#define FW_CFG_SIGNATURE	0x00
#define FW_CFG_RAM_SIZE		0x03
#define FW_CFG_NB_CPUS		0x05
#define FW_CFG_MAX_CPUS		0x0f

/* Read the little-endian value of key, size bytes of it (1..8). */
extern u64 fwcfg_get_u64(u16 key, int size);
extern bool fwcfg_present(void);

#endif /* _X86_FWCFG_H_ */
