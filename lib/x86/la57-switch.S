/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * la57-switch.S - paging_mode_switch(cr3, cr4): change paging modes that
 * long mode does not let change (CR4.LA57) by leaving long mode for a
 * moment. 64-bit code goes to 32-bit compatibility code (KERNEL_CS32),
 * turns paging off (which leaves IA-32e mode), loads CR4 and CR3, turns
 * paging on again (EFER.LME is still set, so IA-32e mode is back), and
 * far-jumps to 64-bit code. The code runs from the identity map, so each
 * instruction stays reachable while paging is off.
 *
 * The upper halves of the general registers are undefined after a stay
 * in 32-bit code (SDM vol. 1 3.4.1.1): callee-saved registers go on the
 * stack, and RSP is zero-extended, which needs a stack below 4 GiB.
 */
#include "desc.h"

	.text
	.globl paging_mode_switch
paging_mode_switch:
	pushfq
	cli
	push %rbx
	push %rbp
	push %r12
	push %r13
	push %r14
	push %r15
	pushq $KERNEL_CS32
	leaq 1f(%rip), %rax
	pushq %rax
	lretq
	.code32
1:	movl %cr0, %eax
	andl $0x7fffffff, %eax
	movl %eax, %cr0
	movl %esi, %cr4
	movl %edi, %cr3
	orl $0x80000000, %eax
	movl %eax, %cr0
	ljmp $KERNEL_CS, $2f
	.code64
2:	movl %esp, %esp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbp
	pop %rbx
	popfq
	ret
