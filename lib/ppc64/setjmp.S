/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setjmp.S - setjmp/longjmp for ppc64 (ELFv2): the registers a call
 * preserves (r1, r2, r14-r31, CR) and the return address, in jmp_buf's
 * first 22 slots.
 */
	.text
	.globl setjmp
setjmp:
	mflr	%r0
	std	%r0, 0(%r3)
	std	%r1, 8(%r3)
	std	%r2, 16(%r3)
	mfcr	%r0
	std	%r0, 24(%r3)
	.set	n, 14
	.rept	18
	std	n, (32 + (n - 14) * 8)(%r3)
	.set	n, n + 1
	.endr
	li	%r3, 0
	blr

	.globl longjmp
longjmp:
	ld	%r0, 0(%r3)
	mtlr	%r0
	ld	%r1, 8(%r3)
	ld	%r2, 16(%r3)
	ld	%r0, 24(%r3)
	mtcrf	0x38, %r0		/* CR2-CR4 are the preserved fields */
	.set	n, 14
	.rept	18
	ld	n, (32 + (n - 14) * 8)(%r3)
	.set	n, n + 1
	.endr
	/* longjmp(env, 0) returns 1 from setjmp. */
	cmpdi	%r4, 0
	li	%r3, 1
	beqlr
	mr	%r3, %r4
	blr
