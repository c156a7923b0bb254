/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * apic.c - local APIC, IO APIC and PIC access. Each CPU's APIC mode
 * (xAPIC or x2APIC) is kept in its per-CPU data, so apic_read() and
 * friends pick MMIO or MSRs without reading IA32_APICBASE every time.
 */
#include "libcflat.h"
#include "apic.h"
#include "asm/io.h"
#include "percpu.h"
#include "processor.h"

#define PIC1_DATA	0x21
#define PIC2_DATA	0xa1
#define TESTDEV_IRQ_PORT 0x2000

u8 id_map[MAX_TEST_CPUS];
void *g_apic = (void *)APIC_DEFAULT_PHYS_BASE;
void *g_ioapic = (void *)IO_APIC_DEFAULT_PHYS_BASE;

static bool x2apic_mode(void)
{
	return PERCPU_READ(u32, PERCPU_X2APIC);
}

static void set_x2apic_mode(bool on)
{
	u32 v = on;

	PERCPU_WRITE(PERCPU_X2APIC, v);
}

u32 apic_read(unsigned int reg)
{
	if (x2apic_mode())
		return rdmsr(x2apic_msr(reg));
	return *(volatile u32 *)(g_apic + reg);
}

void apic_write(unsigned int reg, u32 val)
{
	if (x2apic_mode())
		wrmsr(x2apic_msr(reg), val);
	else
		*(volatile u32 *)(g_apic + reg) = val;
}

bool apic_read_bit(unsigned int reg, int n)
{
	return (apic_read(reg + (n / 32) * 0x10) >> (n % 32)) & 1;
}

void apic_icr_write(u32 val, u32 dest)
{
	if (x2apic_mode()) {
		/* One 64-bit MSR; the destination is a full 32-bit x2APIC ID. */
		asm volatile("mfence" : : : "memory");
		wrmsr(x2apic_msr(APIC_ICR), ((u64)dest << 32) | val);
		return;
	}
	apic_write(APIC_ICR2, dest << 24);
	apic_write(APIC_ICR, val);
	while (apic_read(APIC_ICR) & APIC_ICR_BUSY)
		pause();
}

u32 apic_id(void)
{
	u32 id = apic_read(APIC_ID);

	return x2apic_mode() ? id : id >> 24;
}

/* The initial APIC ID from CPUID, usable before the APIC is set up. */
u32 pre_boot_apic_id(void)
{
	return raw_cpuid(1, 0).b >> 24;
}

void eoi(void)
{
	apic_write(APIC_EOI, 0);
}

/* CR8 is TPR[7:4] in long mode; in protected mode only the APIC's TPR register holds it. */
u8 apic_get_tpr(void)
{
#ifdef __x86_64__
	return read_cr8();
#else
	return apic_read(APIC_TASKPRI) >> 4;
#endif
}

void apic_set_tpr(u8 tpr)
{
#ifdef __x86_64__
	write_cr8(tpr);
#else
	apic_write(APIC_TASKPRI, (u32)tpr << 4);
#endif
}

void enable_apic(void)
{
	apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | 0xff);
}

int enable_x2apic(void)
{
	u64 base = rdmsr(MSR_IA32_APICBASE);

	if (!this_cpu_has(X86_FEATURE_X2APIC))
		return 0;
	wrmsr(MSR_IA32_APICBASE, base | MSR_IA32_APICBASE_ENABLE | MSR_IA32_APICBASE_EXTD);
	set_x2apic_mode(true);
	return 1;
}

void disable_apic(void)
{
	wrmsr(MSR_IA32_APICBASE, rdmsr(MSR_IA32_APICBASE) & ~(MSR_IA32_APICBASE_ENABLE | MSR_IA32_APICBASE_EXTD));
	set_x2apic_mode(false);
}

