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
 *   state       an SPI through inactive, pending, active, active and pending (ISPENDR, ICPENDR, ISACTIVER,
 *               ICACTIVER, acknowledge, EOI), and an SGI's banked active bit
 *   spi         each register of 32 SPIs: enable bits set and cleared; one SPI of it pended by software and
 *               taken once
 *   mmio        byte and word accesses to IPRIORITYR agree, at least 16 (GICv2) or 32 (GICv3) priority levels,
 *               GICD_TYPER/IIDR read-only and right; each CPU's banked ITARGETSR0 or GICR_TYPER affinity
 *   mask        an SGI to every set of CPUs (up to 4): exactly those take it, once
 *   preempt     in a handler with PSTATE.I open, a higher priority SPI preempts, a lower one waits for EOI
 * Hypervisor bugs it catches: a vGIC that loses or duplicates SGIs, delivers them to the wrong vCPU or
 * from the wrong sender, ignores the priority mask or the enable bits, or lets a masked interrupt be
 * acknowledged; wrong pending/active state through the registers, register index or byte-lane mistakes
 * in MMIO emulation, writable read-only registers, banked registers not banked, no preemption.
 */
#include "libcflat.h"
#include "util.h"
#include "bitops.h"
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

/* SPI used by the state and preemption sub-tests: the first one not wired to a device on virt. */
#define TEST_SPI	(GIC_FIRST_SPI + 40)

static const char * const state_name[] = { "inactive", "pending", "active", "active and pending" };

static bool state_is(int irq, enum gic_irq_state want)
{
	enum gic_irq_state s = gic_irq_state(irq);

	if (s != want)
		report_info("IRQ %d is %s, not %s", irq, state_name[s], state_name[want]);
	return s == want;
}

/* IRQs masked: acknowledged by polling the CPU interface. */
static void check_state(void)
{
	int irq = TEST_SPI;
	u32 iar;

	report_prefix_push("state");
	gic_enable_defaults();
	local_irq_disable();
	gic_irq_disable(irq);
	gic_set_irq_priority(irq, GICD_INT_DEF_PRI);
	gic_irq_set_clr_pending(irq, true);
	report(state_is(irq, GIC_IRQ_STATE_PENDING), "ISPENDR makes SPI %d pending", irq - GIC_FIRST_SPI);
	iar = gic_read_iar();
	report(gic_iar_irqnr(iar) == GICC_INT_SPURIOUS, "pending but disabled: not acknowledged");
	gic_irq_set_clr_pending(irq, false);
	report(state_is(irq, GIC_IRQ_STATE_INACTIVE), "ICPENDR makes it inactive");

	gic_irq_enable(irq);
	gic_irq_set_clr_pending(irq, true);
	mdelay(1);
	iar = gic_read_iar();
	report(gic_iar_irqnr(iar) == (u32)irq && state_is(irq, GIC_IRQ_STATE_ACTIVE),
	       "enabled: acknowledged (IAR %#x) and active", iar);
	gic_irq_set_clr_pending(irq, true);
	report(state_is(irq, GIC_IRQ_STATE_ACTIVE_PENDING), "pending again while active: active and pending");
	gic_write_eoir(iar);
	report(state_is(irq, GIC_IRQ_STATE_PENDING), "EOI leaves it pending");
	mdelay(1);
	iar = gic_read_iar();
	gic_write_eoir(iar);
	report(gic_iar_irqnr(iar) == (u32)irq && state_is(irq, GIC_IRQ_STATE_INACTIVE),
	       "acknowledged and ended again: inactive");

	gic_irq_disable(irq);
	gic_irq_set_clr_active(irq, true);
	report(state_is(irq, GIC_IRQ_STATE_ACTIVE), "ISACTIVER makes it active");
	gic_irq_set_clr_active(irq, false);
	report(state_is(irq, GIC_IRQ_STATE_INACTIVE), "ICACTIVER makes it inactive");
	gic_irq_set_clr_active(IPI_SGI, true);
	report(state_is(IPI_SGI, GIC_IRQ_STATE_ACTIVE), "SGI %d: ISACTIVER of this CPU's banked bit", IPI_SGI);
	gic_irq_set_clr_active(IPI_SGI, false);
	report(state_is(IPI_SGI, GIC_IRQ_STATE_INACTIVE), "SGI %d: ICACTIVER", IPI_SGI);
	local_irq_enable();
	report_prefix_pop();
}

/*
 * Each register of 32 SPIs: all enable bits set and cleared through ISENABLER/ICENABLER, and one SPI of it
 * set pending by software and taken.
 */
