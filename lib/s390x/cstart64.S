/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cstart64.S - s390x entry. QEMU's -kernel loader puts the ELF in memory,
 * the kernel command line at 0x10480 and the initrd's address and size at
 * 0x10408/0x10410, and starts the boot CPU at 0x10000 in 64-bit mode with
 * DAT and interruptions off. Clear BSS, set the stack, call setup()
 * (SCLP, memory, argv/environ, allocators, DAT), main() and exit().
 * Also here: the boot lowcore's new PSWs, the interruption entries (which
 * save the registers and call the C handlers of interrupt.c), the entry of
 * secondary CPUs and the disabled wait that halts a CPU.
 */
#include "asm/arch_def.h"

#define BOOT_STACK_SIZE		(64 * 1024)
/* The ABI's register save area, which a caller provides for its callee. */
#define STACK_FRAME_SIZE	160
/* struct interrupt_regs: the 16 general registers and the old PSW. */
#define REGS_SIZE		(16 * 8 + 16)
#define CMDLINE_SIZE		0x1000

/*
 * The boot CPU's lowcore (prefix 0): every new PSW leads to an entry below,
 * in 64-bit mode with DAT off; enable_dat() adds the DAT bit to them. A
 * restart of the boot CPU is unexpected (secondaries get their own).
 */
	.section .lowcore, "aw"
	.org	LC_RESTART_NEW_PSW
	.quad	PSW_MASK_64, restart_int
	.quad	PSW_MASK_64, ext_int
	.quad	PSW_MASK_64, svc_int
	.quad	PSW_MASK_64, pgm_int
	.quad	PSW_MASK_64, mcck_int
	.quad	PSW_MASK_64, io_int
	.org	LC_SIZE

/* The parameter area QEMU fills is part of the image, so the loader's writes land in it. */
	.section .head, "ax"
	.globl start
start:
	j	entry
	.org	0x408
	.globl	initrd_start, initrd_size
initrd_start:
	.quad	0
initrd_size:
	.quad	0
	.org	0x430
	.quad	CMDLINE_SIZE		/* the longest command line QEMU may write */
	.org	0x480
	.globl	cmdline
cmdline:
	.fill	CMDLINE_SIZE, 1, 0

entry:
	/* Whatever started us, run with 64-bit addresses. */
	sam64
	/*
	 * Clear BSS: MOVE LONG EXTENDED from an empty source pads the whole
	 * destination with the pad byte (0, the second operand's address). It
	 * stops after some bytes with cc 3, and goes on from where it stopped.
	 */
	larl	%r2, __bss_start
	larl	%r3, __bss_end
	sgr	%r3, %r2
	lghi	%r5, 0
1:	mvcle	%r2, %r4, 0
	jo	1b
	larl	%r15, boot_stack_top - STACK_FRAME_SIZE
	/* A zero back chain ends every backtrace here. */
	lghi	%r0, 0
	stg	%r0, 0(%r15)
	brasl	%r14, setup
	larl	%r1, __argc
	lgf	%r2, 0(%r1)
	larl	%r3, __argv
	larl	%r1, __environ
	lg	%r4, 0(%r1)
	brasl	%r14, main
	brasl	%r14, exit
	j	halt

	.text
/*
 * A disabled wait: the CPU stops for good. When no CPU is left running,
 * QEMU ends (its "guest panicked" path), so a crash never hangs the run.
 */
	.globl halt
halt:
	larl	%r1, halt_psw
	lpswe	0(%r1)

/*
 * Interruption entry: save the registers in the lowcore (per CPU through
 * prefixing), make a struct interrupt_regs below the interrupted stack,
 * linked to it for backtraces, and call handler(regs). The handler may
 * change the registers and the PSW, which are loaded back from regs.
 */
.macro INT_ENTRY name, old_psw, handler
\name:
	stmg	%r0, %r15, LC_SW_INT_GRS
	lgr	%r1, %r15
	aghi	%r15, -(STACK_FRAME_SIZE + REGS_SIZE)
	stg	%r1, 0(%r15)
	mvc	STACK_FRAME_SIZE(128, %r15), LC_SW_INT_GRS
	mvc	STACK_FRAME_SIZE + 128(16, %r15), \old_psw
	la	%r2, STACK_FRAME_SIZE(%r15)
	brasl	%r14, \handler
	mvc	\old_psw(16), STACK_FRAME_SIZE + 128(%r15)
	lmg	%r0, %r15, STACK_FRAME_SIZE(%r15)
	lpswe	\old_psw
.endm

	INT_ENTRY pgm_int, LC_PGM_OLD_PSW, handle_pgm_int
	INT_ENTRY ext_int, LC_EXT_OLD_PSW, handle_ext_int
	INT_ENTRY svc_int, LC_SVC_OLD_PSW, handle_svc_int
	INT_ENTRY mcck_int, LC_MCCK_OLD_PSW, handle_mcck_int
	INT_ENTRY io_int, LC_IO_OLD_PSW, handle_io_int
	INT_ENTRY restart_int, LC_RESTART_OLD_PSW, handle_restart_int

/*
 * Secondary CPUs: SIGP RESTART loads the restart new PSW of the CPU's own
 * lowcore, which smp.c points here (64-bit, DAT off). The control
 * registers are the boot CPU's (smp_crs, saved by smp.c), the stack is in
 * the lowcore; secondary_cinit() turns DAT on if the boot CPU has it.
 */
	.globl secondary_entry
secondary_entry:
	larl	%r1, smp_crs
	lctlg	%c0, %c15, 0(%r1)
	lg	%r15, LC_SW_STACK
	lghi	%r0, 0
	stg	%r0, 0(%r15)
	brasl	%r14, secondary_cinit
	j	halt

	.section .rodata
	.balign	8
halt_psw:
	.quad	PSW_MASK_64 | PSW_MASK_WAIT, halt

	.bss
	.balign	8
boot_stack:
	.fill	BOOT_STACK_SIZE, 1, 0
	.globl boot_stack_top
boot_stack_top:
