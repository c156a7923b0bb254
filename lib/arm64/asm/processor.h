/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/processor.h - arm64 exceptions and CPU helpers with kvm-unit-tests'
 * names: the vectors, catching an exception or an IRQ and going on
 * (install_exception_handler, install_irq_handler), the exception level,
 * interrupt masking, the MPIDR, running code at EL0 (start_usr), and the
 * virtual counter.
 */
#ifndef _ASM_ARM64_PROCESSOR_H_
#define _ASM_ARM64_PROCESSOR_H_

#include "asm/ptrace.h"
#include "asm/esr.h"
#include "asm/sysreg.h"

#define EC_MAX			64

#ifndef __ASSEMBLER__
#include "libcflat.h"
#include "asm/barrier.h"

enum vector {
	EL1T_SYNC, EL1T_IRQ, EL1T_FIQ, EL1T_ERROR,
	EL1H_SYNC, EL1H_IRQ, EL1H_FIQ, EL1H_ERROR,
	EL0_SYNC_64, EL0_IRQ_64, EL0_FIQ_64, EL0_ERROR_64,
	EL0_SYNC_32, EL0_IRQ_32, EL0_FIQ_32, EL0_ERROR_32,
	VECTOR_MAX,
};

typedef void (*exception_fn)(struct pt_regs *regs, unsigned int esr);
typedef void (*irq_handler_fn)(struct pt_regs *regs);

/*
 * Handle exception class ec (ESR_EL1_EC_*) taken to synchronous vector v
 * (EL1H_SYNC for the kernel's own exceptions, EL0_SYNC_64 for user mode)
 * with fn; NULL makes it unexpected again. Handlers are shared by all CPUs.
 */
extern void install_exception_handler(enum vector v, unsigned int ec, exception_fn fn);
/* Handle the IRQ (or FIQ) vector v with fn (EL1H_IRQ for IRQs taken at EL1, EL0_IRQ_64 from user mode). */
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

/* CurrentEL as read: the level in bits 3:2, to compare with CurrentEL_EL1 or CurrentEL_EL2. */
static inline unsigned long current_level(void)
{
	return read_sysreg(CurrentEL) & (3 << CURRENT_EL_SHIFT);
}

static inline void local_irq_enable(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void local_irq_disable(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

static inline bool irqs_disabled(void)
{
	return read_sysreg(daif) & PSR_I_BIT;
}

static inline void cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

/* MPIDR_EL1: the four affinity fields (Aff3 at 39:32, Aff2..Aff0 at 23:0). */
#define MPIDR_HWID_BITMASK		0xff00ffffffUL
#define MPIDR_LEVEL_SHIFT(level)	(((1 << (level)) >> 1) << 3)
#define MPIDR_AFFINITY_LEVEL(mpidr, level) (((mpidr) >> MPIDR_LEVEL_SHIFT(level)) & 0xff)

/* This CPU's affinity (MPIDR_EL1 & MPIDR_HWID_BITMASK): what cpus[] and the device tree hold. */
static inline u64 get_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_HWID_BITMASK;
}

/* The CPU number of an MPIDR affinity value, or -1. */
extern int mpidr_to_cpu(unsigned long mpidr);

/*
 * Run func(arg) at EL0 on the stack that ends at sp_usr, with PSTATE.DAIF
 * clear (the caller's masks are back when it returns). Memory is mapped for EL0 (data read-write, the image's code
 * read-only), so user code may call the library, printf and exit()
 * included. Returns when func returns: the return is an SVC that the
 * library catches (its immediate is USR_RETURN_SVC), with x0 = func's
 * frame; any other SVC from EL0 goes to the test's handler.
 */
#define USR_RETURN_SVC		0xfffe
/* How user mode makes PSCI calls (psci_invoke does it): x0..x3 as for HVC, the result in x0. */
#define USR_PSCI_SVC		0xfffd
extern void start_usr(void (*func)(void *arg), void *arg, unsigned long sp_usr);
/* Whether this CPU is inside start_usr(): at EL0, or in a handler of an exception taken from it. */
extern bool is_user(void);

static inline u64 get_cntvct(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static inline u32 get_cntfrq(void)
{
	return read_sysreg(cntfrq_el0);
}

static inline u64 get_ctr(void)
{
	return read_sysreg(ctr_el0);
}

/* ID register fields: what the CPU implements (Arm ARM D19, the ID_AA64*_EL1 registers). */
static inline bool system_supports_sve(void)
{
	return ((read_sysreg(id_aa64pfr0_el1) >> ID_AA64PFR0_EL1_SVE_SHIFT) & 0xf) != 0;
}

static inline bool system_supports_rndr(void)
{
	return ((read_sysreg(id_aa64isar0_el1) >> ID_AA64ISAR0_EL1_RNDR_SHIFT) & 0xf) != 0;
}

/* 0: none, 1: the instructions only (FEAT_MTE), 2: tag checks (FEAT_MTE2), 3: asymmetric (FEAT_MTE3) */
static inline unsigned int system_mte_version(void)
{
	return (read_sysreg(id_aa64pfr1_el1) >> ID_AA64PFR1_EL1_MTE_SHIFT) & 0xf;
}

extern void halt(void) __noreturn;
#endif /* !__ASSEMBLER__ */

#endif /* _ASM_ARM64_PROCESSOR_H_ */
