/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * svm.h - AMD SVM definitions: the VMCB (control area and state save area,
 * AMD APM vol. 2 appendix B), intercept bits, exit codes, EVENTINJ and
 * int_ctl fields, and the index computations of the I/O and MSR permission
 * maps. Names follow kvm-unit-tests' svm.h so that its tests port with
 * little change. Nothing here touches the CPU: the host test
 * (tests/svm) compiles this header as it is.
 */
#ifndef _X86_SVM_H_
#define _X86_SVM_H_

#include "libcflat.h"

/* CPUID Fn8000_000A EDX: the SVM features (APM vol. 3, CPUID appendix). */
#define SVM_CPUID_FUNC		0x8000000a
#define SVM_FEAT_NPT		0	/* nested paging */
#define SVM_FEAT_LBRV		1	/* LBR virtualization */
#define SVM_FEAT_SVML		2	/* SVM lock */
#define SVM_FEAT_NRIPS		3	/* next RIP save */
#define SVM_FEAT_TSCRATEMSR	4	/* TSC ratio MSR */
#define SVM_FEAT_VMCBCLEAN	5	/* VMCB clean bits */
#define SVM_FEAT_FLUSHBYASID	6	/* TLB_CONTROL 3 and 7 */
#define SVM_FEAT_DECODEASSISTS	7	/* decode assists */
#define SVM_FEAT_PAUSEFILTER	10	/* pause intercept filter */
#define SVM_FEAT_PFTHRESHOLD	12	/* pause filter threshold */
#define SVM_FEAT_AVIC		13	/* AMD virtual interrupt controller */
#define SVM_FEAT_VLS		15	/* virtualized VMLOAD/VMSAVE */
#define SVM_FEAT_VGIF		16	/* virtualized GIF */

/* The intercept vector: 32-bit words at the start of the control area. */
enum intercept_words {
	INTERCEPT_CR = 0,	/* 000h: CR reads [15:0], CR writes [31:16] */
	INTERCEPT_DR,		/* 004h: DR reads [15:0], DR writes [31:16] */
	INTERCEPT_EXCEPTION,	/* 008h: one bit per exception vector */
	INTERCEPT_WORD3,	/* 00Ch: INTR .. SHUTDOWN */
	INTERCEPT_WORD4,	/* 010h: VMRUN .. XSETBV .. */
	INTERCEPT_WORD5,	/* 014h: INVLPGB .. */
	MAX_INTERCEPT,
};

/* Bit numbers in the intercept vector, counted from bit 0 of word 0. */
enum {
	INTERCEPT_CR0_READ = 0,
	INTERCEPT_CR3_READ = 3,
	INTERCEPT_CR4_READ = 4,
	INTERCEPT_CR8_READ = 8,
	INTERCEPT_CR0_WRITE = 16,
	INTERCEPT_CR3_WRITE = 16 + 3,
	INTERCEPT_CR4_WRITE = 16 + 4,
	INTERCEPT_CR8_WRITE = 16 + 8,
	INTERCEPT_DR0_READ = 32,
	INTERCEPT_DR7_READ = 32 + 7,
	INTERCEPT_DR0_WRITE = 48,
	INTERCEPT_DR7_WRITE = 48 + 7,
	INTERCEPT_EXCEPTION_OFFSET = 64,
	INTERCEPT_INTR = 96,
	INTERCEPT_NMI,
	INTERCEPT_SMI,
	INTERCEPT_INIT,
	INTERCEPT_VINTR,
	INTERCEPT_SELECTIVE_CR0,
	INTERCEPT_STORE_IDTR,
	INTERCEPT_STORE_GDTR,
	INTERCEPT_STORE_LDTR,
	INTERCEPT_STORE_TR,
	INTERCEPT_LOAD_IDTR,
	INTERCEPT_LOAD_GDTR,
	INTERCEPT_LOAD_LDTR,
	INTERCEPT_LOAD_TR,
	INTERCEPT_RDTSC,
	INTERCEPT_RDPMC,
	INTERCEPT_PUSHF,
	INTERCEPT_POPF,
	INTERCEPT_CPUID,
	INTERCEPT_RSM,
	INTERCEPT_IRET,
	INTERCEPT_INTn,
	INTERCEPT_INVD,
	INTERCEPT_PAUSE,
	INTERCEPT_HLT,
	INTERCEPT_INVLPG,
	INTERCEPT_INVLPGA,
	INTERCEPT_IOIO_PROT,
	INTERCEPT_MSR_PROT,
	INTERCEPT_TASK_SWITCH,
	INTERCEPT_FERR_FREEZE,
	INTERCEPT_SHUTDOWN,
	INTERCEPT_VMRUN = 128,
	INTERCEPT_VMMCALL,
	INTERCEPT_VMLOAD,
	INTERCEPT_VMSAVE,
	INTERCEPT_STGI,
	INTERCEPT_CLGI,
	INTERCEPT_SKINIT,
	INTERCEPT_RDTSCP,
	INTERCEPT_ICEBP,
	INTERCEPT_WBINVD,
	INTERCEPT_MONITOR,
	INTERCEPT_MWAIT,
	INTERCEPT_MWAIT_COND,
	INTERCEPT_XSETBV,
	INTERCEPT_RDPRU,
};

