/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * percpu.h - each CPU's own small data block, reached through the GS
 * base: the CPU number and the last fault an ASM_TRY site recovered from.
 * The offsets are plain numbers so that assembly (ASM_TRY) can use them.
 * The GS base is the IA32_GS_BASE MSR on x86_64 and the base of the CPU's
 * own data segment, PERCPU_SEL(cpu) in the GDT, on i386.
 *
 * Invariant: every CPU's GS base points at its struct percpu from the
 * moment it runs C code (setup_x86() for CPU 0, the AP entry for others);
 * a test that moves the GS base restores it before it faults or reports.
 */
#ifndef _X86_PERCPU_H_
#define _X86_PERCPU_H_

#define PERCPU_SMP_ID			0
#define PERCPU_EXCEPTION_VECTOR		4
#define PERCPU_EXCEPTION_ERROR_CODE	8
#define PERCPU_APIC_ID			16
#define PERCPU_X2APIC			20
#define PERCPU_EXCEPTION_RF		32

#ifndef __ASSEMBLER__
#include "libcflat.h"

struct percpu {
	u32 smp_id;
	u32 exception_vector;
	u64 exception_error_code;
	u32 apic_id;
	u32 x2apic;	/* this CPU's APIC is in x2APIC mode (lib/x86/apic.c) */
	union {
		struct percpu *self;
		u64 self_slot;	/* the same layout on i386 */
	};
	u32 exception_rf;	/* RFLAGS.RF of the last fault a fixup recovered from */
};

static_assert(offsetof(struct percpu, exception_vector) == PERCPU_EXCEPTION_VECTOR);
static_assert(offsetof(struct percpu, exception_error_code) == PERCPU_EXCEPTION_ERROR_CODE);
static_assert(offsetof(struct percpu, apic_id) == PERCPU_APIC_ID);
static_assert(offsetof(struct percpu, x2apic) == PERCPU_X2APIC);
static_assert(offsetof(struct percpu, exception_rf) == PERCPU_EXCEPTION_RF);

#define PERCPU_READ(type, off)						\
	({								\
		type __v;						\
		asm volatile("mov %%gs:%c1, %0" : "=r"(__v) : "i"(off));\
		__v;							\
	})
#define PERCPU_WRITE(off, v)						\
	asm volatile("mov %0, %%gs:%c1" : : "r"(v), "i"(off) : "memory")

static inline u32 this_cpu_read_smp_id(void)
{
	return PERCPU_READ(u32, PERCPU_SMP_ID);
}

static inline u32 this_cpu_read_exception_vector(void)
{
	return PERCPU_READ(u32, PERCPU_EXCEPTION_VECTOR);
}

static inline void this_cpu_write_exception_vector(u32 v)
{
	PERCPU_WRITE(PERCPU_EXCEPTION_VECTOR, v);
}

/* Error codes have 32 bits (Intel SDM vol. 3, 6.13): the low half is moved, the high one stays 0. */
static inline u64 this_cpu_read_exception_error_code(void)
{
	return PERCPU_READ(u32, PERCPU_EXCEPTION_ERROR_CODE);
}

static inline void this_cpu_write_exception_error_code(u64 v)
{
	PERCPU_WRITE(PERCPU_EXCEPTION_ERROR_CODE, (u32)v);
}

static inline u32 this_cpu_read_exception_rf(void)
{
	return PERCPU_READ(u32, PERCPU_EXCEPTION_RF);
}

static inline void this_cpu_write_exception_rf(u32 v)
{
	PERCPU_WRITE(PERCPU_EXCEPTION_RF, v);
}

/* CPU cpu's block (lib/x86/smp.c); load_percpu() points this CPU's GS base at it. */
extern struct percpu *percpu_of(int cpu);
extern void load_percpu(int cpu);
#endif /* __ASSEMBLER__ */

#endif /* _X86_PERCPU_H_ */
