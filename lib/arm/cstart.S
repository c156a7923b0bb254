/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cstart.S - arm (ARMv7) entry and exception vectors. QEMU loads the raw
 * (zImage-style) image at RAM + 0x10000 and enters start the way it boots Linux: SVC mode
 * (HYP with -machine virtualization=on), MMU and caches off, IRQs and FIQs
 * masked, r0 = 0, r1 = the machine number, r2 = the device tree's address.
 * Leave HYP if started there, set the vectors, check that we run where we
 * are linked, clear BSS, set the stack, then call setup() (device tree,
 * console, memory, MMU, allocators), main() and exit() with its value.
 * Secondary CPUs come in at secondary_entry, started by PSCI CPU_ON.
 */
#include "asm/ptrace.h"
#include "asm/sysreg.h"

#define BOOT_STACK_SIZE		(64 * 1024)
#define PL011_EARLY		0x09000000	/* virt's UART, for the one message before the DT is read */
#define PSCI_SYSTEM_OFF		0x84000008
#define ZIMAGE_MAGIC		0x016f2818
#define ZIMAGE_LE		0x04030201
#define CNTHCTL_PL1PCTEN	(1 << 0)	/* PL1 may read the physical counter */
#define CNTHCTL_PL1PCEN		(1 << 1)	/* and use the physical timer */

	.arch	armv7ve
	.arch_extension virt
	.arm
	.syntax	unified

/*
 * In HYP mode: trap nothing to HYP, give PL1 the physical timer, present
 * the real MIDR and MPIDR, and go to SVC mode with the same PC. The tests
 * run at PL1; HYP stays out of the way.
 */
.macro leave_hyp, tmp
	mrs	\tmp, cpsr
	and	\tmp, \tmp, #PSR_MODE_MASK
	cmp	\tmp, #PSR_MODE_HYP
	bne	9999f
	mov	\tmp, #0
	mcr	p15, 4, \tmp, c1, c1, 0		/* HCR */
	mcr	p15, 4, \tmp, c1, c1, 3		/* HSTR */
	mcrr	p15, 4, \tmp, \tmp, c14		/* CNTVOFF */
	mov	\tmp, #(CNTHCTL_PL1PCTEN | CNTHCTL_PL1PCEN)
	mcr	p15, 4, \tmp, c14, c1, 0	/* CNTHCTL */
	mrc	p15, 0, \tmp, c0, c0, 0		/* MIDR */
	mcr	p15, 4, \tmp, c0, c0, 0		/* VPIDR */
	mrc	p15, 0, \tmp, c0, c0, 5		/* MPIDR */
	mcr	p15, 4, \tmp, c0, c0, 5		/* VMPIDR */
	mov	\tmp, #(PSR_MODE_SVC | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT)
	/* In Hyp mode its own SPSR is plain SPSR (the banked form is for other modes). */
	msr	spsr_cxsf, \tmp
	adr	\tmp, 9999f
	msr	elr_hyp, \tmp
	eret
9999:
.endm

/*
 * PL1 state both boot paths share: IRQs and FIQs masked, MMU, D-cache,
 * alignment checks and high vectors off, I-cache and branch prediction on,
 * exceptions in ARM state, our vectors (VBAR).
 */
.macro pl1_init, tmp
	cpsid	aif
	mrc	p15, 0, \tmp, c1, c0, 0
	bic	\tmp, \tmp, #(SCTLR_M | SCTLR_A | SCTLR_C)
	bic	\tmp, \tmp, #SCTLR_V
	bic	\tmp, \tmp, #SCTLR_TE
	orr	\tmp, \tmp, #(SCTLR_I | SCTLR_Z)
	mcr	p15, 0, \tmp, c1, c0, 0
	ldr	\tmp, =vector_table
	mcr	p15, 0, \tmp, c12, c0, 0	/* VBAR */
	isb
.endm

	.section .head, "ax"
	.globl start
start:
	/*
	 * A zImage-style header: eight no-ops and a branch, then the magic at
	 * 0x24, where the image runs and where its loaded part ends, and the
	 * byte order mark. QEMU loads any raw image the same way; the header
	 * lets a loader that knows zImages (and the run scripts, by the magic)
	 * tell what this is.
	 */
	.rept	8
	mov	r0, r0
	.endr
	b	entry
	.word	ZIMAGE_MAGIC
	.word	__image_start
	.word	__load_end
	.word	ZIMAGE_LE
entry:
	mov	r4, r2
	leave_hyp r0
	pl1_init r0

	/* Linked at a fixed address: anywhere else every absolute address is wrong. */
	adr	r0, start
	ldr	r1, =start
	cmp	r0, r1
	bne	wrong_place

	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
	mov	r3, #0