/* The control area: offsets in the comments are APM vol. 2 table B-1's. */
struct __attribute__((__packed__)) vmcb_control_area {
	u32 intercept[MAX_INTERCEPT];		/* 000h */
	u32 reserved_1[15 - MAX_INTERCEPT];	/* 018h */
	u16 pause_filter_thresh;		/* 03Ch */
	u16 pause_filter_count;			/* 03Eh */
	u64 iopm_base_pa;			/* 040h */
	u64 msrpm_base_pa;			/* 048h */
	u64 tsc_offset;				/* 050h */
	u32 asid;				/* 058h */
	u8 tlb_ctl;				/* 05Ch */
	u8 reserved_2[3];
	u32 int_ctl;				/* 060h: V_TPR, V_IRQ, V_GIF, V_INTR_PRIO, ... */
	u32 int_vector;				/* 064h: V_INTR_VECTOR */
	u32 int_state;				/* 068h: interrupt shadow, guest IF */
	u8 reserved_3[4];
	u64 exit_code;				/* 070h */
	u64 exit_info_1;			/* 078h */
	u64 exit_info_2;			/* 080h */
	u32 exit_int_info;			/* 088h */
	u32 exit_int_info_err;			/* 08Ch */
	u64 nested_ctl;				/* 090h: NP_ENABLE, ... */
	u64 avic_apic_bar;			/* 098h */
	u64 ghcb_gpa;				/* 0A0h */
	u32 event_inj;				/* 0A8h */
	u32 event_inj_err;			/* 0ACh */
	u64 nested_cr3;				/* 0B0h */
	u64 virt_ext;				/* 0B8h: LBR virtualization, virtual VMLOAD/VMSAVE */
	u32 clean;				/* 0C0h */
	u32 reserved_5;
	u64 next_rip;				/* 0C8h */
	u8 insn_len;				/* 0D0h */
	u8 insn_bytes[15];			/* 0D1h */
	u8 reserved_6[800];			/* 0E0h..3FFh: AVIC pointers and more, unused here */
};

/* A segment in the save area: attrib packs descriptor bits 47:40 and 55:52. */
struct __attribute__((__packed__)) vmcb_seg {
	u16 selector;
	u16 attrib;
	u32 limit;
	u64 base;
};

