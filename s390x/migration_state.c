/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * migration_state.c - s390x state that live migration must carry to the
 * destination, against the z/Architecture Principles of Operation:
 *   - storage keys set with SSKE on 16 untouched pages: ISKE gives back their access-control and
 *     fetch-protection bits, a reference bit that was set is still set, and the change bit is as it was;
 *   - the TOD clock goes forward; the CPU timer goes on decrementing from its value, by no more than the
 *     TOD clock advanced; the clock comparator keeps its value and, being far away, raises no interruption;
 *   - a CPU timer that runs out and a clock comparator that is passed during the migration each have their
 *     external interruption pending afterwards;
 *   - the prefix register, and control registers 9-11 (PER, left off in the PSW);
 *   - an I/O interruption pending when the VM stops (I/O interruptions off) is still pending on the
 *     destination (TEST PENDING INTERRUPTION), and so is the subchannel's status (TEST SUBCHANNEL);
 *   - afterwards, console reads with nothing to read take one service signal each, with no event pending.
 * Catches a hypervisor or QEMU that does not migrate storage keys or loses the change bits a guest's
 * paging relies on, restarts or skews the CPU timer, drops the clock comparator or an expired timer's
 * interruption, resets the prefix or control registers, drops pending floating interruptions (QEMU's TCG
 * before 9.1: KFAIL there) or keeps signalling console input that is not there. Run in the cfg group
 * `migration`, with -device virtio-rng-ccw,devno=fe.0.0042 for the I/O check.
 */
#include "libcflat.h"
#include "accel.h"
#include "alloc_page.h"
#include "migrate.h"
#include "string.h"
#include "asm/arch_def.h"
#include "asm/mem.h"
#include "asm/memory_areas.h"
#include "asm/page.h"
#include "asm/time.h"
#include "css.h"
#include "interrupt.h"
#include "processor.h"
#include "sclp.h"

#define SKEY_PAGES	16
/* An hour, in microseconds: a timer or comparator that far away never fires during the test. */
#define FAR_US		(3600ULL * 1000000)
#define ISC		3
#define INTPARM		0xfeed0042

struct state {
	u8 *skey_pages;
	u8 keys[SKEY_PAGES];
	u64 tod, ckc;
	s64 cpu_timer;
	u32 prefix;
	u8 *lowcore_copy;
	u64 cr[3];
	int schid;
	u8 *io_mem;
};

static u64 tod_now(void)
{
	u64 tod;

	stckf(&tod);
	return tod;
}

/*
 * Open one external-interruption subclass, with external interruptions on,
 * for up to max_us: did an interruption with that code come? The handler
 * closes the subclass of a clock-comparator or CPU-timer interruption.
 */
static bool take_ext(u64 subclass, u16 code, u64 max_us)
{
	struct ext_int_info *seen = &ext_int_seen[smp_processor_id()];
	unsigned int count = __atomic_load_n(&seen->count, __ATOMIC_ACQUIRE);
	u64 mask = extract_psw_mask(), end = get_clock_us() + max_us;

	lctlg(0, stctg(0) | subclass);
	load_psw_mask(mask | PSW_MASK_EXT);
	while (__atomic_load_n(&seen->count, __ATOMIC_ACQUIRE) == count && get_clock_us() < end)
		;
	load_psw_mask(mask);
	lctlg(0, stctg(0) & ~subclass);
	return __atomic_load_n(&seen->count, __ATOMIC_ACQUIRE) != count && seen->code == code;
}

/* Every access key, with fetch protection, reference and change bits in all combinations. */
static void set_storage_keys(struct state *s)
{
	unsigned int i;

	s->skey_pages = alloc_pages(4);
	assert(s->skey_pages);
	for (i = 0; i < SKEY_PAGES; i++) {
		s->keys[i] = i << 4 | (i & 1 ? SKEY_FP : 0) | (i & 2 ? SKEY_R : 0) | (i & 4 ? SKEY_C : 0);
		set_storage_key(s->skey_pages + i * PAGE_SIZE, s->keys[i], 0);
	}
}

/* Nothing touches the pages in between: the reference and change bits may only have been kept. */
static void check_storage_keys(struct state *s)
{
	unsigned int i, acc = 0, ref = 0, chg = 0;
	u8 key, want;

	report_prefix_push("storage keys");
	for (i = 0; i < SKEY_PAGES; i++) {
		key = get_storage_key(s->skey_pages + i * PAGE_SIZE) & ~1;
		want = s->keys[i];
		if ((key ^ want) & (SKEY_ACC | SKEY_FP) && !acc++)
			printf("page %u: key %#x, set %#x\n", i, key, want);
		if ((want & SKEY_R) && !(key & SKEY_R) && !ref++)
			printf("page %u: reference bit lost (key %#x, set %#x)\n", i, key, want);
		if ((key ^ want) & SKEY_C && !chg++)
			printf("page %u: change bit %d, set %d\n", i, !!(key & SKEY_C), !!(want & SKEY_C));
		set_storage_key(s->skey_pages + i * PAGE_SIZE, 0, 0);
	}
	report(!acc, "access-control and fetch-protection bits of %d pages kept (%u differ)", SKEY_PAGES, acc);
	report(!ref, "reference bits that were set are still set (%u lost)", ref);
	report(!chg, "change bits are as they were (%u differ)", chg);
	free_pages(s->skey_pages);
	report_prefix_pop();
}

