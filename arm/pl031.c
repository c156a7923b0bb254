/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pl031.c - the PL031 real-time clock (Arm PrimeCell RTC TRM, DDI 0224) found through the device tree:
 *   its PrimeCell and peripheral IDs; the data register counting seconds at 1 Hz (against the generic
 *   timer) and starting from what the load register sets; a match (DR == MR) setting the raw interrupt
 *   status whether masked or not, the masked status and the interrupt line (the tree's SPI, through the
 *   GIC) following the mask, and the interrupt clear register lowering both.
 * Hypervisor bugs it catches: an emulated RTC that does not tick, ticks at the wrong rate or ignores LR,
 *   a match interrupt that is lost, raised while masked, delivered on the wrong SPI, or never cleared.
 */
#include "libcflat.h"
#include "devicetree.h"
#include "asm/barrier.h"
#include "asm/delay.h"
#include "asm/gic.h"
#include "asm/io.h"
#include "asm/mmu.h"
#include "asm/processor.h"

#define RTC_DR		0x00
#define RTC_MR		0x04
#define RTC_LR		0x08
#define RTC_CR		0x0c
#define RTC_IMSC	0x10
#define RTC_RIS		0x14
#define RTC_MIS		0x18
#define RTC_ICR		0x1c
#define RTC_PERIPHID	0xfe0
#define RTC_PCELLID	0xff0

static void *rtc;
static int rtc_irq;
static volatile int rtc_irqs, other_irqs;

static u32 rtc_read(unsigned int reg)
{
	return readl(rtc + reg);
}

static void rtc_write(unsigned int reg, u32 v)
{
	writel(v, rtc + reg);
}

static void irq_handler(struct pt_regs *regs)
{
	u32 iar = gic_read_iar(), irq = gic_iar_irqnr(iar);

	if (irq == GICC_INT_SPURIOUS)
		return;
	if ((int)irq == rtc_irq) {
		rtc_irqs++;
		/* Level-sensitive: lowered at the device before the end of the interrupt. */
		rtc_write(RTC_ICR, 1);
	} else {
		other_irqs++;
	}
	gic_write_eoir(iar);
}

/* The 4 bytes of an ID block (one byte in each word's low bits). */
static u32 id_block(unsigned int reg)
{
	int i;
	u32 id = 0;

	for (i = 0; i < 4; i++)
		id |= (rtc_read(reg + 4 * i) & 0xff) << (8 * i);
	return id;
}

static u64 ms_now(void)
{
	return get_cntvct() * 1000 / get_cntfrq();
}

/* Waits up to ms for DR to change from dr; the time it changed (ms), or 0. */
static u64 wait_tick(u32 dr, u64 ms)
{
	u64 end = ms_now() + ms;

	while (ms_now() < end) {
		if (rtc_read(RTC_DR) != dr)
			return ms_now();
	}
	return 0;
}

static void test_ids(void)
{
	u32 periph = id_block(RTC_PERIPHID), pcell = id_block(RTC_PCELLID);

	report(pcell == 0xb105f00d, "PrimeCell ID 0xb105f00d (%#x)", pcell);
	/* Part number 0x031, designer 0x41 (Arm) in bits 19:12. */
	report((periph & 0xfff) == 0x031 && ((periph >> 12) & 0xff) == 0x41, "peripheral ID: part 0x031 by Arm (%#x)",
	       periph);
}

static void test_counting(void)
{
	u32 dr = rtc_read(RTC_DR);
	u64 t1, t2;

	report(rtc_read(RTC_CR) & 1, "the RTC is started (CR.RTCStart)");
	t1 = wait_tick(dr, 1500);
	dr = rtc_read(RTC_DR);
	t2 = t1 ? wait_tick(dr, 1500) : 0;
	report(t1 && t2 && rtc_read(RTC_DR) == dr + 1, "DR counts up by one at each tick");
	/* 1 Hz against the generic timer; wide bounds, since the host may stall the guest. */
	report(t2 - t1 >= 800 && t2 - t1 <= 1500, "one second between ticks (%" PRIu64 " ms)", t2 - t1);
	rtc_write(RTC_LR, 1000000);
	dr = rtc_read(RTC_DR);
	report(dr == 1000000 || dr == 1000001, "writing LR sets DR (%u)", dr);
}

static void test_match(void)
{
	u32 dr;
	u64 end;

	rtc_write(RTC_IMSC, 0);
	rtc_write(RTC_ICR, 1);
	gic_irq_enable(rtc_irq);
	local_irq_enable();
	report(!(rtc_read(RTC_RIS) & 1) && !rtc_irqs, "no interrupt before the match");

	/* Masked: the raw status is set at the match, MIS and the line stay low. */
	dr = rtc_read(RTC_DR);
	rtc_write(RTC_MR, dr + 1);
	end = ms_now() + 1500;
	while (!(rtc_read(RTC_RIS) & 1) && ms_now() < end)
		cpu_relax();
	report(rtc_read(RTC_RIS) & 1, "masked: RIS is set at the match (DR %u, MR %u)", rtc_read(RTC_DR), dr + 1);
	mdelay(10);
	report(!(rtc_read(RTC_MIS) & 1) && !rtc_irqs, "masked: MIS stays 0, no interrupt");

	/* Unmasking a raised status raises the line at once. */
	rtc_write(RTC_IMSC, 1);
	end = ms_now() + 100;
	while (!rtc_irqs && ms_now() < end)
		cpu_relax();
	report(rtc_irqs == 1 && !other_irqs, "unmasked: one interrupt on SPI %d", rtc_irq - GIC_FIRST_SPI);
	report(!(rtc_read(RTC_RIS) & 1) && !(rtc_read(RTC_MIS) & 1), "ICR cleared RIS and MIS");
	mdelay(10);
	report(rtc_irqs == 1, "and the line stays low after ICR");
	local_irq_disable();
	rtc_write(RTC_IMSC, 0);
}

int main(int argc, char **argv)
{
	int node = dt_find_compatible(-1, "arm,pl031");
	struct dt_reg reg;
	const u8 *irqs;
	int len;

	if (node < 0) {
		report_skip("no arm,pl031 in the device tree");
		return report_summary();
	}
	irqs = dt_getprop(node, "interrupts", &len);
	if (dt_get_reg(node, 0, &reg) || !irqs || len < 12 || dt_be32(irqs) != 0)
		report_abort("pl031: the tree's node has no reg or no SPI interrupt");
	rtc = ioremap(reg.addr, reg.size);
	rtc_irq = SPI(dt_be32(irqs + 4));
	report_info("pl031 at %#" PRIx64 ", SPI %d, GICv%d", reg.addr, rtc_irq - GIC_FIRST_SPI, gic_init());
	gic_enable_defaults();
	install_irq_handler(EL1H_IRQ, irq_handler);

	test_ids();
	test_counting();
	test_match();
	return report_summary();
}