/* The state save area: offsets are APM vol. 2 table B-2's, from the VMCB's start. */
struct __attribute__((__packed__)) vmcb_save_area {
	struct vmcb_seg es;			/* 400h */
	struct vmcb_seg cs;			/* 410h */
	struct vmcb_seg ss;			/* 420h */
	struct vmcb_seg ds;			/* 430h */
	struct vmcb_seg fs;			/* 440h */
	struct vmcb_seg gs;			/* 450h */
	struct vmcb_seg gdtr;			/* 460h */
	struct vmcb_seg ldtr;			/* 470h */
	struct vmcb_seg idtr;			/* 480h */
	struct vmcb_seg tr;			/* 490h */
	u8 reserved_1[43];
	u8 cpl;					/* 4CBh */
	u8 reserved_2[4];
	u64 efer;				/* 4D0h */
	u8 reserved_3[112];
	u64 cr4;				/* 548h */
	u64 cr3;				/* 550h */
	u64 cr0;				/* 558h */
	u64 dr7;				/* 560h */
	u64 dr6;				/* 568h */
	u64 rflags;				/* 570h */
	u64 rip;				/* 578h */
	u8 reserved_4[88];
	u64 rsp;				/* 5D8h */
	u8 reserved_5[24];			/* 5E0h: S_CET, SSP, ISST_ADDR */
	u64 rax;				/* 5F8h */
	u64 star;				/* 600h */
	u64 lstar;				/* 608h */
	u64 cstar;				/* 610h */
	u64 sfmask;				/* 618h */
	u64 kernel_gs_base;			/* 620h */
	u64 sysenter_cs;			/* 628h */
	u64 sysenter_esp;			/* 630h */
	u64 sysenter_eip;			/* 638h */
	u64 cr2;				/* 640h */
	u8 reserved_6[32];
	u64 g_pat;				/* 668h */
	u64 dbgctl;				/* 670h */
	u64 br_from;				/* 678h */
	u64 br_to;				/* 680h */
	u64 last_excp_from;			/* 688h */
	u64 last_excp_to;			/* 690h */
};

struct __attribute__((__packed__)) vmcb {
	struct vmcb_control_area control;
	struct vmcb_save_area save;
};

/* The layout the processor reads: a wrong size or offset here breaks every test. */
#define VMCB_CHECK(field, off)	static_assert(offsetof(struct vmcb, field) == (off), #field " at " #off)
VMCB_CHECK(control.pause_filter_thresh, 0x03c);
VMCB_CHECK(control.iopm_base_pa, 0x040);
VMCB_CHECK(control.msrpm_base_pa, 0x048);
VMCB_CHECK(control.tsc_offset, 0x050);
VMCB_CHECK(control.asid, 0x058);
VMCB_CHECK(control.tlb_ctl, 0x05c);
VMCB_CHECK(control.int_ctl, 0x060);
VMCB_CHECK(control.int_vector, 0x064);
VMCB_CHECK(control.int_state, 0x068);
VMCB_CHECK(control.exit_code, 0x070);
VMCB_CHECK(control.exit_info_1, 0x078);
VMCB_CHECK(control.exit_info_2, 0x080);
VMCB_CHECK(control.exit_int_info, 0x088);
VMCB_CHECK(control.nested_ctl, 0x090);
VMCB_CHECK(control.event_inj, 0x0a8);
VMCB_CHECK(control.nested_cr3, 0x0b0);
VMCB_CHECK(control.virt_ext, 0x0b8);
VMCB_CHECK(control.clean, 0x0c0);
VMCB_CHECK(control.next_rip, 0x0c8);
VMCB_CHECK(control.insn_len, 0x0d0);
VMCB_CHECK(save.es, 0x400);
VMCB_CHECK(save.tr, 0x490);
VMCB_CHECK(save.cpl, 0x4cb);
VMCB_CHECK(save.efer, 0x4d0);
VMCB_CHECK(save.cr4, 0x548);
VMCB_CHECK(save.rflags, 0x570);
VMCB_CHECK(save.rip, 0x578);
VMCB_CHECK(save.rsp, 0x5d8);
VMCB_CHECK(save.rax, 0x5f8);
VMCB_CHECK(save.kernel_gs_base, 0x620);
VMCB_CHECK(save.cr2, 0x640);
VMCB_CHECK(save.g_pat, 0x668);
VMCB_CHECK(save.last_excp_to, 0x690);
static_assert(sizeof(struct vmcb_control_area) == 0x400, "the control area is 1 KiB");
static_assert(sizeof(struct vmcb) == 0x698, "the VMCB ends after LASTEXCPTO");

