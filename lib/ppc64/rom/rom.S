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
 *
 * Until the image installs its own vectors over this ROM, an interrupt
 * (an image that is not ppc64 code of this byte order, a crash early in
 * boot) lands on the ROM's vectors, which power off at once: the run
 * script reports "no status" instead of waiting for the timeout.
 * Always assembled big endian (interrupts are taken big endian until the
 * image asks otherwise); ROM_LITTLE_ENDIAN selects the image's order.
 */
#include "asm/ppc.h"

/*
 * The ROM cannot read RTAS tokens from the device tree, so it calls QEMU's
 * in order from the first (RTAS_TOKEN_BASE) as power-off: two arguments,
 * one result. The services before power-off (display-character and the
 * time of day) refuse that argument count and do nothing; power-off ends
 * QEMU. If none does within ROM_MAX_TOKENS, the ROM spins.
 */
#define QEMU_RTAS_TOKEN_BASE	0x2000
#define ROM_MAX_TOKENS		64
#define ROM_RTAS_ARGS		0x2000	/* the argument block, after the vectors */

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

	/* Every other vector, one every 0x20 bytes from the machine check's, powers off. */
	.set	vec, VEC_MACHINE_CHECK
	.rept	(VEC_END - VEC_MACHINE_CHECK) / VEC_STUB_SIZE
	. = vec
	b	rom_crash
	.set	vec, vec + VEC_STUB_SIZE
	.endr

	. = ROM_RTAS_ARGS
rtas_power_off_args:
	.long	0, 2, 1			/* token (set below), 2 arguments, 1 result */
	.long	0, 0, 0

rom_crash:
	li	%r31, QEMU_RTAS_TOKEN_BASE
	li	%r30, ROM_MAX_TOKENS
	mtctr	%r30
1:	li	%r4, ROM_RTAS_ARGS
	stw	%r31, 0(%r4)
	li	%r3, 0
	ori	%r3, %r3, KVMPPC_H_RTAS
	sc	1
	addi	%r31, %r31, 1
	bdnz	1b
2:	b	2b
