/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmx.h - Intel VMX (nested virtualization) architecture definitions: VMCS
 * field encodings (Intel SDM vol. 3D appendix B), basic exit reasons
 * (appendix C), VM-execution, VM-exit and VM-entry control bits (ch. 25),
 * VM-instruction error numbers (ch. 31.4), EPT and INVEPT/INVVPID
 * definitions (ch. 29), and the VMX instructions with their outcome
 * (VMsucceed, VMfailInvalid: CF=1, VMfailValid: ZF=1, or a fault).
 * The field and exit-reason names are kvm-unit-tests' own, so its VMX tests build.
 */
#ifndef _X86_VMX_H_
#define _X86_VMX_H_

#include "libcflat.h"
#include "processor.h"
#include "desc.h"
#include "msr.h"

/*
 * A field encoding (SDM B.1): bit 0 access type (1: the high 32 bits of a
 * 64-bit field), bits 9:1 index, bits 11:10 type (0 control, 1 exit
 * information, 2 guest state, 3 host state), bits 14:13 width (0 16-bit,
 * 1 64-bit, 2 32-bit, 3 natural width); bit 12 and bits 31:15 are 0.
 */
#define VMCS_FIELD_HIGH(enc)	((enc) & 1)
#define VMCS_FIELD_INDEX(enc)	(((enc) >> 1) & 0x1ff)
#define VMCS_FIELD_TYPE(enc)	(((enc) >> 10) & 3)
#define VMCS_FIELD_WIDTH(enc)	(((enc) >> 13) & 3)
#define VMCS_FIELD_RESERVED(enc)	((enc) & 0xffff9000u)
enum vmcs_field_width { VMCS_WIDTH_16, VMCS_WIDTH_64, VMCS_WIDTH_32, VMCS_WIDTH_NATURAL };
enum vmcs_field_type { VMCS_TYPE_CONTROL, VMCS_TYPE_EXIT_INFO, VMCS_TYPE_GUEST, VMCS_TYPE_HOST };

static inline u32 vmcs_encode(int width, int type, int index, bool high)
{
	return (u32)width << 13 | (u32)type << 10 | (u32)index << 1 | high;
}