#define TLB_CONTROL_DO_NOTHING		0
#define TLB_CONTROL_FLUSH_ALL_ASID	1
#define TLB_CONTROL_FLUSH_ASID		3
#define TLB_CONTROL_FLUSH_ASID_LOCAL	7

/* int_ctl (VMCB 060h). */
#define V_TPR_MASK		0x0f
#define V_IRQ_SHIFT		8
#define V_IRQ_MASK		(1 << V_IRQ_SHIFT)
#define V_GIF_SHIFT		9
#define V_GIF_MASK		(1 << V_GIF_SHIFT)
#define V_INTR_PRIO_SHIFT	16
#define V_INTR_PRIO_MASK	(0x0f << V_INTR_PRIO_SHIFT)
#define V_IGN_TPR_SHIFT		20
#define V_IGN_TPR_MASK		(1 << V_IGN_TPR_SHIFT)
#define V_INTR_MASKING_SHIFT	24
#define V_INTR_MASKING_MASK	(1 << V_INTR_MASKING_SHIFT)
#define V_GIF_ENABLED_SHIFT	25
#define V_GIF_ENABLED_MASK	(1 << V_GIF_ENABLED_SHIFT)

/* int_state (VMCB 068h). */
#define SVM_INTERRUPT_SHADOW_MASK	1
#define SVM_GUEST_INTERRUPT_MASK	2

/* EXITINFO1 of an IOIO intercept (APM 15.10.2). */
#define SVM_IOIO_TYPE_MASK	1		/* 1: IN */
#define SVM_IOIO_STR_SHIFT	2
#define SVM_IOIO_REP_SHIFT	3
#define SVM_IOIO_SIZE_SHIFT	4
#define SVM_IOIO_ASIZE_SHIFT	7
#define SVM_IOIO_STR_MASK	(1 << SVM_IOIO_STR_SHIFT)
#define SVM_IOIO_REP_MASK	(1 << SVM_IOIO_REP_SHIFT)
#define SVM_IOIO_SIZE_MASK	(7 << SVM_IOIO_SIZE_SHIFT)	/* one bit each: 8, 16, 32 */
#define SVM_IOIO_ASIZE_MASK	(7 << SVM_IOIO_ASIZE_SHIFT)	/* one bit each: 16, 32, 64 */
#define SVM_IOIO_PORT_SHIFT	16

/* nested_ctl (VMCB 090h). */
#define SVM_NESTED_ENABLE	1
#define SVM_NESTED_GMET		8

/* virt_ext (VMCB 0B8h). */
#define LBR_CTL_ENABLE_MASK	BIT_ULL(0)

/* VM_CR MSR. */
#define SVM_VM_CR_SVM_LOCK_MASK	0x0008ULL
#define SVM_VM_CR_SVM_DIS_MASK	0x0010ULL

#define MSR_AMD64_TSC_RATIO	0xc0000104
#define TSC_RATIO_DEFAULT	0x0100000000ULL

/* Segment attributes (vmcb_seg.attrib). */
#define SVM_SELECTOR_TYPE_MASK	0xf
#define SVM_SELECTOR_S_MASK	(1 << 4)
#define SVM_SELECTOR_DPL_MASK	(3 << 5)
#define SVM_SELECTOR_P_MASK	(1 << 7)
#define SVM_SELECTOR_L_MASK	(1 << 9)
#define SVM_SELECTOR_DB_MASK	(1 << 10)
#define SVM_SELECTOR_G_MASK	(1 << 11)