static void set_timers(struct state *s)
{
	s->tod = tod_now();
	s->ckc = s->tod + (FAR_US << STCK_SHIFT_US);
	sckc(s->ckc);
	spt(FAR_US << CPU_TIMER_SHIFT_US);
	s->cpu_timer = stpt();
}

static void check_timers(struct state *s)
{
	s64 cpu_timer = stpt();
	u64 tod = tod_now(), ckc = stckc();
	/* The CPU timer was read after and before the TOD clock, so it cannot have moved more; one unit of rounding. */
	u64 timer_us = (s->cpu_timer - cpu_timer) >> CPU_TIMER_SHIFT_US, tod_us = (tod - s->tod) >> STCK_SHIFT_US;

	report_prefix_push("timers");
	report(tod > s->tod, "the TOD clock went forward (%#lx -> %#lx)", s->tod, tod);
	report(cpu_timer < s->cpu_timer, "the CPU timer went on decrementing (%#lx -> %#lx)", s->cpu_timer, cpu_timer);
	report(cpu_timer < s->cpu_timer && timer_us <= tod_us + 1,
	       "the CPU timer moved by no more than the TOD clock (%lu us, the TOD clock %lu us)", timer_us, tod_us);
	report(ckc == s->ckc, "the clock comparator kept its value (%#lx, set %#lx)", ckc, s->ckc);
	report(!take_ext(CR0_EXTM_CLOCK_COMP, EXT_IRQ_CLOCK_COMP, 10000) &&
	       !take_ext(CR0_EXTM_CPU_TIMER, EXT_IRQ_CPU_TIMER, 10000),
	       "neither the far clock comparator nor the CPU timer raises an interruption");
	report_prefix_pop();
}

static void spx(u32 prefix)
{
	asm volatile("spx %0" : : "Q"(prefix) : "memory");
}

static void set_prefix(struct state *s)
{
	s->prefix = stpx();
	/* The new prefix area starts as a copy of the current one: new PSWs, this CPU's number. */
	s->lowcore_copy = alloc_pages_area(AREA_DMA31, 1);
	assert(s->lowcore_copy);
	memcpy(s->lowcore_copy, &lowcore, LC_SIZE);
	spx((uintptr_t)s->lowcore_copy);
}

static void check_prefix(struct state *s)
{
	u32 prefix = stpx();

	spx(s->prefix);
	report(prefix == (uintptr_t)s->lowcore_copy, "prefix register kept (%#x, set %#lx)", prefix,
	       (uintptr_t)s->lowcore_copy);
	free_pages(s->lowcore_copy);
}

/* PER's control registers: with PER off in the PSW they only hold values. */
static const u64 per_crs[3] = { 0x80000000, 0x12345000, 0x7654efff };

static void set_control_registers(struct state *s)
{
	s->cr[0] = stctg(9);
	s->cr[1] = stctg(10);
	s->cr[2] = stctg(11);
	lctlg(9, per_crs[0]);
	lctlg(10, per_crs[1]);
	lctlg(11, per_crs[2]);
}

static void check_control_registers(struct state *s)
{
	u64 cr9 = stctg(9), cr10 = stctg(10), cr11 = stctg(11);

	lctlg(9, s->cr[0]);
	lctlg(10, s->cr[1]);
	lctlg(11, s->cr[2]);
	report(cr9 == per_crs[0] && cr10 == per_crs[1] && cr11 == per_crs[2],
	       "control registers 9-11 kept (%#lx %#lx %#lx)", cr9, cr10, cr11);
}

/* SENSE ID on the virtio-rng device with I/O interruptions off: its interruption stays pending. */
static void set_pending_io(struct state *s)
{
	struct orb *orb;
	struct ccw1 *ccw;
	struct schib schib;
	u64 end;

	s->schid = css_enumerate(&schib);
	if (s->schid <= 0)
		return;
	s->io_mem = alloc_pages_area(AREA_DMA31, 0);
	assert(s->io_mem);
	memset(s->io_mem, 0, PAGE_SIZE);
	orb = (void *)s->io_mem;
	ccw = (void *)(s->io_mem + 64);
	ccw->code = CCW_CMD_SENSE_ID;
	ccw->flags = CCW_F_SLI;
	ccw->count = sizeof(struct senseid);
	ccw->data_address = (uintptr_t)(s->io_mem + 128);
	orb->intparm = INTPARM;
	orb->ctrl = ORB_CTRL_FMT1 | ORB_LPM_DFLT;
	orb->cpa = (uintptr_t)ccw;
	enable_io_isc(ISC);
	if (css_enable(s->schid, ISC) || ssch(s->schid, orb)) {
		s->schid = -1;
		return;
	}
	/* Migrate only once the status, and with it the interruption, is pending. */
	end = get_clock_us() + 5000000;
	while (!stsch(s->schid, &schib) && !(schib.scsw.ctrl & SCSW_SC_PENDING) && get_clock_us() < end)
		;
}

