/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/gic.h - the Generic Interrupt Controller, GICv2 or GICv3, found in
 * the device tree (kvm-unit-tests' API): gic_init(), gic_enable_defaults()
 * on each CPU that takes interrupts, then acknowledge (gic_read_iar), end
 * (gic_write_eoir), send SGIs, enable, mask and prioritise interrupts the
 * same way on either version. The distributor registers both share are
 * here; asm/gic-v2.h and asm/gic-v3.h have the rest.
 *
 * Interrupt IDs: SGIs 0-15, PPIs 16-31 (PPI(n) for a device tree's PPI
 * number n), SPIs 32 and up (SPI(n)), 1023 spurious.
 */
#ifndef _ASM_ARM64_GIC_H_
#define _ASM_ARM64_GIC_H_

/* Distributor registers, at the same offsets in GICv2 and GICv3. */
#define GICD_CTLR			0x0000
#define GICD_TYPER			0x0004
#define GICD_IIDR			0x0008
#define GICD_IGROUPR			0x0080
#define GICD_ISENABLER			0x0100
#define GICD_ICENABLER			0x0180
#define GICD_ISPENDR			0x0200
#define GICD_ICPENDR			0x0280
#define GICD_ISACTIVER			0x0300
#define GICD_ICACTIVER			0x0380
#define GICD_IPRIORITYR			0x0400
#define GICD_ICFGR			0x0c00

#define GICD_TYPER_IRQS(typer)		((((typer) & 0x1f) + 1) * 32)
#define GICD_INT_EN_SET_SGI		0x0000ffff
#define GICD_INT_DEF_PRI		0xa0
#define GICD_INT_DEF_PRI_X4		0xa0a0a0a0

/* The priority mask gic_enable_defaults() sets: every priority above it (numerically below) is taken. */
#define GICC_INT_PRI_THRESHOLD		0xf0
#define GICC_INT_SPURIOUS		0x3ff

#define GIC_FIRST_SPI			32
#define PPI(irq)			((irq) + 16)
#define SPI(irq)			((irq) + GIC_FIRST_SPI)

#include "asm/gic-v2.h"
#include "asm/gic-v3.h"

#ifndef __ASSEMBLER__
#include "libcflat.h"
#include "cpumask.h"
#include "asm/smp.h"
#include "asm/io.h"

/*
 * Find the GIC in the device tree and map it; its version (2 or 3), or 0
 * when there is none this library knows. Called by gic_enable_defaults().
 */
extern int gic_init(void);
/*
 * Enable the distributor (once) and this CPU's interface, with every
 * interrupt in the group that signals IRQ, SGIs enabled, default
 * priorities and the mask at GICC_INT_PRI_THRESHOLD. SPIs are routed to
 * the CPU that called gic_init() first. Aborts without a GIC.
 */
extern void gic_enable_defaults(void);
/* 2 or 3; 0 before gic_init() found one. */
extern int gic_version(void);

/* Acknowledge the highest pending interrupt: its IAR value, or GICC_INT_SPURIOUS when none. */
extern u32 gic_read_iar(void);
extern u32 gic_iar_irqnr(u32 iar);
/* End the interrupt acknowledged as irqstat: drop the priority and deactivate it. */
extern void gic_write_eoir(u32 irqstat);

/* Software-generated interrupt irq (0-15) to one CPU or to a set of CPUs (this one may be in it). */
extern void gic_ipi_send_single(int irq, int cpu);
extern void gic_ipi_send_mask(int irq, const cpumask_t *dest);

/* Enable or disable forwarding irq (SGIs and PPIs: for the calling CPU). */
extern void gic_irq_set_clr_enable(int irq, bool enable);
extern void gic_irq_enable(int irq);
extern void gic_irq_disable(int irq);
/* kvm-unit-tests' names for the two above */
#define gic_enable_irq(irq)		gic_irq_enable(irq)
#define gic_disable_irq(irq)		gic_irq_disable(irq)
/* Priority of irq, 0 the highest; an implementation may keep fewer bits (the low ones read as 0). */
extern void gic_set_irq_priority(int irq, u8 prio);
extern u8 gic_get_irq_priority(int irq);
/* This CPU's priority mask: interrupts of this priority or lower (numerically higher) are not signalled. */
extern void gic_set_priority_mask(u8 mask);
extern u8 gic_get_priority_mask(void);
/* Make irq pending or not from software (an SPI, or a PPI/SGI of this CPU). */
extern void gic_irq_set_clr_pending(int irq, bool pending);
extern void gic_irq_set_clr_active(int irq, bool active);
/* Where irq's enable, pending, active and priority registers are (the GICD_ offsets apply). */
extern void *gic_irq_frame(int irq);

enum gic_irq_state {
	GIC_IRQ_STATE_INACTIVE,
	GIC_IRQ_STATE_PENDING,
	GIC_IRQ_STATE_ACTIVE,
	GIC_IRQ_STATE_ACTIVE_PENDING,
};
/* From the pending and active bits (SGIs and PPIs: the calling CPU's). */
extern enum gic_irq_state gic_irq_state(int irq);
/* Number of interrupt IDs the distributor implements (GICD_TYPER), SGIs and PPIs included. */
extern int gic_nr_irqs(void);

/* The mapped register frames, for tests that poke registers directly. */
extern void *gicv2_dist_base(void);
extern void *gicv2_cpu_base(void);
extern void *gicv3_dist_base(void);
/* The calling CPU's redistributor (RD_base) and its SGI/PPI frame (SGI_base, 64 KiB above). */
extern void *gicv3_redist_base(void);
extern void *gicv3_sgi_base(void);
extern void *gicv3_cpu_redist_base(int cpu);
/* The version-specific end of interrupt, for tests that pick one themselves (as gic_write_eoir() does). */
extern void gicv2_write_eoir(u32 irqstat);
extern void gicv3_write_eoir(u32 irqstat);

/* Wait until a distributor register write has taken effect (GICD_CTLR.RWP). */
static inline void gicv3_dist_wait_for_rwp(void)
{
	while (readl(gicv3_dist_base() + GICD_CTLR) & GICD_CTLR_RWP)
		cpu_relax();
}
#endif /* !__ASSEMBLER__ */

#endif /* _ASM_ARM64_GIC_H_ */
