/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setjmp.S - setjmp/longjmp for s390x: the registers the ELF ABI has a
 * function keep (r6-r13, the return address r14, the stack pointer r15)
 * in jmp_buf's first 10 slots. The FP registers are not saved: the
 * framework is built with -msoft-float (arch.mk).
 */
	.text
	.globl setjmp
setjmp:
	stmg	%r6, %r15, 0(%r2)
	lghi	%r2, 0
	br	%r14

	.globl longjmp
longjmp:
	lmg	%r6, %r15, 0(%r2)
	/* setjmp returns val there, or 1 if val is 0. */
	lgfr	%r2, %r3
	ltgr	%r2, %r2
	jnz	1f
	lghi	%r2, 1
1:	br	%r14
