/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sigp.c - SIGNAL PROCESSOR orders sent by CPU 0 to CPU 1 (z/Architecture
 * Principles of Operation, "Signal Processor" and "CPU Reset"):
 *   - SENSE: cc 0 for an operating CPU with nothing to say, cc 1 with the stopped bit for a stopped one,
 *     cc 3 for a CPU address nobody has (every order); an unassigned order is cc 1 "invalid order";
 *   - EXTERNAL CALL: taken by the target with code 0x1202 and the sender's CPU address (also when the
 *     sender is another secondary, with -smp 3); a second one while the first is pending is cc 1
 *     "external call pending", which SENSE reports too;
 *   - EMERGENCY SIGNAL: code 0x1201 with the sender's address; with its subclass mask off in CR0 it stays
 *     pending, and is taken once the mask is on;
 *   - SET PREFIX and STORE STATUS AT ADDRESS: cc 1 "incorrect state" for an operating CPU, "invalid
 *     parameter" for an address outside storage; STORE STATUS AT ADDRESS stores the stopped CPU's prefix
 *     and control registers;
 *   - STOP, STOP AND STORE STATUS (the status in the CPU's own prefix area), RESTART and START bring
 *     the CPU down and back;
 *   - CPU RESET keeps the prefix and control registers, INITIAL CPU RESET sets the prefix to 0, CR0 to
 *     0xe0 and CR14 to 0xc2000000;
 *   - SIGP is privileged.
 * A hypervisor bug each would catch: orders handled in the wrong CPU state, lost or duplicated external
 * calls, wrong sender address in the interruption, status stored in the wrong place or not at all,
 * resets that clear too much or too little.
 */
#include "libcflat.h"
#include "accel.h"
#include "alloc_page.h"
#include "asm/arch_def.h"
#include "asm/memory_areas.h"
#include "asm/page.h"
#include "asm/sigp.h"
#include "asm/time.h"
#include "memregions.h"
#include "processor.h"
#include "smp.h"

/* The status SIGP STORE STATUS AT ADDRESS stores: the save area at its offset in the lowcore, from 0x1200. */
#define SA_OFF(field)	(offsetof(struct lowcore, field) - LC_FPRS_SA)

static u16 target;
static volatile bool ready, go;

static void nop(void *data)
{
}

/* SENSE until the stopped bit is seen, for at most a second. */
static bool wait_stopped(u16 addr)
{
	u64 end = get_clock_us() + 1000000;

	while (get_clock_us() < end) {
		if (smp_sense_stopped(addr))
			return true;
	}
	return false;
}

static void check_cc_status(int cc, u32 status, int want_cc, u32 want_status, const char *what)
{
	report(cc == want_cc && (want_cc != SIGP_CC_STATUS_STORED || status == want_status),
	       "%s: cc %d status %#x (expected cc %d status %#x)", what, cc, cc == 1 ? status : 0, want_cc,
	       want_cc == 1 ? want_status : 0);
}

static void test_sense_invalid(void)
{
	static const u8 orders[] = {
		SIGP_SENSE, SIGP_EXTERNAL_CALL, SIGP_EMERGENCY_SIGNAL, SIGP_START, SIGP_STOP, SIGP_RESTART,
		SIGP_STOP_AND_STORE_STATUS, SIGP_INITIAL_CPU_RESET, SIGP_CPU_RESET, SIGP_SET_PREFIX,
		SIGP_STORE_STATUS_AT_ADDRESS,
	};
	u16 nobody = 0;
	unsigned int i, bad = 0;
	u32 status = 0;
	int cc;

	while (cpu_addr_to_cpu(nobody) >= 0)
		nobody++;
	report_prefix_push("SENSE");
	check_cc_status(sigp(stap(), SIGP_SENSE, 0, &status), status, 0, 0, "itself, operating");
	check_cc_status(sigp(target, SIGP_SENSE, 0, &status), status, 0, 0, "CPU 1, operating");
	for (i = 0; i < ARRAY_SIZE(orders); i++) {
		cc = sigp(nobody, orders[i], 0, NULL);
		if (cc != SIGP_CC_NOT_OPERATIONAL) {
			printf("order %#x to address %u: cc %d\n", orders[i], nobody, cc);
			bad++;
		}
	}
	report(!bad, "every order to CPU address %u (none has it): cc 3", nobody);
	report_prefix_pop();

	report_prefix_push("invalid order");
	cc = sigp(target, 0x00, 0, &status);
	check_cc_status(cc, status, 1, SIGP_STATUS_INVALID_ORDER, "order 0");
	cc = sigp(target, 0xff, 0, &status);
	check_cc_status(cc, status, 1, SIGP_STATUS_INVALID_ORDER, "order 0xff");
	report_prefix_pop();
}

/* On CPU 1: external interruptions enabled until one more than start has come, at most 2 s; is it code? */
static bool take_ext_int(unsigned int start, u16 code)
{
	u64 end = get_clock_us() + 2000000;

	load_psw_mask(extract_psw_mask() | PSW_MASK_EXT);
	while (__atomic_load_n(&ext_int_seen[1].count, __ATOMIC_ACQUIRE) == start && get_clock_us() < end)
		cpu_relax();
	load_psw_mask(extract_psw_mask() & ~PSW_MASK_EXT);
	return ext_int_seen[1].count != start && ext_int_seen[1].code == code;
}

/* On CPU 1: external interruptions off until go, then take the signal (code in data). */
static void wait_for_signal(void *data)
{
	unsigned int start = __atomic_load_n(&ext_int_seen[1].count, __ATOMIC_ACQUIRE);

	lctlg(0, stctg(0) | CR0_EXTM_EXTC | CR0_EXTM_EMERG);
	__atomic_store_n(&ready, true, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		cpu_relax();
	take_ext_int(start, (uintptr_t)data);
}

static bool taken_masked, taken_unmasked;

/* On CPU 1: external interruptions on, but the emergency-signal subclass off until go; then on. */
static void masked_signal(void *data)
{
	unsigned int start = __atomic_load_n(&ext_int_seen[1].count, __ATOMIC_ACQUIRE);

	lctlg(0, stctg(0) & ~CR0_EXTM_EMERG);
	load_psw_mask(extract_psw_mask() | PSW_MASK_EXT);
	__atomic_store_n(&ready, true, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		cpu_relax();
	load_psw_mask(extract_psw_mask() & ~PSW_MASK_EXT);
	taken_masked = ext_int_seen[1].count != start;
	lctlg(0, stctg(0) | CR0_EXTM_EMERG);
	taken_unmasked = take_ext_int(start, EXT_IRQ_EMERGENCY_SIG);
}

static void start_waiter(u16 code)
{
	ready = false;
	go = false;
	on_cpu_async(1, wait_for_signal, (void *)(uintptr_t)code);
	while (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE))
		cpu_relax();
}

static int sent_cc;

static void send_ext_call_to_1(void *data)
{
	sent_cc = sigp(cpu_addrs[1], SIGP_EXTERNAL_CALL, 0, NULL);
}

/* With a third CPU: an external call from CPU 2 names CPU 2, not the boot CPU. */
static void test_from_secondary(void)
{
	if (nr_cpus < 3) {
		report_skip("EXTERNAL CALL between secondaries: needs 3 CPUs (-smp 3)");
		return;
	}
	start_waiter(EXT_IRQ_EXTERNAL_CALL);
	on_cpu(2, send_ext_call_to_1, NULL);
	__atomic_store_n(&go, true, __ATOMIC_RELEASE);
	cpu_idle_wait(1);
	report(sent_cc == 0 && ext_int_seen[1].code == EXT_IRQ_EXTERNAL_CALL &&
	       ext_int_seen[1].cpu_addr == cpu_addrs[2],
	       "from CPU 2 to CPU 1: cc %d, code %#x from CPU address %u (CPU 2's %u)", sent_cc,
	       ext_int_seen[1].code, ext_int_seen[1].cpu_addr, cpu_addrs[2]);
}

static void test_signals(void)
{
	u32 status = 0;
	u64 end;
	int cc;

	report_prefix_push("EXTERNAL CALL");
	start_waiter(EXT_IRQ_EXTERNAL_CALL);
	cc = sigp(target, SIGP_EXTERNAL_CALL, 0, &status);
	check_cc_status(cc, status, 0, 0, "first");
	cc = sigp(target, SIGP_EXTERNAL_CALL, 0, &status);
	check_cc_status(cc, status, 1, SIGP_STATUS_EXT_CALL_PENDING, "second while the first is pending");
	cc = sigp(target, SIGP_SENSE, 0, &status);
	check_cc_status(cc, status, 1, SIGP_STATUS_EXT_CALL_PENDING, "SENSE");
	__atomic_store_n(&go, true, __ATOMIC_RELEASE);
	cpu_idle_wait(1);
	report(ext_int_seen[1].code == EXT_IRQ_EXTERNAL_CALL && ext_int_seen[1].cpu_addr == stap(),
	       "taken: code %#x from CPU address %u (sender %u)", ext_int_seen[1].code, ext_int_seen[1].cpu_addr,
	       stap());
	cc = sigp(target, SIGP_SENSE, 0, &status);
	check_cc_status(cc, status, 0, 0, "SENSE after it was taken");
	test_from_secondary();
	report_prefix_pop();

	report_prefix_push("EMERGENCY SIGNAL");
	start_waiter(EXT_IRQ_EMERGENCY_SIG);
	cc = sigp(target, SIGP_EMERGENCY_SIGNAL, 0, &status);
	__atomic_store_n(&go, true, __ATOMIC_RELEASE);
	cpu_idle_wait(1);
	report(cc == 0 && ext_int_seen[1].code == EXT_IRQ_EMERGENCY_SIG && ext_int_seen[1].cpu_addr == stap(),
	       "cc %d, taken: code %#x from CPU address %u", cc, ext_int_seen[1].code, ext_int_seen[1].cpu_addr);

	/* Its subclass mask (CR0 bit 49) off: the signal stays pending, however long, until the mask is on. */
	ready = false;
	go = false;
	on_cpu_async(1, masked_signal, NULL);
	wait_flag_ms(&ready, 5000);
	cc = sigp(target, SIGP_EMERGENCY_SIGNAL, 0, &status);
	end = get_clock_us() + 20000;
	while (get_clock_us() < end)
		cpu_relax();
	__atomic_store_n(&go, true, __ATOMIC_RELEASE);
	cpu_idle_wait(1);
	report(cc == 0 && !taken_masked && taken_unmasked, "subclass masked: pending (taken: %s), then taken (%s)",
	       taken_masked ? "yes" : "no", taken_unmasked ? "yes" : "no");
	report_prefix_pop();
}

/* STORE STATUS AT ADDRESS of the stopped CPU 1 into area; the condition code. */
static int store_status(u8 *area, u32 *status)
{
	memset(area, 0xaa, PAGE_SIZE);
	return sigp(target, SIGP_STORE_STATUS_AT_ADDRESS, (uintptr_t)area, status);
}

static u32 sa_prefix(const u8 *area)
{
	return *(const u32 *)(area + SA_OFF(prefix_sa));
}

static u64 sa_cr(const u8 *area, int cr)
{
	return ((const u64 *)(area + SA_OFF(crs_sa)))[cr];
}

/* On CPU 1: spin with interruptions off until go, saying so with ready (how CPU 1 is stopped running). */
static void spin(void *data)
{
	__atomic_store_n(&ready, true, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		cpu_relax();
}

/* Has CPU 1 (re)entered spin() since ready was cleared? A wait of at most 5 s (a loaded host). */
static bool wait_ready(void)
{
	return wait_flag_ms(&ready, 5000);
}

static void start_spinning(void)
{
	ready = false;
	go = false;
	on_cpu_async(1, spin, NULL);
	wait_ready();
}

/*
 * A RESTART leads CPU 1 to the secondary entry, whose loop finds its
 * mailbox still busy with spin() (the CPU was stopped in it) and runs it
 * again: ready says the restart worked.
 */
static bool restart_spinning(void)
{
	int cc;

	ready = false;
	cc = sigp_retry(target, SIGP_RESTART, 0, NULL);
	return cc == 0 && wait_ready();
}

static void finish_spinning(void)
{
	__atomic_store_n(&go, true, __ATOMIC_RELEASE);
	cpu_idle_wait(1);
}

static void test_stop_store(u8 *area)
{
	u32 lc1 = (uintptr_t)cpu_lowcore(1), status = 0, beyond;
	int cc;

	report_prefix_push("operating");
	cc = sigp(target, SIGP_SET_PREFIX, lc1, &status);
	check_cc_status(cc, status, 1, SIGP_STATUS_INCORRECT_STATE, "SET PREFIX");
	cc = sigp(target, SIGP_STORE_STATUS_AT_ADDRESS, (uintptr_t)area, &status);
	check_cc_status(cc, status, 1, SIGP_STATUS_INCORRECT_STATE, "STORE STATUS AT ADDRESS");
	report_prefix_pop();

	report_prefix_push("STOP");
	start_spinning();
	cc = sigp_retry(target, SIGP_STOP, 0, NULL);
	report(cc == 0 && wait_stopped(target), "cc %d, then SENSE says stopped", cc);
	report_prefix_pop();

	report_prefix_push("STORE STATUS AT ADDRESS");
	cc = store_status(area, &status);
	report(cc == 0 && sa_prefix(area) == lc1, "cc %d, prefix %#x (CPU 1's lowcore %#x)", cc, sa_prefix(area), lc1);
	report(sa_cr(area, 0) & CR0_EXTM_EMERG, "CR0 %#lx with the emergency-signal subclass CPU 1 set",
	       sa_cr(area, 0));
	beyond = ALIGN(mem_ram_end(), PAGE_SIZE);
	if (mem_ram_end() < SZ_2G) {
		cc = sigp(target, SIGP_STORE_STATUS_AT_ADDRESS, beyond, &status);
		report_kfail(under_tcg() && cc == 0, cc == 1 && status == SIGP_STATUS_INVALID_PARAMETER,
			     "past the end of storage: cc %d status %#x (cc 1, invalid parameter); %s", cc,
			     cc == 1 ? status : 0, "QEMU 7.2 accepts the order");
		cc = sigp(target, SIGP_SET_PREFIX, beyond, &status);
		check_cc_status(cc, status, 1, SIGP_STATUS_INVALID_PARAMETER, "SET PREFIX past the end of storage");
	} else {
		report_skip("addresses past storage: RAM reaches 2 GiB");
	}
	report_prefix_pop();

	report_prefix_push("RESTART");
	report(restart_spinning(), "the stopped CPU 1 runs from its restart new PSW");
	report_prefix_pop();

	/* The store-status operation stores at absolute 4608-5119: CPU 0's lowcore, its prefix being 0. */
	report_prefix_push("STOP AND STORE STATUS");
	assert(stpx() == 0);
	lowcore.prefix_sa = 0xdeadbeef;
	lowcore.crs_sa[0] = 0;
	cc = sigp_retry(target, SIGP_STOP_AND_STORE_STATUS, 0, NULL);
	report(cc == 0 && wait_stopped(target), "cc %d, stopped", cc);
	report(lowcore.prefix_sa == lc1 && (lowcore.crs_sa[0] & CR0_EXTM_EMERG),
	       "status at absolute 0x1200: prefix %#x, CR0 %#lx", lowcore.prefix_sa, lowcore.crs_sa[0]);
	report_prefix_pop();

	report_prefix_push("START");
	cc = sigp_retry(target, SIGP_START, 0, NULL);
	cc |= sigp(target, SIGP_SENSE, 0, &status);
	finish_spinning();
	report(cc == 0, "cc 0, no longer stopped, and CPU 1 finishes its work");
	report_prefix_pop();
}

static void test_resets(u8 *area)
{
	u32 lc1 = (uintptr_t)cpu_lowcore(1), status = 0;
	int cc;

	start_spinning();
	sigp_retry(target, SIGP_STOP, 0, NULL);
	wait_stopped(target);

	report_prefix_push("CPU RESET");
	cc = sigp_retry(target, SIGP_CPU_RESET, 0, NULL);
	report(cc == 0 && wait_stopped(target), "cc %d, still stopped", cc);
	store_status(area, &status);
	report(sa_prefix(area) == lc1 && (sa_cr(area, 0) & CR0_EXTM_EMERG),
	       "prefix %#x and CR0 %#lx kept", sa_prefix(area), sa_cr(area, 0));
	report_prefix_pop();

	report_prefix_push("INITIAL CPU RESET");
	cc = sigp_retry(target, SIGP_INITIAL_CPU_RESET, 0, NULL);
	report(cc == 0 && wait_stopped(target), "cc %d, still stopped", cc);
	store_status(area, &status);
	report(sa_prefix(area) == 0, "prefix 0: %#x", sa_prefix(area));
	report(sa_cr(area, 0) == 0xe0 && sa_cr(area, 14) == 0xc2000000, "CR0 %#lx (0xe0), CR14 %#lx (0xc2000000)",
	       sa_cr(area, 0), sa_cr(area, 14));
	/* Back to work: its lowcore again, and a restart into the secondary entry. */
	cc = sigp_retry(target, SIGP_SET_PREFIX, lc1, &status);
	report(cc == 0 && restart_spinning(), "after SET PREFIX (cc %d), RESTART brings CPU 1 back", cc);
	finish_spinning();
	report_prefix_pop();
}

static volatile bool flag;

static void set_flag(void *data)
{
	flag = true;
}

/* Last, for QEMU 7.2's TCG leaves CPU 1 halted for good: a restart of a CPU stopped in the wait state. */
static void test_restart_from_wait(void)
{
	int cc;

	report_prefix_push("RESTART from the wait state");
	sigp_retry(target, SIGP_STOP, 0, NULL);
	wait_stopped(target);
	cc = sigp_retry(target, SIGP_RESTART, 0, NULL);
	flag = false;
	on_cpu_async(1, set_flag, NULL);
	/* Short: under TCG this always waits to the end. */
	wait_flag_ms(&flag, 500);
	report_kfail(under_tcg(), cc == 0 && flag, "cc %d, CPU 1 runs again; %s", cc,
		     "QEMU 7.2 TCG keeps the CPU halted (its old wait PSW) after loading the restart new PSW");
	report_prefix_pop();
}

int main(void)
{
	u8 *area;

	report_prefix_push("sigp");
	if (nr_cpus < 2) {
		report_skip("SIGP between CPUs: needs at least 2 CPUs (-smp 2)");
		return report_summary();
	}
	target = cpu_addrs[1];
	area = alloc_pages_area(AREA_DMA31, 0);
	assert(area);
	on_cpu(1, nop, NULL);
	test_sense_invalid();
	test_signals();
	test_stop_store(area);
	test_resets(area);

	expect_pgm_int();
	enter_pstate();
	sigp(target, SIGP_SENSE, 0, NULL);
	leave_pstate();
	check_pgm_int_code(PGM_INT_CODE_PRIVILEGED_OPERATION);
	test_restart_from_wait();
	free_pages(area);
	return report_summary();
}
