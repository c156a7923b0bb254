/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ioapic.c - interrupts from a device through the IO APIC, with QEMU's
 * pc-testdev driving ISA IRQ lines (the legacy PIC masked): an edge on
 * an unmasked line is delivered once; a level interrupt is delivered,
 * shows Remote IRR until the EOI, and is delivered again after the EOI
 * while the line stays high; a masked edge is dropped, while a masked
 * level interrupt is delivered as soon as the line is unmasked; the
 * redirection entry reads back as written.
 *
 * A hypervisor bug it would catch: an edge delivered twice or lost, a
 * level interrupt not re-injected after EOI (or injected again before
 * it), Remote IRR not kept or not cleared by the EOI broadcast, masking
 * ignored, or a redirection entry stored wrongly.
 */
#include "libcflat.h"
#include "apic.h"
#include "atomic.h"
#include "fwcfg.h"
#include "isr.h"
#include "processor.h"

#define EDGE_LINE	0x0e
#define LEVEL_LINE	0x0f
#define EDGE_VECTOR	0x71
#define LEVEL_VECTOR	0x72
#define SPIN_LIMIT	100000000UL
/* How long an interrupt that must not come is waited for: far longer than a delivery takes under TCG. */
#define QUIET_SPINS	1000000UL

static atomic_t edges, levels;
static int lower_after;		/* the level handler drops the line on this delivery */
static bool remote_irr_seen;

static void edge_isr(isr_regs_t *regs)
{
	atomic_inc(&edges);
	eoi();
}

static void level_isr(isr_regs_t *regs)
{
	int n = atomic_inc_return(&levels);

	remote_irr_seen = ioapic_read_redir(LEVEL_LINE).remote_irr;
	if (n >= lower_after)
		set_irq_line(LEVEL_LINE, 0);
	eoi();
}

/* Wait until *v reaches want (at most limit spins), then a little longer for a wrong extra delivery. */
static void wait_for(atomic_t *v, int want, unsigned long limit)
{
	unsigned long spins;

	irq_enable();
	for (spins = 0; spins < limit && atomic_read(v) < want; spins++)
		pause();
	for (spins = 0; spins < 100000; spins++)
		pause();
	irq_disable();
}

static void check_redir_entry(void)
{
	ioapic_redir_entry_t e;

	ioapic_set_redir(EDGE_LINE, EDGE_VECTOR, TRIGGER_EDGE);
	e = ioapic_read_redir(EDGE_LINE);
	report(e.vector == EDGE_VECTOR && e.trig_mode == TRIGGER_EDGE && !e.mask && e.dest_id == id_map[0],
	       "a redirection entry reads back as written");
	report(((ioapic_read_reg(IOAPIC_VERSION) >> 16) & 0xff) >= LEVEL_LINE,
	       "the IO APIC has at least %d lines", LEVEL_LINE + 1);
}

static void check_edge(void)
{
	atomic_set(&edges, 0);
	set_irq_line(EDGE_LINE, 1);
	set_irq_line(EDGE_LINE, 0);
	wait_for(&edges, 1, SPIN_LIMIT);
	report(atomic_read(&edges) == 1, "an edge is delivered once (%d)", atomic_read(&edges));

	atomic_set(&edges, 0);
	set_mask(EDGE_LINE, 1);
	set_irq_line(EDGE_LINE, 1);
	set_irq_line(EDGE_LINE, 0);
	set_mask(EDGE_LINE, 0);
	wait_for(&edges, 1, QUIET_SPINS);
	report(atomic_read(&edges) == 0, "an edge on a masked line is dropped");
}

static void check_level(void)
{
	ioapic_set_redir(LEVEL_LINE, LEVEL_VECTOR, TRIGGER_LEVEL);

	atomic_set(&levels, 0);
	lower_after = 1;
	remote_irr_seen = false;
	set_irq_line(LEVEL_LINE, 1);
	wait_for(&levels, 1, SPIN_LIMIT);
	report(atomic_read(&levels) == 1 && remote_irr_seen, "a level interrupt is delivered, with Remote IRR set");
	report(!ioapic_read_redir(LEVEL_LINE).remote_irr, "the EOI clears Remote IRR");

	atomic_set(&levels, 0);
	lower_after = 2;
	set_irq_line(LEVEL_LINE, 1);
	wait_for(&levels, 2, SPIN_LIMIT);
	report(atomic_read(&levels) == 2, "still high after the EOI: delivered again, and no more once low (%d)",
	       atomic_read(&levels));

	atomic_set(&levels, 0);
	lower_after = 1;
	set_mask(LEVEL_LINE, 1);
	set_irq_line(LEVEL_LINE, 1);
	wait_for(&levels, 1, QUIET_SPINS);
	report(atomic_read(&levels) == 0, "a masked level interrupt waits");
	set_mask(LEVEL_LINE, 0);
	wait_for(&levels, 1, SPIN_LIMIT);
	report(atomic_read(&levels) == 1, "and is delivered when the line is unmasked");
	set_irq_line(LEVEL_LINE, 0);
}

int main(int argc, char **argv)
{
	if (!test_device_enabled()) {
		report_skip("no pc-testdev (no-test-device): nothing drives the IRQ lines");
		return report_summary();
	}
	mask_pic_interrupts();
	handle_irq(EDGE_VECTOR, edge_isr);
	handle_irq(LEVEL_VECTOR, level_isr);
	check_redir_entry();
	check_edge();
	check_level();
	set_mask(EDGE_LINE, 1);
	set_mask(LEVEL_LINE, 1);
	return report_summary();
}
