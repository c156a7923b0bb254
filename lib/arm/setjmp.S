/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setjmp.S - setjmp/longjmp for arm: the callee-saved registers of the
 * AAPCS (r4-r11, sp, lr) in jmp_buf's first 10 slots. No VFP registers:
 * the library and tests are built with -mgeneral-regs-only.
 */
	.arm
	.syntax	unified
	.text
	.globl setjmp
setjmp:
	mov	ip, sp
	stmia	r0, {r4-r11, ip, lr}
	mov	r0, #0
	bx	lr

	.globl longjmp
longjmp:
	ldmia	r0, {r4-r11, ip, lr}
	mov	sp, ip
	/* setjmp must seem to return val, and never 0. */
	movs	r0, r1
	moveq	r0, #1
	bx	lr