enum Encoding {
	/* 16-bit control, guest and host fields */
	VPID			= 0x0000,
	PINV			= 0x0002,
	EPTP_IDX		= 0x0004,
	GUEST_SEL_ES		= 0x0800,
	GUEST_SEL_CS		= 0x0802,
	GUEST_SEL_SS		= 0x0804,
	GUEST_SEL_DS		= 0x0806,
	GUEST_SEL_FS		= 0x0808,
	GUEST_SEL_GS		= 0x080a,
	GUEST_SEL_LDTR		= 0x080c,
	GUEST_SEL_TR		= 0x080e,
	GUEST_INT_STATUS	= 0x0810,
	GUEST_PML_INDEX		= 0x0812,
	HOST_SEL_ES		= 0x0c00,
	HOST_SEL_CS		= 0x0c02,
	HOST_SEL_SS		= 0x0c04,
	HOST_SEL_DS		= 0x0c06,
	HOST_SEL_FS		= 0x0c08,
	HOST_SEL_GS		= 0x0c0a,
	HOST_SEL_TR		= 0x0c0c,
	/* 64-bit control fields */
	IO_BITMAP_A		= 0x2000,
	IO_BITMAP_B		= 0x2002,
	MSR_BITMAP		= 0x2004,
	EXIT_MSR_ST_ADDR	= 0x2006,
	EXIT_MSR_LD_ADDR	= 0x2008,
	ENTER_MSR_LD_ADDR	= 0x200a,
	VMCS_EXEC_PTR		= 0x200c,
	PMLADDR			= 0x200e,
	TSC_OFFSET		= 0x2010,
	TSC_OFFSET_HI		= 0x2011,
	APIC_VIRT_ADDR		= 0x2012,
	APIC_ACCS_ADDR		= 0x2014,
	POSTED_INTR_DESC_ADDR	= 0x2016,
	EPTP			= 0x201a,
	EPTP_HI			= 0x201b,
	VMREAD_BITMAP		= 0x2026,
	VMWRITE_BITMAP		= 0x2028,
	/* 64-bit read-only data field */
	INFO_PHYS_ADDR		= 0x2400,
	/* 64-bit guest and host state */
	VMCS_LINK_PTR		= 0x2800,
	VMCS_LINK_PTR_HI	= 0x2801,
	GUEST_DEBUGCTL		= 0x2802,
	GUEST_PAT		= 0x2804,
	GUEST_EFER		= 0x2806,
	GUEST_PERF_GLOBAL_CTRL	= 0x2808,
	GUEST_PDPTE		= 0x280a,
	HOST_PAT		= 0x2c00,
	HOST_EFER		= 0x2c02,
	HOST_PERF_GLOBAL_CTRL	= 0x2c04,
	/* 32-bit control fields */
	PIN_CONTROLS		= 0x4000,
	CPU_EXEC_CTRL0		= 0x4002,
	EXC_BITMAP		= 0x4004,
	PF_ERROR_MASK		= 0x4006,
	PF_ERROR_MATCH		= 0x4008,
	CR3_TARGET_COUNT	= 0x400a,
	EXI_CONTROLS		= 0x400c,
	EXI_MSR_ST_CNT		= 0x400e,
	EXI_MSR_LD_CNT		= 0x4010,
	ENT_CONTROLS		= 0x4012,
	ENT_MSR_LD_CNT		= 0x4014,
	ENT_INTR_INFO		= 0x4016,
	ENT_INTR_ERROR		= 0x4018,
	ENT_INST_LEN		= 0x401a,
	TPR_THRESHOLD		= 0x401c,
	CPU_EXEC_CTRL1		= 0x401e,
	/* 32-bit read-only data fields */
	VMX_INST_ERROR		= 0x4400,
	EXI_REASON		= 0x4402,
	EXI_INTR_INFO		= 0x4404,
	EXI_INTR_ERROR		= 0x4406,
	IDT_VECT_INFO		= 0x4408,
	IDT_VECT_ERROR		= 0x440a,
	EXI_INST_LEN		= 0x440c,
	EXI_INST_INFO		= 0x440e,
	/* 32-bit guest and host state */
	GUEST_LIMIT_ES		= 0x4800,
	GUEST_LIMIT_CS		= 0x4802,
	GUEST_LIMIT_SS		= 0x4804,
	GUEST_LIMIT_DS		= 0x4806,
	GUEST_LIMIT_FS		= 0x4808,
	GUEST_LIMIT_GS		= 0x480a,
	GUEST_LIMIT_LDTR	= 0x480c,
	GUEST_LIMIT_TR		= 0x480e,
	GUEST_LIMIT_GDTR	= 0x4810,
	GUEST_LIMIT_IDTR	= 0x4812,
	GUEST_AR_ES		= 0x4814,
	GUEST_AR_CS		= 0x4816,
	GUEST_AR_SS		= 0x4818,
	GUEST_AR_DS		= 0x481a,
	GUEST_AR_FS		= 0x481c,
	GUEST_AR_GS		= 0x481e,
	GUEST_AR_LDTR		= 0x4820,
	GUEST_AR_TR		= 0x4822,
	GUEST_INTR_STATE	= 0x4824,
	GUEST_ACTV_STATE	= 0x4826,
	GUEST_SMBASE		= 0x4828,
	GUEST_SYSENTER_CS	= 0x482a,
	PREEMPT_TIMER_VALUE	= 0x482e,
	HOST_SYSENTER_CS	= 0x4c00,
	/* natural-width control fields */
	CR0_MASK		= 0x6000,
	CR4_MASK		= 0x6002,
	CR0_READ_SHADOW		= 0x6004,
	CR4_READ_SHADOW		= 0x6006,
	CR3_TARGET_0		= 0x6008,
	CR3_TARGET_1		= 0x600a,
	CR3_TARGET_2		= 0x600c,
	CR3_TARGET_3		= 0x600e,
	/* natural-width read-only data fields */
	EXI_QUALIFICATION	= 0x6400,
	IO_RCX			= 0x6402,
	IO_RSI			= 0x6404,
	IO_RDI			= 0x6406,
	IO_RIP			= 0x6408,
	GUEST_LINEAR_ADDRESS	= 0x640a,
	/* natural-width guest state */
	GUEST_CR0		= 0x6800,
	GUEST_CR3		= 0x6802,
	GUEST_CR4		= 0x6804,
	GUEST_BASE_ES		= 0x6806,
	GUEST_BASE_CS		= 0x6808,
	GUEST_BASE_SS		= 0x680a,
	GUEST_BASE_DS		= 0x680c,
	GUEST_BASE_FS		= 0x680e,
	GUEST_BASE_GS		= 0x6810,
	GUEST_BASE_LDTR		= 0x6812,
	GUEST_BASE_TR		= 0x6814,
	GUEST_BASE_GDTR		= 0x6816,
	GUEST_BASE_IDTR		= 0x6818,
	GUEST_DR7		= 0x681a,
	GUEST_RSP		= 0x681c,
	GUEST_RIP		= 0x681e,
	GUEST_RFLAGS		= 0x6820,
	GUEST_PENDING_DEBUG	= 0x6822,
	GUEST_SYSENTER_ESP	= 0x6824,
	GUEST_SYSENTER_EIP	= 0x6826,
	/* natural-width host state */
	HOST_CR0		= 0x6c00,
	HOST_CR3		= 0x6c02,
	HOST_CR4		= 0x6c04,
	HOST_BASE_FS		= 0x6c06,
	HOST_BASE_GS		= 0x6c08,
	HOST_BASE_TR		= 0x6c0a,
	HOST_BASE_GDTR		= 0x6c0c,
	HOST_BASE_IDTR		= 0x6c0e,
	HOST_SYSENTER_ESP	= 0x6c10,
	HOST_SYSENTER_EIP	= 0x6c12,
	HOST_RSP		= 0x6c14,
	HOST_RIP		= 0x6c16,
};