/* EVENTINJ (VMCB 0A8h) and EXITINTINFO (088h) share one format. */
#define SVM_EVTINJ_VEC_MASK	0xff
#define SVM_EVTINJ_TYPE_SHIFT	8
#define SVM_EVTINJ_TYPE_MASK	(7 << SVM_EVTINJ_TYPE_SHIFT)
#define SVM_EVTINJ_TYPE_INTR	(0 << SVM_EVTINJ_TYPE_SHIFT)
#define SVM_EVTINJ_TYPE_NMI	(2 << SVM_EVTINJ_TYPE_SHIFT)
#define SVM_EVTINJ_TYPE_EXEPT	(3 << SVM_EVTINJ_TYPE_SHIFT)
#define SVM_EVTINJ_TYPE_SOFT	(4 << SVM_EVTINJ_TYPE_SHIFT)
#define SVM_EVTINJ_VALID	(1U << 31)
#define SVM_EVTINJ_VALID_ERR	(1 << 11)

#define SVM_EXITINTINFO_VEC_MASK	SVM_EVTINJ_VEC_MASK
#define SVM_EXITINTINFO_TYPE_MASK	SVM_EVTINJ_TYPE_MASK
#define SVM_EXITINTINFO_TYPE_INTR	SVM_EVTINJ_TYPE_INTR
#define SVM_EXITINTINFO_TYPE_NMI	SVM_EVTINJ_TYPE_NMI
#define SVM_EXITINTINFO_TYPE_EXEPT	SVM_EVTINJ_TYPE_EXEPT
#define SVM_EXITINTINFO_TYPE_SOFT	SVM_EVTINJ_TYPE_SOFT
#define SVM_EXITINTINFO_VALID		SVM_EVTINJ_VALID
#define SVM_EXITINTINFO_VALID_ERR	SVM_EVTINJ_VALID_ERR

/* EXITINFO1 of a nested page fault (APM 15.25.6). */
#define SVM_NPF_PRESENT		BIT_ULL(0)
#define SVM_NPF_WRITE		BIT_ULL(1)
#define SVM_NPF_USER		BIT_ULL(2)
#define SVM_NPF_RSVD		BIT_ULL(3)
#define SVM_NPF_FETCH		BIT_ULL(4)
#define SVM_NPF_GPA		BIT_ULL(32)	/* the final guest-physical access */
#define SVM_NPF_GPT		BIT_ULL(33)	/* an access of the guest's page tables */

