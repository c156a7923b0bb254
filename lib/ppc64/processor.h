/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * processor.h - ppc64 exceptions and CPU helpers: the saved registers of an
 * interrupt (struct pt_regs), access to special-purpose registers, and the
 * API tests use to catch an interrupt and go on (kvm-unit-tests' powerpc
 * names: handle_exception, do_handle_exception).
 */
#ifndef _PPC64_PROCESSOR_H_
#define _PPC64_PROCESSOR_H_

#include "asm/ppc.h"

/* Layout of struct pt_regs, for cstart64.S; it sits above a minimal stack frame. */
#define PT_GPR(n)	((n) * 8)
#define PT_NIP		(32 * 8)
#define PT_MSR		(33 * 8)
#define PT_LINK		(34 * 8)
#define PT_CTR		(35 * 8)
#define PT_XER		(36 * 8)
#define PT_CCR		(37 * 8)
#define PT_TRAP		(38 * 8)
#define PT_DAR		(39 * 8)
#define PT_DSISR	(40 * 8)
#define PT_SIZE		(42 * 8)	/* a multiple of 16 */
/* What the entry code takes below the interrupted r1: its protected zone, pt_regs, a frame to call C. */
#define EXC_FRAME_SIZE	(STACK_PROTECTED_ZONE + PT_SIZE + STACK_FRAME_MIN)

#ifndef __ASSEMBLER__
#include "libcflat.h"

/* The interrupted context; a handler may change it (nip to skip an instruction), it is restored on return. */
struct pt_regs {
	u64 gpr[32];
	u64 nip;	/* SRR0 */
	u64 msr;	/* SRR1 */
	u64 link;
	u64 ctr;
	u64 xer;
	u64 ccr;
	u64 trap;	/* the vector */
	u64 dar;
	u64 dsisr;
	u64 pad;
};

#define mfspr(spr) ({							\
	unsigned long __v;						\
	asm volatile("mfspr %0, %1" : "=r"(__v) : "i"(spr));		\
	__v;								\
})
#define mtspr(spr, val)	asm volatile("mtspr %0, %1" : : "i"(spr), "r"((unsigned long)(val)) : "memory")

static inline unsigned long mfmsr(void)
{
	unsigned long msr;

	asm volatile("mfmsr %0" : "=r"(msr));
	return msr;
}

static inline u64 get_tb(void)
{
	u64 tb;

	asm volatile("mfspr %0, 268" : "=r"(tb));
	return tb;
}

static inline void mtmsr(unsigned long msr)
{
	asm volatile("mtmsrd %0" : : "r"(msr) : "memory");
}

/* MSR[EE] gates external interrupts and the decrementer; mtmsrd with L=1 changes EE and RI only. */
static inline void local_irq_enable(void)
{
	asm volatile("mtmsrd %0, 1" : : "r"(MSR_EE | MSR_RI) : "memory");
}

static inline void local_irq_disable(void)
{
	asm volatile("mtmsrd %0, 1" : : "r"(MSR_RI) : "memory");
}

/* SPRG0 holds the running CPU's number (cstart64.S and smp.c set it). */
static inline int smp_processor_id(void)
{
	return mfspr(SPR_SPRG0);
}

/*
 * Call func(regs, data) when the interrupt at vector trap happens, instead
 * of reporting it as unexpected; func NULL removes the handler. On return
 * the (possibly changed) context is resumed: skip a faulting instruction
 * with regs->nip += 4.
 */
extern void handle_exception(int trap, void (*func)(struct pt_regs *regs, void *data), void *data);
/* Called by the entry code for every interrupt. */
extern void do_handle_exception(struct pt_regs *regs);
/* Print the interrupt's registers and backtrace (what an unexpected one shows). */
extern void show_regs(struct pt_regs *regs);
extern const char *exception_name(int trap);
#endif

#endif /* _PPC64_PROCESSOR_H_ */