/* Basic exit reasons (SDM appendix C); bit 31 of EXI_REASON marks a VM-entry failure. */
enum Reason {
	VMX_EXC_NMI		= 0,
	VMX_EXTINT		= 1,
	VMX_TRIPLE_FAULT	= 2,
	VMX_INIT		= 3,
	VMX_SIPI		= 4,
	VMX_SMI_IO		= 5,
	VMX_SMI_OTHER		= 6,
	VMX_INTR_WINDOW		= 7,
	VMX_NMI_WINDOW		= 8,
	VMX_TASK_SWITCH		= 9,
	VMX_CPUID		= 10,
	VMX_GETSEC		= 11,
	VMX_HLT			= 12,
	VMX_INVD		= 13,
	VMX_INVLPG		= 14,
	VMX_RDPMC		= 15,
	VMX_RDTSC		= 16,
	VMX_RSM			= 17,
	VMX_VMCALL		= 18,
	VMX_VMCLEAR		= 19,
	VMX_VMLAUNCH		= 20,
	VMX_VMPTRLD		= 21,
	VMX_VMPTRST		= 22,
	VMX_VMREAD		= 23,
	VMX_VMRESUME		= 24,
	VMX_VMWRITE		= 25,
	VMX_VMXOFF		= 26,
	VMX_VMXON		= 27,
	VMX_CR			= 28,
	VMX_DR			= 29,
	VMX_IO			= 30,
	VMX_RDMSR		= 31,
	VMX_WRMSR		= 32,
	VMX_FAIL_STATE		= 33,
	VMX_FAIL_MSR		= 34,
	VMX_MWAIT		= 36,
	VMX_MTF			= 37,
	VMX_MONITOR		= 39,
	VMX_PAUSE		= 40,
	VMX_FAIL_MCHECK		= 41,
	VMX_TPR_THRESHOLD	= 43,
	VMX_APIC_ACCESS		= 44,
	VMX_EOI_INDUCED		= 45,
	VMX_GDTR_IDTR		= 46,
	VMX_LDTR_TR		= 47,
	VMX_EPT_VIOLATION	= 48,
	VMX_EPT_MISCONFIG	= 49,
	VMX_INVEPT		= 50,
	VMX_RDTSCP		= 51,
	VMX_PREEMPT		= 52,
	VMX_INVVPID		= 53,
	VMX_WBINVD		= 54,
	VMX_XSETBV		= 55,
	VMX_APIC_WRITE		= 56,
	VMX_RDRAND		= 57,
	VMX_INVPCID		= 58,
	VMX_VMFUNC		= 59,
	VMX_RDSEED		= 61,
	VMX_PML_FULL		= 62,
	VMX_XSAVES		= 63,
	VMX_XRSTORS		= 64,
};
#define VMX_EXIT_REASON_FAILED_ENTRY	(1u << 31)