static void check_spis(void)
{
	void *dist = gic_irq_frame(GIC_FIRST_SPI);
	int nr = gic_nr_irqs(), reg, irq, me = smp_processor_id();
	u32 set, clr, all;
	u64 end;

	report_prefix_push("spi");
	gic_enable_defaults();
	for (reg = 1; reg < nr / 32; reg++) {
		all = nr - 32 * reg >= 32 ? 0xffffffff : (1U << (nr - 32 * reg)) - 1;
		writel(0xffffffff, dist + GICD_ISENABLER + 4 * reg);
		set = readl(dist + GICD_ISENABLER + 4 * reg);
		writel(0xffffffff, dist + GICD_ICENABLER + 4 * reg);
		clr = readl(dist + GICD_ISENABLER + 4 * reg);
		report(set == all && clr == 0, "IDs %d-%d: ISENABLER%d sets all (%#x), ICENABLER%d clears all (%#x)",
		       32 * reg, 32 * reg + 31, reg, set, reg, clr);

		irq = 32 * reg + 17;
		if (irq >= nr)
			continue;
		__atomic_store_n(&others[me], 0, __ATOMIC_RELEASE);
		gic_set_irq_priority(irq, GICD_INT_DEF_PRI);
		if (gic_version() == 2)
			writeb(1 << me, dist + GICD_ITARGETSR + irq);
		else
			writeq(get_mpidr() & 0xff00ffffffUL, dist + GICD_IROUTER + 8 * irq);
		gic_irq_enable(irq);
		gic_irq_set_clr_pending(irq, true);
		end = get_cntvct() + get_cntfrq() / 1000 * ARRIVAL_MS;
		while (!__atomic_load_n(&others[me], __ATOMIC_ACQUIRE) && get_cntvct() < end)
			cpu_relax();
		mdelay(1);
		report(__atomic_load_n(&others[me], __ATOMIC_ACQUIRE) == 1 && state_is(irq, GIC_IRQ_STATE_INACTIVE),
		       "SPI %d (ID %d), set pending by software, taken once", irq - GIC_FIRST_SPI, irq);
		gic_irq_disable(irq);
	}
	report_prefix_pop();
}

/* Each CPU's banked view: GICv2 ITARGETSR0-7 read as the CPU's own interface, GICv3 GICR_TYPER its affinity. */
static void check_banked(void *data)
{
	int me = smp_processor_id();
	u64 mpidr = get_mpidr(), typer;
	u8 target;

	if (gic_version() == 2) {
		target = readb(gicv2_dist_base() + GICD_ITARGETSR);
		report(is_power_of_2(target), "cpu%d: ITARGETSR0 reads as its own interface (%#x)", me, target);
	} else {
		typer = readq(gicv3_redist_base() + GICR_TYPER);
		report((typer >> GICR_TYPER_AFF_SHIFT) == ((mpidr & 0xffffff) | ((mpidr >> 32 & 0xff) << 24)),
		       "cpu%d: GICR_TYPER affinity is its MPIDR's (%#" PRIx64 ")", me, typer >> GICR_TYPER_AFF_SHIFT);
	}
}

/* Register accesses of each width where the spec allows them, and read-only registers. */
static void check_mmio(void)
{
	int irq = TEST_SPI, cpu;
	void *frame = gic_irq_frame(irq), *dist = gic_version() == 2 ? gicv2_dist_base() : gicv3_dist_base();
	u32 word_off = GICD_IPRIORITYR + (irq & ~3), lane = irq & 3, w, typer, iidr;
	u8 prio;

	report_prefix_push("mmio");
	writel(0, frame + word_off);
	writeb(0xa0, frame + GICD_IPRIORITYR + irq);
	w = readl(frame + word_off);
	report(w == 0xa0U << (8 * lane), "a byte write to IPRIORITYR lands in its lane of the word (%#x)", w);
	writel(0x10203040, frame + word_off);
	report(readb(frame + word_off) == 0x40 && readb(frame + word_off + 3) == 0x10,
	       "a word write to IPRIORITYR reads back byte by byte");
	writeb(0xff, frame + GICD_IPRIORITYR + irq);
	prio = readb(frame + GICD_IPRIORITYR + irq);
	/* At least 16 levels (GICv2 3.3), 32 for non-secure GICv3 (GICv3 4.8): the low bits are RAZ/WI. */
	report(prio >= (gic_version() == 2 ? 0xf0 : 0xf8) && is_power_of_2((u8)~prio + 1),
	       "IPRIORITYR implements the top %d bits (%#x)", 8 - (int)ffs(prio), prio);
	gic_set_irq_priority(irq, GICD_INT_DEF_PRI);

	typer = readl(dist + GICD_TYPER);
	iidr = readl(dist + GICD_IIDR);
	writel(~typer, dist + GICD_TYPER);
	writel(~iidr, dist + GICD_IIDR);
	report(readl(dist + GICD_TYPER) == typer && readl(dist + GICD_IIDR) == iidr,
	       "GICD_TYPER and GICD_IIDR are read-only");
	report(GICD_TYPER_IRQS(typer) == gic_nr_irqs(), "GICD_TYPER: %d interrupt IDs", GICD_TYPER_IRQS(typer));
	report(readl(gic_irq_frame(0) + GICD_ISENABLER) & 1 << 0, "SGI 0 is enabled and ISENABLER0 reads it");
	for_each_present_cpu(cpu)
		on_cpu(cpu, check_banked, NULL);
	report_prefix_pop();
}

