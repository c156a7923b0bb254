/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * la57-5level.S - setup_5level_page_table(): switch the calling CPU to 5-level
 * paging (CR4.LA57) with the page tables it uses now under a new PML5.
 * CR4.LA57 cannot change while long mode is active (Intel SDM vol. 3,
 * 4.1.1 and 9.8.5), so the CPU goes through 32-bit compatibility code:
 * paging off (which leaves IA-32e mode), CR3 to the PML5, LA57 on, paging
 * back on (EFER.LME is still set, so IA-32e mode comes back), and a far
 * jump to 64-bit code. The code and the stack lie below 4 GiB, identity
 * mapped, as the 32-bit steps need. Interrupts stay off meanwhile.
 */
#include "asm/page.h"
#include "desc.h"
#include "long-mode.h"

#define CR4_LA57	(1 << 12)

	.text
	.code64
	.globl setup_5level_page_table
setup_5level_page_table:
	movq %cr4, %rax
	testl $CR4_LA57, %eax
	jnz 1f
	pushfq
	cli
	/* PML5[0]: the current PML4 (present, writable, user, as every level above the leaves here). */
	/* CR3's address bits 51:12, without the PCID and LAM bits around them. */
	movq %cr3, %rax
	shrq $12, %rax
	shlq $24, %rax
	shrq $12, %rax
	orq $(PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK), %rax
	movq %rax, la57_pml5(%rip)
	pushq $KERNEL_CS32
	pushq $la57_switch32
	lretq
la57_back64:
	movl $KERNEL_DS, %eax
	movl %eax, %ss
	popfq
1:	ret

	.code32
la57_switch32:
	movl %cr0, %eax
	andl $~CR0_PG, %eax
	movl %eax, %cr0
	movl $la57_pml5, %eax
	movl %eax, %cr3
	movl %cr4, %eax
	orl $CR4_LA57, %eax
	movl %eax, %cr4
	movl %cr0, %eax
	orl $CR0_PG, %eax
	movl %eax, %cr0
	ljmpl $KERNEL_CS, $la57_back64

	.data
	.balign PAGE_SIZE
la57_pml5:
	.fill PAGE_SIZE / 8, 8, 0
