/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cstart.S - riscv64 entry. OpenSBI (fw_dynamic, QEMU's default firmware)
 * jumps to start (a Linux RISC-V Image header, then entry) in S-mode at
 * its next stage address, where QEMU loaded the image, with a0 = the boot
 * hart's id and a1 = the device tree's address, paging off. Check that we
 * run where we are linked (or move there from the start of RAM, where
 * KVM's direct boot puts us), clear BSS, set the stack and the trap vector, then call setup() (device tree,
 * memory, paging, allocators), main() and exit() with its value.
 * Secondary harts come in at secondary_entry, started by SBI HSM.
 * Also the trap entry: every trap saves a struct pt_regs on the current
 * stack (traps are taken in S-mode only, so sp is always ours).
 */
#include "asm/csr.h"
#include "asm/processor.h"

#define BOOT_STACK_SIZE		(64 * 1024)
/* The image sits 2 MiB into RAM, after OpenSBI (flat.lds); header version 0.2. */
#define IMAGE_TEXT_OFFSET	0x200000
#define RAM_BASE		0x80000000
#define IMAGE_HEADER_VERSION	((0 << 16) | 2)
#define SBI_EXT_0_1_CONSOLE_PUTCHAR	0x01
#define SBI_EXT_0_1_SHUTDOWN	0x08

	.section .head, "ax"
	.globl start
start:
	/*
	 * The Linux RISC-V Image header (64 bytes): what loaders and our run
	 * scripts recognise an image by (the magic at 56). image_size
	 * includes BSS, so a loader that reads it puts nothing there.
	 */
	.option	push
	.option	norvc
	j	entry			/* code0 */
	.option	pop
	.word	0			/* code1 */
	.dword	IMAGE_TEXT_OFFSET
	.dword	__image_size
	.dword	0			/* flags: little endian */
	.word	IMAGE_HEADER_VERSION
	.word	0			/* reserved */
	.dword	0			/* reserved */
	.ascii	"RISCV\0\0\0"		/* magic, deprecated */
	.ascii	"RSC\x05"		/* magic2 */
	.word	0			/* reserved */

entry:
	mv	s1, a0
	mv	s2, a1
	csrw	CSR_SIE, zero
	csrw	CSR_SATP, zero

	/* Linked at a fixed address: anywhere else every absolute address is wrong. */
	lla	t0, start
	ld	t1, start_link
	beq	t0, t1, linked
	/*
	 * Booted directly at the start of RAM, as QEMU does under KVM (no
	 * firmware there, so it loads -kernel at the RAM base): copy the
	 * loaded part up to the link address, last word first since the two
	 * may overlap, and go on there. Anywhere else: give up.
	 */
	li	t2, RAM_BASE
	bne	t0, t2, wrong_place
	lla	t3, __bss_start
	sub	t4, t3, t0
	add	t5, t1, t4
2:	addi	t3, t3, -8
	addi	t5, t5, -8
	ld	t6, 0(t3)
	sd	t6, 0(t5)
	bne	t3, t0, 2b
	fence.i
	ld	t0, linked_link
	jr	t0

linked:
	/* No gp relaxation: gp holds nothing, and the linker is told not to use it (arch.mk). */
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	sd	zero, 0(t0)
	addi	t0, t0, 8
	bltu	t0, t1, 1b

	lla	sp, boot_stack_top
	lla	t0, trap_entry
	csrw	CSR_STVEC, t0
	/* tp holds the CPU number; setup() corrects it if the boot hart is not CPU 0. */
	li	tp, 0
	/* A zero frame pointer and return address end every backtrace here. */
	li	s0, 0
	li	ra, 0

	mv	a0, s1
	mv	a1, s2
	call	setup

	lla	t0, __argc
	lw	a0, 0(t0)
	lla	a1, __argv
	lla	t0, __environ
	ld	a2, 0(t0)
	call	main
	call	exit
	j	halt

	/* Say why on the SBI console, then power off: riscv/run reports "no status". */
wrong_place:
	lla	s3, wrong_place_msg
2:	lbu	a0, 0(s3)
	beqz	a0, 3f
	li	a7, SBI_EXT_0_1_CONSOLE_PUTCHAR
	ecall
	addi	s3, s3, 1
	j	2b
3:	li	a7, SBI_EXT_0_1_SHUTDOWN
	ecall
	j	halt

	.balign	8
start_link:
	.dword	start
linked_link:
	.dword	linked

	.text
	.globl halt
halt:
	csrw	CSR_SIE, zero
1:	wfi
	j	1b

/*
 * Secondary harts: HSM hart_start (or a resume from a non-retentive
 * suspend) enters here with paging off, a0 = the hart id and a1 = the
 * physical address of a struct secondary_boot (asm/smp.h) holding the
 * stack top (0), CPU number (8) and satp (16); entry_a0 (40), entry_satp
 * (48) and entry_sstatus (56) record what the hart found.
 */
	.globl secondary_entry
secondary_entry:
	sd	a0, 40(a1)
	csrr	t0, CSR_SATP
	sd	t0, 48(a1)
	csrr	t0, CSR_SSTATUS
	sd	t0, 56(a1)
	csrw	CSR_SIE, zero
	lla	t0, trap_entry
	csrw	CSR_STVEC, t0
	ld	sp, 0(a1)
	ld	tp, 8(a1)
	ld	t0, 16(a1)
	sfence.vma
	csrw	CSR_SATP, t0
	sfence.vma
	li	s0, 0
	li	ra, 0
	mv	a0, a1
	call	secondary_cinit
	j	halt

/* Save every x register but zero (sepc goes in its slot) and the trap CSRs, call do_handle_trap(regs). */
	.balign	4
	.globl trap_entry
trap_entry:
	addi	sp, sp, -PT_SIZE
	sd	x1, 8(sp)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, \
		18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, (\n * 8)(sp)
	.endr
	addi	t0, sp, PT_SIZE
	sd	t0, 16(sp)
	csrr	t0, CSR_SEPC
	sd	t0, 0(sp)
	csrr	t0, CSR_SSTATUS
	sd	t0, PT_STATUS(sp)
	csrr	t0, CSR_SCAUSE
	sd	t0, PT_CAUSE(sp)
	csrr	t0, CSR_STVAL
	sd	t0, PT_BADADDR(sp)
	mv	a0, sp
	call	do_handle_trap
	/* A handler may change the return address and the status (SPIE, SPP). */
	ld	t0, 0(sp)
	csrw	CSR_SEPC, t0
	ld	t0, PT_STATUS(sp)
	csrw	CSR_SSTATUS, t0
	ld	x1, 8(sp)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, \
		18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, (\n * 8)(sp)
	.endr
	addi	sp, sp, PT_SIZE
	sret

	.section .rodata
wrong_place_msg:
	.asciz	"riscv64 image: not loaded at its link address 0x80200000 (boot with -kernel on -machine virt)\n"

	.section .progname, "aw"
	.globl progname
progname:
	.fill	64, 1, 0

	.bss
	.balign	16
boot_stack:
	.fill	BOOT_STACK_SIZE, 1, 0
	.globl boot_stack_top
boot_stack_top:
