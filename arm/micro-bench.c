/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * micro-bench.c - the cost of the operations that leave the guest, as information (nodefault: the
 *   figures depend on the host): an HVC (PSCI_VERSION), an MMIO read and write of the GIC distributor, a
 *   self-IPI from send to EOI, an IPI to another CPU and back, and a system register read that stays in
 *   the guest (CNTVCT_EL0) for scale. Each is also checked for doing its job every time (the same PSCI
 *   version, the register read back, every IPI taken), so that a fast but broken path does not pass.
 * Hypervisor bugs it catches: exits that lose their result under repetition; and it shows regressions in
 *   exit latency when compared across hosts or versions.
 */
#include "libcflat.h"
#include "asm/barrier.h"
#include "asm/gic.h"
#include "asm/io.h"
#include "asm/processor.h"
#include "asm/psci.h"
#include "asm/smp.h"

#define ITERS		2000
#define BENCH_SGI	4

static volatile int self_irqs, remote_irqs, answers;
static void *dist;

static u64 ns(u64 ticks)
{
	return ticks * 1000000000UL / get_cntfrq();
}

static void irq_handler(struct pt_regs *regs)
{
	u32 iar = gic_read_iar(), irq = gic_iar_irqnr(iar);

	if (irq == GICC_INT_SPURIOUS)
		return;
	gic_write_eoir(iar);
	if (irq != BENCH_SGI)
		return;
	if (smp_processor_id() == 0) {
		self_irqs++;
	} else {
		remote_irqs++;
		gic_ipi_send_single(BENCH_SGI, 0);
	}
}

static void secondary_setup(void *data)
{
	install_irq_handler(EL1H_IRQ, irq_handler);
	gic_enable_defaults();
	local_irq_enable();
}

/* Runs op iters times and prints its mean cost; whether it returned true every time. */
static bool bench(const char *name, bool (*op)(void), int iters)
{
	u64 start, took;
	bool ok = true;
	int i;

	start = get_cntvct();
	for (i = 0; i < iters; i++)
		ok = op() && ok;
	took = get_cntvct() - start;
	report_info("%-12s %8lu ns each (%d)", name, ns(took) / iters, iters);
	return ok;
}

static u32 first_version;

static bool op_hvc(void)
{
	return psci_version() == first_version;
}

static bool op_mmio_read(void)
{
	return readl(dist + GICD_IIDR) == readl(dist + GICD_IIDR);
}

static bool op_mmio_write(void)
{
	writeb(0x80, dist + GICD_IPRIORITYR + GIC_FIRST_SPI + 5);
	return true;
}

static bool op_sysreg(void)
{
	return get_cntvct() != 0;
}

static bool op_self_ipi(void)
{
	int before = self_irqs;

	gic_ipi_send_single(BENCH_SGI, 0);
	while (self_irqs == before)
		cpu_relax();
	return true;
}

static bool op_ipi_round_trip(void)
{
	int before = self_irqs;

	gic_ipi_send_single(BENCH_SGI, 1);
	while (self_irqs == before)
		cpu_relax();
	return true;
}

int main(int argc, char **argv)
{
	int version = gic_init();

	dist = version == 2 ? gicv2_dist_base() : gicv3_dist_base();
	first_version = psci_version();
	install_irq_handler(EL1H_IRQ, irq_handler);
	gic_enable_defaults();
	local_irq_enable();

	report(bench("sysreg", op_sysreg, ITERS), "sysreg: CNTVCT_EL0 read every time");
	report(bench("hvc", op_hvc, ITERS), "hvc: PSCI_VERSION %#x every time", first_version);
	report(bench("mmio-read", op_mmio_read, ITERS), "mmio-read: GICD_IIDR the same every time");
	bench("mmio-write", op_mmio_write, ITERS);
	report(readb(dist + GICD_IPRIORITYR + GIC_FIRST_SPI + 5) == 0x80, "mmio-write: the value landed");
	bench("self-ipi", op_self_ipi, ITERS);
	report(self_irqs == ITERS, "self-ipi: %d of %d taken", self_irqs, ITERS);
	if (nr_cpus < 2) {
		report_skip("ipi round trip: one CPU (-smp 2)");
		return report_summary();
	}
	on_cpu(1, secondary_setup, NULL);
	self_irqs = 0;
	/* Fewer: under TCG each round trip wakes the other CPU's thread. */
	bench("ipi-2way", op_ipi_round_trip, ITERS / 10);
	report(remote_irqs == ITERS / 10 && self_irqs == ITERS / 10, "ipi-2way: %d taken, %d answered", remote_irqs,
	       self_irqs);
	return report_summary();
}