/* Exit codes (APM vol. 2 appendix C). */
#define SVM_EXIT_READ_CR0	0x000
#define SVM_EXIT_READ_CR3	0x003
#define SVM_EXIT_READ_CR4	0x004
#define SVM_EXIT_READ_CR8	0x008
#define SVM_EXIT_WRITE_CR0	0x010
#define SVM_EXIT_WRITE_CR3	0x013
#define SVM_EXIT_WRITE_CR4	0x014
#define SVM_EXIT_WRITE_CR8	0x018
#define SVM_EXIT_READ_DR0	0x020
#define SVM_EXIT_READ_DR7	0x027
#define SVM_EXIT_WRITE_DR0	0x030
#define SVM_EXIT_WRITE_DR7	0x037
#define SVM_EXIT_EXCP_BASE	0x040
#define SVM_EXIT_INTR		0x060
#define SVM_EXIT_NMI		0x061
#define SVM_EXIT_SMI		0x062
#define SVM_EXIT_INIT		0x063
#define SVM_EXIT_VINTR		0x064
#define SVM_EXIT_CR0_SEL_WRITE	0x065
#define SVM_EXIT_IDTR_READ	0x066
#define SVM_EXIT_GDTR_READ	0x067
#define SVM_EXIT_LDTR_READ	0x068
#define SVM_EXIT_TR_READ	0x069
#define SVM_EXIT_IDTR_WRITE	0x06a
#define SVM_EXIT_GDTR_WRITE	0x06b
#define SVM_EXIT_LDTR_WRITE	0x06c
#define SVM_EXIT_TR_WRITE	0x06d
#define SVM_EXIT_RDTSC		0x06e
#define SVM_EXIT_RDPMC		0x06f
#define SVM_EXIT_PUSHF		0x070
#define SVM_EXIT_POPF		0x071
#define SVM_EXIT_CPUID		0x072
#define SVM_EXIT_RSM		0x073
#define SVM_EXIT_IRET		0x074
#define SVM_EXIT_SWINT		0x075
#define SVM_EXIT_INVD		0x076
#define SVM_EXIT_PAUSE		0x077
#define SVM_EXIT_HLT		0x078
#define SVM_EXIT_INVLPG		0x079
#define SVM_EXIT_INVLPGA	0x07a
#define SVM_EXIT_IOIO		0x07b
#define SVM_EXIT_MSR		0x07c
#define SVM_EXIT_TASK_SWITCH	0x07d
#define SVM_EXIT_FERR_FREEZE	0x07e
#define SVM_EXIT_SHUTDOWN	0x07f
#define SVM_EXIT_VMRUN		0x080
#define SVM_EXIT_VMMCALL	0x081
#define SVM_EXIT_VMLOAD		0x082
#define SVM_EXIT_VMSAVE		0x083
#define SVM_EXIT_STGI		0x084
#define SVM_EXIT_CLGI		0x085
#define SVM_EXIT_SKINIT		0x086
#define SVM_EXIT_RDTSCP		0x087
#define SVM_EXIT_ICEBP		0x088
#define SVM_EXIT_WBINVD		0x089
#define SVM_EXIT_MONITOR	0x08a
#define SVM_EXIT_MWAIT		0x08b
#define SVM_EXIT_MWAIT_COND	0x08c
#define SVM_EXIT_XSETBV		0x08d
#define SVM_EXIT_RDPRU		0x08e
#define SVM_EXIT_NPF		0x400
#define SVM_EXIT_ERR		-1ull	/* VMEXIT_INVALID: VMRUN's consistency checks failed */

/* The name of an exit code ("CPUID", "EXCP #6", "NPF", "INVALID", ...), or NULL (svm_names.c). */
extern const char *svm_exit_name(u64 exit_code);
/* The name of SVM feature feat (SVM_FEAT_*). */
extern const char *svm_feat_name(int feat);

/*
 * The I/O permission map: 12 KiB, one bit per port, bit (port % 8) of byte
 * (port / 8). An access of size bytes at port checks the bits of ports
 * port .. port + size - 1, so an access at 0xffff reaches bit 0x10000, in
 * the map's third page (APM 15.10.1).
 */
#define SVM_IOPM_SIZE		(12 * 1024)
#define SVM_IOPM_ORDER		2	/* 16 KiB allocated, 4 KiB aligned */

static inline u32 svm_iopm_byte(u32 port)
{
	return port / 8;
}

static inline u8 svm_iopm_bit(u32 port)
{
	return port % 8;
}

/*
 * The MSR permission map: 8 KiB, two bits per MSR (read, then write) for
 * three ranges of 8192 MSRs each, 2 KiB per range (APM 15.11); the fourth
 * 2 KiB is reserved. An MSR outside the ranges is always intercepted.
 */
#define SVM_MSRPM_SIZE		(8 * 1024)
#define SVM_MSRPM_ORDER		1
#define MSR_BITMAP_SIZE		SVM_MSRPM_SIZE

/*
 * Where msr's read permission bit is: its bit offset in the map (the write
 * bit is the next one), or -1 when msr is in none of the three ranges.
 */
static inline s64 svm_msrpm_bit(u32 msr)
{
	static const u32 range_base[3] = { 0x00000000, 0xc0000000, 0xc0010000 };
	int i;

	for (i = 0; i < 3; i++) {
		if (msr - range_base[i] < 0x2000)
			return (s64)i * 2048 * 8 + (s64)(msr - range_base[i]) * 2;
	}
	return -1;
}

#endif /* _X86_SVM_H_ */
