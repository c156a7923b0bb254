/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/ppc.h - Power ISA numbers the C and assembly code share: MSR bits,
 * special-purpose register numbers, interrupt vectors, and the hypercall
 * and layout constants of the pseries (PAPR) platform.
 */
#ifndef _ASM_PPC64_PPC_H_
#define _ASM_PPC64_PPC_H_

#ifdef __ASSEMBLER__
#define _UL(x)		x
#else
#define _UL(x)		x##UL
#endif

/* MSR bits, numbered from the least significant bit (the ISA numbers them from the other end). */
#define MSR_SF		(_UL(1) << 63)	/* 64-bit mode */
#define MSR_EE		(_UL(1) << 15)	/* external interrupts and the decrementer */
#define MSR_PR		(_UL(1) << 14)	/* problem (user) state */
#define MSR_FP		(_UL(1) << 13)
#define MSR_ME		(_UL(1) << 12)	/* machine check enable: without it a machine check stops the CPU */
#define MSR_IR		(_UL(1) << 5)	/* instruction relocation (MMU) */
#define MSR_DR		(_UL(1) << 4)	/* data relocation (MMU) */
#define MSR_RI		(_UL(1) << 1)	/* recoverable interrupt */
#define MSR_LE		(_UL(1) << 0)	/* little endian */

/* SRR1 bits of a program interrupt: what kind it is. */
#define SRR1_PROGFPE	(_UL(1) << 20)
#define SRR1_PROGILL	(_UL(1) << 19)	/* illegal instruction */
#define SRR1_PROGPRIV	(_UL(1) << 18)	/* privileged instruction */
#define SRR1_PROGTRAP	(_UL(1) << 17)	/* trap instruction */

/* Special-purpose registers. */
#define SPR_XER		1
#define SPR_LR		8
#define SPR_CTR		9
#define SPR_DSISR	18
#define SPR_DAR		19
#define SPR_DEC		22
#define SPR_SRR0	26
#define SPR_SRR1	27
#define SPR_SPRG0	272	/* this CPU's number */
#define SPR_SPRG1	273	/* scratch of the exception entry */
#define SPR_PVR		287

/* Interrupt vectors (real addresses with the MMU off). */
#define VEC_SYSTEM_RESET	0x100
#define VEC_MACHINE_CHECK	0x200
#define VEC_DSI			0x300
#define VEC_DSEG		0x380
#define VEC_ISI			0x400
#define VEC_ISEG		0x480
#define VEC_EXTERNAL		0x500
#define VEC_ALIGNMENT		0x600
#define VEC_PROGRAM		0x700
#define VEC_FP_UNAVAIL		0x800
#define VEC_DECREMENTER		0x900
#define VEC_HDECREMENTER	0x980
#define VEC_DOORBELL		0xa00
#define VEC_SYSCALL		0xc00
#define VEC_TRACE		0xd00
#define VEC_PERFMON		0xf00
#define VEC_VEC_UNAVAIL		0xf20
#define VEC_VSX_UNAVAIL		0xf40
#define VEC_FAC_UNAVAIL		0xf60
/* Every 0x20 bytes from VEC_FIRST up to VEC_END has an entry stub, so any vector is caught. */
#define VEC_FIRST		0x100
#define VEC_END			0x2000
#define VEC_STUB_SIZE		0x20

/* PAPR hypercalls (sc 1): number in r3, arguments from r4, status back in r3. */
#define H_SUCCESS		0
#define H_GET_TERM_CHAR		0x54
#define H_PUT_TERM_CHAR		0x58
#define H_SET_MODE		0x31c
#define H_SET_MODE_RESOURCE_LE	4
#define H_SET_MODE_ENDIAN_BIG	0
#define H_SET_MODE_ENDIAN_LITTLE 1
/* QEMU's hypercall that runs an RTAS call: r4 = the real address of the argument block. */
#define KVMPPC_H_RTAS		0xf000

/* Where QEMU's pseries machine loads the -kernel image (its KERNEL_LOAD_ADDR). */
#define KERNEL_LOAD_ADDR	0x400000

/*
 * ELFv2 stack frames: the minimal frame (back chain, CR save, LR save, TOC
 * save) and where a callee saves its return address in its caller's frame.
 * Below the stack pointer, 288 bytes belong to the running function.
 */
#define STACK_FRAME_MIN		32
#define STACK_LR_SAVE		16
#define STACK_PROTECTED_ZONE	288

#endif /* _ASM_PPC64_PPC_H_ */