/* Exit qualification of a VM-entry failure on guest state (SDM 27.8). */
enum { ENTRY_FAIL_DEFAULT = 0, ENTRY_FAIL_PDPTE = 2, ENTRY_FAIL_NMI = 3, ENTRY_FAIL_VMCS_LINK_PTR = 4 };

/* Pin-based VM-execution controls (SDM 25.6.1) */
#define PIN_EXTINT		(1ul << 0)
#define PIN_NMI			(1ul << 3)
#define PIN_VIRT_NMI		(1ul << 5)
#define PIN_PREEMPT		(1ul << 6)
#define PIN_POST_INTR		(1ul << 7)

/* Primary processor-based VM-execution controls (SDM 25.6.2) */
#define CPU_INTR_WINDOW		(1ul << 2)
#define CPU_USE_TSC_OFFSET	(1ul << 3)
#define CPU_HLT			(1ul << 7)
#define CPU_INVLPG		(1ul << 9)
#define CPU_MWAIT		(1ul << 10)
#define CPU_RDPMC		(1ul << 11)
#define CPU_RDTSC		(1ul << 12)
#define CPU_CR3_LOAD		(1ul << 15)
#define CPU_CR3_STORE		(1ul << 16)
#define CPU_CR8_LOAD		(1ul << 19)
#define CPU_CR8_STORE		(1ul << 20)
#define CPU_TPR_SHADOW		(1ul << 21)
#define CPU_NMI_WINDOW		(1ul << 22)
#define CPU_MOV_DR		(1ul << 23)
#define CPU_IO			(1ul << 24)
#define CPU_IO_BITMAP		(1ul << 25)
#define CPU_MTF			(1ul << 27)
#define CPU_MSR_BITMAP		(1ul << 28)
#define CPU_MONITOR		(1ul << 29)
#define CPU_PAUSE		(1ul << 30)
#define CPU_SECONDARY		(1ul << 31)

/* Secondary processor-based VM-execution controls */
#define CPU_VIRT_APIC_ACCESSES	(1ul << 0)
#define CPU_EPT			(1ul << 1)
#define CPU_DESC_TABLE		(1ul << 2)
#define CPU_RDTSCP		(1ul << 3)
#define CPU_VIRT_X2APIC		(1ul << 4)
#define CPU_VPID		(1ul << 5)
#define CPU_WBINVD		(1ul << 6)
#define CPU_URG			(1ul << 7)
#define CPU_RDRAND		(1ul << 11)
#define CPU_SHADOW_VMCS		(1ul << 14)
#define CPU_RDSEED		(1ul << 16)
#define CPU_PML			(1ul << 17)

