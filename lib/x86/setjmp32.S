/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setjmp32.S - setjmp/longjmp for i386 (arguments on the stack): the
 * callee-saved registers, the stack pointer and the return address, in
 * jmp_buf's first 6 slots.
 */
	.text
	.globl setjmp
setjmp:
	movl 4(%esp), %edx	/* env */
	movl (%esp), %eax	/* return address */
	movl %eax, 0(%edx)
	movl %ebx, 4(%edx)
	movl %esi, 8(%edx)
	movl %edi, 12(%edx)
	movl %ebp, 16(%edx)
	leal 4(%esp), %eax	/* the stack as the caller will see it */
	movl %eax, 20(%edx)
	xorl %eax, %eax
	ret

	.globl longjmp
longjmp:
	movl 4(%esp), %edx	/* env */
	/* setjmp must seem to return val, and never 0. */
	movl 8(%esp), %eax
	testl %eax, %eax
	jnz 1f
	incl %eax
1:	movl 4(%edx), %ebx
	movl 8(%edx), %esi
	movl 12(%edx), %edi
	movl 16(%edx), %ebp
	movl 20(%edx), %esp
	jmp *0(%edx)