/* QEMU before 9.1 under TCG: its interrupt controller leaves pending floating interruptions out of the stream. */
static bool tcg_drops_floating_interrupts(void)
{
	const char *major = getenv("QEMU_MAJOR"), *minor = getenv("QEMU_MINOR");

	return under_tcg() && major && minor && atol(major) * 100 + atol(minor) < 901;
}

static void check_pending_io(struct state *s)
{
	struct irb *irb = (void *)(s->io_mem + 256);
	u32 code[3] = { 0 };
	int cc;

	report_prefix_push("I/O");
	if (s->schid <= 0) {
		report_skip("pending I/O interruption: no I/O device that starts SENSE ID (-device virtio-rng-ccw)");
		report_prefix_pop();
		return;
	}
	cc = tpi(code);
	report_kfail(tcg_drops_floating_interrupts() && cc == 0, cc == 1 && code[0] == (u32)s->schid &&
		     code[1] == INTPARM, "the interruption pending before is still pending: TPI cc %d (1), subchannel "
		     "%#x, parameter %#x; QEMU's TCG before 9.1 does not migrate it", cc, code[0], code[1]);
	cc = tsch(s->schid, irb);
	report(cc == 0 && (irb->scsw.ctrl & SCSW_SC_PENDING) && irb->scsw.dev_stat == (SCSW_DEVS_CE | SCSW_DEVS_DE),
	       "the subchannel's status is still pending: TSCH cc %d, ctrl %#x, device status %#x", cc,
	       irb->scsw.ctrl, irb->scsw.dev_stat);
	lctlg(6, 0);
	free_pages(s->io_mem);
	report_prefix_pop();
}

/* A CPU timer and a clock comparator that run out while the VM moves. */
static void check_expiry(void)
{
	s64 cpu_timer;
	bool taken;

	report_prefix_push("expiry");
	sckc(tod_now() + (1000 << STCK_SHIFT_US));
	spt(1000 << CPU_TIMER_SHIFT_US);
	migrate_quiet();
	cpu_timer = stpt();
	/* QEMU's TCG converts the negative nanoseconds left to TOD units as an unsigned number: huge, positive. */
	report_kfail(under_tcg() && cpu_timer > 0, cpu_timer < 0,
		     "a CPU timer of 1 ms ran out: negative (%ld); QEMU's TCG STPT gives a large positive value",
		     cpu_timer);
	taken = take_ext(CR0_EXTM_CPU_TIMER, EXT_IRQ_CPU_TIMER, 100000);
	report_kfail(under_tcg() && !taken, taken, "its interruption is pending; QEMU's TCG re-arms the clock "
		     "comparator on the destination, not the CPU timer");
	report(take_ext(CR0_EXTM_CLOCK_COMP, EXT_IRQ_CLOCK_COMP, 100000),
	       "the interruption of a clock comparator passed during the migration is pending");
	sckc(-1ULL);
	spt(FAR_US << CPU_TIMER_SHIFT_US);
	report_prefix_pop();
}

/* After the migration's reads: nothing is left to read, so nothing may be signalled. */
static void check_console_reads(void)
{
	struct ext_int_info *seen = &ext_int_seen[smp_processor_id()];
	unsigned int count = seen->count, chars = 0, i;

	for (i = 0; i < 100; i++)
		chars += getchar() >= 0;
	report(!chars && seen->count - count == 100 && !(seen->param & 1),
	       "100 console reads with nothing to read: %u characters, %u service signals, event pending %u", chars,
	       seen->count - count, seen->param & 1);
}

int main(void)
{
	struct state s = { 0 };

	report_prefix_push("migration-state");
	set_storage_keys(&s);
	set_timers(&s);
	set_prefix(&s);
	set_control_registers(&s);
	set_pending_io(&s);
	migrate();
	check_storage_keys(&s);
	check_timers(&s);
	check_prefix(&s);
	check_control_registers(&s);
	check_pending_io(&s);
	check_expiry();
	check_console_reads();
	report_info("SCLP calls taken as done without their service signal: %u", sclp_signals_missed());
	report_prefix_pop();
	return report_summary();
}
