/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cstart64.S - ppc64 entry, interrupt vectors and secondary-thread entry.
 *
 * The boot thread comes from our ROM (rom.S) at start, in real mode (MMU
 * off), in the image's byte order, with r3 = the device tree. Set the TOC
 * pointer (r2), clear BSS, set the stack, then call setup() (device tree,
 * console, vectors, memory, allocators), main() and exit() with its value.
 *
 * Interrupts go to the real addresses 0x100..0x2000 (MMU off, no AIL);
 * setup() copies the vector stubs there (vectors_start..vectors_end) over
 * the ROM, which is not needed after boot.
 *
 * Secondary threads come from RTAS start-cpu at secondary_be_entry, in big
 * endian whatever the image's order (see there).
 */
#include "asm/ppc.h"
#include "processor.h"

#define BOOT_STACK_SIZE		(64 * 1024)

/* reg = the 32-bit absolute address sym (the image is below 4 GiB and not relocated). */
#define LOAD_ADDR(reg, sym)	lis reg, (sym)@ha; addi reg, reg, (sym)@l

/*
 * A word that is an instruction in big-endian order, for code that runs
 * before the CPU is switched to the image's byte order.
 */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BE_INSN(x)	.long ((((x) >> 24) & 0xff) | (((x) >> 8) & 0xff00) | (((x) & 0xff00) << 8) | \
			       (((x) & 0xff) << 24))
#else
#define BE_INSN(x)	.long x
#endif

	.section .text.entry, "ax"
	.globl start
start:
	LOAD_ADDR(%r2, .TOC.)
	mr	%r31, %r3
	LOAD_ADDR(%r4, __bss_start)
	LOAD_ADDR(%r5, __bss_end)
	li	%r0, 0
1:	cmpld	%r4, %r5
	bge	2f
	std	%r0, 0(%r4)
	addi	%r4, %r4, 8
	b	1b
	/* A zero back chain ends every backtrace here. */
2:	LOAD_ADDR(%r1, boot_stack_top - STACK_FRAME_MIN)
	std	%r0, 0(%r1)
	/* SPRG0 holds the CPU number; setup() corrects it if the boot thread is not CPU 0. */
	mtspr	SPR_SPRG0, %r0
	mr	%r3, %r31
	bl	setup
	LOAD_ADDR(%r3, __argc)
	lwa	%r3, 0(%r3)
	LOAD_ADDR(%r4, __argv)
	LOAD_ADDR(%r5, __environ)
	ld	%r5, 0(%r5)
	bl	main
	bl	exit
	b	halt

/*
 * RTAS start-cpu enters a thread in big endian with SF and ME set in the
 * MSR, at this address, with r3 = the argument given to start-cpu: here
 * the address of secondary_start. These five words are big-endian
 * instructions in either image: set MSR[LE] if the image is little endian
 * and rfid to r3.
 */
	.balign	4
	.globl secondary_be_entry
secondary_be_entry:
	BE_INSN(0x7d6000a6)		/* mfmsr	r11 */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	BE_INSN(0x616b0001)		/* ori	r11, r11, MSR_LE */
#else
	BE_INSN(0x60000000)		/* nop */
#endif
	BE_INSN(0x7c7a03a6)		/* mtsrr0	r3 */
	BE_INSN(0x7d7b03a6)		/* mtsrr1	r11 */
	BE_INSN(0x4c000024)		/* rfid */

/* Now in the image's byte order; smp.c has put this thread's stack and number in secondary_boot. */
	.globl secondary_start
secondary_start:
	LOAD_ADDR(%r2, .TOC.)
	LOAD_ADDR(%r4, secondary_boot)
	ld	%r1, 0(%r4)
	ld	%r3, 8(%r4)
	subi	%r1, %r1, STACK_FRAME_MIN
	li	%r0, 0
	std	%r0, 0(%r1)
	mtspr	SPR_SPRG0, %r3
	bl	on_cpu_secondary_loop
	b	halt

