/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * css.h - the channel subsystem, from the z/Architecture Principles of
 * Operation (chapters 13-16): the control blocks (SCHIB with its PMCW and
 * SCSW, ORB, format-1 CCW, IRB), the I/O instructions (STSCH, MSCH, SSCH,
 * TSCH, TPI) and the ISC masks of CR6. Names follow kvm-unit-tests.
 */
#ifndef _S390X_CSS_H_
#define _S390X_CSS_H_

#include "libcflat.h"

/* The subsystem-identification word of subchannel schnr in subchannel set 0: bit 15 must be one. */
#define SCHID_ONE		0x00010000
#define SCHID(schnr)		(SCHID_ONE | (schnr))

#define CCW_CMD_SENSE_ID	0xe4
#define CCW_F_SLI		0x20	/* suppress incorrect-length indication */

/* PMCW flags (bits 0-15 of its word 1). */
#define PMCW_ISC_SHIFT		11
#define PMCW_ENABLE		0x0080
#define PMCW_DNV		0x0001	/* the device number is valid */

/* SCSW: function control, activity control, status control (bits 17-31 of word 0). */
#define SCSW_FC_START		0x4000
#define SCSW_SC_ALERT		0x0010
#define SCSW_SC_PRIMARY		0x0004
#define SCSW_SC_SECONDARY	0x0002
#define SCSW_SC_PENDING		0x0001
/* Device status. */
#define SCSW_DEVS_CE		0x08	/* channel end */
#define SCSW_DEVS_DE		0x04	/* device end */

/* ORB word 1: format-1 CCWs, all paths in the logical-path mask. */
#define ORB_CTRL_FMT1		0x00800000
#define ORB_LPM_DFLT		0x0000ff00

struct pmcw {
	u32 intparm;
	u16 flags;
	u16 devnum;
	u8 lpm;
	u8 pnom;
	u8 lpum;
	u8 pim;
	u16 mbi;
	u8 pom;
	u8 pam;
	u8 chpid[8];
	u32 flags2;
} __packed;

struct scsw {
	u16 flags;		/* key, suspend, ... */
	u16 ctrl;		/* function, activity and status control */
	u32 ccw_addr;
	u8 dev_stat;
	u8 sch_stat;
	u16 count;		/* residual count */
} __packed;

struct schib {
	struct pmcw pmcw;
	struct scsw scsw;
	u8 md[12];
} __packed __aligned(4);

struct orb {
	u32 intparm;
	u32 ctrl;
	u32 cpa;		/* channel-program address: a format-1 CCW, doubleword-aligned, below 2 GiB */
	u32 reserved[5];
} __packed __aligned(4);

struct ccw1 {
	u8 code;
	u8 flags;
	u16 count;
	u32 data_address;
} __packed __aligned(8);

struct irb {
	struct scsw scsw;
	u32 esw[5];
	u32 ecw[8];
	u32 emw[8];
} __packed __aligned(4);

/* The SENSE ID data: 0xff, control-unit type and model, device type and model. */
struct senseid {
	u8 reserved;
	u16 cu_type;
	u8 cu_model;
	u16 dev_type;
	u8 dev_model;
	u8 unused;
	u32 ciw[8];
} __packed;

static_assert(sizeof(struct schib) == 52, "SCHIB size");
static_assert(sizeof(struct irb) == 96, "IRB size");

#define CSS_INSN(name)								\
static inline int name(unsigned long schid, void *block)				\
{											\
	register unsigned long reg1 asm("1") = schid;					\
	int cc;										\
											\
	asm volatile("	" #name "	0(%[blk])\n"					\
		     "	ipm	%[cc]\n"						\
		     "	srl	%[cc],28\n"						\
		     : [cc] "=d"(cc) : "d"(reg1), [blk] "a"(block) : "cc", "memory");	\
	return cc;									\
}

/* Each returns the condition code; GR1 is the subsystem-identification word. */
CSS_INSN(msch)
CSS_INSN(ssch)
CSS_INSN(stsch)
CSS_INSN(tsch)

/* TEST PENDING INTERRUPTION into a two-word code (subsystem-identification word, parameter); cc 1 if one. */
static inline int tpi(u32 *code)
{
	int cc;

	asm volatile("	tpi	0(%[c])\n"
		     "	ipm	%[cc]\n"
		     "	srl	%[cc],28\n"
		     : [cc] "=d"(cc) : [c] "a"(code) : "cc", "memory");
	return cc;
}

/* Let this CPU take I/O interruptions of ISC isc (CR6 bits 32-39). */
extern void enable_io_isc(u8 isc);
/* The first subchannel with a valid device number (its schid), -1 if none; its SCHIB in *schib. */
extern int css_enumerate(struct schib *schib);
/* Enable schid for I/O with interruption subclass isc (MSCH); 0 or the condition code. */
extern int css_enable(unsigned long schid, int isc);

#endif /* _S390X_CSS_H_ */
