/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/csr.h - the supervisor CSRs and their bits that the library and the
 * tests use (RISC-V privileged specification, chapter "Supervisor-Level
 * ISA"), and accessors for them.
 */
#ifndef _ASM_RISCV64_CSR_H_
#define _ASM_RISCV64_CSR_H_

#define CSR_SSTATUS		0x100
#define CSR_SIE			0x104
#define CSR_STVEC		0x105
#define CSR_SSCRATCH		0x140
#define CSR_SEPC		0x141
#define CSR_SCAUSE		0x142
#define CSR_STVAL		0x143
#define CSR_SIP			0x144
#define CSR_SATP		0x180
#define CSR_TIME		0xc01

#define SSTATUS_SIE		(1UL << 1)
#define SSTATUS_SPIE		(1UL << 5)
#define SSTATUS_SPP		(1UL << 8)
#define SSTATUS_SUM		(1UL << 18)

/* sie/sip bits, also the interrupt numbers of scause. */
#define IRQ_S_SOFT		1
#define IRQ_S_TIMER		5
#define IRQ_S_EXT		9
#define SIE_SSIE		(1UL << IRQ_S_SOFT)
#define SIE_STIE		(1UL << IRQ_S_TIMER)
#define SIE_SEIE		(1UL << IRQ_S_EXT)
#define SIE_STIP		SIE_STIE	/* the same bit in sip */

#define CAUSE_IRQ_FLAG		(1UL << 63)
#define EXC_INST_MISALIGNED	0
#define EXC_INST_ACCESS		1
#define EXC_INST_ILLEGAL	2
#define EXC_BREAKPOINT		3
#define EXC_LOAD_MISALIGNED	4
#define EXC_LOAD_ACCESS		5
#define EXC_STORE_MISALIGNED	6
#define EXC_STORE_ACCESS	7
#define EXC_ECALL_U		8
#define EXC_ECALL_S		9
#define EXC_INST_PAGE_FAULT	12
#define EXC_LOAD_PAGE_FAULT	13
#define EXC_STORE_PAGE_FAULT	15
#define EXC_MAX			16

#define SATP_MODE_SHIFT		60
#define SATP_MODE_BARE		0UL
#define SATP_MODE_SV39		8UL
#define SATP_MODE_SV48		9UL

#ifndef __ASSEMBLER__
#define csr_read(csr)								\
({										\
	unsigned long __v;							\
	asm volatile("csrr %0, " __stringify(csr) : "=r"(__v) : : "memory");	\
	__v;									\
})
#define csr_write(csr, val)							\
	asm volatile("csrw " __stringify(csr) ", %0" : : "rK"((unsigned long)(val)) : "memory")
#define csr_set(csr, val)							\
	asm volatile("csrs " __stringify(csr) ", %0" : : "rK"((unsigned long)(val)) : "memory")
#define csr_clear(csr, val)							\
	asm volatile("csrc " __stringify(csr) ", %0" : : "rK"((unsigned long)(val)) : "memory")

static inline void local_irq_enable(void)
{
	csr_set(CSR_SSTATUS, SSTATUS_SIE);
}

static inline void local_irq_disable(void)
{
	csr_clear(CSR_SSTATUS, SSTATUS_SIE);
}
#endif

#endif /* _ASM_RISCV64_CSR_H_ */
