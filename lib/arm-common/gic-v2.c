/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gic-v2.c - GICv2: a distributor and a memory-mapped CPU interface, at
 * the device tree node's first two "reg" ranges. Every interrupt stays in
 * group 0, which the CPU interface signals as IRQ (FIQs are not enabled).
 * SGIs name their targets by CPU interface number, which each CPU learns
 * from its own banked GICD_ITARGETSR0 when it enables its interface.
 */
#include "libcflat.h"
#include "devicetree.h"
#include "asm/gic.h"
#include "asm/io.h"
#include "asm/mmu.h"
#include "asm/smp.h"
#include "gic.h"

static void *gicc;
/* SPIs go to the CPU that found the GIC (gic_init()): its interface bit, read there. */
static u8 spi_target;
/* Bit of each CPU's interface in SGI target lists; 0 until the CPU ran gic_enable_defaults(). */
static u8 cpu_iface_mask[NR_CPUS];

void *gicv2_dist_base(void)
{
	return gic_dist;
}

void *gicv2_cpu_base(void)
{
	return gicc;
}

void gicv2_probe(int node)
{
	struct dt_reg dist, cpu;

	if (dt_get_reg(node, 0, &dist) || dt_get_reg(node, 1, &cpu))
		report_abort("gic: the GICv2 node %s has no distributor and CPU interface ranges", dt_node_name(node));
	gic_dist = ioremap(dist.addr, dist.size);
	gicc = ioremap(cpu.addr, cpu.size);
	spi_target = readb(gic_dist + GICD_ITARGETSR);
}

static void gicv2_dist_init(void)
{
	int i, nr = gic_nr_irqs();

	writel(0, gic_dist + GICD_CTLR);
	/* SPIs: to the CPU that called gic_init(), all at the default priority, disabled. */
	for (i = GIC_FIRST_SPI; i < nr; i += 4) {
		writel(GICD_INT_DEF_PRI_X4, gic_dist + GICD_IPRIORITYR + i);
		writel(spi_target * 0x01010101U, gic_dist + GICD_ITARGETSR + i);
	}
	for (i = GIC_FIRST_SPI; i < nr; i += 32)
		writel(~0U, gic_dist + GICD_ICENABLER + i / 8);
	writel(GICD_ENABLE, gic_dist + GICD_CTLR);
}

static void gicv2_cpu_init(void)
{
	int i;

	/* Banked for SGIs and PPIs: reading it gives this CPU's own interface bit. */
	cpu_iface_mask[smp_processor_id()] = readb(gic_dist + GICD_ITARGETSR);
	for (i = 0; i < GIC_FIRST_SPI; i += 4)
		writel(GICD_INT_DEF_PRI_X4, gic_dist + GICD_IPRIORITYR + i);
	writel(GICD_INT_EN_SET_SGI, gic_dist + GICD_ISENABLER);
	writel(GICC_INT_PRI_THRESHOLD, gicc + GICC_PMR);
	writel(GICC_ENABLE, gicc + GICC_CTLR);
}

static u32 gicv2_read_iar(void)
{
	return readl(gicc + GICC_IAR);
}

static u32 gicv2_iar_irqnr(u32 iar)
{
	return iar & GICC_IAR_INT_ID_MASK;
}

void gicv2_write_eoir(u32 irqstat)
{
	writel(irqstat, gicc + GICC_EOIR);
}

static void gicv2_ipi_send(int irq, int cpu)
{
	assert_msg(cpu_iface_mask[cpu], "gic: CPU %d has not enabled its GIC interface (gic_enable_defaults)", cpu);
	/* What the sender wrote before must be visible to the target when it takes the SGI. */
	dsb(ishst);
	writel((u32)cpu_iface_mask[cpu] << GICD_SGIR_TARGET_SHIFT | irq, gic_dist + GICD_SGIR);
}

static void gicv2_set_pmr(u8 mask)
{
	writel(mask, gicc + GICC_PMR);
}

static u8 gicv2_get_pmr(void)
{
	return readl(gicc + GICC_PMR);
}

static void *gicv2_irq_frame(int irq)
{
	return gic_dist;
}

/* GICv2 has no register-write-pending bit: a read back orders the write. */
static void gicv2_wait_for_writes(int irq)
{
	readl(gic_dist + GICD_CTLR);
}

const struct gic_ops gicv2_ops = {
	.dist_init = gicv2_dist_init,
	.cpu_init = gicv2_cpu_init,
	.read_iar = gicv2_read_iar,
	.iar_irqnr = gicv2_iar_irqnr,
	.write_eoir = gicv2_write_eoir,
	.ipi_send = gicv2_ipi_send,
	.set_pmr = gicv2_set_pmr,
	.get_pmr = gicv2_get_pmr,
	.irq_frame = gicv2_irq_frame,
	.wait_for_writes = gicv2_wait_for_writes,
};
