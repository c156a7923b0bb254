/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ioapic.c - interrupts from a device through the IO APIC, with QEMU's
 * pc-testdev driving ISA IRQ lines (the legacy PIC masked): an edge on
 * an unmasked line is delivered once; a level interrupt is delivered,
 * shows Remote IRR until the EOI, and is delivered again after the EOI
 * while the line stays high; a masked edge is dropped, while a masked
 * level interrupt is delivered as soon as the line is unmasked; the
 * redirection entry reads back as written. Further (82093AA datasheet,
 * Intel SDM vol. 3 ch. 11): the ID register keeps bits 27:24, the version
 * register gives a known version and at least 24 lines, every line's
 * redirection entry round-trips field by field while Delivery Status and
 * Remote IRR are read-only; the local APIC's TMR says level for a level
 * interrupt and edge for an edge one; an entry with a physical or logical
 * destination of CPU 1 interrupts CPU 1 and not CPU 0; an entry with the
 * NMI delivery mode delivers an NMI; each free ISA line arrives once, on
 * its own entry's vector.
 *
 * A hypervisor bug it would catch: an edge delivered twice or lost, a
 * level interrupt not re-injected after EOI (or injected again before
 * it), Remote IRR not kept or not cleared by the EOI broadcast, masking
 * ignored, a redirection entry stored wrongly or with its read-only bits
 * writable, the trigger mode lost on the way to the local APIC (so no
 * EOI broadcast), the destination ignored, or the delivery mode ignored.
 */
#include "libcflat.h"
#include "apic.h"
#include "atomic.h"
#include "fwcfg.h"
#include "isr.h"
#include "processor.h"
#include "smp.h"

#define EDGE_LINE	0x0e
#define LEVEL_LINE	0x0f
#define EDGE_VECTOR	0x71
#define LEVEL_VECTOR	0x72
#define LINE_VECTOR_BASE	0xa0
#define SPIN_LIMIT	100000000UL
/* How long an interrupt that must not come is waited for: far longer than a delivery takes under TCG. */
#define QUIET_SPINS	1000000UL

static atomic_t edges, levels, cpu_edges[2], nmis;
static bool tmr_edge_seen, tmr_level_seen;
static int lower_after;		/* the level handler drops the line on this delivery */
static bool remote_irr_seen;

static void edge_isr(isr_regs_t *regs)
{
	if (smp_id() < 2)
		atomic_inc(&cpu_edges[smp_id()]);
	tmr_edge_seen = apic_read_bit(APIC_TMR, EDGE_VECTOR);
	atomic_inc(&edges);
	eoi();
}

