/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gic-its.c - the GICv3 ITS and LPIs (GICv3 architecture specification, chapters 5 and 6):
 *   the ITS in the device tree, with physical LPIs (GITS_TYPER.Physical) and every redistributor
 *   supporting them (GICR_TYPER.PLPIS); the command queue consumed (CREADR reaching CWRITER) for MAPD,
 *   MAPC, MAPTI, INT, INV, INVALL, MOVI, DISCARD and SYNC; an event mapped to an LPI and a collection is
 *   delivered by INT to that collection's CPU only, once, with its LPI ID, for each CPU; MOVI moves it to
 *   another CPU; with its configuration byte disabled (and INV) it is held pending and delivered once
 *   enabled again (and INV/INVALL); after DISCARD, or with its device unmapped (MAPD V=0), INT delivers
 *   nothing.
 * Hypervisor bugs it catches: a vITS that drops or mis-parses commands, caches translations across MOVI,
 *   DISCARD or unmapping, delivers LPIs to the wrong vCPU or twice, ignores the LPI configuration table
 *   or INV/INVALL, or loses an LPI made pending while disabled.
 */
#include "libcflat.h"
#include "asm/barrier.h"
#include "asm/delay.h"
#include "asm/gic.h"
#include "asm/gic-v3-its.h"
#include "asm/processor.h"
#include "asm/smp.h"

#define DEV_ID		2
#define EVENT		20
#define ARRIVAL_MS	1000
#define QUIET_MS	20

static int lpis[NR_CPUS], last_lpi[NR_CPUS], others;

static void irq_handler(struct pt_regs *regs)
{
	u32 iar = gic_read_iar(), irq = gic_iar_irqnr(iar);
	int me = smp_processor_id();

	if (irq == GICC_INT_SPURIOUS)
		return;
	gic_write_eoir(iar);
	if (irq >= LPI_ID_BASE) {
		last_lpi[me] = irq;
		__atomic_fetch_add(&lpis[me], 1, __ATOMIC_SEQ_CST);
	} else {
		__atomic_fetch_add(&others, 1, __ATOMIC_SEQ_CST);
	}
}

static void cpu_setup(void *data)
{
	install_irq_handler(EL1H_IRQ, irq_handler);
	gic_enable_defaults();
	local_irq_enable();
}

static void reset_counts(void)
{
	memset(lpis, 0, sizeof(lpis));
	memset(last_lpi, 0, sizeof(last_lpi));
	others = 0;
	smp_mb();
}

/* Waits for CPU cpu's first LPI (or ms), then a little longer for a second; whether only cpu took exactly one. */
static bool only_cpu_took(int cpu, u32 lpi, int ms)
{
	u64 end = get_cntvct() + get_cntfrq() / 1000 * ms;
	int c;
	bool ok;

	while (!__atomic_load_n(&lpis[cpu], __ATOMIC_SEQ_CST) && get_cntvct() < end)
		cpu_relax();
	mdelay(QUIET_MS);
	ok = lpis[cpu] == 1 && (u32)last_lpi[cpu] == lpi && !others;
	for_each_present_cpu(c) {
		if (c != cpu)
			ok = ok && !lpis[c];
	}
	if (!ok)
		report_info("LPI %u: CPU %d took %d (last %d), others %d", lpi, cpu, lpis[cpu], last_lpi[cpu], others);
	return ok;
}

static bool none_took(void)
{
	int c;
	bool ok = !others;

	mdelay(QUIET_MS);
	for_each_present_cpu(c)
		ok = ok && !lpis[c];
	return ok;
}

