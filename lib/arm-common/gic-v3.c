/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gic-v3.c - GICv3: the distributor (first "reg" range of the device tree
 * node), then #redistributor-regions ranges of redistributors, each found
 * for its CPU by the affinity in its GICR_TYPER; the CPU interface is
 * system registers. Affinity routing is on and every interrupt is in
 * non-secure group 1, which is signalled as IRQ.
 */
#include "libcflat.h"
#include "devicetree.h"
#include "asm/gic.h"
#include "asm/io.h"
#include "asm/mmu.h"
#include "asm/processor.h"
#include "asm/smp.h"
#include "gic.h"

#define GICR_FRAME_SIZE		(2 * SZ_64K)	/* RD_base + SGI_base; GICv4 adds two (VLPIS) */
/* How long a register write may take to complete before the GIC is considered broken. */
#define RWP_SPINS		1000000

static void *redists[NR_CPUS];
/* SPIs go to the CPU that found the GIC (gic_init()). */
static u64 spi_route;

void *gicv3_dist_base(void)
{
	return gic_dist;
}

void *gicv3_redist_base(void)
{
	return redists[smp_processor_id()];
}

void *gicv3_cpu_redist_base(int cpu)
{
	return redists[cpu];
}

void *gicv3_sgi_base(void)
{
	return redists[smp_processor_id()] + GICR_SGI_OFFSET;
}

/* GICR_TYPER's affinity: Aff3.Aff2.Aff1.Aff0 packed into 32 bits. */
static u32 mpidr_to_gicr_aff(u64 mpidr)
{
	return MPIDR_AFFINITY_LEVEL(mpidr, 3) << 24 | MPIDR_AFFINITY_LEVEL(mpidr, 2) << 16 |
	       MPIDR_AFFINITY_LEVEL(mpidr, 1) << 8 | MPIDR_AFFINITY_LEVEL(mpidr, 0);
}

static void find_redists(void *region, u64 size)
{
	void *frame = region;
	int cpu;

	while (frame < region + size) {
		u64 typer = readq(frame + GICR_TYPER);

		for (cpu = 0; cpu < nr_cpus; cpu++) {
			if (mpidr_to_gicr_aff(cpus[cpu]) == typer >> GICR_TYPER_AFF_SHIFT)
				redists[cpu] = frame;
		}
		if (typer & GICR_TYPER_LAST)
			break;
		frame += typer & GICR_TYPER_VLPIS ? 2 * GICR_FRAME_SIZE : GICR_FRAME_SIZE;
	}
}

void gicv3_probe(int node)
{
	struct dt_reg dist, reg;
	u32 nr_regions = 1;
	int cpu, i;

	if (dt_get_reg(node, 0, &dist))
		report_abort("gic: the GICv3 node %s has no distributor range", dt_node_name(node));
	gic_dist = ioremap(dist.addr, dist.size);
	spi_route = get_mpidr();
	dt_getprop_u32(node, "#redistributor-regions", &nr_regions);
	for (i = 1; i <= (int)nr_regions; i++) {
		if (dt_get_reg(node, i, &reg))
			report_abort("gic: the GICv3 node %s has no redistributor range %d of %u", dt_node_name(node),
				     i, nr_regions);
		find_redists(ioremap(reg.addr, reg.size), reg.size);
	}
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		if (!redists[cpu])
			report_abort("gic: no GICv3 redistributor for CPU %d (MPIDR %#lx)", cpu, cpus[cpu]);
	}
}

static void wait_rwp(void *reg, u32 bit)
{
	int spins = RWP_SPINS;

	while (readl(reg) & bit) {
		if (!--spins)
			report_abort("gic: a register write did not complete (RWP still set at %p)", reg);
		cpu_relax();
	}
}

static void gicv3_dist_init(void)
{
	int i, nr = gic_nr_irqs();

	writel(0, gic_dist + GICD_CTLR);
	wait_rwp(gic_dist + GICD_CTLR, GICD_CTLR_RWP);
	/* SPIs: group 1, disabled, default priority, routed to the CPU that called gic_init(). */
	for (i = GIC_FIRST_SPI; i < nr; i += 32) {
		writel(~0U, gic_dist + GICD_IGROUPR + i / 8);
		writel(~0U, gic_dist + GICD_ICENABLER + i / 8);
	}
	for (i = GIC_FIRST_SPI; i < nr; i += 4)
		writel(GICD_INT_DEF_PRI_X4, gic_dist + GICD_IPRIORITYR + i);
	for (i = GIC_FIRST_SPI; i < nr; i++)
		writeq(spi_route, gic_dist + GICD_IROUTER + i * 8);
	writel(GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_G1A | GICD_CTLR_ENABLE_G1, gic_dist + GICD_CTLR);
	wait_rwp(gic_dist + GICD_CTLR, GICD_CTLR_RWP);
}