/*
 * Vector stubs, copied to real address VEC_FIRST: one every 0x20 bytes, so
 * whatever the vector, the stub at its address runs. Each saves r1 in
 * SPRG1, makes room below the interrupted stack (past the ABI's protected
 * zone), saves r0 and jumps to exc_common with r0 = the vector. A stub is
 * five instructions: it must fit in 0x20 bytes.
 */
	.section .text.vectors, "ax"
	.balign	VEC_STUB_SIZE
	.globl vectors_start
vectors_start:
	.set	vec, VEC_FIRST
	.rept	(VEC_END - VEC_FIRST) / VEC_STUB_SIZE
	mtspr	SPR_SPRG1, %r1
	subi	%r1, %r1, EXC_FRAME_SIZE
	std	%r0, STACK_FRAME_MIN + PT_GPR(0)(%r1)
	li	%r0, vec
	ba	exc_common
	.balign	VEC_STUB_SIZE
	.set	vec, vec + VEC_STUB_SIZE
	.endr
	.globl vectors_end
vectors_end:

	.text
/*
 * Save the interrupted context in a struct pt_regs at STACK_FRAME_MIN(r1),
 * call do_handle_exception() with it, and resume the (possibly changed)
 * context. The frame's back chain is the interrupted r1, so backtraces go
 * through the interrupt.
 */
#define SAVE_GPR(n)	std n, STACK_FRAME_MIN + PT_GPR(n)(%r1)
#define REST_GPR(n)	ld n, STACK_FRAME_MIN + PT_GPR(n)(%r1)
exc_common:
	.set	n, 2
	.rept	30			/* r2-r31 */
	SAVE_GPR(n)
	.set	n, n + 1
	.endr
	mfspr	%r3, SPR_SPRG1
	std	%r3, STACK_FRAME_MIN + PT_GPR(1)(%r1)
	std	%r3, 0(%r1)			/* back chain */
	std	%r0, STACK_FRAME_MIN + PT_TRAP(%r1)
	mfsrr0	%r4
	std	%r4, STACK_FRAME_MIN + PT_NIP(%r1)
	mfsrr1	%r4
	std	%r4, STACK_FRAME_MIN + PT_MSR(%r1)
	mflr	%r4
	std	%r4, STACK_FRAME_MIN + PT_LINK(%r1)
	mfctr	%r4
	std	%r4, STACK_FRAME_MIN + PT_CTR(%r1)
	mfxer	%r4
	std	%r4, STACK_FRAME_MIN + PT_XER(%r1)
	mfcr	%r4
	std	%r4, STACK_FRAME_MIN + PT_CCR(%r1)
	mfspr	%r4, SPR_DAR
	std	%r4, STACK_FRAME_MIN + PT_DAR(%r1)
	mfspr	%r4, SPR_DSISR
	std	%r4, STACK_FRAME_MIN + PT_DSISR(%r1)
	LOAD_ADDR(%r2, .TOC.)
	addi	%r3, %r1, STACK_FRAME_MIN
	bl	do_handle_exception
	ld	%r4, STACK_FRAME_MIN + PT_NIP(%r1)
	mtsrr0	%r4
	ld	%r4, STACK_FRAME_MIN + PT_MSR(%r1)
	mtsrr1	%r4
	ld	%r4, STACK_FRAME_MIN + PT_LINK(%r1)
	mtlr	%r4
	ld	%r4, STACK_FRAME_MIN + PT_CTR(%r1)
	mtctr	%r4
	ld	%r4, STACK_FRAME_MIN + PT_XER(%r1)
	mtxer	%r4
	ld	%r4, STACK_FRAME_MIN + PT_CCR(%r1)
	mtcr	%r4
	REST_GPR(0)
	.set	n, 2
	.rept	30
	REST_GPR(n)
	.set	n, n + 1
	.endr
	REST_GPR(1)
	rfid

	.section .progname, "aw"
	.globl progname
progname:
	.space	64

	.bss
	.balign	16
boot_stack:
	.space	BOOT_STACK_SIZE
	.globl boot_stack_top
boot_stack_top:
