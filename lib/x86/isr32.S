/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * isr32.S - i386 flavour of the 256 exception/interrupt entry stubs and
 * their common path (isr64.S is the x86_64 one). Each stub is 16 bytes at
 * isr_stubs + 16 * vector; vectors without a CPU error code push a 0, so
 * every frame has the shape of struct ex_regs (desc.h).
 *
 * %gs: the per-CPU segment must be loaded while the library runs, but an
 * IRET to CPL 3 clears %gs when it holds a DPL-0 segment (Intel SDM vol. 2,
 * IRET), so the common path saves the interrupted %gs and, coming from
 * CPL 3, loads this CPU's per-CPU selector (its TSS selector + 8, smp.c);
 * the interrupted %gs is restored on the way out. From CPL 0, %gs is kept:
 * a task of a test's own (x86/taskswitch) has its own TR, not CPU n's.
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
	.code32
	.align 16
	.globl isr_stubs
isr_stubs:
	.set vec, 0
	.rept 256
	.align 16
	has_errcode vec
	.if errcode == 0
	pushl $0
	.endif
	pushl $vec
	jmp isr_common
	.set vec, vec + 1
	.endr

isr_common:
	pushl %gs
	pushl %edi
	pushl %esi
	pushl %ebp
	pushl %ebx
	pushl %edx
	pushl %ecx
	pushl %eax
	/* From CPL 3 only (the CS the CPU pushed, above 8 registers, vector and error code). */
	testl $3, 44(%esp)
	jz 1f
	str %ax
	addl $8, %eax
	movw %ax, %gs
1:	movl %esp, %eax
	cld
	pushl %eax
	call do_handle_exception
	addl $4, %esp
	popl %eax
	popl %ecx
	popl %edx
	popl %ebx
	popl %ebp
	popl %esi
	popl %edi
	popl %gs
	addl $8, %esp	/* vector and error code */
	/* isr_iret_ip: the return of every handler; an NMI taken here came before NMIs were unblocked by IRET. */
	.globl isr_iret_ip
isr_iret_ip:
	iret