int main(int argc, char **argv)
{
	struct its_collection *col[NR_CPUS];
	struct its_device *dev;
	u32 lpi = LPI(3), cpu, last = nr_cpus - 1;
	bool plpis = true;

	if (gic_init() != 3) {
		report_skip("no GICv3 (the ITS needs one: -machine gic-version=3)");
		return report_summary();
	}
	its_init();
	if (!gicv3_its_base()) {
		report_skip("no ITS (arm,gic-v3-its) in the device tree");
		return report_summary();
	}
	report(its_data.typer & GITS_TYPER_PLPIS, "GITS_TYPER: physical LPIs (ITT entries of %lu bytes, %lu device "
	       "ID bits)", GITS_TYPER_ITT_ENTRY_SIZE(its_data.typer), GITS_TYPER_DEVBITS(its_data.typer));
	for_each_present_cpu(cpu)
		plpis = plpis && (readq(gicv3_cpu_redist_base(cpu) + GICR_TYPER) & GICR_TYPER_PLPIS);
	report(plpis && (readl(gicv3_dist_base() + GICD_TYPER) & GICD_TYPER_LPIS),
	       "GICD_TYPER and every GICR_TYPER: LPIs");

	its_enable_defaults();
	on_cpus(cpu_setup, NULL);
	report(readl(gicv3_its_base() + GITS_CTLR) & GITS_CTLR_ENABLE, "the ITS is enabled");

	dev = its_create_device(DEV_ID, 32);
	its_send_mapd_nv(dev, true);
	for_each_present_cpu(cpu) {
		col[cpu] = its_create_collection(cpu, cpu);
		its_send_mapc_nv(col[cpu], true);
	}
	report(readq(gicv3_its_base() + GITS_CREADR) == readq(gicv3_its_base() + GITS_CWRITER),
	       "MAPD and MAPC consumed: CREADR = CWRITER");

	report_prefix_push("int");
	for_each_present_cpu(cpu) {
		gicv3_lpi_set_config(lpi + cpu, LPI_PROP_DEFAULT);
		its_send_mapti_nv(dev, lpi + cpu, EVENT + cpu, col[cpu]);
		its_send_invall_nv(col[cpu]);
		reset_counts();
		its_send_int_nv(dev, EVENT + cpu);
		report(only_cpu_took(cpu, lpi + cpu, ARRIVAL_MS), "event %u -> LPI %u taken by CPU %u only, once",
		       EVENT + cpu, lpi + cpu, cpu);
	}
	report_prefix_pop();

	report_prefix_push("movi");
	reset_counts();
	its_send_movi_nv(dev, col[last], EVENT);
	its_send_sync_nv(col[last]);
	its_send_int_nv(dev, EVENT);
	report(only_cpu_took(last, lpi, ARRIVAL_MS), "after MOVI to collection %u, CPU %u takes LPI %u", last, last,
	       lpi);
	report_prefix_pop();

	report_prefix_push("config");
	gicv3_lpi_set_config(lpi, LPI_PROP_DEFAULT & ~LPI_PROP_ENABLED);
	its_send_inv_nv(dev, EVENT);
	reset_counts();
	its_send_int_nv(dev, EVENT);
	report(none_took(), "disabled in the configuration table (and INV): not delivered");
	gicv3_lpi_set_config(lpi, LPI_PROP_DEFAULT);
	its_send_invall_nv(col[last]);
	report(only_cpu_took(last, lpi, ARRIVAL_MS), "enabled again (INVALL): the pending LPI is delivered");
	report_prefix_pop();

	report_prefix_push("discard");
	gicv3_lpi_set_config(lpi + 8, LPI_PROP_DEFAULT);
	its_send_mapti_nv(dev, lpi + 8, EVENT + 8, col[0]);
	its_send_inv_nv(dev, EVENT + 8);
	its_send_discard_nv(dev, EVENT);
	its_send_sync_nv(col[last]);
	reset_counts();
	its_send_int_nv(dev, EVENT);
	report(none_took(), "after DISCARD, INT of the event delivers nothing");
	reset_counts();
	its_send_int_nv(dev, EVENT + 8);
	report(only_cpu_took(0, lpi + 8, ARRIVAL_MS), "another event of the device still works");
	report_prefix_pop();

	report_prefix_push("unmap");
	its_send_mapd_nv(dev, false);
	its_send_sync_nv(col[0]);
	reset_counts();
	its_send_int_nv(dev, EVENT + 8);
	report(none_took(), "with the device unmapped (MAPD V=0), INT delivers nothing");
	report(readq(gicv3_its_base() + GITS_CREADR) == readq(gicv3_its_base() + GITS_CWRITER),
	       "every command consumed, the queue not stalled");
	report_prefix_pop();
	return report_summary();
}
