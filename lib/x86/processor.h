/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * processor.h - x86 registers and instructions a test reads or uses:
 * CPUID and feature bits, MSRs, control and debug registers, flags, the
 * TSC, XCRs, and the _safe variants that return the vector of a fault
 * instead of taking it (kvm-unit-tests' names and meanings).
 */
#ifndef _X86_PROCESSOR_H_
#define _X86_PROCESSOR_H_

#include "libcflat.h"
#include "desc.h"
#include "msr.h"
#include "bitops.h"

#define X86_CR0_PE	BIT(0)
#define X86_CR0_MP	BIT(1)
#define X86_CR0_EM	BIT(2)
#define X86_CR0_TS	BIT(3)
#define X86_CR0_ET	BIT(4)
#define X86_CR0_NE	BIT(5)
#define X86_CR0_WP	BIT(16)
#define X86_CR0_AM	BIT(18)
#define X86_CR0_NW	BIT(29)
#define X86_CR0_CD	BIT(30)
#define X86_CR0_PG	BIT(31)

#define X86_CR3_PCID_MASK	GENMASK(11, 0)
#define X86_CR3_LAM_U57_BIT	61
#define X86_CR3_LAM_U57		BIT_ULL(X86_CR3_LAM_U57_BIT)
#define X86_CR3_LAM_U48_BIT	62
#define X86_CR3_LAM_U48		BIT_ULL(X86_CR3_LAM_U48_BIT)

#define X86_CR4_VME	BIT(0)
#define X86_CR4_PVI	BIT(1)
#define X86_CR4_TSD	BIT(2)
#define X86_CR4_DE	BIT(3)
#define X86_CR4_PSE	BIT(4)
#define X86_CR4_PAE	BIT(5)
#define X86_CR4_MCE	BIT(6)
#define X86_CR4_PGE	BIT(7)
#define X86_CR4_PCE	BIT(8)
#define X86_CR4_OSFXSR	BIT(9)
#define X86_CR4_OSXMMEXCPT BIT(10)
#define X86_CR4_UMIP	BIT(11)
#define X86_CR4_LA57	BIT(12)
#define X86_CR4_VMXE	BIT(13)
#define X86_CR4_SMXE	BIT(14)
#define X86_CR4_FSGSBASE BIT(16)
#define X86_CR4_PCIDE	BIT(17)
#define X86_CR4_OSXSAVE	BIT(18)
#define X86_CR4_SMEP	BIT(20)
#define X86_CR4_SMAP	BIT(21)
#define X86_CR4_PKE	BIT(22)
#define X86_CR4_CET	BIT(23)
#define X86_CR4_PKS	BIT(24)

#define X86_EFLAGS_CF	BIT(0)
#define X86_EFLAGS_FIXED BIT(1)
#define X86_EFLAGS_PF	BIT(2)
#define X86_EFLAGS_AF	BIT(4)
#define X86_EFLAGS_ZF	BIT(6)
#define X86_EFLAGS_SF	BIT(7)
#define X86_EFLAGS_TF	BIT(8)
#define X86_EFLAGS_IF	BIT(9)
#define X86_EFLAGS_DF	BIT(10)
#define X86_EFLAGS_OF	BIT(11)
#define X86_EFLAGS_IOPL	(3UL << 12)
#define X86_EFLAGS_NT	BIT(14)
#define X86_EFLAGS_RF	BIT(16)
#define X86_EFLAGS_VM	BIT(17)
#define X86_EFLAGS_AC_BIT 18	/* a plain number, for asm strings */
#define X86_EFLAGS_AC	BIT(X86_EFLAGS_AC_BIT)
#define X86_EFLAGS_ID	BIT(21)
#define X86_EFLAGS_ALU	(X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | X86_EFLAGS_ZF | \
			 X86_EFLAGS_SF | X86_EFLAGS_OF)

/* The page-fault error code. */
#define PFERR_PRESENT_BIT	0
#define PFERR_WRITE_BIT		1
#define PFERR_USER_BIT		2
#define PFERR_RESERVED_BIT	3
#define PFERR_FETCH_BIT		4
#define PFERR_PK_BIT		5
#define PFERR_SHSTK_BIT		6
#define PFERR_SGX_BIT		15
#define PFERR_PRESENT_MASK	BIT(PFERR_PRESENT_BIT)
#define PFERR_WRITE_MASK	BIT(PFERR_WRITE_BIT)
#define PFERR_USER_MASK		BIT(PFERR_USER_BIT)
#define PFERR_RESERVED_MASK	BIT(PFERR_RESERVED_BIT)
#define PFERR_FETCH_MASK	BIT(PFERR_FETCH_BIT)
#define PFERR_PK_MASK		BIT(PFERR_PK_BIT)
#define PFERR_SHSTK_MASK	BIT(PFERR_SHSTK_BIT)
#define PFERR_SGX_MASK		BIT(PFERR_SGX_BIT)