1:	strd	r2, r3, [r0], #8
	cmp	r0, r1
	blo	1b

	ldr	sp, =boot_stack_top
	/* Zero frame pointer and link register end every backtrace here. */
	mov	fp, #0
	mov	lr, #0
	/* TPIDRURO holds the CPU number; setup() corrects it if the boot CPU is not CPU 0. */
	mov	r0, #0
	mcr	p15, 0, r0, c13, c0, 3

	mov	r0, r4
	bl	setup

	ldr	r0, =__argc
	ldr	r0, [r0]
	ldr	r1, =__argv
	ldr	r2, =__environ
	ldr	r2, [r2]
	bl	main
	bl	exit
	b	halt

	/* Say why on the virt UART, then power off: arm/run reports "no status". */
wrong_place:
	adr	r1, wrong_place_msg
	mov	r2, #PL011_EARLY
2:	ldrb	r3, [r1], #1
	cmp	r3, #0
	beq	3f
	strb	r3, [r2]
	b	2b
3:	ldr	r0, =PSCI_SYSTEM_OFF
	hvc	#0
	b	halt
wrong_place_msg:
	.asciz	"arm image: not loaded at its link address 0x40010000 (boot with -kernel on -machine virt)\n"
	.align	2

	.text
	.globl halt
halt:
	wfi
	b	halt

/*
 * Secondary CPUs: PSCI CPU_ON enters here with the MMU off and r0 = the
 * context id, which smp.c and psci_cpu_on() set to the CPU number. Its stack top is the low
 * word of secondary_stacks[cpu], cleaned to memory by the boot CPU so it
 * can be read with the caches off.
 */
	.globl secondary_entry
secondary_entry:
	mov	r4, r0
	leave_hyp r0
	pl1_init r0
	mcr	p15, 0, r4, c13, c0, 3
	/* A CPU the library never started (its slot is 0) takes secondary_data's stack and runs its entry. */
	ldr	r1, =secondary_stacks
	ldr	r1, [r1, r4, lsl #3]
	mov	r5, #0
	cmp	r1, #0
	bne	1f
	ldr	r1, =secondary_data
	ldr	r1, [r1]
	mov	r5, #1
1:	mov	sp, r1
	mov	fp, #0
	mov	lr, #0
	mov	r0, r4
	mov	r1, r5
	bl	secondary_cinit
	b	halt

/*
 * The vector table (VBAR needs 32-byte alignment): one branch per entry.
 * Every exception is handled in SVC mode on the SVC stack, so the other
 * modes need no stacks: the entry adjusts the mode's LR to the address
 * pt_regs keeps (asm/processor.h), stores it and the SPSR on the SVC
 * stack (SRS), switches to SVC mode and saves the rest as a struct pt_regs
 * below them, then calls do_handle_exception(vector, regs).
 */
	.align	5
	.globl vector_table
vector_table:
	b	vec_rst
	b	vec_und
	b	vec_svc
	b	vec_pabt
	b	vec_dabt
	b	vec_addrexcptn
	b	vec_irq
	b	vec_fiq

.macro vector_entry, name, vec, adjust
\name:
	.if \adjust
	sub	lr, lr, #\adjust
	.endif
	srsdb	sp!, #PSR_MODE_SVC
	cps	#PSR_MODE_SVC
	sub	sp, sp, #S_PC
	stmia	sp, {r0-r12}
	add	r0, sp, #S_FRAME_SIZE
	str	r0, [sp, #S_SP]
	str	lr, [sp, #S_LR]
	mov	r0, #\vec
	b	vector_common
.endm

	/* LR offsets of the ARM state: the faulting instruction for UND/PABT/DABT, the next one for SVC. */
	vector_entry vec_rst, 0, 0
	vector_entry vec_und, 1, 4
	vector_entry vec_svc, 2, 0
	vector_entry vec_pabt, 3, 4
	vector_entry vec_dabt, 4, 8
	vector_entry vec_addrexcptn, 5, 0
	vector_entry vec_irq, 6, 4
	vector_entry vec_fiq, 7, 4

vector_common:
	mov	r1, sp
	/* The AAPCS wants an 8-byte aligned stack at calls; r4 is saved in pt_regs. */
	mov	r4, sp
	bic	sp, sp, #7
	bl	do_handle_exception
	mov	sp, r4
	ldr	lr, [sp, #S_LR]
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_PC
	/* Back with the pc and cpsr of pt_regs (a handler may have changed them). */
	rfeia	sp!

	.section .progname, "aw"
	.globl progname
progname:
	.fill	64, 1, 0

	.bss
	.align	4
boot_stack:
	.fill	BOOT_STACK_SIZE, 1, 0
	.globl boot_stack_top
boot_stack_top:
