/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cstart64.S - x86_64 entry: QEMU's multiboot loader jumps to start in
 * 32-bit protected mode with paging off, BSS already zero. Identity-map
 * the first 4 GiB with 2 MiB pages, enter long mode, and call setup_x86() (the rest
 * of the memory map, IDT, TSS, argv, environ, allocators), main() and
 * exit() with main's return value.
 */
#include "asm/page.h"
#include "desc.h"
#include "long-mode.h"
#include "smp.h"

#define MB_HEADER_MAGIC	0x1badb002
#define MB_FLAGS	0x3		/* modules page aligned; give us the memory map */

#define BOOT_STACK_SIZE	(32 * 1024)

	.section .boot, "ax"
	.code32
	.align 4
mb_header:
	.long MB_HEADER_MAGIC
	.long MB_FLAGS
	.long -(MB_HEADER_MAGIC + MB_FLAGS)

	.globl start
start:
	/* eax: the loader's magic, ebx: the multiboot info; keep both in esi/ebp. */
	movl %eax, %esi
	movl %ebx, %ebp

	/*
	 * BSS is not cleared here: QEMU's multiboot loader loads the ELF
	 * segments as ELF says, zero-filling each one past its file size, so
	 * BSS is zero at entry (x86/selftest checks it). Clearing it again
	 * costs most of the boot under a KVM that emulates string stores.
	 */
	cld

	movl %esi, mb_magic
	movl %ebp, mb_info
	movl $boot_stack_top, %esp

	/*
	 * The identity map of the first 4 GiB is built by the assembler, in
	 * .data below: loading it costs nothing, where a loop of 2048 stores
	 * is a good part of the boot under a KVM that emulates the guest.
	 *
	 * The page below the boot stack stays unmapped, so a stack overflow
	 * faults (#PF, then #DF on its own stack, which is reported) instead
	 * of quietly overwriting what lies below. Its 2 MiB region gets a
	 * page table of 4 KiB pages; ebx: the region's base.
	 */
	movl $boot_stack_guard, %ebx
	andl $~(LARGE_PAGE_SIZE - 1), %ebx
	xorl %ecx, %ecx
3:	movl %ecx, %eax
	shll $PAGE_SHIFT, %eax
	addl %ebx, %eax
	orl $(PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK), %eax
	movl %eax, pt_guard(, %ecx, 8)
	incl %ecx
	cmpl $PT_ENTRIES, %ecx
	jb 3b
	movl $boot_stack_guard, %eax
	subl %ebx, %eax
	shrl $PAGE_SHIFT, %eax
	movl $0, pt_guard(, %eax, 8)
	shrl $21, %ebx
	movl $pt_guard, %eax
	orl $(PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK), %eax
	movl %eax, pd(, %ebx, 8)
	movl $0, pd + 4(, %ebx, 8)

	enter_long_mode

	lgdt gdt_descr
	ljmp $KERNEL_CS, $start64

	.code64
start64:
	movl $KERNEL_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	movq $boot_stack_top, %rsp
	/* A zero frame pointer ends every backtrace here. */
	xorl %ebp, %ebp

	movl mb_magic, %edi
	movl mb_info, %esi
	call setup_x86

	movl __argc, %edi
	movq $__argv, %rsi
	movq __environ, %rdx
	call main
	movl %eax, %edi
	call exit
	/* exit() does not return; if it ever did, stop here. */
4:	cli
	hlt
	jmp 4b

	.data
	/* PML4[0] -> PDPT; PDPT[0..3] -> the four page directories. */
	.align PAGE_SIZE
	.globl pml4
pml4:	.quad pdpt + (PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK)
	.fill PT_ENTRIES - 1, 8, 0
	.globl pdpt
pdpt:	.quad pd + (PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK)
	.quad pd + PAGE_SIZE + (PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK)
	.quad pd + 2 * PAGE_SIZE + (PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK)
	.quad pd + 3 * PAGE_SIZE + (PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK)
	.fill PT_ENTRIES - 4, 8, 0
	/* 2048 entries of 2 MiB: entry i maps i << 21. */
pd:	i = 0
	.rept 4 * PT_ENTRIES
	.quad (i << 21) | (PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK | PT_PAGE_SIZE_MASK)
	i = i + 1
	.endr

	.align 16
	.globl gdt
gdt:
	.quad 0				/* null */
	.quad 0x00af9a000000ffff	/* KERNEL_CS: 64-bit code */
	.quad 0x00cf92000000ffff	/* KERNEL_DS */
	.quad 0x00af1a000000ffff	/* NP_SEL: KERNEL_CS with P clear */
	.quad 0x00cf9a000000ffff	/* KERNEL_CS32 */
	.quad 0x000f9a000000ffff	/* KERNEL_CS16 */
	.quad 0x000f92000000ffff	/* KERNEL_DS16 */
	.quad 0x00cffa000000ffff	/* USER_CS32 */
	.quad 0x00cff2000000ffff	/* USER_DS */
	.quad 0x00affa000000ffff	/* USER_CS64 */
	.fill (TSS_MAIN - FIRST_SPARE_SEL) / 8, 8, 0	/* FIRST_SPARE_SEL: free for tests */
	.fill 2 * MAX_CPUS, 8, 0	/* TSS_MAIN: one 16-byte descriptor per CPU */
gdt_end:

gdt_descr:
	.word gdt_end - gdt - 1
	.quad gdt

	.bss
	.align PAGE_SIZE
	.globl pd
pt_guard:	.fill PAGE_SIZE, 1, 0
	/* Unmapped (see above): the boot stack's guard page. */
boot_stack_guard:
	.fill PAGE_SIZE, 1, 0
boot_stack:
	.fill BOOT_STACK_SIZE, 1, 0
boot_stack_top:
mb_magic:	.long 0
mb_info:	.long 0
