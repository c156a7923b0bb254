/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gic.h - what gic.c needs from the version-specific halves (gic-v2.c,
 * gic-v3.c): a probe that maps the device tree node's registers, and the
 * operations that differ between the versions. Private to lib/arm64.
 */
#ifndef _ARM64_GIC_H_
#define _ARM64_GIC_H_

#include "libcflat.h"

struct gic_ops {
	/* Once, by the first CPU: distributor on with the defaults. */
	void (*dist_init)(void);
	/* On each CPU: its interface (and GICv3 redistributor) on, SGIs enabled. */
	void (*cpu_init)(void);
	u32 (*read_iar)(void);
	u32 (*iar_irqnr)(u32 iar);
	void (*write_eoir)(u32 irqstat);
	void (*ipi_send)(int irq, int cpu);
	void (*set_pmr)(u8 mask);
	u8 (*get_pmr)(void);
	/* The frame that holds irq's enable, pending, active and priority registers for the calling CPU. */
	void *(*irq_frame)(int irq);
	/* Wait until a write to irq's frame (an ICENABLER) has taken effect. */
	void (*wait_for_writes)(int irq);
};

extern const struct gic_ops gicv2_ops, gicv3_ops;
/* Map the node's registers, or abort naming what is wrong with the node. */
extern void gicv2_probe(int node);
extern void gicv3_probe(int node);
/* The distributor, for both versions. */
extern void *gic_dist;

#endif /* _ARM64_GIC_H_ */
