/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * css.c - the channel subsystem with one virtio-ccw device (virtio-rng,
 * device number 0x0042 from the cfg), against the z/Architecture
 * Principles of Operation (chapters 14-16) and the virtio-ccw transport:
 *   - STORE SUBCHANNEL: the device's subchannel has a valid device number, the one given to QEMU; a
 *     subchannel nobody has is cc 3; a subsystem-identification word without its one bit is an operand
 *     exception; a SCHIB off a word boundary a specification exception;
 *   - MODIFY SUBCHANNEL enables the subchannel with an ISC and interruption parameter, which STSCH then
 *     shows; reserved PMCW bits set are an operand exception;
 *   - START SUBCHANNEL of a SENSE ID CCW: an I/O interruption with the subchannel's ID, the ORB's
 *     parameter and the ISC; TEST SUBCHANNEL stores an IRB with start function, primary, secondary and
 *     status pending, channel end and device end, and the SENSE ID data (control-unit type 0x3832,
 *     model = virtio device ID 4); a second TSCH is cc 1;
 *   - the same with I/O interruptions off: TEST PENDING INTERRUPTION takes it (cc 1, the same code);
 *   - an ORB off a word boundary is a specification exception.
 * A hypervisor bug each would catch: wrong SCHIB contents, MSCH that loses the ISC or parameter, I/O
 * interruptions with the wrong subchannel, parameter or ISC, or never delivered; a TSCH that leaves status
 * pending; SENSE ID data in the wrong place or length.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "asm/arch_def.h"
#include "asm/memory_areas.h"
#include "asm/time.h"
#include "css.h"
#include "processor.h"
#include "string.h"

#define DEVNO		0x0042	/* -device virtio-rng-ccw,devno=fe.0.0042 */
#define ISC		3
#define INTPARM		0x12345678
#define VIRTIO_CCW_CU_TYPE	0x3832
#define VIRTIO_ID_RNG		4

static struct {
	u32 sid, param, word;
	int count;
} io_seen;

static void io_handler(void)
{
	io_seen.sid = lowcore.subsys_id_word;
	io_seen.param = lowcore.io_int_param;
	io_seen.word = lowcore.io_int_word;
	__atomic_add_fetch(&io_seen.count, 1, __ATOMIC_RELEASE);
}

static int schid;
static u8 unaligned[64] __aligned(8);

static void test_stsch(struct schib *schib)
{
	int cc;

	report_prefix_push("STSCH");
	schid = css_enumerate(schib);
	report(schid > 0 && schib->pmcw.devnum == DEVNO, "a subchannel with device number %#x: schid %#x, devno %#x",
	       DEVNO, schid, schid > 0 ? schib->pmcw.devnum : 0);
	cc = stsch(SCHID(0xffff), schib);
	report(cc == 3, "subchannel 0xffff (none): cc %d", cc);
	expect_pgm_int();
	stsch(0, schib);	/* bit 15 zero */
	check_pgm_int_code(PGM_INT_CODE_OPERAND);
	expect_pgm_int();
	stsch(schid, unaligned + 2);
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	report_prefix_pop();
}

static void test_msch(struct schib *schib)
{
	int cc;

	report_prefix_push("MSCH");
	cc = css_enable(schid, ISC);
	stsch(schid, schib);
	report(cc == 0 && (schib->pmcw.flags & PMCW_ENABLE) && ((schib->pmcw.flags >> PMCW_ISC_SHIFT) & 7) == ISC &&
	       schib->pmcw.intparm == (u32)schid, "enabled, ISC %d, parameter %#x: cc %d, flags %#x, parameter %#x",
	       ISC, schid, cc, schib->pmcw.flags, schib->pmcw.intparm);
	schib->pmcw.flags |= 0xc000;
	expect_pgm_int();
	msch(schid, schib);
	check_pgm_int_code(PGM_INT_CODE_OPERAND);
	stsch(schid, schib);
	report(!(schib->pmcw.flags & 0xc000) && (schib->pmcw.flags & PMCW_ENABLE), "the SCHIB is unchanged");
	report_prefix_pop();
}