static void gicv3_cpu_init(void)
{
	void *rd = gicv3_redist_base(), *sgi = gicv3_sgi_base();
	int i, spins = RWP_SPINS;

	/* Wake the redistributor: it forwards nothing to a sleeping CPU. */
	writel(readl(rd + GICR_WAKER) & ~GICR_WAKER_ProcessorSleep, rd + GICR_WAKER);
	while (readl(rd + GICR_WAKER) & GICR_WAKER_ChildrenAsleep) {
		if (!--spins)
			report_abort("gic: CPU %d's redistributor does not wake up", smp_processor_id());
		cpu_relax();
	}
	writel(~0U, sgi + GICR_IGROUPR0);
	writel(~GICD_INT_EN_SET_SGI, sgi + GICR_ICENABLER0);
	wait_rwp(rd + GICR_CTLR, GICR_CTLR_RWP);
	for (i = 0; i < GIC_FIRST_SPI; i += 4)
		writel(GICD_INT_DEF_PRI_X4, sgi + GICR_IPRIORITYR0 + i);
	writel(GICD_INT_EN_SET_SGI, sgi + GICR_ISENABLER0);

	/* The system register interface, EOI mode 0 (EOIR also deactivates), group 1 on. */
	write_sysreg(read_sysreg(ICC_SRE_EL1) | ICC_SRE_EL1_SRE, ICC_SRE_EL1);
	isb();
	write_sysreg(GICC_INT_PRI_THRESHOLD, ICC_PMR_EL1);
	write_sysreg(0, ICC_BPR1_EL1);
	write_sysreg(0, ICC_CTLR_EL1);
	write_sysreg(1, ICC_IGRPEN1_EL1);
	isb();
}

static u32 gicv3_read_iar(void)
{
	u32 iar = read_sysreg(ICC_IAR1_EL1);

	/* The acknowledge must complete before the handler reads what the sender wrote. */
	dsb(sy);
	return iar;
}

static u32 gicv3_iar_irqnr(u32 iar)
{
	return iar & ICC_IAR1_EL1_INTID_MASK;
}

void gicv3_write_eoir(u32 irqstat)
{
	write_sysreg(irqstat, ICC_EOIR1_EL1);
	isb();
}

static void gicv3_ipi_send(int irq, int cpu)
{
	u64 mpidr = cpus[cpu], aff0 = MPIDR_AFFINITY_LEVEL(mpidr, 0);
	/* Aff0 picks a bit of the 16-bit target list within the range RS (Aff0 / 16). */
	u64 sgi1r = MPIDR_AFFINITY_LEVEL(mpidr, 3) << ICC_SGI1R_AFFINITY_3_SHIFT |
		    MPIDR_AFFINITY_LEVEL(mpidr, 2) << ICC_SGI1R_AFFINITY_2_SHIFT |
		    MPIDR_AFFINITY_LEVEL(mpidr, 1) << ICC_SGI1R_AFFINITY_1_SHIFT |
		    (aff0 >> 4) << ICC_SGI1R_RS_SHIFT | (u64)irq << ICC_SGI1R_SGI_ID_SHIFT | 1UL << (aff0 & 0xf);

	/* What the sender wrote before must be visible to the target when it takes the SGI. */
	dsb(ishst);
	write_sysreg(sgi1r, ICC_SGI1R_EL1);
	isb();
}

static void gicv3_set_pmr(u8 mask)
{
	write_sysreg(mask, ICC_PMR_EL1);
	isb();
}

static u8 gicv3_get_pmr(void)
{
	return read_sysreg(ICC_PMR_EL1);
}

static void *gicv3_irq_frame(int irq)
{
	return irq < GIC_FIRST_SPI ? gicv3_sgi_base() : gic_dist;
}

static void gicv3_wait_for_writes(int irq)
{
	if (irq < GIC_FIRST_SPI)
		wait_rwp(gicv3_redist_base() + GICR_CTLR, GICR_CTLR_RWP);
	else
		wait_rwp(gic_dist + GICD_CTLR, GICD_CTLR_RWP);
}

const struct gic_ops gicv3_ops = {
	.dist_init = gicv3_dist_init,
	.cpu_init = gicv3_cpu_init,
	.read_iar = gicv3_read_iar,
	.iar_irqnr = gicv3_iar_irqnr,
	.write_eoir = gicv3_write_eoir,
	.ipi_send = gicv3_ipi_send,
	.set_pmr = gicv3_set_pmr,
	.get_pmr = gicv3_get_pmr,
	.irq_frame = gicv3_irq_frame,
	.wait_for_writes = gicv3_wait_for_writes,
};
