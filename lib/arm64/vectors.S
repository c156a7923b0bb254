/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vectors.S - the EL1 exception vector table and its common entry path.
 *
 * Each of the 16 entries saves x0/x1 and branches to vector_common with
 * the vector number; vector_common saves the rest as a struct pt_regs
 * (asm/ptrace.h) and calls do_handle_exception(vector, regs, esr), then
 * restores everything, including what the handler changed, and erets.
 */
#include "asm/ptrace.h"

.macro vector_entry, vec
	.align	7
	sub	sp, sp, #S_FRAME_SIZE
	stp	x0, x1, [sp, #S_X0]
	mov	x0, #\vec
	b	vector_common
.endm

	.text
	.align	11
	.globl vector_table
vector_table:
	.set	vec, 0
	.rept	16
	vector_entry vec
	.set	vec, vec + 1
	.endr

vector_common:
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	/* The interrupted SP: ours before the frame (EL1h), or SP_EL0 for the other vectors. */
	add	x1, sp, #S_FRAME_SIZE
	cmp	x0, #4			/* EL1H_SYNC */
	b.lo	1f
	cmp	x0, #8			/* EL0_SYNC_64 */
	b.lo	2f
1:	mrs	x1, sp_el0
2:	stp	x30, x1, [sp, #S_X0 + 30 * 8]
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	stp	x1, x2, [sp, #S_PC]
	/* A frame record {interrupted fp, interrupted pc}, so backtraces go on into the interrupted code. */
	stp	x29, x1, [sp, #S_FRAME]
	add	x29, sp, #S_FRAME

	mov	x1, sp
	mrs	x2, esr_el1
	bl	do_handle_exception

	ldp	x1, x2, [sp, #S_PC]
	msr	elr_el1, x1
	msr	spsr_el1, x2
	/* Back to code on SP_EL0 (PSTATE.M[0] clear: EL0t, EL1t): its SP comes from pt_regs. */
	tbnz	x2, #0, 3f
	ldr	x1, [sp, #S_SP]
	msr	sp_el0, x1
3:	ldr	x30, [sp, #S_X0 + 30 * 8]
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	add	sp, sp, #S_FRAME_SIZE
	eret
