/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * apic.h - the local APIC (xAPIC through MMIO, x2APIC through MSRs, chosen
 * per CPU), the IO APIC, the legacy PIC, and QEMU's pc-testdev IRQ lines;
 * kvm-unit-tests' names and meanings.
 */
#ifndef _X86_APIC_H_
#define _X86_APIC_H_

#include "libcflat.h"
#include "apic-defs.h"
#include "processor.h"
#include "smp.h"

/* id_map[cpu]: CPU cpu's APIC ID. */
extern u8 id_map[MAX_TEST_CPUS];

extern void *g_apic;
extern void *g_ioapic;

typedef struct {
	u8 vector;
	u8 delivery_mode:3;
	u8 dest_mode:1;
	u8 delivery_status:1;
	u8 polarity:1;
	u8 remote_irr:1;
	u8 trig_mode:1;
	u8 mask:1;
	u8 reserve:7;
	u8 reserved[4];
	u8 dest_id;
} ioapic_redir_entry_t;

typedef enum trigger_mode {
	TRIGGER_EDGE = 0,
	TRIGGER_LEVEL,
	TRIGGER_MAX,
} trigger_mode_t;

/* Local APIC of the calling CPU. */
extern u32 apic_read(unsigned int reg);
extern void apic_write(unsigned int reg, u32 val);
extern bool apic_read_bit(unsigned int reg, int n);
/* Send an IPI: ICR low word val, destination APIC ID dest. Waits until an xAPIC took it. */
extern void apic_icr_write(u32 val, u32 dest);
extern u32 apic_id(void);
extern u32 pre_boot_apic_id(void);
extern void eoi(void);
extern u8 apic_get_tpr(void);
extern void apic_set_tpr(u8 tpr);
/* Software-enable the APIC (SPIV), in whichever mode it is. */
extern void enable_apic(void);
/* Switch to x2APIC mode: 1, or 0 when the CPU has none. */
extern int enable_x2apic(void);
extern void disable_apic(void);
/* Back to an enabled xAPIC, whatever the mode was. */
extern void reset_apic(void);
/* Fill id_map from every CPU's APIC ID. */
extern void init_apic_map(void);

static inline u32 apic_reg_index(u32 reg)
{
	return reg >> 2;
}

static inline u32 x2apic_msr(u32 reg)
{
	return APIC_BASE_MSR + (reg >> 4);
}

/*
 * The calling CPU's APIC state: globally enabled (IA32_APIC_BASE.EN),
 * software-enabled (SPIV bit 8), and which of the two modes it is in
 * (EN and EXTD both set: x2APIC; EN alone: xAPIC). Intel SDM vol. 3, 11.4.3.
 */
static inline bool is_apic_hw_enabled(void)
{
	return rdmsr(MSR_IA32_APICBASE) & APIC_EN;
}

static inline bool is_apic_sw_enabled(void)
{
	return apic_read(APIC_SPIV) & APIC_SPIV_APIC_ENABLED;
}

static inline bool is_x2apic_enabled(void)
{
	return (rdmsr(MSR_IA32_APICBASE) & (APIC_EN | APIC_EXTD)) == (APIC_EN | APIC_EXTD);
}

static inline bool is_xapic_enabled(void)
{
	return (rdmsr(MSR_IA32_APICBASE) & (APIC_EN | APIC_EXTD)) == APIC_EN;
}

/* What RDMSR and WRMSR may do with an x2APIC register's MSR. */
enum x2apic_reg_semantics {
	X2APIC_INVALID	= 0,
	X2APIC_READABLE	= BIT(0),
	X2APIC_WRITABLE	= BIT(1),
	X2APIC_RO	= X2APIC_READABLE,
	X2APIC_WO	= X2APIC_WRITABLE,
	X2APIC_RW	= X2APIC_READABLE | X2APIC_WRITABLE,
};

/*
 * The x2APIC register map (Intel SDM vol. 3, table 11-6), by the xAPIC
 * offset reg: registers absent in x2APIC mode (DFR, ICR2, APR, RRD and
 * every unlisted offset) are X2APIC_INVALID, so both RDMSR and WRMSR of
 * them #GP. LVT CMCI exists only with a seventh LVT entry (MaxLVT >= 6).
 */
extern enum x2apic_reg_semantics get_x2apic_reg_semantics(u32 reg);

/* The legacy 8259 PICs: every line masked, so only the APICs deliver interrupts. */
extern void mask_pic_interrupts(void);

/* IO APIC. */
extern u32 ioapic_read_reg(unsigned int reg);
extern void ioapic_write_reg(unsigned int reg, u32 value);
extern ioapic_redir_entry_t ioapic_read_redir(unsigned int line);
extern void ioapic_write_redir(unsigned int line, ioapic_redir_entry_t e);
/* line delivers vec to CPU 0 (fixed, physical), unmasked, with trig_mode. */
extern void ioapic_set_redir(unsigned int line, unsigned int vec, trigger_mode_t trig_mode);
extern void set_mask(unsigned int line, int mask);
/* Drive ISA IRQ line of QEMU's pc-testdev (ports 0x2000 + line) to val. */
extern void set_irq_line(unsigned int line, int val);

#endif /* _X86_APIC_H_ */
