/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setjmp64.S - setjmp/longjmp for x86_64: the callee-saved registers, the
 * stack pointer and the return address, in jmp_buf's first 8 slots.
 */
	.text
	.globl setjmp
setjmp:
	movq (%rsp), %rax	/* return address */
	movq %rax, 0(%rdi)
	movq %rbx, 8(%rdi)
	movq %rbp, 16(%rdi)
	movq %r12, 24(%rdi)
	movq %r13, 32(%rdi)
	movq %r14, 40(%rdi)
	movq %r15, 48(%rdi)
	leaq 8(%rsp), %rax	/* the stack as the caller will see it */
	movq %rax, 56(%rdi)
	xorl %eax, %eax
	ret

	.globl longjmp
longjmp:
	/* setjmp must seem to return val, and never 0. */
	movl %esi, %eax
	testl %eax, %eax
	jnz 1f
	incl %eax
1:	movq 8(%rdi), %rbx
	movq 16(%rdi), %rbp
	movq 24(%rdi), %r12
	movq 32(%rdi), %r13
	movq 40(%rdi), %r14
	movq 48(%rdi), %r15
	movq 56(%rdi), %rsp
	jmp *0(%rdi)
