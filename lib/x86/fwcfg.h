/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fwcfg.h - QEMU's fw_cfg interface over I/O ports: how an x86 guest asks
 * QEMU for the CPU count and the RAM size (kvm-unit-tests' names).
 */
#ifndef _X86_FWCFG_H_
#define _X86_FWCFG_H_

#include "libcflat.h"

#define FW_CFG_SIGNATURE	0x00
#define FW_CFG_ID		0x01
#define FW_CFG_UUID		0x02
#define FW_CFG_RAM_SIZE		0x03
#define FW_CFG_NOGRAPHIC	0x04
#define FW_CFG_NB_CPUS		0x05
#define FW_CFG_MACHINE_ID	0x06
#define FW_CFG_KERNEL_ADDR	0x07
#define FW_CFG_KERNEL_SIZE	0x08
#define FW_CFG_KERNEL_CMDLINE	0x09
#define FW_CFG_INITRD_ADDR	0x0a
#define FW_CFG_INITRD_SIZE	0x0b
#define FW_CFG_BOOT_DEVICE	0x0c
#define FW_CFG_NUMA		0x0d
#define FW_CFG_BOOT_MENU	0x0e
#define FW_CFG_MAX_CPUS		0x0f
#define FW_CFG_FILE_DIR		0x19

/* Read the little-endian value of key, size bytes of it (1..8). */
extern u64 fwcfg_read(u16 key, int size);
extern bool fwcfg_present(void);

static inline u8 fwcfg_get_u8(unsigned int key)
{
	return fwcfg_read(key, 1);
}

static inline u16 fwcfg_get_u16(unsigned int key)
{
	return fwcfg_read(key, 2);
}

static inline u32 fwcfg_get_u32(unsigned int key)
{
	return fwcfg_read(key, 4);
}

static inline u64 fwcfg_get_u64(unsigned int key)
{
	return fwcfg_read(key, 8);
}

/* The CPUs QEMU was given (-smp); 1 without fw_cfg. */
extern int fwcfg_get_nb_cpus(void);

/*
 * Tests that need QEMU's pc-testdev ask test_device_enabled(); the
 * argument or environ variable "no-test-device" says it is absent (a
 * hypervisor other than QEMU).
 */
extern bool test_device_enabled(void);
/* The same, as the variable kvm-unit-tests' tests read: set before main. */
extern bool no_test_device;

#endif /* _X86_FWCFG_H_ */
