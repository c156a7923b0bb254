/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gic.c - the interrupt controller, GICv2 or GICv3, as a guest sees it:
 *   version=N   the device tree's GIC is version N (the cfg asks QEMU for it)
 *   ipi         an SGI to each CPU in turn and one to all at once: every CPU takes exactly one per send,
 *               with the right ID (and, on GICv2, the right sender)
 *   priority    priorities read back; the priority mask holds back an SGI of lower priority and lets a
 *               higher one through; an SGI held by PSTATE.I is taken once unmasked; a disabled SPI made
 *               pending is taken only once enabled
 *   spurious    acknowledging with nothing pending, or only a masked interrupt pending, gives ID 1023
 * Hypervisor bugs it catches: a vGIC that loses or duplicates SGIs, delivers them to the wrong vCPU or
 * from the wrong sender, ignores the priority mask or the enable bits, or lets a masked interrupt be
 * acknowledged.
 */
#include "libcflat.h"
#include "util.h"
#include "asm/barrier.h"
#include "asm/delay.h"
#include "asm/gic.h"
#include "asm/io.h"
#include "asm/processor.h"
#include "asm/smp.h"

#define IPI_SGI		1
#define PRIO_SGI	2
/* How long an interrupt may take to arrive: far more than any vGIC needs, even under TCG. */
#define ARRIVAL_MS	1000
/* How long nothing must arrive for a masked interrupt to count as held back. */
#define HOLD_MS		20

static int received[NR_CPUS][16];
static int others[NR_CPUS];
static int spurious[NR_CPUS];
static u32 sgi_sender[NR_CPUS];

static void irq_handler(struct pt_regs *regs)
{
	u32 iar = gic_read_iar(), irq = gic_iar_irqnr(iar);
	int me = smp_processor_id();

	if (irq == GICC_INT_SPURIOUS) {
		__atomic_fetch_add(&spurious[me], 1, __ATOMIC_RELAXED);
		return;
	}
	gic_write_eoir(iar);
	if (irq < 16) {
		if (gic_version() == 2)
			sgi_sender[me] = (iar >> GICC_IAR_CPUID_SHIFT) & GICC_IAR_CPUID_MASK;
		__atomic_fetch_add(&received[me][irq], 1, __ATOMIC_RELEASE);
	} else {
		__atomic_fetch_add(&others[me], 1, __ATOMIC_RELEASE);
	}
}

static int count(int cpu, int irq)
{
	return __atomic_load_n(&received[cpu][irq], __ATOMIC_ACQUIRE);
}

/* Wait until CPU cpu has taken want SGIs irq, or ms milliseconds; whether it did. */
static bool wait_count(int cpu, int irq, int want, unsigned long ms)
{
	u64 end = get_cntvct() + get_cntfrq() / 1000 * ms;

	while (count(cpu, irq) < want && get_cntvct() < end)
		cpu_relax();
	return count(cpu, irq) >= want;
}

static void cpu_setup(void *data)
{
	gic_enable_defaults();
	local_irq_enable();
}

static void reset_counts(void)
{
	memset(received, 0, sizeof(received));
	memset(others, 0, sizeof(others));
	memset(spurious, 0, sizeof(spurious));
	dsb(ish);
}

/* Every CPU has taken exactly want of IPI_SGI and nothing else; logs who did not. */
static bool all_took(int want)
{
	bool ok = true;
	int cpu;

	for (cpu = 0; cpu < nr_cpus; cpu++) {
		wait_count(cpu, IPI_SGI, want, ARRIVAL_MS);
		/* A duplicate would arrive right after the first: give it the time to. */
		mdelay(1);
		if (count(cpu, IPI_SGI) != want || __atomic_load_n(&others[cpu], __ATOMIC_ACQUIRE)) {
			report_info("CPU %d took %d SGI %d (expected %d) and %d other interrupts", cpu,
				    count(cpu, IPI_SGI), IPI_SGI, want, others[cpu]);
			ok = false;
		}
	}
	return ok;
}

static void check_ipi(void)
{
	u32 my_iface = 0;
	bool senders = true;
	cpumask_t all;
	int cpu;

	report_prefix_push("ipi");
	on_cpus(cpu_setup, NULL);
	if (gic_version() == 2)
		my_iface = __builtin_ctz(readb(gicv2_dist_base() + GICD_ITARGETSR));

	reset_counts();
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		gic_ipi_send_single(IPI_SGI, cpu);
		if (!wait_count(cpu, IPI_SGI, 1, ARRIVAL_MS))
			report_info("CPU %d did not take the SGI sent to it alone", cpu);
		if (gic_version() == 2 && sgi_sender[cpu] != my_iface) {
			report_info("CPU %d: SGI from CPU interface %u, sent by %u", cpu, sgi_sender[cpu], my_iface);
			senders = false;
		}
	}
	report(all_took(1), "one SGI to each of the %d CPUs in turn", nr_cpus);
	if (gic_version() == 2)
		report(senders, "GICv2: the IAR names the sending CPU interface (%u)", my_iface);

	reset_counts();
	cpumask_setall(&all);
	gic_ipi_send_mask(IPI_SGI, &all);
	report(all_took(1), "one SGI to all %d CPUs at once", nr_cpus);
	report_prefix_pop();
}