/* VM-exit controls (SDM 25.7.1) */
#define EXI_SAVE_DBGCTLS	(1ul << 2)
#define EXI_HOST_64		(1ul << 9)
#define EXI_LOAD_PERF		(1ul << 12)
#define EXI_INTA		(1ul << 15)
#define EXI_SAVE_PAT		(1ul << 18)
#define EXI_LOAD_PAT		(1ul << 19)
#define EXI_SAVE_EFER		(1ul << 20)
#define EXI_LOAD_EFER		(1ul << 21)
#define EXI_SAVE_PREEMPT	(1ul << 22)

/* VM-entry controls (SDM 25.8.1) */
#define ENT_LOAD_DBGCTLS	(1ul << 2)
#define ENT_GUEST_64		(1ul << 9)
#define ENT_LOAD_PERF		(1ul << 13)
#define ENT_LOAD_PAT		(1ul << 14)
#define ENT_LOAD_EFER		(1ul << 15)

/* Interruption information (VM-entry, VM-exit, IDT vectoring): vector, type, error code, valid */
#define INTR_INFO_VECTOR_MASK		0xff
#define INTR_INFO_INTR_TYPE_MASK	0x700
#define INTR_INFO_INTR_TYPE_SHIFT	8
#define INTR_INFO_DELIVER_CODE_MASK	(1u << 11)
#define INTR_INFO_VALID_MASK		(1u << 31)
#define VMX_INTR_TYPE_EXT_INTR		0
#define VMX_INTR_TYPE_NMI_INTR		2
#define VMX_INTR_TYPE_HARD_EXCEPTION	3
#define VMX_INTR_TYPE_SOFT_INTR		4
#define VMX_INTR_TYPE_SOFT_EXCEPTION	6

/* Guest interruptibility state */
#define GUEST_INTR_STATE_STI		(1u << 0)
#define GUEST_INTR_STATE_MOVSS		(1u << 1)
#define GUEST_INTR_STATE_NMI		(1u << 3)

/* VM-instruction error numbers (SDM 31.4) */
enum vm_instruction_error_number {
	VMXERR_VMCALL_IN_VMX_ROOT_OPERATION = 1,
	VMXERR_VMCLEAR_INVALID_ADDRESS = 2,
	VMXERR_VMCLEAR_VMXON_POINTER = 3,
	VMXERR_VMLAUNCH_NONCLEAR_VMCS = 4,
	VMXERR_VMRESUME_NONLAUNCHED_VMCS = 5,
	VMXERR_VMRESUME_AFTER_VMXOFF = 6,
	VMXERR_ENTRY_INVALID_CONTROL_FIELD = 7,
	VMXERR_ENTRY_INVALID_HOST_STATE_FIELD = 8,
	VMXERR_VMPTRLD_INVALID_ADDRESS = 9,
	VMXERR_VMPTRLD_VMXON_POINTER = 10,
	VMXERR_VMPTRLD_INCORRECT_VMCS_REVISION_ID = 11,
	VMXERR_UNSUPPORTED_VMCS_COMPONENT = 12,
	VMXERR_VMWRITE_READ_ONLY_VMCS_COMPONENT = 13,
	VMXERR_VMXON_IN_VMX_ROOT_OPERATION = 15,
	VMXERR_ENTRY_EVENTS_BLOCKED_BY_MOV_SS = 26,
	VMXERR_INVALID_OPERAND_TO_INVEPT_INVVPID = 28,
};

/* IA32_VMX_BASIC (SDM A.1) */
#define VMX_BASIC_REVISION(b)	((u32)(b) & 0x7fffffff)
#define VMX_BASIC_SIZE(b)	(((b) >> 32) & 0x1fff)
#define VMX_BASIC_32BIT_PA	(1ull << 48)
#define VMX_BASIC_MEMTYPE(b)	(((b) >> 50) & 0xf)
#define VMX_BASIC_INOUT		(1ull << 54)
#define VMX_BASIC_TRUE_CTLS	(1ull << 55)

