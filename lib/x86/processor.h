/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * processor.h - x86 registers and instructions a test reads or uses:
 * CPUID, MSRs, control registers, flags, and a few named bits of each.
 */
#ifndef _X86_PROCESSOR_H_
#define _X86_PROCESSOR_H_

#include "libcflat.h"
#include "desc.h"

#define X86_CR0_PE	(1UL << 0)
#define X86_CR0_MP	(1UL << 1)
#define X86_CR0_EM	(1UL << 2)
#define X86_CR0_TS	(1UL << 3)
#define X86_CR0_NE	(1UL << 5)
#define X86_CR0_WP	(1UL << 16)
#define X86_CR0_AM	(1UL << 18)
#define X86_CR0_PG	(1UL << 31)

#define X86_CR4_PSE	(1UL << 4)
#define X86_CR4_PAE	(1UL << 5)
#define X86_CR4_PGE	(1UL << 7)
#define X86_CR4_OSFXSR	(1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)
#define X86_CR4_UMIP	(1UL << 11)
#define X86_CR4_FSGSBASE (1UL << 16)
#define X86_CR4_OSXSAVE	(1UL << 18)
#define X86_CR4_SMEP	(1UL << 20)
#define X86_CR4_SMAP	(1UL << 21)

#define X86_EFLAGS_CF	(1UL << 0)
#define X86_EFLAGS_ZF	(1UL << 6)
#define X86_EFLAGS_TF	(1UL << 8)
#define X86_EFLAGS_IF	(1UL << 9)
#define X86_EFLAGS_DF	(1UL << 10)
#define X86_EFLAGS_OF	(1UL << 11)
#define X86_EFLAGS_AC	(1UL << 18)

#define MSR_IA32_APICBASE	0x0000001b
#define MSR_IA32_TSC		0x00000010
#define MSR_IA32_SYSENTER_CS	0x00000174
#define MSR_IA32_SYSENTER_ESP	0x00000175
#define MSR_IA32_SYSENTER_EIP	0x00000176
#define MSR_IA32_MISC_ENABLE	0x000001a0
#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_CSTAR		0xc0000083
#define MSR_SYSCALL_MASK	0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102
#define MSR_TSC_AUX		0xc0000103

#define EFER_SCE	(1UL << 0)
#define EFER_LME	(1UL << 8)
#define EFER_LMA	(1UL << 10)
#define EFER_NX		(1UL << 11)

struct cpuid {
	u32 a, b, c, d;
};

static inline struct cpuid cpuid_indexed(u32 function, u32 index)
{
	struct cpuid r;

	asm volatile("cpuid" : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d) : "0"(function), "2"(index));
	return r;
}

static inline struct cpuid cpuid(u32 function)
{
	return cpuid_indexed(function, 0);
}

static inline u64 rdmsr(u32 index)
{
	u32 a, d;

	asm volatile("rdmsr" : "=a"(a), "=d"(d) : "c"(index) : "memory");
	return a | ((u64)d << 32);
}

static inline void wrmsr(u32 index, u64 val)
{
	asm volatile("wrmsr" : : "a"((u32)val), "d"((u32)(val >> 32)), "c"(index) : "memory");
}

/* rdmsr/wrmsr that survive a fault: 0, or the vector (GP_VECTOR for a bad MSR or value). */
static inline int rdmsr_safe(u32 index, u64 *val)
{
	u32 a = 0, d = 0;

	ex_fixup_vector = 0;
	asm volatile("1: rdmsr\n2:\n" ASM_EX_FIXUP("1b", "2b") : "+a"(a), "+d"(d) : "c"(index) : "memory");
	*val = a | ((u64)d << 32);
	return exception_vector();
}

static inline int wrmsr_safe(u32 index, u64 val)
{
	ex_fixup_vector = 0;
	asm volatile("1: wrmsr\n2:\n" ASM_EX_FIXUP("1b", "2b")
		     : : "a"((u32)val), "d"((u32)(val >> 32)), "c"(index) : "memory");
	return exception_vector();
}

#define DEFINE_CR_ACCESSORS(n)						\
static inline ulong read_cr##n(void)					\
{									\
	ulong v;							\
									\
	asm volatile("mov %%cr" #n ", %0" : "=r"(v) : : "memory");	\
	return v;							\
}									\
static inline void write_cr##n(ulong v)					\
{									\
	asm volatile("mov %0, %%cr" #n : : "r"(v) : "memory");		\
}

DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
DEFINE_CR_ACCESSORS(8)

static inline ulong read_rflags(void)
{
	ulong f;

	asm volatile("pushf; pop %0" : "=r"(f));
	return f;
}

static inline void write_rflags(ulong f)
{
	asm volatile("push %0; popf" : : "rm"(f) : "memory", "cc");
}

static inline u64 rdtsc(void)
{
	u32 a, d;

	asm volatile("rdtsc" : "=a"(a), "=d"(d));
	return a | ((u64)d << 32);
}

static inline void irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}

static inline void irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}

static inline void cpu_relax(void)
{
	asm volatile("pause" : : : "memory");
}

static inline void halt(void)
{
	asm volatile("hlt");
}

static inline void invlpg(volatile void *va)
{
	asm volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline u16 read_cs(void)
{
	u16 v;

	asm volatile("mov %%cs, %0" : "=rm"(v));
	return v;
}

/* CPUID feature bits a test may ask about: (leaf, index, register, bit). */
struct x86_feature {
	u32 function, index;
	u8 reg, bit;	/* reg: 0 eax, 1 ebx, 2 ecx, 3 edx */
};

#define X86_FEATURE(fn, idx, r, b)	((struct x86_feature){ fn, idx, r, b })
#define X86_FEATURE_PAE		X86_FEATURE(1, 0, 3, 6)
#define X86_FEATURE_APIC	X86_FEATURE(1, 0, 3, 9)
#define X86_FEATURE_X2APIC	X86_FEATURE(1, 0, 2, 21)
#define X86_FEATURE_HYPERVISOR	X86_FEATURE(1, 0, 2, 31)
#define X86_FEATURE_GBPAGES	X86_FEATURE(0x80000001, 0, 3, 26)
#define X86_FEATURE_NX		X86_FEATURE(0x80000001, 0, 3, 20)
#define X86_FEATURE_LM		X86_FEATURE(0x80000001, 0, 3, 29)

static inline bool this_cpu_has(struct x86_feature f)
{
	struct cpuid max = cpuid(f.function & 0x80000000);
	struct cpuid r;
	u32 regs[4];

	if (max.a < f.function)
		return false;
	r = cpuid_indexed(f.function, f.index);
	regs[0] = r.a;
	regs[1] = r.b;
	regs[2] = r.c;
	regs[3] = r.d;
	return (regs[f.reg] >> f.bit) & 1;
}

#endif /* _X86_PROCESSOR_H_ */
