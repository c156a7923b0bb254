/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmx_entry.S - the VM-entry path: VMLAUNCH or VMRESUME with the guest's
 * general-purpose registers loaded, and the VM-exit point (HOST_RIP) that
 * saves them and returns to the caller. VM entry and exit switch RSP, RIP,
 * RFLAGS, control registers, segments and some MSRs from the VMCS (SDM
 * 26.3, 27.5); the other GPRs are the software's, moved here. HOST_RSP is
 * written on every entry: the exit lands on this very frame.
 *
 * int vmx_enter(struct vmx_gprs *gprs, int launched)
 *
 * returns 0 after a VM exit (gprs then hold the guest's registers), or
 * 1 (VMfailInvalid) or 2 (VMfailValid) when VMLAUNCH/VMRESUME, or the
 * VMWRITE of HOST_RSP, failed. gprs holds rax, rbx, rcx, rdx, rsi, rdi,
 * rbp, r8..r15 in that order (lib/x86/vmx_lib.h).
 */

#define HOST_RSP	0x6c14
#define GPR(n)		(8 * (n))(%rdi)

.text
.globl vmx_enter
vmx_enter:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	push %rdi		/* 0(%rsp): gprs, where the exit point finds it */
	mov $HOST_RSP, %rax
	vmwrite %rsp, %rax
	jbe 2f
	/* The moves keep RFLAGS: the launched test decides below. */
	test %esi, %esi
	mov GPR(0), %rax
	mov GPR(1), %rbx
	mov GPR(2), %rcx
	mov GPR(3), %rdx
	mov GPR(4), %rsi
	mov GPR(6), %rbp
	mov GPR(7), %r8
	mov GPR(8), %r9
	mov GPR(9), %r10
	mov GPR(10), %r11
	mov GPR(11), %r12
	mov GPR(12), %r13
	mov GPR(13), %r14
	mov GPR(14), %r15
	mov GPR(5), %rdi
	jnz 1f
	vmlaunch
	jmp 2f
1:	vmresume
	/* Still here: the instruction failed; CF (VMfailInvalid) or ZF (VMfailValid) says how. */
2:	mov $1, %eax
	jc 3f
	mov $2, %eax
3:	pop %rdi
	jmp 4f

.globl vmx_exit_point
vmx_exit_point:
	xchg %rdi, (%rsp)	/* rdi: gprs; the guest's rdi on the stack */
	mov %rax, GPR(0)
	mov %rbx, GPR(1)
	mov %rcx, GPR(2)
	mov %rdx, GPR(3)
	mov %rsi, GPR(4)
	mov %rbp, GPR(6)
	mov %r8, GPR(7)
	mov %r9, GPR(8)
	mov %r10, GPR(9)
	mov %r11, GPR(10)
	mov %r12, GPR(11)
	mov %r13, GPR(12)
	mov %r14, GPR(13)
	mov %r15, GPR(14)
	popq GPR(5)
	xor %eax, %eax
4:	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
