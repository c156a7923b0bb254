/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/arch_def.h - the z/Architecture facts the s390x code relies on: PSW
 * mask bits, the lowcore (the 8 KiB prefix area where the CPU stores the
 * old PSW and the interruption's parameters and loads the new PSW), the
 * program-interruption codes, and the control-register and PSW helpers.
 * Names follow kvm-unit-tests.
 */
#ifndef _ASM_S390X_ARCH_DEF_H_
#define _ASM_S390X_ARCH_DEF_H_

/* Constants shared with the assembler, which takes no UL suffix. */
#ifdef __ASSEMBLER__
#define _UL(x)			x
#else
#define _UL(x)			x##UL
#endif

/* PSW mask bits (bit 0 is the most significant of the 64). */
#define PSW_MASK_PER		_UL(0x4000000000000000)
#define PSW_MASK_DAT		_UL(0x0400000000000000)
#define PSW_MASK_IO		_UL(0x0200000000000000)
#define PSW_MASK_EXT		_UL(0x0100000000000000)
#define PSW_MASK_KEY		_UL(0x00f0000000000000)
#define PSW_MASK_MCHECK		_UL(0x0004000000000000)
#define PSW_MASK_WAIT		_UL(0x0002000000000000)
#define PSW_MASK_PSTATE		_UL(0x0001000000000000)
#define PSW_MASK_ASC		_UL(0x0000c00000000000)
#define PSW_MASK_CC		_UL(0x0000300000000000)
#define PSW_MASK_PM		_UL(0x00000f0000000000)
#define PSW_MASK_EA		_UL(0x0000000100000000)
#define PSW_MASK_BA		_UL(0x0000000080000000)
#define PSW_MASK_64		(PSW_MASK_EA | PSW_MASK_BA)
#define PSW_MASK_INTERRUPTS	(PSW_MASK_IO | PSW_MASK_EXT | PSW_MASK_MCHECK)

/* Lowcore offsets, for the assembler and for the static_asserts on struct lowcore. */
#define LC_EXT_INT_PARAM	0x080
#define LC_CPU_ADDR		0x084
#define LC_EXT_INT_CODE		0x086
#define LC_PGM_INT_ID		0x08c
#define LC_PGM_INT_CODE		0x08e
#define LC_TRANS_EXC_ID		0x0a8
#define LC_SUBSYS_ID_WORD	0x0b8
#define LC_STFL			0x0c8
#define LC_RESTART_OLD_PSW	0x120
#define LC_EXT_OLD_PSW		0x130
#define LC_SVC_OLD_PSW		0x140
#define LC_PGM_OLD_PSW		0x150
#define LC_MCCK_OLD_PSW		0x160
#define LC_IO_OLD_PSW		0x170
#define LC_RESTART_NEW_PSW	0x1a0
#define LC_EXT_NEW_PSW		0x1b0
#define LC_SVC_NEW_PSW		0x1c0
#define LC_PGM_NEW_PSW		0x1d0
#define LC_MCCK_NEW_PSW		0x1e0
#define LC_IO_NEW_PSW		0x1f0
/* From 0x200 the lowcore is the program's: our per-CPU software fields. */
#define LC_SW_INT_GRS		0x200	/* the 16 general registers at interruption entry */
#define LC_SW_CPU_NR		0x280	/* this CPU's number (smp_processor_id) */
#define LC_SW_STACK		0x288	/* a secondary's initial stack pointer */
/* The store-status save area (SIGP STOP AND STORE STATUS, STORE STATUS AT ADDRESS at its offsets - 0x1200). */
#define LC_FPRS_SA		0x1200
#define LC_PSW_SA		0x1300
#define LC_CRS_SA		0x1380
#define LC_SIZE			0x2000

/* Program-interruption codes; PER events add 0x80 to the code. */
#define PGM_INT_CODE_OPERATION			0x01
#define PGM_INT_CODE_PRIVILEGED_OPERATION	0x02
#define PGM_INT_CODE_EXECUTE			0x03
#define PGM_INT_CODE_PROTECTION			0x04
#define PGM_INT_CODE_ADDRESSING			0x05
#define PGM_INT_CODE_SPECIFICATION		0x06
#define PGM_INT_CODE_DATA			0x07
#define PGM_INT_CODE_FIXED_POINT_OVERFLOW	0x08
#define PGM_INT_CODE_FIXED_POINT_DIVIDE		0x09
#define PGM_INT_CODE_SEGMENT_TRANSLATION	0x10
#define PGM_INT_CODE_PAGE_TRANSLATION		0x11
#define PGM_INT_CODE_TRANSLATION_SPEC		0x12
#define PGM_INT_CODE_OPERAND			0x15
#define PGM_INT_CODE_ASCE_TYPE			0x38
#define PGM_INT_CODE_REGION_FIRST_TRANS		0x39
#define PGM_INT_CODE_REGION_SECOND_TRANS	0x3a
#define PGM_INT_CODE_REGION_THIRD_TRANS		0x3b
#define PGM_INT_CODE_MONITOR_EVENT		0x40
#define PGM_INT_CODE_PER			0x80
#define PGM_INT_CODE_MAX			0x80

/* External-interruption codes. */
#define EXT_IRQ_CLOCK_COMP	0x1004
#define EXT_IRQ_CPU_TIMER	0x1005
#define EXT_IRQ_EMERGENCY_SIG	0x1201
#define EXT_IRQ_EXTERNAL_CALL	0x1202
#define EXT_IRQ_SERVICE_SIG	0x2401

/* The SVC code with which leave_pstate() asks to go back to the supervisor state. */
#define SVC_LEAVE_PSTATE	1

/* Control register 0 subclass masks. */
#define CR0_EXTM_SCLP		_UL(0x0000000000000200)	/* service signal */
#define CR0_EXTM_EMERG		_UL(0x0000000000004000)	/* emergency signal */
#define CR0_EXTM_EXTC		_UL(0x0000000000002000)	/* external call */
#define CR0_EXTM_CLOCK_COMP	_UL(0x0000000000000800)	/* clock comparator (bit 52) */
#define CR0_EXTM_CPU_TIMER	_UL(0x0000000000000400)	/* CPU timer (bit 53) */
#define CR0_LOW_ADDR_PROT	_UL(0x0000000010000000)	/* low-address protection (bit 35) */
#define CR0_IEP			_UL(0x0000000000100000)	/* instruction-execution protection (bit 43) */
#define CR0_AFP_REGS		_UL(0x0000000000040000)	/* additional floating-point registers (bit 45) */
#define CR0_VECTOR		_UL(0x0000000000020000)	/* vector control (bit 46) */

#ifndef __ASSEMBLER__
#include "libcflat.h"

struct psw {
	u64 mask;
	u64 addr;
};

struct lowcore {
	u8 pad_000[LC_EXT_INT_PARAM];
	u32 ext_int_param;
	u16 cpu_addr;
	u16 ext_int_code;
	u16 svc_int_id;
	u16 svc_int_code;
	u16 pgm_int_id;			/* the instruction length code, in bits 13-14 */
	u16 pgm_int_code;
	u32 dxc_vxc;
	u16 mon_class_nb;
	u8 per_code;
	u8 per_atmid;
	u64 per_addr;
	u8 excp_access_id;
	u8 per_access_id;
	u8 op_access_id;
	u8 arch_mode_id;
	u8 pad_0a4[LC_TRANS_EXC_ID - 0xa4];
	u64 trans_exc_id;		/* the translation-exception identification (TEID) */
	u8 pad_0b0[LC_SUBSYS_ID_WORD - 0xb0];
	u32 subsys_id_word;		/* I/O interruption: the subchannel */
	u32 io_int_param;
	u32 io_int_word;		/* I/O interruption: its ISC in bits 2-4 */
	u32 pad_0c4;
	u32 stfl;			/* STORE FACILITY LIST stores facilities 0-31 here */
	u8 pad_0cc[LC_RESTART_OLD_PSW - 0xcc];
	struct psw restart_old_psw;
	struct psw ext_old_psw;
	struct psw svc_old_psw;
	struct psw pgm_old_psw;
	struct psw mcck_old_psw;
	struct psw io_old_psw;
	u8 pad_180[LC_RESTART_NEW_PSW - 0x180];
	struct psw restart_new_psw;
	struct psw ext_new_psw;
	struct psw svc_new_psw;
	struct psw pgm_new_psw;
	struct psw mcck_new_psw;
	struct psw io_new_psw;
	u64 sw_int_grs[16];
	u64 sw_cpu_nr;
	u64 sw_stack;
	u8 pad_290[LC_FPRS_SA - 0x290];
	/* The status SIGP stores (architected save areas). */
	u64 fprs_sa[16];
	u64 grs_sa[16];
	struct psw psw_sa;
	u8 pad_1310[0x1318 - 0x1310];
	u32 prefix_sa;
	u32 fpc_sa;
	u8 pad_1320[0x1324 - 0x1320];
	u32 tod_pr_sa;
	u64 cputm_sa;
	u64 cc_sa;
	u8 pad_1338[0x1340 - 0x1338];
	u32 ars_sa[16];
	u64 crs_sa[16];
	u8 pad_1400[LC_SIZE - 0x1400];
} __aligned(8192);

static_assert(offsetof(struct lowcore, pgm_int_code) == LC_PGM_INT_CODE, "lowcore layout");
static_assert(offsetof(struct lowcore, trans_exc_id) == LC_TRANS_EXC_ID, "lowcore layout");
static_assert(offsetof(struct lowcore, pgm_old_psw) == LC_PGM_OLD_PSW, "lowcore layout");
static_assert(offsetof(struct lowcore, io_new_psw) == LC_IO_NEW_PSW, "lowcore layout");
static_assert(offsetof(struct lowcore, sw_cpu_nr) == LC_SW_CPU_NR, "lowcore layout");
static_assert(offsetof(struct lowcore, stfl) == LC_STFL, "lowcore layout");
static_assert(offsetof(struct lowcore, psw_sa) == LC_PSW_SA, "lowcore layout");
static_assert(offsetof(struct lowcore, crs_sa) == LC_CRS_SA, "lowcore layout");
static_assert(sizeof(struct lowcore) == LC_SIZE, "lowcore layout");

/*
 * The running CPU's lowcore: real address 0, which prefixing turns into
 * that CPU's own prefix area (the symbol is 0, from flat.lds).
 */
extern struct lowcore lowcore;

static inline u16 stap(void)
{
	u16 addr;

	asm volatile("stap %0" : "=Q"(addr));
	return addr;
}

static inline u64 extract_psw_mask(void)
{
	u32 hi, lo;

	asm volatile("epsw %0,%1" : "=d"(hi), "=d"(lo));
	return (u64)hi << 32 | lo;
}

static inline void load_psw_mask(u64 mask)
{
	struct psw psw = { .mask = mask };
	unsigned long tmp;

	asm volatile("	larl	%0,0f\n"
		     "	stg	%0,8(%1)\n"
		     "	lpswe	0(%1)\n"
		     "0:\n"
		     : "=&d"(tmp) : "a"(&psw) : "memory", "cc");
}

#define stctg(cr) ({							\
	u64 __v;							\
	asm volatile("stctg %1,%1,%0" : "=Q"(__v) : "i"(cr));		\
	__v;								\
})

#define lctlg(cr, v) ({							\
	u64 __v = (v);							\
	asm volatile("lctlg %0,%0,%1" : : "i"(cr), "Q"(__v) : "memory");	\
})

/* Problem state from here on; leave_pstate() (an SVC) comes back to the supervisor state. */
static inline void enter_pstate(void)
{
	load_psw_mask(extract_psw_mask() | PSW_MASK_PSTATE);
}

static inline void leave_pstate(void)
{
	asm volatile("svc %0" : : "i"(SVC_LEAVE_PSTATE) : "memory");
}

static inline u32 stpx(void)
{
	u32 prefix;

	asm volatile("stpx %0" : "=Q"(prefix));
	return prefix;
}

static inline bool dat_enabled(void)
{
	return extract_psw_mask() & PSW_MASK_DAT;
}

#endif /* __ASSEMBLER__ */

#endif /* _ASM_S390X_ARCH_DEF_H_ */
