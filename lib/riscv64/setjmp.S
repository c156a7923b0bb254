/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setjmp.S - setjmp/longjmp for riscv64 (LP64, no floating point): the
 * registers a call preserves (ra, sp, s0-s11) in jmp_buf's first 14 slots.
 */
	.text
	.globl setjmp
setjmp:
	sd	ra, 0(a0)
	sd	sp, 8(a0)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	sd	s\n, (16 + \n * 8)(a0)
	.endr
	li	a0, 0
	ret

	.globl longjmp
longjmp:
	ld	ra, 0(a0)
	ld	sp, 8(a0)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	ld	s\n, (16 + \n * 8)(a0)
	.endr
	/* setjmp returns val, or 1 if val is 0. */
	seqz	a0, a1
	add	a0, a0, a1
	ret