/* The priority bits the GIC implements: writing 0xff reads back as them. */
static u8 implemented_priority_bits(int irq)
{
	u8 old = gic_get_irq_priority(irq), bits;

	gic_set_irq_priority(irq, 0xff);
	bits = gic_get_irq_priority(irq);
	gic_set_irq_priority(irq, old);
	return bits;
}

static void check_priority(void)
{
	int me = smp_processor_id(), spi = gic_nr_irqs() - 1, taken;
	u8 bits;

	report_prefix_push("priority");
	cpu_setup(NULL);
	reset_counts();

	bits = implemented_priority_bits(PRIO_SGI);
	report(bits >= 0xf0 && (u8)(bits | (bits - 1)) == 0xff,
	       "at least 4 priority bits, the top ones (%#x)", bits);
	gic_set_irq_priority(PRIO_SGI, 0x80);
	report(gic_get_irq_priority(PRIO_SGI) == 0x80, "priority 0x80 reads back (%#x)",
	       gic_get_irq_priority(PRIO_SGI));

	gic_set_priority_mask(0x80);
	report(gic_get_priority_mask() == 0x80, "priority mask 0x80 reads back (%#x)", gic_get_priority_mask());
	gic_ipi_send_single(PRIO_SGI, me);
	mdelay(HOLD_MS);
	report(count(me, PRIO_SGI) == 0, "an SGI of priority 0x80 is held back by mask 0x80");
	report(gic_irq_state(PRIO_SGI) == GIC_IRQ_STATE_PENDING, "and stays pending (state %d)",
	       gic_irq_state(PRIO_SGI));
	gic_set_priority_mask(GICC_INT_PRI_THRESHOLD);
	report(wait_count(me, PRIO_SGI, 1, ARRIVAL_MS), "taken once the mask is lowered to %#x",
	       GICC_INT_PRI_THRESHOLD);

	gic_set_priority_mask(0x80);
	gic_set_irq_priority(PRIO_SGI, 0x40);
	gic_ipi_send_single(PRIO_SGI, me);
	report(wait_count(me, PRIO_SGI, 2, ARRIVAL_MS), "an SGI of priority 0x40 passes mask 0x80");
	gic_set_priority_mask(GICC_INT_PRI_THRESHOLD);
	gic_set_irq_priority(PRIO_SGI, GICD_INT_DEF_PRI);

	local_irq_disable();
	gic_ipi_send_single(PRIO_SGI, me);
	mdelay(HOLD_MS);
	taken = count(me, PRIO_SGI);
	local_irq_enable();
	report(taken == 2 && wait_count(me, PRIO_SGI, 3, ARRIVAL_MS), "an SGI held by PSTATE.I is taken once unmasked");

	gic_irq_disable(spi);
	gic_irq_set_clr_pending(spi, true);
	mdelay(HOLD_MS);
	report(!others[me] && gic_irq_state(spi) == GIC_IRQ_STATE_PENDING,
	       "a disabled SPI (%d) made pending is not taken", spi);
	gic_irq_enable(spi);
	mdelay(HOLD_MS);
	report(__atomic_load_n(&others[me], __ATOMIC_ACQUIRE) == 1 && gic_irq_state(spi) == GIC_IRQ_STATE_INACTIVE,
	       "and is taken once, when enabled");
	gic_irq_disable(spi);
	report_prefix_pop();
}

static void check_spurious(void)
{
	u32 iar;

	report_prefix_push("spurious");
	gic_enable_defaults();
	local_irq_disable();
	iar = gic_read_iar();
	report(gic_iar_irqnr(iar) == GICC_INT_SPURIOUS, "nothing pending: IAR %#x", iar);

	gic_set_priority_mask(0x80);
	gic_ipi_send_single(PRIO_SGI, smp_processor_id());
	mdelay(1);
	iar = gic_read_iar();
	report(gic_iar_irqnr(iar) == GICC_INT_SPURIOUS, "only a masked SGI pending: IAR %#x", iar);
	if (gic_iar_irqnr(iar) != GICC_INT_SPURIOUS)
		gic_write_eoir(iar);
	gic_irq_set_clr_pending(PRIO_SGI, false);
	gic_set_priority_mask(GICC_INT_PRI_THRESHOLD);
	local_irq_enable();
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	int i, ran = 0, version;
	long want;

	version = gic_init();
	if (!version) {
		report_skip("no GIC in the device tree");
		return report_summary();
	}
	install_irq_handler(EL1H_IRQ, irq_handler);
	report_info("GICv%d, %d interrupt IDs, %d CPUs", version, gic_nr_irqs(), nr_cpus);
	for (i = 1; i < argc; i++) {
		if (parse_keyval(argv[i], &want) >= 0 && !strncmp(argv[i], "version=", 8)) {
			report(version == want, "the device tree's GIC is version %d (version=%ld)", version, want);
		} else if (!strcmp(argv[i], "ipi")) {
			check_ipi();
		} else if (!strcmp(argv[i], "priority")) {
			check_priority();
		} else if (!strcmp(argv[i], "spurious")) {
			check_spurious();
		} else {
			report_abort("unknown sub-test '%s' (version=N, ipi, priority, spurious)", argv[i]);
		}
		ran++;
	}
	if (!ran)
		report_abort("no sub-test given: -append 'version=N ipi priority spurious'");
	return report_summary();
}
