/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * adtl-status.c - SIGP STORE ADDITIONAL STATUS AT ADDRESS (z/Architecture
 * Principles of Operation, "Signal Processor"; needs the vector facility
 * (129) or guarded storage (133)):
 *   - a stopped CPU's 32 vector registers are stored at the address (16 bytes each, from offset 0);
 *   - the CPU must be stopped: cc 1 "incorrect state" when it operates;
 *   - the address must be on a 1 KiB boundary (length characteristic 0) and in storage: cc 1 "invalid
 *     parameter" otherwise;
 *   - without either facility (-cpu max,vx=off) the order is cc 1 "invalid order".
 * Guarded storage (the control block after the vector registers, length characteristics 11 and 12) is
 * not installed in QEMU 7.2's TCG: those checks skip.
 * A hypervisor bug each would catch: vector registers not synced from the hardware before the store (stale
 * or zero values), a store to an unchecked or misaligned guest address, the order accepted for a
 * running CPU.
 */
#include "libcflat.h"
#include "accel.h"
#include "alloc_page.h"
#include "asm/arch_def.h"
#include "asm/facility.h"
#include "asm/memory_areas.h"
#include "asm/page.h"
#include "asm/sigp.h"
#include "asm/time.h"
#include "asm/vector.h"
#include "memregions.h"
#include "processor.h"
#include "smp.h"
#include "string.h"

static volatile bool ready, go;
static u16 target;

static u64 pattern(int v, int half)
{
	return 0x1111111111111111UL * (v % 15 + 1) + v * 0x100 + half;
}

#define SET_VR(n)	VR_SET(n, pattern(n, 0), pattern(n, 1))

/* On CPU 1: its vector registers set, spin (interruptions off) until go; named with a pattern per register. */
static noinline void set_and_spin(void)
{
	VR_ALL(SET_VR);
	__atomic_store_n(&ready, true, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		cpu_relax();
}

static void vector_spin(void *data)
{
	lctlg(0, stctg(0) | CR0_AFP_REGS | CR0_VECTOR);
	set_and_spin();
}

static void check(int cc, u32 status, int want_cc, u32 want_status, const char *what)
{
	report(cc == want_cc && (want_cc != SIGP_CC_STATUS_STORED || status == want_status),
	       "%s: cc %d status %#x (expected cc %d status %#x)", what, cc, cc == 1 ? status : 0, want_cc,
	       want_cc == 1 ? want_status : 0);
}

static void test_store(u8 *area)
{
	const u64 *vrs = (const void *)area;
	u32 status = 0;
	int cc, i, ok = 0;

	ready = false;
	go = false;
	on_cpu_async(1, vector_spin, NULL);
	wait_flag_ms(&ready, 5000);

	cc = sigp(target, SIGP_STORE_ADDITIONAL_STATUS, (uintptr_t)area, &status);
	check(cc, status, 1, SIGP_STATUS_INCORRECT_STATE, "CPU 1 operating");

	sigp_retry(target, SIGP_STOP, 0, NULL);
	while (!smp_sense_stopped(target))
		cpu_relax();

	memset(area, 0xaa, PAGE_SIZE);
	cc = sigp(target, SIGP_STORE_ADDITIONAL_STATUS, (uintptr_t)area, &status);
	for (i = 0; i < 32; i++)
		ok += vrs[2 * i] == pattern(i, 0) && vrs[2 * i + 1] == pattern(i, 1);
	report(cc == 0 && ok == 32, "stopped CPU 1: cc %d, %d of its 32 vector registers stored", cc, ok);

	cc = sigp(target, SIGP_STORE_ADDITIONAL_STATUS, (uintptr_t)area + 512, &status);
	check(cc, status, 1, SIGP_STATUS_INVALID_PARAMETER, "address off a 1 KiB boundary");
	if (mem_ram_end() < SZ_2G) {
		cc = sigp(target, SIGP_STORE_ADDITIONAL_STATUS, ALIGN(mem_ram_end(), PAGE_SIZE), &status);
		report_kfail(under_tcg() && cc == 0, cc == 1 && status == SIGP_STATUS_INVALID_PARAMETER,
			     "address past storage: cc %d status %#x (cc 1, invalid parameter); %s", cc,
			     cc == 1 ? status : 0, "QEMU 7.2 accepts the order");
	} else {
		report_skip("address past storage: RAM reaches 2 GiB");
	}
	if (test_facility(133))
		report_info("guarded storage installed: its length characteristics are not checked here");
	else
		report_skip("guarded-storage control block: facility 133 is not installed");

	/* Back to work: a restart re-enters the mailbox still busy with vector_spin; go lets it return. */
	ready = false;
	sigp_retry(target, SIGP_RESTART, 0, NULL);
	wait_flag_ms(&ready, 5000);
	__atomic_store_n(&go, true, __ATOMIC_RELEASE);
	cpu_idle_wait(1);
}

int main(void)
{
	u32 status = 0;
	u8 *area;
	int cc;

	report_prefix_push("adtl-status");
	if (nr_cpus < 2) {
		report_skip("SIGP to another CPU: needs at least 2 CPUs (-smp 2)");
		return report_summary();
	}
	target = cpu_addrs[1];
	area = alloc_pages_area(AREA_DMA31, 0);
	assert(area);
	if (!test_facility(129) && !test_facility(133)) {
		sigp_retry(target, SIGP_STOP, 0, NULL);
		cc = sigp(target, SIGP_STORE_ADDITIONAL_STATUS, (uintptr_t)area, &status);
		check(cc, status, 1, SIGP_STATUS_INVALID_ORDER, "neither vector nor guarded storage: the order");
		report_skip("the stored vector registers: the vector facility (129) is not installed");
	} else if (!test_facility(129)) {
		report_skip("the stored vector registers: the vector facility (129) is not installed");
	} else {
		test_store(area);
	}
	free_pages(area);
	return report_summary();
}