/* XCR0 components. */
#define XCR_XFEATURE_ENABLED_MASK	0
#define XCR_XFEATURE_IN_USE_MASK	1
#define XFEATURE_MASK_FP		BIT_ULL(0)
#define XFEATURE_MASK_SSE		BIT_ULL(1)
#define XFEATURE_MASK_YMM		BIT_ULL(2)
#define XFEATURE_MASK_FP_SSE		(XFEATURE_MASK_FP | XFEATURE_MASK_SSE)

/* The INVPCID types. */
#define INVPCID_ADDR		0
#define INVPCID_CONTEXT		1
#define INVPCID_ALL_GLOBAL	2
#define INVPCID_ALL_NONGLOBAL	3

/* An address no implementation with fewer than 64 virtual address bits takes as canonical. */
#define NONCANONICAL	0xaaaaaaaaaaaaaaaaull

struct cpuid {
	u32 a, b, c, d;
};

enum cpuid_output_regs { EAX, EBX, ECX, EDX };

static inline struct cpuid raw_cpuid(u32 function, u32 index)
{
	struct cpuid r;

	asm volatile("cpuid" : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d) : "0"(function), "2"(index));
	return r;
}

/* CPUID, or all zeroes for a leaf above the maximum of its range (basic, extended, ...). */
static inline struct cpuid cpuid_indexed(u32 function, u32 index)
{
	if (raw_cpuid(function & 0xf0000000, 0).a < function)
		return (struct cpuid){ 0, 0, 0, 0 };
	return raw_cpuid(function, index);
}

static inline struct cpuid cpuid(u32 function)
{
	return cpuid_indexed(function, 0);
}

static inline u8 cpuid_maxphyaddr(void)
{
	if (raw_cpuid(0x80000000, 0).a < 0x80000008)
		return 36;
	return raw_cpuid(0x80000008, 0).a & 0xff;
}

/* The vendor string's first word: "Genu" (GenuineIntel), "Auth" (AuthenticAMD). */
static inline bool is_intel(void)
{
	return raw_cpuid(0, 0).b == 0x756e6547;
}

static inline bool is_amd(void)
{
	return raw_cpuid(0, 0).b == 0x68747541;
}