/* SSCH of one SENSE ID CCW into id; the condition code. */
static int start_sense_id(struct orb *orb, struct ccw1 *ccw, struct senseid *id)
{
	memset(id, 0, sizeof(*id));
	memset(orb, 0, sizeof(*orb));
	ccw->code = CCW_CMD_SENSE_ID;
	ccw->flags = CCW_F_SLI;
	ccw->count = sizeof(*id);
	ccw->data_address = (uintptr_t)id;
	orb->intparm = INTPARM;
	orb->ctrl = ORB_CTRL_FMT1 | ORB_LPM_DFLT;
	orb->cpa = (uintptr_t)ccw;
	return ssch(schid, orb);
}

static void check_irb_and_id(struct irb *irb, struct senseid *id)
{
	int cc;

	memset(irb, 0, sizeof(*irb));
	cc = tsch(schid, irb);
	report(cc == 0 && (irb->scsw.ctrl & SCSW_FC_START) &&
	       (irb->scsw.ctrl & 0x1f) == (SCSW_SC_PRIMARY | SCSW_SC_SECONDARY | SCSW_SC_PENDING),
	       "TSCH: cc %d, start function, primary, secondary, status pending: ctrl %#x", cc, irb->scsw.ctrl);
	report(irb->scsw.dev_stat == (SCSW_DEVS_CE | SCSW_DEVS_DE) && !irb->scsw.sch_stat,
	       "channel end and device end, no subchannel status: %#x, %#x", irb->scsw.dev_stat, irb->scsw.sch_stat);
	report(id->reserved == 0xff && id->cu_type == VIRTIO_CCW_CU_TYPE && id->cu_model == VIRTIO_ID_RNG,
	       "SENSE ID: %#x, control unit %#x model %u (0xff, %#x, %u)", id->reserved, id->cu_type, id->cu_model,
	       VIRTIO_CCW_CU_TYPE, VIRTIO_ID_RNG);
	cc = tsch(schid, irb);
	report(cc == 1, "a second TSCH: cc %d (no status pending)", cc);
}

static void test_io(void)
{
	u8 *mem = alloc_pages_area(AREA_DMA31, 0);
	struct orb *orb = (void *)mem;
	struct ccw1 *ccw = (void *)(mem + 64);
	struct senseid *id = (void *)(mem + 128);
	struct irb *irb = (void *)(mem + 256);
	u32 code[3] = { 0 };
	u64 end;
	int cc;

	assert(mem);
	report_prefix_push("SENSE ID, I/O interruption");
	register_io_int_func(io_handler);
	enable_io_isc(ISC);
	io_seen.count = 0;
	cc = start_sense_id(orb, ccw, id);
	report(cc == 0, "SSCH: cc %d", cc);
	/* I/O interruptions on, for at most 5 s: a lost interruption is a failure, not a hang. */
	end = get_clock_us() + 5000000;
	load_psw_mask(extract_psw_mask() | PSW_MASK_IO);
	while (!__atomic_load_n(&io_seen.count, __ATOMIC_ACQUIRE) && get_clock_us() < end)
		cpu_relax();
	load_psw_mask(extract_psw_mask() & ~PSW_MASK_IO);
	report(io_seen.count == 1 && io_seen.sid == (u32)schid && io_seen.param == INTPARM &&
	       ((io_seen.word >> 27) & 7) == ISC, "one interruption: subchannel %#x, parameter %#x, ISC %u",
	       io_seen.sid, io_seen.param, (io_seen.word >> 27) & 7);
	check_irb_and_id(irb, id);
	report_prefix_pop();

	report_prefix_push("SENSE ID, TPI");
	cc = start_sense_id(orb, ccw, id);
	end = get_clock_us() + 5000000;
	while (!(cc = tpi(code)) && get_clock_us() < end)
		cpu_relax();
	report(cc == 1 && code[0] == (u32)schid && code[1] == INTPARM, "TPI: cc %d, subchannel %#x, parameter %#x",
	       cc, code[0], code[1]);
	check_irb_and_id(irb, id);
	report(io_seen.count == 1, "no I/O interruption was taken");
	report_prefix_pop();

	expect_pgm_int();
	ssch(schid, (u8 *)orb + 2);
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	lctlg(6, 0);
	unregister_io_int_func(io_handler);
	free_pages(mem);
}

int main(void)
{
	struct schib schib;

	report_prefix_push("css");
	test_stsch(&schib);
	if (schid <= 0) {
		report_skip("no I/O device: the cfg gives -device virtio-rng-ccw,devno=fe.0.0042");
		return report_summary();
	}
	test_msch(&schib);
	test_io();
	return report_summary();
}
