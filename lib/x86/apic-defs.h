/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * apic-defs.h - local APIC and IO APIC register offsets and bits
 * (Intel SDM vol. 3 ch. 11, the 82093AA datasheet), kvm-unit-tests' names.
 * Offsets are the xAPIC MMIO ones; x2APIC MSR = APIC_BASE_MSR + offset / 16.
 */
#ifndef _X86_APIC_DEFS_H_
#define _X86_APIC_DEFS_H_

#define APIC_DEFAULT_PHYS_BASE	0xfee00000
#define IO_APIC_DEFAULT_PHYS_BASE 0xfec00000
#define APIC_BASE_MSR		0x800

/* IA32_APICBASE bits (also MSR_IA32_APICBASE_* in msr.h). */
#define APIC_BSP		(1UL << 8)
#define APIC_EXTD		(1UL << 10)
#define APIC_EN			(1UL << 11)

#define APIC_ID			0x020
#define APIC_LVR		0x030
#define GET_APIC_VERSION(x)	((x) & 0xff)
#define GET_APIC_MAXLVT(x)	(((x) >> 16) & 0xff)
#define APIC_INTEGRATED(x)	((x) & 0xf0)
#define APIC_TASKPRI		0x080
#define APIC_TPRI_MASK		0xff
#define APIC_ARBPRI		0x090
#define APIC_PROCPRI		0x0a0
#define APIC_EOI		0x0b0
#define APIC_RRR		0x0c0
#define APIC_LDR		0x0d0
#define APIC_DFR		0x0e0
#define APIC_DFR_FLAT		0xffffffff
#define APIC_DFR_CLUSTER	0x0fffffff	/* model bits 31:28 zero: the cluster model */
#define APIC_SPIV		0x0f0
#define APIC_SPIV_APIC_ENABLED	(1 << 8)
#define APIC_SPIV_FOCUS_DISABLED (1 << 9)
#define APIC_ISR		0x100
#define APIC_TMR		0x180
#define APIC_IRR		0x200
#define APIC_ESR		0x280
#define APIC_CMCI		0x2f0
#define APIC_ICR		0x300
#define APIC_ICR2		0x310
#define APIC_LVTT		0x320
#define APIC_LVTTHMR		0x330
#define APIC_LVTPC		0x340
#define APIC_LVT0		0x350
#define APIC_LVT1		0x360
#define APIC_LVTERR		0x370
#define APIC_TMICT		0x380
#define APIC_TMCCT		0x390
#define APIC_TDCR		0x3e0
#define APIC_SELF_IPI		0x3f0

/* ICR: vector, delivery mode, destination mode and shorthand. */
#define APIC_VECTOR_MASK	0x000ff
#define APIC_DM_FIXED		0x00000
#define APIC_DM_LOWEST		0x00100
#define APIC_DM_SMI		0x00200
#define APIC_DM_REMRD		0x00300
#define APIC_DM_NMI		0x00400
#define APIC_DM_INIT		0x00500
#define APIC_DM_STARTUP		0x00600
#define APIC_DM_EXTINT		0x00700
#define APIC_DEST_PHYSICAL	0x00000
#define APIC_DEST_LOGICAL	0x00800
#define APIC_ICR_BUSY		0x01000
#define APIC_INT_ASSERT		0x04000
#define APIC_INT_LEVELTRIG	0x08000
#define APIC_DEST_NOSHORT	0x00000
#define APIC_DEST_SELF		0x40000
#define APIC_DEST_ALLINC	0x80000
#define APIC_DEST_ALLBUT	0xc0000
#define APIC_DEST_MASK		0xc0000

/* LVT entries and the timer. */
#define APIC_LVT_MASKED		(1 << 16)
#define APIC_LVT_LEVEL_TRIGGER	(1 << 15)
#define APIC_LVT_REMOTE_IRR	(1 << 14)
#define APIC_INPUT_POLARITY	(1 << 13)
#define APIC_SEND_PENDING	(1 << 12)
#define APIC_LVT_TIMER_ONESHOT	(0 << 17)
#define APIC_LVT_TIMER_PERIODIC	(1 << 17)
#define APIC_LVT_TIMER_TSCDEADLINE (2 << 17)
#define APIC_LVT_TIMER_MASK	(3 << 17)
#define APIC_TDR_DIV_1		0xb
#define APIC_TDR_DIV_2		0x0
#define APIC_TDR_DIV_4		0x1
#define APIC_TDR_DIV_8		0x2
#define APIC_TDR_DIV_16		0x3
#define APIC_TDR_DIV_32		0x8
#define APIC_TDR_DIV_64		0x9
#define APIC_TDR_DIV_128	0xa

/* IO APIC: the index/data window and its registers. */
#define IOAPIC_REGSEL		0x00
#define IOAPIC_WINDOW		0x10
#define IOAPIC_ID		0x00
#define IOAPIC_VERSION		0x01
#define IOAPIC_ARB		0x02
#define IOAPIC_REDIR_TABLE	0x10

#endif /* _X86_APIC_DEFS_H_ */