static void check_mask_one(int m)
{
	cpumask_t mask;
	int cpu;
	bool ok = true;

	cpumask_clear(&mask);
	for_each_present_cpu(cpu) {
		if (m & (1 << cpu))
			cpumask_set_cpu(cpu, &mask);
	}
	reset_counts();
	gic_ipi_send_mask(IPI_SGI, &mask);
	for_each_present_cpu(cpu) {
		if (cpumask_test_cpu(cpu, &mask))
			ok = wait_count(cpu, IPI_SGI, 1, ARRIVAL_MS) && ok;
	}
	mdelay(5);
	for_each_present_cpu(cpu)
		ok = ok && count(cpu, IPI_SGI) == !!(m & (1 << cpu));
	report(ok, "to CPUs %#x: each of them once, no other", m);
}

/* An SGI to every non-empty set of (up to 4) CPUs. */
static void check_mask(void)
{
	int n = MIN(nr_cpus, 4), m;

	report_prefix_push("mask");
	on_cpus(cpu_setup, NULL);
	for (m = 1; m < (1 << n); m++)
		check_mask_one(m);
	report_prefix_pop();
}

static volatile int nest_order[4], nest_n;
#define HIGH_SPI	(TEST_SPI + 1)
#define LOW_SPI		(TEST_SPI + 2)

/* Taken for TEST_SPI: makes a higher and a lower priority SPI pending and opens PSTATE.I. */
static void preempt_handler(struct pt_regs *regs)
{
	u32 iar = gic_read_iar(), irq = gic_iar_irqnr(iar);

	if (irq == GICC_INT_SPURIOUS)
		return;
	nest_order[nest_n++] = irq;
	if (irq == TEST_SPI) {
		gic_irq_set_clr_pending(LOW_SPI, true);
		gic_irq_set_clr_pending(HIGH_SPI, true);
		local_irq_enable();
		mdelay(5);
		local_irq_disable();
		nest_order[nest_n++] = -1;	/* the end of TEST_SPI's handler */
	}
	gic_write_eoir(iar);
}

static void check_preemption(void)
{
	int irq;

	report_prefix_push("preempt");
	gic_enable_defaults();
	install_irq_handler(EL1H_IRQ, preempt_handler);
	gic_set_irq_priority(TEST_SPI, 0xa0);
	gic_set_irq_priority(HIGH_SPI, 0x80);
	gic_set_irq_priority(LOW_SPI, 0xc0);
	for (irq = TEST_SPI; irq <= LOW_SPI; irq++) {
		if (gic_version() == 2)
			writeb(1 << smp_processor_id(), gicv2_dist_base() + GICD_ITARGETSR + irq);
		else
			writeq(get_mpidr() & 0xff00ffffffUL, gicv3_dist_base() + GICD_IROUTER + 8 * irq);
		gic_irq_enable(irq);
	}
	nest_n = 0;
	gic_irq_set_clr_pending(TEST_SPI, true);
	mdelay(20);
	report(nest_n == 4 && nest_order[0] == TEST_SPI && nest_order[1] == HIGH_SPI,
	       "a higher priority SPI preempts the running handler");
	report(nest_n == 4 && nest_order[2] == -1 && nest_order[3] == LOW_SPI,
	       "a lower priority one waits for the end of the interrupt");
	for (irq = TEST_SPI; irq <= LOW_SPI; irq++)
		gic_irq_disable(irq);
	install_irq_handler(EL1H_IRQ, irq_handler);
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
		} else if (!strcmp(argv[i], "state")) {
			check_state();
		} else if (!strcmp(argv[i], "spi")) {
			check_spis();
		} else if (!strcmp(argv[i], "mmio")) {
			check_mmio();
		} else if (!strcmp(argv[i], "mask")) {
			check_mask();
		} else if (!strcmp(argv[i], "preempt")) {
			check_preemption();
		} else {
			report_abort("unknown sub-test '%s' (version=N, ipi, priority, spurious, state, spi, mmio, "
				     "mask, preempt)", argv[i]);
		}
		ran++;
	}
	if (!ran)
		report_abort("no sub-test given: -append 'version=N ipi priority spurious'");
	return report_summary();
}