static void level_isr(isr_regs_t *regs)
{
	int n = atomic_inc_return(&levels);

	remote_irr_seen = ioapic_read_redir(LEVEL_LINE).remote_irr;
	tmr_level_seen = apic_read_bit(APIC_TMR, LEVEL_VECTOR);
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

static void check_registers(void)
{
	u32 id = ioapic_read_reg(IOAPIC_ID), ver = ioapic_read_reg(IOAPIC_VERSION);

	ioapic_write_reg(IOAPIC_ID, 0x0a000000);
	report((ioapic_read_reg(IOAPIC_ID) & 0x0f000000) == 0x0a000000, "the ID register keeps bits 27:24 (%#x)",
	       ioapic_read_reg(IOAPIC_ID));
	ioapic_write_reg(IOAPIC_ID, id);
	report((ver & 0xff) == 0x11 || (ver & 0xff) == 0x20, "version %#x (0x11 or 0x20)", ver & 0xff);
	report(((ver >> 16) & 0xff) >= 23, "at least 24 redirection entries (%u)", ((ver >> 16) & 0xff) + 1);
}

static void check_all_entries(void)
{
	unsigned int lines = ((ioapic_read_reg(IOAPIC_VERSION) >> 16) & 0xff) + 1, i;

	for (i = 0; i < lines && i < 24; i++) {
		ioapic_redir_entry_t saved = ioapic_read_redir(i), e = saved, got;

		e.vector = 0x40 + i;
		e.delivery_mode = i & 1 ? 1 : 0;	/* fixed or lowest priority */
		e.dest_mode = (i >> 1) & 1;
		e.polarity = (i >> 2) & 1;
		e.trig_mode = (i >> 3) & 1;
		e.mask = 1;
		e.dest_id = 0x10 + i;
		ioapic_write_redir(i, e);
		got = ioapic_read_redir(i);
		report(got.vector == e.vector && got.delivery_mode == e.delivery_mode && got.dest_mode == e.dest_mode &&
		       got.polarity == e.polarity && got.trig_mode == e.trig_mode && got.mask &&
		       got.dest_id == e.dest_id,
		       "line %u: a masked entry round-trips every field", i);
		ioapic_write_redir(i, saved);
	}
}

static void check_read_only_bits(void)
{
	ioapic_redir_entry_t saved = ioapic_read_redir(EDGE_LINE);
	u32 lo;

	ioapic_write_reg(IOAPIC_REDIR_TABLE + 2 * EDGE_LINE, APIC_LVT_MASKED | BIT(12) | BIT(14) | EDGE_VECTOR);
	lo = ioapic_read_reg(IOAPIC_REDIR_TABLE + 2 * EDGE_LINE);
	report(!(lo & BIT(12)), "Delivery Status is read-only (%#x)", lo);
	report(!(lo & BIT(14)), "Remote IRR is read-only (%#x)", lo);
	ioapic_write_redir(EDGE_LINE, saved);
}

static void check_tmr(void)
{
	report(!tmr_edge_seen, "the local APIC's TMR is clear for an edge interrupt");
	report(tmr_level_seen, "and set for a level interrupt");
}

static volatile bool stop_listening;
static atomic_t listening;

static void listen(void *data)
{
	atomic_inc(&listening);
	irq_enable();
	while (!stop_listening)
		pause();
	irq_disable();
	atomic_dec(&listening);
}

static void edge_to(bool logical, u32 dest)
{
	ioapic_redir_entry_t e = {
		.vector = EDGE_VECTOR,
		.dest_mode = logical,
		.trig_mode = TRIGGER_EDGE,
		.dest_id = dest,
	};

	atomic_set(&cpu_edges[0], 0);
	atomic_set(&cpu_edges[1], 0);
	ioapic_write_redir(EDGE_LINE, e);
	set_irq_line(EDGE_LINE, 1);
	set_irq_line(EDGE_LINE, 0);
	wait_for(&edges, 1, SPIN_LIMIT);
}

static void check_destinations(void)
{
	if (cpu_count() < 2 || id_map[1] >= 8) {
		report_skip("destinations: need a second CPU with an APIC ID below 8 (-smp 2)");
		return;
	}
	stop_listening = false;
	on_cpu_async(1, listen, NULL);
	while (atomic_read(&listening) < 1)
		pause();
	atomic_set(&edges, 0);
	edge_to(false, id_map[1]);
	report(atomic_read(&cpu_edges[1]) == 1 && atomic_read(&cpu_edges[0]) == 0,
	       "physical destination CPU 1: CPU 1 takes it, CPU 0 not (%d, %d)", atomic_read(&cpu_edges[1]),
	       atomic_read(&cpu_edges[0]));
	atomic_set(&edges, 0);
	edge_to(true, 1U << id_map[1]);
	report(atomic_read(&cpu_edges[1]) == 1 && atomic_read(&cpu_edges[0]) == 0,
	       "logical destination CPU 1's bit: CPU 1 takes it, CPU 0 not (%d, %d)", atomic_read(&cpu_edges[1]),
	       atomic_read(&cpu_edges[0]));
	atomic_set(&edges, 0);
	edge_to(false, id_map[0]);
	report(atomic_read(&cpu_edges[0]) == 1 && atomic_read(&cpu_edges[1]) == 0,
	       "physical destination CPU 0: CPU 0 takes it, CPU 1 not");
	stop_listening = true;
	while (atomic_read(&listening))
		pause();
	ioapic_set_redir(EDGE_LINE, EDGE_VECTOR, TRIGGER_EDGE);
}

static void nmi_handler(struct ex_regs *regs)
{
	atomic_inc(&nmis);
}

static void check_nmi(void)
{
	ioapic_redir_entry_t e = {
		.vector = 0,
		.delivery_mode = 4,	/* NMI */
		.trig_mode = TRIGGER_EDGE,
		.dest_id = id_map[0],
	};
	unsigned long spins;

	handle_exception(NMI_VECTOR, nmi_handler);
	atomic_set(&nmis, 0);
	atomic_set(&edges, 0);
	ioapic_write_redir(EDGE_LINE, e);
	set_irq_line(EDGE_LINE, 1);
	set_irq_line(EDGE_LINE, 0);
	for (spins = 0; spins < SPIN_LIMIT && !atomic_read(&nmis); spins++)
		pause();
	report(atomic_read(&nmis) == 1 && atomic_read(&edges) == 0,
	       "an entry with the NMI delivery mode delivers an NMI, with interrupts off (%d)", atomic_read(&nmis));
	handle_exception(NMI_VECTOR, NULL);
	ioapic_set_redir(EDGE_LINE, EDGE_VECTOR, TRIGGER_EDGE);
}

static atomic_t line_hits[24];

static void line_isr(isr_regs_t *regs)
{
	atomic_inc(&line_hits[regs->vector - LINE_VECTOR_BASE]);
	eoi();
}

/*
 * Every ISA line pc-testdev can drive, on a vector of its own: the pin's
 * edge arrives on that pin's vector only. Lines 0 (the PIT, routed to pin
 * 2), 1, 2, 4 (the console UART), 8 and 12 belong to devices and are left
 * alone.
 */
static void check_each_line(void)
{
	static const unsigned int lines[] = { 3, 5, 6, 7, 9, 10, 11, 13, 14, 15 };
	unsigned int i, j;
	bool only;

	for (i = 0; i < ARRAY_SIZE(lines); i++) {
		unsigned long spins;

		handle_irq(LINE_VECTOR_BASE + lines[i], line_isr);
		for (j = 0; j < 24; j++)
			atomic_set(&line_hits[j], 0);
		ioapic_set_redir(lines[i], LINE_VECTOR_BASE + lines[i], TRIGGER_EDGE);
		set_irq_line(lines[i], 1);
		set_irq_line(lines[i], 0);
		irq_enable();
		for (spins = 0; spins < SPIN_LIMIT && !atomic_read(&line_hits[lines[i]]); spins++)
			pause();
		for (spins = 0; spins < 100000; spins++)
			pause();
		irq_disable();
		set_mask(lines[i], 1);
		only = true;
		for (j = 0; j < 24; j++)
			if (j != lines[i] && atomic_read(&line_hits[j]))
				only = false;
		report(atomic_read(&line_hits[lines[i]]) == 1 && only, "ISA line %u arrives once on its own vector %#x",
		       lines[i], LINE_VECTOR_BASE + lines[i]);
		handle_irq(LINE_VECTOR_BASE + lines[i], NULL);
	}
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
	check_registers();
	check_all_entries();
	check_read_only_bits();
	check_edge();
	check_level();
	check_tmr();
	check_destinations();
	check_nmi();
	check_each_line();
	set_mask(EDGE_LINE, 1);
	set_mask(LEVEL_LINE, 1);
	return report_summary();
}
