/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * svm_entry.S - the VMRUN path: run a guest once and come back with its
 * general-purpose registers saved. VMRUN itself switches only RAX, RSP,
 * RIP, RFLAGS, segments, control registers and EFER (APM 15.5.1); the
 * rest of the guest's state is moved with VMLOAD/VMSAVE (FS, GS, TR, LDTR,
 * KernelGSBase, STAR family, SYSENTER MSRs) and by hand (the other GPRs).
 * GIF stays clear from before the host's VMSAVE to after its VMLOAD, so
 * no interrupt or NMI reaches the host while its GS base (its per-CPU
 * data) or TR is the guest's.
 *
 * void svm_enter(u64 vmcb_pa, u64 host_area_pa, struct svm_gprs *gprs)
 *
 * gprs holds rbx, rcx, rdx, rsi, rdi, rbp, r8..r15 in that order (8 bytes
 * each, lib/x86/svm_lib.h); the guest's RAX lives in the VMCB.
 */

#define GPR(n)	(8 * (n))(%r15)

.text
.globl svm_enter
svm_enter:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	push %rdx		/* 16(%rsp): gprs */
	push %rsi		/* 8(%rsp): the host's VMSAVE area */
	push %rdi		/* 0(%rsp): the VMCB */
	clgi
	mov %rsi, %rax
	vmsave %rax
	mov (%rsp), %rax
	vmload %rax
	mov 16(%rsp), %r15
	mov GPR(0), %rbx
	mov GPR(1), %rcx
	mov GPR(2), %rdx
	mov GPR(3), %rsi
	mov GPR(4), %rdi
	mov GPR(5), %rbp
	mov GPR(6), %r8
	mov GPR(7), %r9
	mov GPR(8), %r10
	mov GPR(9), %r11
	mov GPR(10), %r12
	mov GPR(11), %r13
	mov GPR(12), %r14
	mov GPR(13), %r15
	vmrun %rax
	/* #VMEXIT (or VMEXIT_INVALID): RAX and RSP are the host's again, the other GPRs the guest's. */
	push %r15
	mov 24(%rsp), %r15
	mov %rbx, GPR(0)
	mov %rcx, GPR(1)
	mov %rdx, GPR(2)
	mov %rsi, GPR(3)
	mov %rdi, GPR(4)
	mov %rbp, GPR(5)
	mov %r8, GPR(6)
	mov %r9, GPR(7)
	mov %r10, GPR(8)
	mov %r11, GPR(9)
	mov %r12, GPR(10)
	mov %r13, GPR(11)
	mov %r14, GPR(12)
	popq GPR(13)
	vmsave %rax
	mov 8(%rsp), %rax
	vmload %rax
	stgi
	add $24, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