static inline bool is_canonical(u64 addr)
{
	return (u64)((s64)(addr << 16) >> 16) == addr;
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

/* The _safe variants: 0, or the vector of the fault (GP_VECTOR for a bad MSR or value). */
static inline int rdmsr_safe(u32 index, u64 *val)
{
	u32 a = 0, d = 0;

	asm volatile(ASM_TRY("1f") "rdmsr\n1:" : "+a"(a), "+d"(d) : "c"(index) : "memory");
	*val = a | ((u64)d << 32);
	return exception_vector();
}

static inline int wrmsr_safe(u32 index, u64 val)
{
	asm volatile(ASM_TRY("1f") "wrmsr\n1:" : : "a"((u32)val), "d"((u32)(val >> 32)), "c"(index) : "memory");
	return exception_vector();
}

static inline u64 rdpmc(u32 index)
{
	u32 a, d;

	asm volatile("rdpmc" : "=a"(a), "=d"(d) : "c"(index));
	return a | ((u64)d << 32);
}

/* read_crN, write_crN and write_crN_safe (0 or the fault's vector). */
#define DEFINE_CR_ACCESSORS(n)							\
static inline ulong read_cr##n(void)						\
{										\
	ulong v;								\
										\
	asm volatile("mov %%cr" #n ", %0" : "=r"(v) : : "memory");		\
	return v;								\
}										\
static inline void write_cr##n(ulong v)						\
{										\
	asm volatile("mov %0, %%cr" #n : : "r"(v) : "memory");			\
}										\
static inline int write_cr##n##_safe(ulong v)					\
{										\
	asm volatile(ASM_TRY("1f") "mov %0, %%cr" #n "\n1:" : : "r"(v) : "memory");	\
	return exception_vector();						\
}

DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
/* CR8 exists in long mode only; a 32-bit assembler encodes "mov %eax, %cr8" as a write of CR0. */
#ifdef __x86_64__
DEFINE_CR_ACCESSORS(8)
#endif

/* write_cr3 in the shape on_cpus() takes: on_cpus(update_cr3, (void *)read_cr3()). */
static inline void update_cr3(void *cr3)
{
	write_cr3((ulong)cr3);
}

#define DEFINE_DR_ACCESSORS(n)							\
static inline ulong read_dr##n(void)						\
{										\
	ulong v;								\
										\
	asm volatile("mov %%dr" #n ", %0" : "=r"(v) : : "memory");		\
	return v;								\
}										\
static inline void __write_dr##n(ulong v)					\
{										\
	asm volatile("mov %0, %%dr" #n : : "r"(v) : "memory");			\
}

DEFINE_DR_ACCESSORS(0)
DEFINE_DR_ACCESSORS(1)
DEFINE_DR_ACCESSORS(2)
DEFINE_DR_ACCESSORS(3)
DEFINE_DR_ACCESSORS(6)
DEFINE_DR_ACCESSORS(7)

/* write_drN(v): v may be an address (a breakpoint's) or a number. */
#define write_dr0(v)	__write_dr0((ulong)(v))
#define write_dr1(v)	__write_dr1((ulong)(v))
#define write_dr2(v)	__write_dr2((ulong)(v))
#define write_dr3(v)	__write_dr3((ulong)(v))
#define write_dr6(v)	__write_dr6((ulong)(v))
#define write_dr7(v)	__write_dr7((ulong)(v))

#define DEFINE_SEG_ACCESSORS(seg)						\
static inline u16 read_##seg(void)						\
{										\
	u16 v;									\
										\
	asm volatile("mov %%" #seg ", %0" : "=rm"(v));				\
	return v;								\
}										\
static inline void write_##seg(u16 v)						\
{										\
	asm volatile("mov %0, %%" #seg : : "rm"(v) : "memory");		\
}

DEFINE_SEG_ACCESSORS(ds)
DEFINE_SEG_ACCESSORS(es)
DEFINE_SEG_ACCESSORS(fs)
DEFINE_SEG_ACCESSORS(gs)
DEFINE_SEG_ACCESSORS(ss)

static inline u16 read_cs(void)
{
	u16 v;

	asm volatile("mov %%cs, %0" : "=rm"(v));
	return v;
}

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

static inline void set_iopl(int iopl)
{
	write_rflags((read_rflags() & ~X86_EFLAGS_IOPL) | ((ulong)iopl << 12));
}

static inline u64 rdtsc(void)
{
	u32 a, d;

	asm volatile("rdtsc" : "=a"(a), "=d"(d));
	return a | ((u64)d << 32);
}

/* RDTSCP: the TSC, and IA32_TSC_AUX in *aux. */
static inline u64 rdtscp(u32 *aux)
{
	u32 a, d;

	asm volatile("rdtscp" : "=a"(a), "=d"(d), "=c"(*aux));
	return a | ((u64)d << 32);
}

/*
 * RDTSC ordered against the code around it (Intel SDM vol. 2, RDTSC):
 * MFENCE; LFENCE before it wait for earlier loads and stores, LFENCE after
 * it keeps later instructions from starting first.
 */
static inline u64 fenced_rdtsc(void)
{
	u32 a, d;

	asm volatile("mfence; lfence; rdtsc; lfence" : "=a"(a), "=d"(d) : : "memory");
	return a | ((u64)d << 32);
}

static inline void wrtsc(u64 tsc)
{
	wrmsr(MSR_IA32_TSC, tsc);
}

static inline u64 xgetbv(u32 index)
{
	u32 a, d;

	asm volatile("xgetbv" : "=a"(a), "=d"(d) : "c"(index));
	return a | ((u64)d << 32);
}

static inline int xgetbv_safe(u32 index, u64 *result)
{
	u32 a = 0, d = 0;

	asm volatile(ASM_TRY("1f") "xgetbv\n1:" : "+a"(a), "+d"(d) : "c"(index));
	*result = a | ((u64)d << 32);
	return exception_vector();
}

static inline void xsetbv(u32 index, u64 value)
{
	asm volatile("xsetbv" : : "a"((u32)value), "d"((u32)(value >> 32)), "c"(index) : "memory");
}

static inline int xsetbv_safe(u32 index, u64 value)
{
	asm volatile(ASM_TRY("1f") "xsetbv\n1:" : : "a"((u32)value), "d"((u32)(value >> 32)), "c"(index) : "memory");
	return exception_vector();
}

/* INVPCID's 16-byte descriptor (Intel SDM vol. 2, INVPCID): the PCID in bits 11:0, then the address. */
struct invpcid_desc {
	u64 pcid:12;
	u64 rsv:52;
	u64 addr;
};

/* INVPCID of type with descriptor desc: 0 or the fault's vector. */
static inline int invpcid_safe(unsigned long type, void *desc)
{
	asm volatile(ASM_TRY("1f") "invpcid (%0), %1\n1:" : : "r"(desc), "r"(type) : "memory");
	return exception_vector();
}

static inline u32 read_pkru(void)
{
	u32 a, d;

	asm volatile("rdpkru" : "=a"(a), "=d"(d) : "c"(0));
	return a;
}

static inline void write_pkru(u32 pkru)
{
	asm volatile("wrpkru" : : "a"(pkru), "c"(0), "d"(0) : "memory");
}

static inline void irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}

static inline void irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}

static inline void sti(void)
{
	irq_enable();
}

static inline void cli(void)
{
	irq_disable();
}

/* sti; nop in one asm: the interrupt shadow of sti covers the nop, not compiler-chosen code. */
static inline void sti_nop(void)
{
	asm volatile("sti; nop" : : : "memory");
}

/* Interrupts on for one instruction: a pending interrupt is taken right there. */
static inline void sti_nop_cli(void)
{
	asm volatile("sti; nop; cli" : : : "memory");
}

/* Enable interrupts and halt without a window in between (the sti shadow). */
static inline void safe_halt(void)
{
	asm volatile("sti; hlt" : : : "memory");
}

static inline void pause(void)
{
	asm volatile("pause" : : : "memory");
}

static inline void cpu_relax(void)
{
	pause();
}

static inline void halt(void)
{
	asm volatile("hlt");
}

static inline void clac(void)
{
	asm volatile("clac" : : : "memory");
}

static inline void stac(void)
{
	asm volatile("stac" : : : "memory");
}

static inline void invlpg(volatile void *va)
{
	asm volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void clflush(volatile void *p)
{
	asm volatile("clflush (%0)" : : "r"(p) : "memory");
}

/* Flush every TLB entry, global ones too (toggling CR4.PGE), or all but global ones. */
static inline void flush_tlb(void)
{
	ulong cr4 = read_cr4();

	if (cr4 & X86_CR4_PGE) {
		write_cr4(cr4 & ~X86_CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
}

/* CPUID feature bits a test may ask about: (leaf, index, register, bit). */
struct x86_feature {
	u32 function, index;
	u8 reg, bit;	/* reg: EAX, EBX, ECX or EDX */
};

#define X86_FEATURE(fn, idx, r, b)	((struct x86_feature){ fn, idx, r, b })
/* kvm-unit-tests' names for the same thing. */
#define x86_cpu_feature			x86_feature
#define X86_CPU_FEATURE(fn, idx, r, b)	X86_FEATURE(fn, idx, r, b)
#define X86_FEATURE_FPU			X86_FEATURE(0x1, 0, EDX, 0)
#define X86_FEATURE_VME			X86_FEATURE(0x1, 0, EDX, 1)
#define X86_FEATURE_DE			X86_FEATURE(0x1, 0, EDX, 2)
#define X86_FEATURE_PSE			X86_FEATURE(0x1, 0, EDX, 3)
#define X86_FEATURE_TSC			X86_FEATURE(0x1, 0, EDX, 4)
#define X86_FEATURE_MSR			X86_FEATURE(0x1, 0, EDX, 5)
#define X86_FEATURE_PAE			X86_FEATURE(0x1, 0, EDX, 6)
#define X86_FEATURE_MCE			X86_FEATURE(0x1, 0, EDX, 7)
#define X86_FEATURE_APIC		X86_FEATURE(0x1, 0, EDX, 9)
#define X86_FEATURE_SEP			X86_FEATURE(0x1, 0, EDX, 11)
#define X86_FEATURE_MTRR		X86_FEATURE(0x1, 0, EDX, 12)
#define X86_FEATURE_PGE			X86_FEATURE(0x1, 0, EDX, 13)
#define X86_FEATURE_PAT			X86_FEATURE(0x1, 0, EDX, 16)
#define X86_FEATURE_PSE36		X86_FEATURE(0x1, 0, EDX, 17)
#define X86_FEATURE_CLFLUSH		X86_FEATURE(0x1, 0, EDX, 19)
#define X86_FEATURE_DS			X86_FEATURE(0x1, 0, EDX, 21)
#define X86_FEATURE_XMM			X86_FEATURE(0x1, 0, EDX, 25)
#define X86_FEATURE_XMM2		X86_FEATURE(0x1, 0, EDX, 26)
#define X86_FEATURE_SSE3		X86_FEATURE(0x1, 0, ECX, 0)
#define X86_FEATURE_PCLMULQDQ		X86_FEATURE(0x1, 0, ECX, 1)
#define X86_FEATURE_DTES64		X86_FEATURE(0x1, 0, ECX, 2)
#define X86_FEATURE_MWAIT		X86_FEATURE(0x1, 0, ECX, 3)
#define X86_FEATURE_VMX			X86_FEATURE(0x1, 0, ECX, 5)
#define X86_FEATURE_SMX			X86_FEATURE(0x1, 0, ECX, 6)
#define X86_FEATURE_PDCM		X86_FEATURE(0x1, 0, ECX, 15)
#define X86_FEATURE_PCID		X86_FEATURE(0x1, 0, ECX, 17)
#define X86_FEATURE_X2APIC		X86_FEATURE(0x1, 0, ECX, 21)
#define X86_FEATURE_MOVBE		X86_FEATURE(0x1, 0, ECX, 22)
#define X86_FEATURE_TSC_DEADLINE_TIMER	X86_FEATURE(0x1, 0, ECX, 24)
#define X86_FEATURE_XSAVE		X86_FEATURE(0x1, 0, ECX, 26)
#define X86_FEATURE_OSXSAVE		X86_FEATURE(0x1, 0, ECX, 27)
#define X86_FEATURE_AVX			X86_FEATURE(0x1, 0, ECX, 28)
#define X86_FEATURE_RDRAND		X86_FEATURE(0x1, 0, ECX, 30)
#define X86_FEATURE_HYPERVISOR		X86_FEATURE(0x1, 0, ECX, 31)
#define X86_FEATURE_FSGSBASE		X86_FEATURE(0x7, 0, EBX, 0)
#define X86_FEATURE_TSC_ADJUST		X86_FEATURE(0x7, 0, EBX, 1)
#define X86_FEATURE_SGX			X86_FEATURE(0x7, 0, EBX, 2)
#define X86_FEATURE_HLE			X86_FEATURE(0x7, 0, EBX, 4)
#define X86_FEATURE_SMEP		X86_FEATURE(0x7, 0, EBX, 7)
#define X86_FEATURE_INVPCID		X86_FEATURE(0x7, 0, EBX, 10)
#define X86_FEATURE_RTM			X86_FEATURE(0x7, 0, EBX, 11)
#define X86_FEATURE_MPX			X86_FEATURE(0x7, 0, EBX, 14)
#define X86_FEATURE_RDSEED		X86_FEATURE(0x7, 0, EBX, 18)
#define X86_FEATURE_ADX			X86_FEATURE(0x7, 0, EBX, 19)
#define X86_FEATURE_SMAP		X86_FEATURE(0x7, 0, EBX, 20)
#define X86_FEATURE_PCOMMIT		X86_FEATURE(0x7, 0, EBX, 22)
#define X86_FEATURE_CLFLUSHOPT		X86_FEATURE(0x7, 0, EBX, 23)
#define X86_FEATURE_CLWB		X86_FEATURE(0x7, 0, EBX, 24)
#define X86_FEATURE_INTEL_PT		X86_FEATURE(0x7, 0, EBX, 25)
#define X86_FEATURE_AVX512F		X86_FEATURE(0x7, 0, EBX, 16)
#define X86_FEATURE_SHA_NI		X86_FEATURE(0x7, 0, EBX, 29)
#define X86_FEATURE_UMIP		X86_FEATURE(0x7, 0, ECX, 2)
#define X86_FEATURE_PKU			X86_FEATURE(0x7, 0, ECX, 3)
#define X86_FEATURE_OSPKE		X86_FEATURE(0x7, 0, ECX, 4)
#define X86_FEATURE_WAITPKG		X86_FEATURE(0x7, 0, ECX, 5)
#define X86_FEATURE_SHSTK		X86_FEATURE(0x7, 0, ECX, 7)
#define X86_FEATURE_LA57		X86_FEATURE(0x7, 0, ECX, 16)
#define X86_FEATURE_RDPID		X86_FEATURE(0x7, 0, ECX, 22)
#define X86_FEATURE_PKS			X86_FEATURE(0x7, 0, ECX, 31)
#define X86_FEATURE_IBT			X86_FEATURE(0x7, 0, EDX, 20)
#define X86_FEATURE_SPEC_CTRL		X86_FEATURE(0x7, 0, EDX, 26)
#define X86_FEATURE_FLUSH_L1D		X86_FEATURE(0x7, 0, EDX, 28)
#define X86_FEATURE_ARCH_CAPABILITIES	X86_FEATURE(0x7, 0, EDX, 29)
#define X86_FEATURE_LAM			X86_FEATURE(0x7, 1, EAX, 26)
#define X86_FEATURE_XSAVES		X86_FEATURE(0xd, 1, EAX, 3)
#define X86_FEATURE_SVM			X86_FEATURE(0x80000001, 0, ECX, 2)
#define X86_FEATURE_LAHF_LM		X86_FEATURE(0x80000001, 0, ECX, 0)
#define X86_FEATURE_PERFCTR_CORE	X86_FEATURE(0x80000001, 0, ECX, 23)
#define X86_FEATURE_SYSCALL		X86_FEATURE(0x80000001, 0, EDX, 11)
#define X86_FEATURE_NX			X86_FEATURE(0x80000001, 0, EDX, 20)
#define X86_FEATURE_GBPAGES		X86_FEATURE(0x80000001, 0, EDX, 26)
#define X86_FEATURE_RDTSCP		X86_FEATURE(0x80000001, 0, EDX, 27)
#define X86_FEATURE_LM			X86_FEATURE(0x80000001, 0, EDX, 29)
#define X86_FEATURE_RDPRU		X86_FEATURE(0x80000008, 0, EBX, 4)
#define X86_FEATURE_AMD_IBPB		X86_FEATURE(0x80000008, 0, EBX, 12)
#define X86_FEATURE_AMD_IBRS		X86_FEATURE(0x80000008, 0, EBX, 14)
#define X86_FEATURE_NPT			X86_FEATURE(0x8000000a, 0, EDX, 0)
#define X86_FEATURE_LBRV		X86_FEATURE(0x8000000a, 0, EDX, 1)
#define X86_FEATURE_NRIPS		X86_FEATURE(0x8000000a, 0, EDX, 3)
#define X86_FEATURE_TSCRATEMSR		X86_FEATURE(0x8000000a, 0, EDX, 4)
#define X86_FEATURE_PAUSEFILTER		X86_FEATURE(0x8000000a, 0, EDX, 10)
#define X86_FEATURE_PFTHRESHOLD		X86_FEATURE(0x8000000a, 0, EDX, 12)
#define X86_FEATURE_VGIF		X86_FEATURE(0x8000000a, 0, EDX, 16)
#define X86_FEATURE_VNMI		X86_FEATURE(0x8000000a, 0, EDX, 25)
#define X86_FEATURE_SME			X86_FEATURE(0x8000001f, 0, EAX, 0)
#define X86_FEATURE_SEV			X86_FEATURE(0x8000001f, 0, EAX, 1)
#define X86_FEATURE_SEV_ES		X86_FEATURE(0x8000001f, 0, EAX, 3)

static inline bool this_cpu_has(struct x86_feature f)
{
	struct cpuid r = cpuid_indexed(f.function, f.index);
	u32 regs[4] = { r.a, r.b, r.c, r.d };

	return (regs[f.reg] >> f.bit) & 1;
}

static inline bool cpu_has_efer_nx(void)
{
	return this_cpu_has(X86_FEATURE_NX);
}

/*
 * kvm-unit-tests' x86 API, the rest of its processor.h names: CPUID
 * properties (multi-bit fields), KVM's CPUID leaves, XCR0, LAM and LA57
 * state, and the small helpers its tests use.
 */

/* More feature bits (Intel SDM vol. 2, CPUID; AMD APM vol. 3, appendix E). */
#define X86_FEATURE_BUS_LOCK_DETECT	X86_FEATURE(0x7, 0, ECX, 24)
#define X86_FEATURE_STIBP		X86_FEATURE(0x7, 0, EDX, 27)
#define X86_FEATURE_SSBD		X86_FEATURE(0x7, 0, EDX, 31)
#define X86_FEATURE_AMD_STIBP		X86_FEATURE(0x80000008, 0, EBX, 15)
#define X86_FEATURE_AMD_SSBD		X86_FEATURE(0x80000008, 0, EBX, 24)
#define X86_FEATURE_SBPB		X86_FEATURE(0x80000021, 0, EAX, 27)
#define X86_FEATURE_AMD_PMU_V2		X86_FEATURE(0x80000022, 0, EAX, 0)
#define X86_FEATURE_SKINIT		X86_FEATURE(0x80000001, 0, ECX, 12)

/* KVM's paravirtual features, CPUID 0x40000001 EAX (Linux's Documentation/virt/kvm/x86/cpuid.rst). */
#define KVM_FEATURE_CLOCKSOURCE		X86_FEATURE(0x40000001, 0, EAX, 0)
#define KVM_FEATURE_NOP_IO_DELAY	X86_FEATURE(0x40000001, 0, EAX, 1)
#define KVM_FEATURE_CLOCKSOURCE2	X86_FEATURE(0x40000001, 0, EAX, 3)
#define KVM_FEATURE_ASYNC_PF		X86_FEATURE(0x40000001, 0, EAX, 4)
#define KVM_FEATURE_STEAL_TIME		X86_FEATURE(0x40000001, 0, EAX, 5)
#define KVM_FEATURE_PV_EOI		X86_FEATURE(0x40000001, 0, EAX, 6)
#define KVM_FEATURE_ASYNC_PF_INT	X86_FEATURE(0x40000001, 0, EAX, 14)

/* A field of bits lo..hi of one CPUID output register. */
struct x86_cpu_property {
	u32 function, index;
	u8 reg, lo_bit, hi_bit;
};

#define X86_CPU_PROPERTY(fn, idx, r, lo, hi)	((struct x86_cpu_property){ fn, idx, r, lo, hi })
#define X86_PROPERTY_MAX_BASIC_LEAF		X86_CPU_PROPERTY(0, 0, EAX, 0, 31)
#define X86_PROPERTY_PMU_VERSION		X86_CPU_PROPERTY(0xa, 0, EAX, 0, 7)
#define X86_PROPERTY_PMU_NR_GP_COUNTERS		X86_CPU_PROPERTY(0xa, 0, EAX, 8, 15)
#define X86_PROPERTY_PMU_GP_COUNTERS_BIT_WIDTH	X86_CPU_PROPERTY(0xa, 0, EAX, 16, 23)
#define X86_PROPERTY_PMU_EBX_BIT_VECTOR_LENGTH	X86_CPU_PROPERTY(0xa, 0, EAX, 24, 31)
#define X86_PROPERTY_PMU_EVENTS_MASK		X86_CPU_PROPERTY(0xa, 0, EBX, 0, 7)
#define X86_PROPERTY_PMU_FIXED_COUNTERS_BITMASK	X86_CPU_PROPERTY(0xa, 0, ECX, 0, 31)
#define X86_PROPERTY_PMU_NR_FIXED_COUNTERS	X86_CPU_PROPERTY(0xa, 0, EDX, 0, 4)
#define X86_PROPERTY_PMU_FIXED_COUNTERS_BIT_WIDTH X86_CPU_PROPERTY(0xa, 0, EDX, 5, 12)
#define X86_PROPERTY_SUPPORTED_XCR0_LO		X86_CPU_PROPERTY(0xd, 0, EAX, 0, 31)
#define X86_PROPERTY_XSTATE_MAX_SIZE_XCR0	X86_CPU_PROPERTY(0xd, 0, EBX, 0, 31)
#define X86_PROPERTY_XSTATE_MAX_SIZE		X86_CPU_PROPERTY(0xd, 0, ECX, 0, 31)
#define X86_PROPERTY_SUPPORTED_XCR0_HI		X86_CPU_PROPERTY(0xd, 0, EDX, 0, 31)
#define X86_PROPERTY_INTEL_PT_NR_RANGES		X86_CPU_PROPERTY(0x14, 1, EAX, 0, 2)
#define X86_PROPERTY_MAX_KVM_LEAF		X86_CPU_PROPERTY(0x40000000, 0, EAX, 0, 31)
#define X86_PROPERTY_MAX_EXT_LEAF		X86_CPU_PROPERTY(0x80000000, 0, EAX, 0, 31)
#define X86_PROPERTY_MAX_PHY_ADDR		X86_CPU_PROPERTY(0x80000008, 0, EAX, 0, 7)
#define X86_PROPERTY_MAX_VIRT_ADDR		X86_CPU_PROPERTY(0x80000008, 0, EAX, 8, 15)
#define X86_PROPERTY_GUEST_MAX_PHY_ADDR		X86_CPU_PROPERTY(0x80000008, 0, EAX, 16, 23)
#define X86_PROPERTY_NR_PERFCTR_CORE		X86_CPU_PROPERTY(0x80000022, 0, EBX, 0, 3)
#define X86_PROPERTY_NR_PERFCTR_NB		X86_CPU_PROPERTY(0x80000022, 0, EBX, 10, 15)

/* The field's value (0 when its leaf is above the maximum of its range). */
static inline u32 this_cpu_property(struct x86_cpu_property p)
{
	struct cpuid r = cpuid_indexed(p.function, p.index);
	u32 regs[4] = { r.a, r.b, r.c, r.d };
	u32 width = p.hi_bit - p.lo_bit + 1;

	return (regs[p.reg] >> p.lo_bit) & (width == 32 ? ~0u : (1u << width) - 1);
}

/* Whether the property's leaf exists: at most the maximum leaf of its range. */
static inline bool this_cpu_has_p(struct x86_cpu_property p)
{
	return raw_cpuid(p.function & 0xc0000000, 0).a >= p.function;
}

/*
 * Family and model from CPUID.1 EAX (sig), Intel SDM vol. 2, CPUID: the
 * extended family adds to a base family of 0xf; the extended model is the
 * high nibble of the model for families 6 and 0xf.
 */
static inline u32 x86_family(u32 sig)
{
	u32 fam = (sig >> 8) & 0xf;

	return fam == 0xf ? fam + ((sig >> 20) & 0xff) : fam;
}

static inline u32 x86_model(u32 sig)
{
	u32 fam = x86_family(sig), model = (sig >> 4) & 0xf;

	return fam == 6 || fam >= 0xf ? model | (((sig >> 16) & 0xf) << 4) : model;
}

/* KVM's hypervisor leaves: the HYPERVISOR bit, then "KVMKVMKVM\0\0\0" in CPUID 0x40000000 EBX, ECX, EDX. */
#define KVM_SIGNATURE	"KVMKVMKVM\0\0\0"
static inline bool this_cpu_has_kvm(void)
{
	struct cpuid r;
	u32 sig[3];

	if (!this_cpu_has(X86_FEATURE_HYPERVISOR))
		return false;
	r = raw_cpuid(0x40000000, 0);
	sig[0] = r.b;
	sig[1] = r.c;
	sig[2] = r.d;
	return !memcmp(sig, KVM_SIGNATURE, 12);
}

/* The XCR0 bits this CPU lets software set (CPUID 0xD.0 EDX:EAX). */
static inline u64 this_cpu_supported_xcr0(void)
{
	if (!this_cpu_has_p(X86_PROPERTY_SUPPORTED_XCR0_LO))
		return 0;
	return this_cpu_property(X86_PROPERTY_SUPPORTED_XCR0_LO) |
	       ((u64)this_cpu_property(X86_PROPERTY_SUPPORTED_XCR0_HI) << 32);
}

static inline int read_xcr0_safe(u64 *value)
{
	return xgetbv_safe(XCR_XFEATURE_ENABLED_MASK, value);
}

static inline int write_xcr0_safe(u64 value)
{
	return xsetbv_safe(XCR_XFEATURE_ENABLED_MASK, value);
}

static inline u64 read_xcr0(void)
{
	return xgetbv(XCR_XFEATURE_ENABLED_MASK);
}

static inline void write_xcr0(u64 value)
{
	xsetbv(XCR_XFEATURE_ENABLED_MASK, value);
}

/* RDMSR and WRMSR through KVM's forced emulation prefix: 0 or the fault's vector. */
static inline int rdmsr_fep_safe(u32 index, u64 *val)
{
	u32 a = 0, d = 0;

	asm volatile(__ASM_TRY(KVM_FEP, "1f") "rdmsr\n1:" : "+a"(a), "+d"(d) : "c"(index) : "memory");
	*val = a | ((u64)d << 32);
	return exception_vector();
}

static inline int wrmsr_fep_safe(u32 index, u64 val)
{
	asm volatile(__ASM_TRY(KVM_FEP, "1f") "wrmsr\n1:"
		     : : "a"((u32)val), "d"((u32)(val >> 32)), "c"(index) : "memory");
	return exception_vector();
}

static inline int rdpmc_safe(u32 index, u64 *val)
{
	u32 a = 0, d = 0;

	asm volatile(ASM_TRY("1f") "rdpmc\n1:" : "+a"(a), "+d"(d) : "c"(index) : "memory");
	*val = a | ((u64)d << 32);
	return exception_vector();
}

/*
 * Arm the TSC-deadline timer, then serialize (CPUID): the WRMSR to
 * IA32_TSC_DEADLINE is not a serializing instruction (Intel SDM vol. 3,
 * 11.5.4.1), so without it the test could read the APIC before the write
 * took effect.
 */
static inline void wrmsr_tscdeadline_serialize(u64 deadline)
{
	wrmsr(MSR_IA32_TSCDEADLINE, deadline);
	raw_cpuid(0, 0);
}

/* The x86-64 segment register and general helpers kvm-unit-tests' tests use; R, W and S make asm width-generic. */
#define R	"r"
#define W	"q"
#define S	"8"

/* Canonical addresses under 4- and 5-level paging, and the non-canonical one of NONCANONICAL. */
#define CANONICAL_48_VAL	0xffffaaaaaaaaaaaaull
#define CANONICAL_57_VAL	0xffaaaaaaaaaaaaaaull

/*
 * Linear-address masking (Intel SDM vol. 3, 4.4): the bits a LAM48 or
 * LAM57 address may use for metadata; CR4.LAM_SUP turns it on for
 * supervisor addresses, CR3 bits 61 and 62 for user ones.
 */
#define LAM57_MASK		GENMASK_ULL(62, 57)
#define LAM48_MASK		GENMASK_ULL(62, 48)
#define X86_CR4_LAM_SUP		BIT(28)

/* addr with the bits of mask taken from NONCANONICAL: a metadata pattern that is not canonical. */
static inline u64 get_non_canonical(u64 addr, u64 mask)
{
	return (addr & ~mask) | (NONCANONICAL & mask);
}

static inline bool is_la57_enabled(void)
{
	return read_cr4() & X86_CR4_LA57;
}

static inline bool is_lam_sup_enabled(void)
{
	return read_cr4() & X86_CR4_LAM_SUP;
}

/* LAM_U57 wins when both CR3 bits are set (Intel SDM vol. 3, 4.4). */
static inline bool is_lam_u48_enabled(void)
{
	return (read_cr3() & (X86_CR3_LAM_U48 | X86_CR3_LAM_U57)) == X86_CR3_LAM_U48;
}

static inline bool is_lam_u57_enabled(void)
{
	return read_cr3() & X86_CR3_LAM_U57;
}

#endif /* _X86_PROCESSOR_H_ */
