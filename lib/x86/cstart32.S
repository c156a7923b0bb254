/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cstart32.S - i386 entry: QEMU's multiboot loader jumps to start in 32-bit
 * protected mode with paging off, BSS already zero. Identity-map the first
 * 4 GiB but the vmalloc range (2-3 GiB) with PAE paging (2 MiB pages), load the 32-bit GDT, and call
 * setup_x86() (memory map, IDT, TSS, per-CPU segment, argv, environ,
 * allocators), main() and exit() with main's return value.
 *
 * PAE, not 32-bit paging: the entries are the 8-byte ones the x86 library
 * (asm/page.h, vm.c) reads on x86_64, three levels instead of four.
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
	/* eax: the loader's magic, ebx: the multiboot info. BSS is zero (see cstart64.S). */
	cld
	movl %eax, mb_magic
	movl %ebx, mb_info
	movl $boot_stack_top, %esp

	/* The page below the boot stack stays unmapped, as on x86_64: a stack overflow faults. */
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

	enable_pae_paging

	lgdt gdt_descr
	ljmp $KERNEL_CS, $1f
1:	movl $KERNEL_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	/* A zero frame pointer ends every backtrace here. */
	xorl %ebp, %ebp

	pushl mb_info
	pushl mb_magic
	call setup_x86
	addl $8, %esp

	pushl __environ
	pushl $__argv
	pushl __argc
	call main
	addl $12, %esp
	pushl %eax
	call exit
	/* exit() does not return; if it ever did, stop here. */
4:	cli
	hlt
	jmp 4b

	.data
	/*
	 * The PDPT: four present entries, one per page directory. A PAE PDPTE
	 * has no R/W or U/S bit (they are reserved, Intel SDM vol. 3, 4.4.1),
	 * and the CPU reads all four when CR3 is loaded. 32-byte aligned.
	 */
	.align PAGE_SIZE
	.globl pdpt
	/* 64-bit entries as two .longs: an i386 object has only 32-bit relocations. */
pdpt:	.long pd + PT_PRESENT_MASK, 0
	.long pd + PAGE_SIZE + PT_PRESENT_MASK, 0
	.long 0, 0			/* 2-3 GiB: vmalloc's (vm.c), mapped on demand */
	.long pd + 3 * PAGE_SIZE + PT_PRESENT_MASK, 0
	.fill PAGE_SIZE - 32, 1, 0
	/* 2048 entries of 2 MiB: entry i maps i << 21. */
	.globl pd
pd:	i = 0
	.rept 4 * PT_ENTRIES
	.quad (i << 21) | (PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK | PT_PAGE_SIZE_MASK)
	i = i + 1
	.endr

	/*
	 * The selectors of desc.h, in their 32-bit form: KERNEL_CS and the
	 * user code segments are 32-bit code here. CPU n's 16 bytes at
	 * TSS_MAIN + 16 * n hold its TSS descriptor and its per-CPU data
	 * segment (PERCPU_SEL), which %gs selects.
	 */
	.align 16
	.globl gdt
gdt:
	.quad 0				/* null */
	.quad 0x00cf9a000000ffff	/* KERNEL_CS: 32-bit code */
	.quad 0x00cf92000000ffff	/* KERNEL_DS */
	.quad 0x00cf1a000000ffff	/* NP_SEL: KERNEL_CS with P clear */
	.quad 0x00cf9a000000ffff	/* KERNEL_CS32 */
	.quad 0x000f9a000000ffff	/* KERNEL_CS16 */
	.quad 0x000f92000000ffff	/* KERNEL_DS16 */
	.quad 0x00cffa000000ffff	/* USER_CS32 */
	.quad 0x00cff2000000ffff	/* USER_DS */
	.quad 0x00cffa000000ffff	/* USER_CS64: 32-bit user code too */
	.fill (TSS_MAIN - FIRST_SPARE_SEL) / 8, 8, 0	/* FIRST_SPARE_SEL: free for tests */
	.fill 2 * MAX_CPUS, 8, 0	/* TSS_MAIN: a TSS and a per-CPU descriptor per CPU */
	.quad 0				/* DF_TSS_SEL: the #DF task (desc.c) */
gdt_end:

gdt_descr:
	.word gdt_end - gdt - 1
	.long gdt

	.bss
	.align PAGE_SIZE
pt_guard:	.fill PAGE_SIZE, 1, 0
	/* Unmapped (see above): the boot stack's guard page. */
boot_stack_guard:
	.fill PAGE_SIZE, 1, 0
boot_stack:
	.fill BOOT_STACK_SIZE, 1, 0
boot_stack_top:
mb_magic:	.long 0
mb_info:	.long 0