/* IA32_VMX_MISC (SDM A.6) */
#define VMX_MISC_PREEMPT_RATE(m)	((m) & 0x1f)
#define VMX_MISC_ACTV_HLT		(1ull << 6)
#define VMX_MISC_CR3_TARGETS(m)		(((m) >> 16) & 0x1ff)
#define VMX_MISC_VMWRITE_ALL		(1ull << 29)

/* IA32_VMX_EPT_VPID_CAP (SDM A.10) */
#define EPT_CAP_WALK4		(1ull << 6)
#define EPT_CAP_UC		(1ull << 8)
#define EPT_CAP_WB		(1ull << 14)
#define EPT_CAP_2M_PAGE		(1ull << 16)
#define EPT_CAP_1G_PAGE		(1ull << 17)
#define EPT_CAP_INVEPT		(1ull << 20)
#define EPT_CAP_AD_FLAG		(1ull << 21)
#define EPT_CAP_INVEPT_SINGLE	(1ull << 25)
#define EPT_CAP_INVEPT_ALL	(1ull << 26)
#define VPID_CAP_INVVPID	(1ull << 32)
#define VPID_CAP_INVVPID_ADDR	(1ull << 40)
#define VPID_CAP_INVVPID_CXT	(1ull << 41)
#define VPID_CAP_INVVPID_ALL	(1ull << 42)
#define VPID_CAP_INVVPID_CXTGLB	(1ull << 43)

/* EPT entries (SDM 29.3.2) and the EPT pointer (25.6.11) */
#define EPT_RA			(1ull << 0)
#define EPT_WA			(1ull << 1)
#define EPT_EA			(1ull << 2)
#define EPT_PRESENT		(EPT_RA | EPT_WA | EPT_EA)
#define EPT_MEM_TYPE_SHIFT	3
#define EPT_MEM_TYPE_UC		0ull
#define EPT_MEM_TYPE_WB		6ull
#define EPT_IGNORE_PAT		(1ull << 6)
#define EPT_LARGE_PAGE		(1ull << 7)
#define EPT_ADDR_MASK		0x000ffffffffff000ull
#define EPTP_PG_WALK_LEN_SHIFT	3
#define EPTP_AD_FLAG		(1ull << 6)

/* EPT-violation exit qualification (SDM 28.2.1, table 28-7) */
#define EPT_VLT_RD		(1ull << 0)
#define EPT_VLT_WR		(1ull << 1)
#define EPT_VLT_FETCH		(1ull << 2)
#define EPT_VLT_PERM_RD		(1ull << 3)
#define EPT_VLT_PERM_WR		(1ull << 4)
#define EPT_VLT_PERM_EX		(1ull << 5)
#define EPT_VLT_LADDR_VLD	(1ull << 7)
#define EPT_VLT_PADDR		(1ull << 8)

/* INVEPT and INVVPID types */
#define INVEPT_SINGLE		1
#define INVEPT_GLOBAL		2
#define INVVPID_ADDR		0
#define INVVPID_CONTEXT_GLOBAL	1
#define INVVPID_ALL		2
#define INVVPID_CONTEXT_LOCAL	3

/*
 * The outcome of a VMX instruction: VMsucceed, VMfailInvalid (CF=1: no
 * current VMCS to hold an error number), VMfailValid (ZF=1: the error is
 * in VMX_INST_ERROR), or VMX_FAULT(vector) when it raised an exception.
 */
#define VMX_OK			0
#define VMX_FAIL_INVALID	1
#define VMX_FAIL_VALID		2
#define VMX_FAULT(vector)	(0x100 | (vector))

/* A VMX instruction's RFLAGS after it ran, as VMX_OK or a VMX_FAIL_*. */
static inline int vmx_flags_result(u64 rflags)
{
	if (rflags & X86_EFLAGS_CF)
		return VMX_FAIL_INVALID;
	if (rflags & X86_EFLAGS_ZF)
		return VMX_FAIL_VALID;
	return VMX_OK;
}

