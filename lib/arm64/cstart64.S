/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cstart64.S - arm64 entry. QEMU (or any loader of Linux arm64 Images)
 * jumps to start with the MMU off and x0 = the device tree's address.
 * Drop to EL1 if started at EL2, check that we run where we are linked,
 * clear BSS, set up the stack and vectors, then call setup() (device tree,
 * console, memory, MMU, allocators), main() and exit() with its value.
 * Secondary CPUs come in at secondary_entry, started by PSCI CPU_ON.
 */
#include "asm/page.h"
#include "asm/sysreg.h"
#include "asm/ptrace.h"

#define TEXT_OFFSET		0x80000
#define BOOT_STACK_SIZE		(64 * 1024)
/* Image header flags: little endian, page size code 1/2/3 for 4k/16k/64k in bits 1-2. */
#define IMAGE_FLAGS		(((PAGE_SHIFT - 10) / 2) << 1)
#define ARM64_IMAGE_MAGIC	0x644d5241	/* "ARM\x64" */
#define PL011_EARLY		0x09000000	/* virt's UART, for the one message before the DT is read */
#define PSCI_SYSTEM_OFF		0x84000008
#define CPTR_EL2_RES1		0x33ff

/*
 * At EL2 (QEMU -machine virtualization=on, or KVM with nested virt):
 * make EL1 AArch64 with nothing trapped and go there with the same PC.
 * The tests run at EL1; EL2 stays out of the way.
 */
.macro drop_to_el1, tmp
	mrs	\tmp, CurrentEL
	cmp	\tmp, #(2 << CURRENT_EL_SHIFT)
	b.ne	9999f
	mov	\tmp, #HCR_EL2_RW
	msr	hcr_el2, \tmp
	mov	\tmp, #(CNTHCTL_EL2_EL1PCTEN | CNTHCTL_EL2_EL1PCEN)
	msr	cnthctl_el2, \tmp
	msr	cntvoff_el2, xzr
	mov	\tmp, #CPTR_EL2_RES1
	msr	cptr_el2, \tmp
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	mrs	\tmp, midr_el1
	msr	vpidr_el2, \tmp
	mrs	\tmp, mpidr_el1
	msr	vmpidr_el2, \tmp
	ldr	\tmp, =SCTLR_EL1_RES1
	msr	sctlr_el1, \tmp
	mov	\tmp, #(PSR_DAIF | PSR_MODE_EL1h)
	msr	spsr_el2, \tmp
	adr	\tmp, 9999f
	msr	elr_el2, \tmp
	eret
9999:
.endm

/*
 * EL1 state both boot paths share: MMU off with the I-cache on, WFI and WFE
 * allowed at EL0 (user code may wait or print), FP/SIMD usable, and SVE too
 * where implemented (CPACR_EL1.ZEN is RES0 without it), our vectors.
 */
.macro el1_init, tmp, tmp2
	ldr	\tmp, =(SCTLR_EL1_RES1 | SCTLR_EL1_I | SCTLR_EL1_nTWI | SCTLR_EL1_nTWE)
	msr	sctlr_el1, \tmp
	mov	\tmp, #CPACR_EL1_FPEN
	mrs	\tmp2, id_aa64pfr0_el1
	ubfx	\tmp2, \tmp2, #ID_AA64PFR0_EL1_SVE_SHIFT, #4
	cbz	\tmp2, 9998f
	orr	\tmp, \tmp, #CPACR_EL1_ZEN
9998:	msr	cpacr_el1, \tmp
	ldr	\tmp, =vector_table
	msr	vbar_el1, \tmp
	isb
.endm

	.section .head, "ax"
	.globl start
start:
	/*
	 * The Linux arm64 Image header (64 bytes). Loaders pass the DTB in x0
	 * only to images that have it, and load them at RAM + text_offset.
	 * image_size includes BSS, so the loader puts no DTB or initrd there.
	 */
	b	entry			/* code0 */
	.long	0			/* code1 */
	.quad	TEXT_OFFSET
	.quad	__image_size
	.quad	IMAGE_FLAGS
	.quad	0, 0, 0			/* reserved */
	.long	ARM64_IMAGE_MAGIC
	.long	0			/* no PE/COFF header */

entry:
	mov	x19, x0
	drop_to_el1 x1
	el1_init x1, x2

	/* Linked at a fixed address: anywhere else every absolute address is wrong. */
	adr	x1, start
	ldr	x2, =start
	cmp	x1, x2
	b.ne	wrong_place

	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	stp	xzr, xzr, [x1], #16
	cmp	x1, x2
	b.lo	1b

	ldr	x1, =boot_stack_top
	mov	sp, x1
	/* Zero frame pointer and link register end every backtrace here. */
	mov	x29, xzr
	mov	x30, xzr
	/* TPIDRRO_EL0 holds the CPU number; setup() corrects it if the boot CPU is not CPU 0. */
	msr	tpidrro_el0, xzr

	mov	x0, x19
	bl	setup

	ldr	x0, =__argc
	ldr	w0, [x0]
	ldr	x1, =__argv
	ldr	x2, =__environ
	ldr	x2, [x2]
	bl	main
	bl	exit
	b	halt

	/* Say why on the virt UART, then power off: arm/run reports "no status". */
wrong_place:
	adr	x1, wrong_place_msg
	mov	x2, #PL011_EARLY
2:	ldrb	w3, [x1], #1
	cbz	w3, 3f
	strb	w3, [x2]
	b	2b
3:	ldr	x0, =PSCI_SYSTEM_OFF
	hvc	#0
	b	halt

	.text
	.globl halt
halt:
	wfi
	b	halt

/*
 * Secondary CPUs: PSCI CPU_ON enters here with the MMU off and x0 = the
 * context id, which smp.c and psci_cpu_on() set to the CPU number. Its stack
 * top is in secondary_stacks[cpu], cleaned to memory by the boot CPU so it
 * can be read with the caches off; when that is 0 (a CPU the library did
 * not start), the stack is secondary_data.stack and secondary_cinit() is
 * told (x1 = 1) to run secondary_data.entry first.
 */
	.globl secondary_entry
secondary_entry:
	mov	x19, x0
	drop_to_el1 x1
	el1_init x1, x2
	msr	tpidrro_el0, x19
	ldr	x1, =secondary_stacks
	ldr	x1, [x1, x19, lsl #3]
	mov	x20, xzr
	cbnz	x1, 1f
	ldr	x1, =secondary_data
	ldr	x1, [x1]
	mov	x20, #1
1:	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	mov	x1, x20
	bl	secondary_cinit
	b	halt

	.section .rodata
wrong_place_msg:
	.asciz	"arm64 image: not loaded at its link address 0x40080000 (boot with -kernel on -machine virt)\n"

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
