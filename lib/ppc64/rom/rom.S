/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rom.S - the firmware given to QEMU's pseries machine with -bios, instead
 * of SLOF (which takes seconds to boot). QEMU loads it at 0 and starts the
 * boot CPU at 0x100 in big-endian real mode, with r3 = the device tree.
 * QEMU has already loaded the -kernel ELF at 4 MiB (KERNEL_LOAD_ADDR) and
 * described it, the initrd, the CPUs and RTAS in that tree, and it answers
 * hypercalls and RTAS itself, so all that is left is to enter the image in
 * 64-bit mode and in its byte order: rfid to it with MSR[SF] set, and
 * MSR[LE] for a little-endian image.
 * Always assembled big endian; ROM_LITTLE_ENDIAN selects the image's order.
 */
#include "asm/ppc.h"

	.text
	. = VEC_SYSTEM_RESET
	.globl rom_entry
rom_entry:
	/* 64-bit mode (QEMU resets pseries CPUs in 32-bit mode) and machine checks on. */
	mfmsr	%r11
	li	%r12, 1
	sldi	%r12, %r12, 63
	or	%r11, %r11, %r12
	ori	%r11, %r11, MSR_ME
#ifdef ROM_LITTLE_ENDIAN
	ori	%r11, %r11, MSR_LE
#endif
	lis	%r12, KERNEL_LOAD_ADDR@h
	mtsrr0	%r12
	mtsrr1	%r11
	rfid			/* r3, the device tree, goes through unchanged */