/*
 * Run one VMX instruction under ASM_TRY: the outcome (above). "insn" takes
 * its operand as %1 (a memory operand or the register of "arg").
 */
#define VMX_INSN(insn, constraint, arg)						\
({										\
	u64 __flags = 0;							\
	asm volatile(ASM_TRY("1f") insn "\n\tpushf\n\tpop %0\n1:"		\
		     : "+r"(__flags) : constraint(arg) : "cc", "memory");	\
	exception_vector() ? VMX_FAULT(exception_vector()) : vmx_flags_result(__flags); \
})

static inline int vmxon_safe(u64 pa)
{
	return VMX_INSN("vmxon %1", "m", pa);
}

static inline int vmxoff_safe(void)
{
	return VMX_INSN("vmxoff", "i", 0);
}

static inline int vmclear_safe(u64 pa)
{
	return VMX_INSN("vmclear %1", "m", pa);
}

static inline int vmptrld_safe(u64 pa)
{
	return VMX_INSN("vmptrld %1", "m", pa);
}

static inline int vmcall_safe(void)
{
	return VMX_INSN("vmcall", "i", 0);
}

static inline int vmlaunch_safe(void)
{
	return VMX_INSN("vmlaunch", "i", 0);
}

static inline int vmresume_safe(void)
{
	return VMX_INSN("vmresume", "i", 0);
}

/* VMPTRST: the current-VMCS pointer (all ones when there is none), or a fault in *result. */
static inline u64 vmptrst_safe(int *result)
{
	u64 pa = 0;

	*result = VMX_INSN("vmptrst %1", "m", pa);
	return pa;
}

static inline int vmcs_read_safe(u64 enc, u64 *val)
{
	u64 flags = 0, v = 0;

	asm volatile(ASM_TRY("1f") "vmread %2, %1\n\tpushf\n\tpop %0\n1:"
		     : "+r"(flags), "+r"(v) : "r"(enc) : "cc", "memory");
	*val = v;
	return exception_vector() ? VMX_FAULT(exception_vector()) : vmx_flags_result(flags);
}

static inline int vmcs_write_safe(u64 enc, u64 val)
{
	u64 flags = 0;

	asm volatile(ASM_TRY("1f") "vmwrite %1, %2\n\tpushf\n\tpop %0\n1:"
		     : "+r"(flags) : "r"(val), "r"(enc) : "cc", "memory");
	return exception_vector() ? VMX_FAULT(exception_vector()) : vmx_flags_result(flags);
}

/* INVEPT/INVVPID with a 128-bit descriptor: EPTP or VPID in the low quadword, an address in the high one. */
struct vmx_inv_desc {
	u64 lo, hi;
};

static inline int invept_safe(u64 type, u64 eptp)
{
	struct vmx_inv_desc d = { eptp, 0 };
	u64 flags = 0;

	asm volatile(ASM_TRY("1f") "invept %2, %1\n\tpushf\n\tpop %0\n1:"
		     : "+r"(flags) : "r"(type), "m"(d) : "cc", "memory");
	return exception_vector() ? VMX_FAULT(exception_vector()) : vmx_flags_result(flags);
}

static inline int invvpid_safe(u64 type, u16 vpid, u64 gva)
{
	struct vmx_inv_desc d = { vpid, gva };
	u64 flags = 0;

	asm volatile(ASM_TRY("1f") "invvpid %2, %1\n\tpushf\n\tpop %0\n1:"
		     : "+r"(flags) : "r"(type), "m"(d) : "cc", "memory");
	return exception_vector() ? VMX_FAULT(exception_vector()) : vmx_flags_result(flags);
}

/* The outcome's name for a report line: "VMsucceed", "VMfailValid", "#UD", ... */
extern const char *vmx_result_name(int result);
/* A basic exit reason's name ("CPUID", "EPT violation"), or NULL. */
extern const char *exit_reason_description(u64 reason);

#endif /* _X86_VMX_H_ */
