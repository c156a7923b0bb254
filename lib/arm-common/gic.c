/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gic.c - the version-independent GIC API of asm/gic.h: find the GIC in
 * the device tree, then forward to the GICv2 or GICv3 operations, and
 * handle the distributor-style registers (enable, pending, active,
 * priority) that both versions lay out the same way.
 */
#include "libcflat.h"
#include "devicetree.h"
#include "asm/gic.h"
#include "asm/gic-v3-its.h"
#include "asm/io.h"
#include "asm/smp.h"
#include "asm/spinlock.h"
#include "gic.h"

void *gic_dist;
static const struct gic_ops *ops;
static int version;
static struct spinlock dist_lock;
static bool dist_ready;

static const char *const gicv2_compatibles[] = { "arm,cortex-a15-gic", "arm,gic-400", "arm,cortex-a9-gic" };

int gic_init(void)
{
	size_t i;
	int node;

	if (version)
		return version;
	node = dt_find_compatible(-1, "arm,gic-v3");
	if (node >= 0) {
		gicv3_probe(node);
		ops = &gicv3_ops;
		version = 3;
		/* Only finds it (gicv3_its_base()); its_enable_defaults() sets it up. */
		its_init();
		return version;
	}
	for (i = 0; i < ARRAY_SIZE(gicv2_compatibles); i++) {
		node = dt_find_compatible(-1, gicv2_compatibles[i]);
		if (node >= 0) {
			gicv2_probe(node);
			ops = &gicv2_ops;
			version = 2;
			break;
		}
	}
	return version;
}

int gic_version(void)
{
	return version;
}

static void need_gic(const char *fn)
{
	if (!ops)
		report_abort("%s: no GIC (call gic_init() or gic_enable_defaults(); the device tree has neither "
			     "arm,gic-v3 nor a GICv2)", fn);
}

void gic_enable_defaults(void)
{
	if (!gic_init())
		need_gic(__func__);
	spin_lock(&dist_lock);
	if (!dist_ready) {
		ops->dist_init();
		dist_ready = true;
	}
	spin_unlock(&dist_lock);
	ops->cpu_init();
}

int gic_nr_irqs(void)
{
	need_gic(__func__);
	return MIN(GICD_TYPER_IRQS(readl(gic_dist + GICD_TYPER)), 1020);
}

u32 gic_read_iar(void)
{
	need_gic(__func__);
	return ops->read_iar();
}

u32 gic_iar_irqnr(u32 iar)
{
	need_gic(__func__);
	return ops->iar_irqnr(iar);
}

void gic_write_eoir(u32 irqstat)
{
	need_gic(__func__);
	ops->write_eoir(irqstat);
}

void gic_ipi_send_single(int irq, int cpu)
{
	need_gic(__func__);
	assert_msg(irq >= 0 && irq < 16, "gic_ipi_send_single: %d is not an SGI (0-15)", irq);
	assert_msg(cpu >= 0 && cpu < nr_cpus, "gic_ipi_send_single: no CPU %d", cpu);
	ops->ipi_send(irq, cpu);
}

void gic_ipi_send_mask(int irq, const cpumask_t *dest)
{
	int cpu;

	need_gic(__func__);
	assert_msg(irq >= 0 && irq < 16, "gic_ipi_send_mask: %d is not an SGI (0-15)", irq);
	for_each_cpu(cpu, dest)
		ops->ipi_send(irq, cpu);
}

static void *irq_frame(const char *fn, int irq)
{
	need_gic(fn);
	assert_msg(irq >= 0 && irq < gic_nr_irqs(), "%s: no interrupt %d (the GIC has %d)", fn, irq, gic_nr_irqs());
	return ops->irq_frame(irq);
}

/* Set-enable, clear-enable, set-pending... registers: one bit per interrupt, writing 0 changes nothing. */
static void write_bit_reg(void *frame, unsigned int reg, int irq)
{
	writel(1U << (irq % 32), frame + reg + (irq / 32) * 4);
}

static bool read_bit_reg(void *frame, unsigned int reg, int irq)
{
	return readl(frame + reg + (irq / 32) * 4) & (1U << (irq % 32));
}

void gic_irq_set_clr_enable(int irq, bool enable)
{
	void *frame = irq_frame(__func__, irq);

	write_bit_reg(frame, enable ? GICD_ISENABLER : GICD_ICENABLER, irq);
	if (!enable)
		ops->wait_for_writes(irq);
}

void gic_irq_enable(int irq)
{
	gic_irq_set_clr_enable(irq, true);
}

void gic_irq_disable(int irq)
{
	gic_irq_set_clr_enable(irq, false);
}

void gic_irq_set_clr_pending(int irq, bool pending)
{
	write_bit_reg(irq_frame(__func__, irq), pending ? GICD_ISPENDR : GICD_ICPENDR, irq);
}

void gic_irq_set_clr_active(int irq, bool active)
{
	write_bit_reg(irq_frame(__func__, irq), active ? GICD_ISACTIVER : GICD_ICACTIVER, irq);
}

/*
 * The frame holding interrupt irq's distributor-style registers: the distributor, or on GICv3 for SGIs
 * and PPIs this CPU's redistributor SGI frame.
 */
void *gic_irq_frame(int irq)
{
	return irq_frame(__func__, irq);
}

/* The priority registers are byte-accessible in both versions: one byte per interrupt. */
void gic_set_irq_priority(int irq, u8 prio)
{
	writeb(prio, irq_frame(__func__, irq) + GICD_IPRIORITYR + irq);
}

u8 gic_get_irq_priority(int irq)
{
	return readb(irq_frame(__func__, irq) + GICD_IPRIORITYR + irq);
}

void gic_set_priority_mask(u8 mask)
{
	need_gic(__func__);
	ops->set_pmr(mask);
}

u8 gic_get_priority_mask(void)
{
	need_gic(__func__);
	return ops->get_pmr();
}

enum gic_irq_state gic_irq_state(int irq)
{
	void *frame = irq_frame(__func__, irq);
	bool pending = read_bit_reg(frame, GICD_ISPENDR, irq), active = read_bit_reg(frame, GICD_ISACTIVER, irq);

	if (active)
		return pending ? GIC_IRQ_STATE_ACTIVE_PENDING : GIC_IRQ_STATE_ACTIVE;
	return pending ? GIC_IRQ_STATE_PENDING : GIC_IRQ_STATE_INACTIVE;
}
