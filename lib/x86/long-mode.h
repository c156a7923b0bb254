/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * long-mode.h - the 32-bit steps into long mode, shared by the boot CPU
 * (cstart64.S) and the secondary CPUs (trampoline.S): PAE, the boot page
 * tables, EFER.LME, then paging. The caller far-jumps to 64-bit code next.
 * On i386 (cstart32.S), enable_pae_paging: PAE and paging, no long mode.
 */
#ifndef _X86_LONG_MODE_H_
#define _X86_LONG_MODE_H_

#define CR0_PE		(1 << 0)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER_NR	0xc0000080
#define EFER_LME_BIT	(1 << 8)

#ifdef __ASSEMBLER__
.macro enter_long_mode
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER_NR, %ecx
	rdmsr
	orl $EFER_LME_BIT, %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PE | CR0_PG), %eax
	movl %eax, %cr0
.endm

.macro enable_pae_paging
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $pdpt, %eax
	movl %eax, %cr3
	movl %cr0, %eax
	orl $(CR0_PE | CR0_PG), %eax
	movl %eax, %cr0
.endm
#endif

#endif /* _X86_LONG_MODE_H_ */
