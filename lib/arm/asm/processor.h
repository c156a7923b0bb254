/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/processor.h - ARMv7 exceptions and CPU helpers with kvm-unit-tests'
 * names: the vectors of the ARM modes (EXCPTN_*), catching an exception or
 * an interrupt and going on (install_exception_handler), interrupt masking,
 * the MPIDR and the counters. install_irq_handler(EL1H_IRQ, fn) is there
 * too, so that an interrupt test builds for arm and arm64 alike.
 */
#ifndef _ASM_ARM_PROCESSOR_H_
#define _ASM_ARM_PROCESSOR_H_

#include "asm/ptrace.h"
#include "asm/sysreg.h"

#ifndef __ASSEMBLER__
#include "libcflat.h"
#include "asm/barrier.h"

/* The eight entries of the vector table, in order. */
enum vector {
	EXCPTN_RST,
	EXCPTN_UND,
	EXCPTN_SVC,
	EXCPTN_PABT,
	EXCPTN_DABT,
	EXCPTN_ADDREXCPTN,	/* unused since ARMv3: never taken */
	EXCPTN_IRQ,
	EXCPTN_FIQ,
	EXCPTN_MAX,
};
/* arm64's name of the vector kernel-mode IRQs go to. */
#define EL1H_IRQ		EXCPTN_IRQ

typedef void (*exception_fn)(struct pt_regs *regs);
typedef void (*irq_handler_fn)(struct pt_regs *regs);

/*
 * Handle vector v with fn (NULL makes it unexpected again); shared by all
 * CPUs. The saved pc is the faulting instruction for UND, PABT and DABT
 * (a handler that goes on adds 4), the next one for SVC, and where to
 * resume for IRQ and FIQ.
 */
extern void install_exception_handler(enum vector v, exception_fn fn);
extern void install_irq_handler(enum vector v, irq_handler_fn fn);
extern const char *vector_name(enum vector v);
/* Print the registers of regs. */
extern void show_regs(const struct pt_regs *regs);

static inline unsigned long current_cpsr(void)
{
	unsigned long cpsr;

	asm volatile("mrs %0, cpsr" : "=r"(cpsr));
	return cpsr;
}

#define current_mode()		(current_cpsr() & PSR_MODE_MASK)

/*
 * The exception level of the current mode, as the architecture maps the
 * AArch32 modes (User: EL0, Hyp: EL2, Monitor: EL3, the others: EL1), in
 * the form arm64's current_level() gives, for code both arches share.
 */
#define CURRENT_EL_SHIFT	2
#define CurrentEL_EL0		(0 << CURRENT_EL_SHIFT)
#define CurrentEL_EL1		(1 << CURRENT_EL_SHIFT)
#define CurrentEL_EL2		(2 << CURRENT_EL_SHIFT)
#define CurrentEL_EL3		(3 << CURRENT_EL_SHIFT)

static inline unsigned long current_level(void)
{
	switch (current_mode()) {
	case PSR_MODE_USR: return CurrentEL_EL0;
	case PSR_MODE_HYP: return CurrentEL_EL2;
	case PSR_MODE_MON: return CurrentEL_EL3;
	}
	return CurrentEL_EL1;
}

static inline void local_irq_enable(void)
{
	asm volatile("cpsie i" : : : "memory");
}

static inline void local_irq_disable(void)
{
	asm volatile("cpsid i" : : : "memory");
}

static inline bool irqs_disabled(void)
{
	return current_cpsr() & PSR_I_BIT;
}

static inline void cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

/* MPIDR: the affinity fields Aff2..Aff0 (23:0); AArch32 has no Aff3. */
#define MPIDR_HWID_BITMASK		0xffffffUL
#define MPIDR_LEVEL_SHIFT(level)	((level) * 8)
#define MPIDR_AFFINITY_LEVEL(mpidr, level) (((mpidr) >> MPIDR_LEVEL_SHIFT(level)) & 0xff)

/* This CPU's affinity (MPIDR & MPIDR_HWID_BITMASK): what cpus[] and the device tree hold. */
static inline unsigned long get_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_HWID_BITMASK;
}

/* The CPU number of an MPIDR affinity value, or -1. */
extern int mpidr_to_cpu(unsigned long mpidr);

static inline u64 get_cntvct(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static inline u32 get_cntfrq(void)
{
	return read_sysreg(cntfrq_el0);
}

static inline unsigned long get_ctr(void)
{
	return read_sysreg(ctr_el0);
}

extern void halt(void) __noreturn;
#endif /* !__ASSEMBLER__ */

#endif /* _ASM_ARM_PROCESSOR_H_ */