/* Leaving x2APIC mode goes through disabled: EXTD cannot be cleared with the APIC enabled. */
void reset_apic(void)
{
	disable_apic();
	wrmsr(MSR_IA32_APICBASE, rdmsr(MSR_IA32_APICBASE) | MSR_IA32_APICBASE_ENABLE);
	enable_apic();
}

static void record_apic_id(void *data)
{
	id_map[smp_id()] = apic_id();
}

void init_apic_map(void)
{
	on_cpus(record_apic_id, NULL);
}

void mask_pic_interrupts(void)
{
	outb(0xff, PIC1_DATA);
	outb(0xff, PIC2_DATA);
}

u32 ioapic_read_reg(unsigned int reg)
{
	*(volatile u32 *)(g_ioapic + IOAPIC_REGSEL) = reg;
	return *(volatile u32 *)(g_ioapic + IOAPIC_WINDOW);
}

void ioapic_write_reg(unsigned int reg, u32 value)
{
	*(volatile u32 *)(g_ioapic + IOAPIC_REGSEL) = reg;
	*(volatile u32 *)(g_ioapic + IOAPIC_WINDOW) = value;
}

ioapic_redir_entry_t ioapic_read_redir(unsigned int line)
{
	ioapic_redir_entry_t e;
	u32 w[2];

	w[0] = ioapic_read_reg(IOAPIC_REDIR_TABLE + 2 * line);
	w[1] = ioapic_read_reg(IOAPIC_REDIR_TABLE + 2 * line + 1);
	memcpy(&e, w, sizeof(e));
	return e;
}

/* The high word (destination) first, so the entry never points anywhere half-written while unmasked. */
void ioapic_write_redir(unsigned int line, ioapic_redir_entry_t e)
{
	u32 w[2];

	memcpy(w, &e, sizeof(e));
	ioapic_write_reg(IOAPIC_REDIR_TABLE + 2 * line + 1, w[1]);
	ioapic_write_reg(IOAPIC_REDIR_TABLE + 2 * line, w[0]);
}

void ioapic_set_redir(unsigned int line, unsigned int vec, trigger_mode_t trig_mode)
{
	ioapic_redir_entry_t e = {
		.vector = vec,
		.delivery_mode = 0,
		.trig_mode = trig_mode,
		.dest_id = id_map[0],
	};

	ioapic_write_redir(line, e);
}

void set_mask(unsigned int line, int mask)
{
	ioapic_redir_entry_t e = ioapic_read_redir(line);

	e.mask = mask;
	ioapic_write_redir(line, e);
}

void set_irq_line(unsigned int line, int val)
{
	outb(val, TESTDEV_IRQ_PORT + line);
}

enum x2apic_reg_semantics get_x2apic_reg_semantics(u32 reg)
{
	if (reg & 0xf)
		return X2APIC_INVALID;
	switch (reg) {
	case APIC_ID:
	case APIC_LVR:
	case APIC_PROCPRI:
	case APIC_LDR:
	case APIC_TMCCT:
		return X2APIC_RO;
	case APIC_ISR ... APIC_ISR + 0x70:
	case APIC_TMR ... APIC_TMR + 0x70:
	case APIC_IRR ... APIC_IRR + 0x70:
		return X2APIC_RO;
	case APIC_TASKPRI:
	case APIC_SPIV:
	case APIC_ESR:
	case APIC_ICR:
	case APIC_LVTT:
	case APIC_LVTTHMR:
	case APIC_LVTPC:
	case APIC_LVT0:
	case APIC_LVT1:
	case APIC_LVTERR:
	case APIC_TMICT:
	case APIC_TDCR:
		return X2APIC_RW;
	case APIC_CMCI:
		return GET_APIC_MAXLVT(apic_read(APIC_LVR)) >= 6 ? X2APIC_RW : X2APIC_INVALID;
	case APIC_EOI:
	case APIC_SELF_IPI:
		return X2APIC_WO;
	default:
		return X2APIC_INVALID;
	}
}
