/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * processor.h - arm64 exceptions and CPU helpers: the saved registers of an
 * exception (struct pt_regs), the vector and exception-class names, and
 * the API tests use to catch an exception and go on (kvm-unit-tests' names:
 * install_exception_handler, install_irq_handler).
 */
#ifndef _ARM64_PROCESSOR_H_
#define _ARM64_PROCESSOR_H_

/* Layout of struct pt_regs, for vectors.S. */
#define S_X0		0
#define S_SP		(31 * 8)
#define S_PC		(32 * 8)
#define S_PSTATE	(33 * 8)
#define S_FRAME		(34 * 8)	/* a frame record {fp, pc} for backtraces through the exception */
#define S_FRAME_SIZE	(36 * 8)

#define ESR_EL1_EC_SHIFT	26
#define ESR_EL1_EC_MASK		0x3f
#define ESR_EL1_IL		(1 << 25)
#define ESR_EL1_ISS_MASK	0x1ffffff

#define ESR_EL1_EC_UNKNOWN	0x00
#define ESR_EL1_EC_WFX		0x01
#define ESR_EL1_EC_FP_ASIMD	0x07
#define ESR_EL1_EC_BTI		0x0d
#define ESR_EL1_EC_ILL		0x0e
#define ESR_EL1_EC_SVC64	0x15
#define ESR_EL1_EC_HVC64	0x16
#define ESR_EL1_EC_SMC64	0x17
#define ESR_EL1_EC_SYS64	0x18
#define ESR_EL1_EC_SVE		0x19
#define ESR_EL1_EC_IABT_EL0	0x20
#define ESR_EL1_EC_IABT_EL1	0x21
#define ESR_EL1_EC_PC_ALIGN	0x22
#define ESR_EL1_EC_DABT_EL0	0x24
#define ESR_EL1_EC_DABT_EL1	0x25
#define ESR_EL1_EC_SP_ALIGN	0x26
#define ESR_EL1_EC_FP_EXC64	0x2c
#define ESR_EL1_EC_SERROR	0x2f
#define ESR_EL1_EC_BREAKPT_EL0	0x30
#define ESR_EL1_EC_BREAKPT_EL1	0x31
#define ESR_EL1_EC_SOFTSTP_EL0	0x32
#define ESR_EL1_EC_SOFTSTP_EL1	0x33
#define ESR_EL1_EC_WATCHPT_EL0	0x34
#define ESR_EL1_EC_WATCHPT_EL1	0x35
#define ESR_EL1_EC_BRK64	0x3c

#define EC_MAX			64

/* Data/instruction abort ISS: the fault status code, and its translation-fault values. */
#define ESR_EL1_FSC_MASK	0x3f
#define ESR_EL1_FSC_TRANS_L(l)	(0x04 + (l))
#define ESR_EL1_WNR		(1 << 6)

#ifndef __ASSEMBLER__
#include "libcflat.h"
#include "asm/sysreg.h"
#include "asm/barrier.h"

enum vector {
	EL1T_SYNC, EL1T_IRQ, EL1T_FIQ, EL1T_ERROR,
	EL1H_SYNC, EL1H_IRQ, EL1H_FIQ, EL1H_ERROR,
	EL0_SYNC_64, EL0_IRQ_64, EL0_FIQ_64, EL0_ERROR_64,
	EL0_SYNC_32, EL0_IRQ_32, EL0_FIQ_32, EL0_ERROR_32,
	VECTOR_MAX,
};

/* The interrupted context; a handler may change it (pc to skip an instruction), it is restored on return. */
struct pt_regs {
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
};

typedef void (*exception_fn)(struct pt_regs *regs, unsigned int esr);
typedef void (*irq_handler_fn)(struct pt_regs *regs);

/*
 * Handle exception class ec (ESR_EL1_EC_*) taken to synchronous vector v
 * (EL1H_SYNC for the kernel's own exceptions, EL0_SYNC_64 for user mode)
 * with fn; NULL makes it unexpected again. Handlers are shared by all CPUs.
 */
extern void install_exception_handler(enum vector v, unsigned int ec, exception_fn fn);
/* Handle the IRQ (or FIQ) vector v with fn. */
extern void install_irq_handler(enum vector v, irq_handler_fn fn);

/* "DABT_EL1" for 0x25 and so on; "unknown" for classes without a name here. */
extern const char *esr_ec_name(unsigned int ec);
extern const char *vector_name(enum vector v);
/* Print the registers of regs. */
extern void show_regs(const struct pt_regs *regs);

static inline unsigned int esr_ec(unsigned int esr)
{
	return (esr >> ESR_EL1_EC_SHIFT) & ESR_EL1_EC_MASK;
}

static inline int smp_processor_id(void)
{
	return read_sysreg(tpidr_el1);
}

static inline void local_irq_enable(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void local_irq_disable(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

static inline void cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

static inline u64 get_cntvct(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static inline u64 get_cntfrq(void)
{
	return read_sysreg(cntfrq_el0);
}

extern void halt(void) __noreturn;
#endif /* __ASSEMBLER__ */

#endif /* _ARM64_PROCESSOR_H_ */
