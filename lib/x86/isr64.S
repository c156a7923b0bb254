/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * isr64.S - the x86_64 flavour of the 256 exception/interrupt entry stubs and their common path.
 *
 * Each stub is 16 bytes at isr_stubs + 16 * vector, so the IDT can be
 * filled by arithmetic. Vectors for which the CPU pushes no error code
 * push a 0, so every frame has the same shape (struct ex_regs).
 */
#include "desc.h"

.macro has_errcode vec
	.if (\vec == DF_VECTOR) || (\vec == TS_VECTOR) || (\vec == NP_VECTOR) || (\vec == SS_VECTOR) || \
	    (\vec == GP_VECTOR) || (\vec == PF_VECTOR) || (\vec == AC_VECTOR) || (\vec == CP_VECTOR) || \
	    (\vec == 29) || (\vec == 30)
	.set errcode, 1
	.else
	.set errcode, 0
	.endif
.endm

	.text
	.code64
	.align 16
	.globl isr_stubs
isr_stubs:
	.set vec, 0
	.rept 256
	.align 16
	has_errcode vec
	.if errcode == 0
	pushq $0
	.endif
	pushq $vec
	jmp isr_common
	.set vec, vec + 1
	.endr

isr_common:
	pushq %r15
	pushq %r14
	pushq %r13
	pushq %r12
	pushq %r11
	pushq %r10
	pushq %r9
	pushq %r8
	pushq %rdi
	pushq %rsi
	pushq %rbp
	pushq %rbx
	pushq %rdx
	pushq %rcx
	pushq %rax
	/* The hardware frame keeps the stack 16-byte aligned here. */
	movq %rsp, %rdi
	cld
	call do_handle_exception
	popq %rax
	popq %rcx
	popq %rdx
	popq %rbx
	popq %rbp
	popq %rsi
	popq %rdi
	popq %r8
	popq %r9
	popq %r10
	popq %r11
	popq %r12
	popq %r13
	popq %r14
	popq %r15
	addq $16, %rsp	/* vector and error code */
	/* isr_iret_ip: the return of every handler; an NMI taken here came before NMIs were unblocked by IRET. */
	.globl isr_iret_ip
isr_iret_ip:
	iretq
