/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * migration_state.c - interrupt-controller, timer and PMU state that live
 * migration must carry to the destination: an SPI's enable and priority at
 * the distributor, an SPI left pending and one left active (acknowledged,
 * not yet ended), the virtual timer's compare value and control (one
 * far-away deadline kept, one that passes during the migration showing
 * ISTATUS), the virtual counter going forward, and the PMU's cycle counter
 * still counting with its event type register kept. Catches a GIC or timer
 * save/restore that drops a bit (a lost pending or active interrupt, a
 * disarmed timer, a counter that jumps back). Run in the cfg group
 * `migration`, once per GIC version.
 */
#include "libcflat.h"
#include "migrate.h"
#include "asm/io.h"
#include "asm/gic.h"
#include "asm/processor.h"
#include "asm/sysreg.h"
#include "asm/timer.h"
#include "asm/pmu.h"

/* Two SPIs every GIC of QEMU's virt machine has, no device drives them. */
#define SPI_PENDING	(32 + 20)
#define SPI_ACTIVE	(32 + 21)
/* The set-enable registers, one bit per interrupt, at the same offset in GICv2 and GICv3. */
#define GICD_ISENABLER_BASE	0x100

static bool spi_enabled(int irq)
{
	void *dist = gic_version() == 2 ? gicv2_dist_base() : gicv3_dist_base();

	return readl(dist + GICD_ISENABLER_BASE + irq / 32 * 4) & (1U << (irq % 32));
}

static void check_gic(void)
{
	u32 iar;

	gic_enable_defaults();
	gic_set_irq_priority(SPI_PENDING, 0x40);
	gic_irq_enable(SPI_PENDING);
	gic_irq_set_clr_pending(SPI_PENDING, true);

	gic_set_irq_priority(SPI_ACTIVE, 0x20);
	gic_irq_enable(SPI_ACTIVE);
	gic_irq_set_clr_pending(SPI_ACTIVE, true);
	/* Interrupts stay masked at the CPU: acknowledging takes the highest priority one, the active SPI. */
	iar = gic_read_iar();
	report(gic_iar_irqnr(iar) == SPI_ACTIVE, "SPI %d acknowledged before (IAR %#x)", SPI_ACTIVE, iar);

	migrate_quiet();
	report(spi_enabled(SPI_PENDING) && spi_enabled(SPI_ACTIVE), "SPI enables kept");
	report(gic_get_irq_priority(SPI_PENDING) == 0x40 && gic_get_irq_priority(SPI_ACTIVE) == 0x20,
	       "SPI priorities kept (%#x, %#x)", gic_get_irq_priority(SPI_PENDING),
	       gic_get_irq_priority(SPI_ACTIVE));
	report(gic_irq_state(SPI_PENDING) == GIC_IRQ_STATE_PENDING, "pending SPI still pending (state %d)",
	       gic_irq_state(SPI_PENDING));
	report(gic_irq_state(SPI_ACTIVE) == GIC_IRQ_STATE_ACTIVE, "active SPI still active (state %d)",
	       gic_irq_state(SPI_ACTIVE));

	gic_write_eoir(iar);
	report(gic_irq_state(SPI_ACTIVE) == GIC_IRQ_STATE_INACTIVE, "the active SPI ends on the destination");
	iar = gic_read_iar();
	report(gic_iar_irqnr(iar) == SPI_PENDING, "the pending SPI is acknowledged on the destination (IAR %#x)",
	       iar);
	gic_write_eoir(iar);
	gic_irq_disable(SPI_PENDING);
	gic_irq_disable(SPI_ACTIVE);
}

static void check_timer(void)
{
	u64 before, after, far;
	const u64 ctl = ARCH_TIMER_CTL_ENABLE | ARCH_TIMER_CTL_IMASK;

	before = timer_get_cntvct();
	far = before + (1ull << 50);
	write_cntv_cval(far);
	write_cntv_ctl(ctl);
	migrate_quiet();
	after = timer_get_cntvct();
	report(after > before, "virtual counter went forward (%#lx -> %#lx)", before, after);
	report(read_sysreg(cntv_cval_el0) == far, "CNTV_CVAL kept (%#lx)", read_sysreg(cntv_cval_el0));
	report((read_cntv_ctl() & ~ARCH_TIMER_CTL_ISTATUS) == ctl && !(read_cntv_ctl() & ARCH_TIMER_CTL_ISTATUS),
	       "CNTV_CTL kept, not expired (%#lx)", read_cntv_ctl());

	/* A deadline a millisecond away passes while the VM moves: the condition holds after. */
	write_cntv_cval(timer_get_cntvct() + read_sysreg(cntfrq_el0) / 1000);
	migrate_quiet();
	report(read_cntv_ctl() & ARCH_TIMER_CTL_ISTATUS, "a deadline passed during migration shows ISTATUS (%#lx)",
	       read_cntv_ctl());
	write_cntv_ctl(0);
}

static void check_pmu(void)
{
	u64 dfr0 = read_sysreg(id_aa64dfr0_el1), before, after;
	unsigned int pmuver = (dfr0 >> 8) & 0xf;
	/* Event 0x11, CPU cycles, counted at EL1 and EL0. */
	const u64 evtyper = 0x11;

	if (pmuver == 0 || pmuver == 0xf) {
		report_skip("PMU: none (ID_AA64DFR0_EL1.PMUVer %u)", pmuver);
		return;
	}
	write_sysreg(0, pmselr_el0);
	isb();
	write_sysreg(evtyper, pmxevtyper_el0);
	write_sysreg(1UL << 31, pmcntenset_el0);
	write_sysreg(read_sysreg(pmcr_el0) | PMU_PMCR_E | PMU_PMCR_C, pmcr_el0);
	isb();
	before = read_sysreg(pmccntr_el0);
	migrate_quiet();
	after = read_sysreg(pmccntr_el0);
	report(after > before, "cycle counter still counting (%#lx -> %#lx)", before, after);
	write_sysreg(0, pmselr_el0);
	isb();
	report(read_sysreg(pmxevtyper_el0) == evtyper, "PMEVTYPER0 kept (%#lx)", read_sysreg(pmxevtyper_el0));
	report(read_sysreg(pmcntenset_el0) & (1UL << 31), "cycle counter still enabled");
	write_sysreg(1UL << 31, pmcntenclr_el0);
}

int main(int argc, char **argv)
{
	report_prefix_push("migration-state");
	if (gic_init()) {
		report_prefix_pushf("gicv%d", gic_version());
		check_gic();
		report_prefix_pop();
	} else {
		report_skip("GIC: none found in the device tree");
	}
	check_timer();
	check_pmu();
	report_prefix_pop();
	return report_summary();
}
