/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trampoline.S - how a secondary CPU (AP) gets from its reset state to C.
 *
 * An AP starts in real mode at the 4 KiB page the startup IPI names, so
 * sipi_start..sipi_end is copied below 1 MiB (smp.c, TRAMPOLINE_ADDR) and
 * runs there: load the GDT (its descriptor is patched into the copy at
 * sipi_gdt_descr) and enter 32-bit protected mode at ap_start32, in the
 * image. That turns on PAE and long mode with the boot page tables (pml4,
 * which lies below 4 GiB as 32-bit code needs), and ap_start64 takes its
 * place in the arrival order, the stack smp.c allocated for that place, and
 * calls ap_main(arrival), which picks the CPU number. On i386 ap_start32
 * turns on PAE paging with the boot tables (pdpt) instead and does the
 * same in 32-bit code.
 */
#include "desc.h"
#include "long-mode.h"
#include "smp.h"


	/* Copied, never run in place. */
	.section .rodata
	.code16
	.globl sipi_start, sipi_end, sipi_gdt_descr
sipi_start:
	cli
	movw %cs, %ax
	movw %ax, %ds
	lgdtl sipi_gdt_descr - sipi_start
	movl %cr0, %eax
	orl $CR0_PE, %eax
	movl %eax, %cr0
	ljmpl $KERNEL_CS32, $ap_start32
	.align 4
sipi_gdt_descr:
	.word 0		/* limit and 32-bit base, written by smp.c */
	.long 0
sipi_end:

	.text
	.code32
ap_start32:
	movl $KERNEL_DS32, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
#ifdef __x86_64__
	enter_long_mode
	ljmp $KERNEL_CS, $ap_start64

	.code64
ap_start64:
	movl $KERNEL_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	/* Arrival order 1, 2, ...: it picks the boot stack; ap_main() picks the CPU number. */
	movl $1, %eax
	lock xaddl %eax, ap_next_cpu
	cmpl $MAX_CPUS, %eax
	jae 2f
	movq ap_stack_tops(, %rax, 8), %rsp
	testq %rsp, %rsp
	jz 2f
	xorl %ebp, %ebp
	movl %eax, %edi
	call ap_main
	/* A CPU beyond MAX_CPUS or without a stack (more CPUs than fw_cfg said) stays here. */
2:	cli
	hlt
	jmp 2b
#else
	movl %eax, %fs
	movl %eax, %gs
	enable_pae_paging
	movl $1, %eax
	lock xaddl %eax, ap_next_cpu
	cmpl $MAX_CPUS, %eax
	jae 2f
	/* ap_stack_tops[] holds u64s, all below 4 GiB: the low half is the stack. */
	movl ap_stack_tops(, %eax, 8), %esp
	testl %esp, %esp
	jz 2f
	xorl %ebp, %ebp
	pushl %eax
	call ap_main
2:	cli
	hlt
	jmp 2b
#endif
