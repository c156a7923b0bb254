/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setjmp.S - setjmp/longjmp for arm64: the callee-saved registers of the
 * AAPCS64 (x19-x28, fp, lr, sp, and the low halves of v8-v15, d8-d15) in
 * jmp_buf's first 21 slots.
 */
	.text
	.globl setjmp
setjmp:
	stp	x19, x20, [x0, #8 * 0]
	stp	x21, x22, [x0, #8 * 2]
	stp	x23, x24, [x0, #8 * 4]
	stp	x25, x26, [x0, #8 * 6]
	stp	x27, x28, [x0, #8 * 8]
	stp	x29, x30, [x0, #8 * 10]
	mov	x1, sp
	str	x1, [x0, #8 * 12]
	stp	d8, d9, [x0, #8 * 13]
	stp	d10, d11, [x0, #8 * 15]
	stp	d12, d13, [x0, #8 * 17]
	stp	d14, d15, [x0, #8 * 19]
	mov	w0, #0
	ret

	.globl longjmp
longjmp:
	ldp	x19, x20, [x0, #8 * 0]
	ldp	x21, x22, [x0, #8 * 2]
	ldp	x23, x24, [x0, #8 * 4]
	ldp	x25, x26, [x0, #8 * 6]
	ldp	x27, x28, [x0, #8 * 8]
	ldp	x29, x30, [x0, #8 * 10]
	ldr	x2, [x0, #8 * 12]
	mov	sp, x2
	ldp	d8, d9, [x0, #8 * 13]
	ldp	d10, d11, [x0, #8 * 15]
	ldp	d12, d13, [x0, #8 * 17]
	ldp	d14, d15, [x0, #8 * 19]
	/* setjmp must seem to return val, and never 0. */
	cmp	w1, #0
	csinc	w0, w1, wzr, ne
	ret
