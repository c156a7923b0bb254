/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cache.c - instruction and data cache coherence for code written at run time (Arm ARM B2.4.4,
 *   "Concurrent modification and execution of instructions", and D7.5.2 on CTR_EL0.IDC/DIC): after a CPU
 *   writes new instructions and makes them visible the way CTR_EL0 says it must (DC CVAU unless IDC,
 *   IC IVAU unless DIC, then DSB ISH and ISB), that CPU and every other one (after its own ISB) executes the
 *   new instructions, never the old; the same when IDC/DIC allow skipping the maintenance.
 * Hypervisor bugs it catches: a host that advertises IDC or DIC to the guest without the coherence they
 *   promise, IC IVAU not broadcast to the other vCPUs or not forwarded when trapped, stale translated code
 *   in an emulator.
 */
#include "libcflat.h"
#include "alloc.h"
#include "asm/barrier.h"
#include "asm/mmu.h"
#include "asm/processor.h"
#include "asm/smp.h"
#include "asm/thread_info.h"

#define CTR_IDC		(1UL << 28)
#define CTR_DIC		(1UL << 29)
#define ROUNDS		8

/* MOVZ W0, #imm and RET */
#define INSN_MOVZ_W0(imm)	(0x52800000 | ((imm) & 0xffff) << 5)
#define INSN_RET		0xd65f03c0

static u32 *code;
static u64 ctr;
static volatile int results[NR_CPUS];

/* Makes [start, end) of new instructions executable, with only what CTR_EL0 says is needed. */
static void sync_icache(uintptr_t start, uintptr_t end)
{
	uintptr_t dline = 4 << ((ctr >> 16) & 0xf), iline = 4 << (ctr & 0xf), p;

	if (!(ctr & CTR_IDC)) {
		for (p = ALIGN_DOWN(start, dline); p < end; p += dline)
			asm volatile("dc cvau, %0" : : "r"(p) : "memory");
	}
	dsb(ish);
	if (!(ctr & CTR_DIC)) {
		for (p = ALIGN_DOWN(start, iline); p < end; p += iline)
			asm volatile("ic ivau, %0" : : "r"(p) : "memory");
	}
	dsb(ish);
	isb();
}

static int run_code(void)
{
	return ((int (*)(void))code)();
}

static void run_on_cpu(void *data)
{
	isb();
	results[smp_processor_id()] = run_code();
}

int main(int argc, char **argv)
{
	int round, cpu, val;
	bool local_ok = true, all_ok;

	ctr = get_ctr();
	report_info("CTR_EL0 %#lx: IDC %d, DIC %d", ctr, !!(ctr & CTR_IDC), !!(ctr & CTR_DIC));
	code = memalign(PAGE_SIZE, PAGE_SIZE);
	assert(code);
	/* EL1 may not execute what EL0 may write: the page becomes EL1's only. */
	mmu_clear_user(current_thread_info()->pgtable, (unsigned long)code);

	for (round = 0; round < ROUNDS; round++) {
		val = 100 + round;
		code[0] = INSN_MOVZ_W0(val);
		code[1] = INSN_RET;
		sync_icache((uintptr_t)code, (uintptr_t)(code + 2));
		local_ok = local_ok && run_code() == val;
	}
	report(local_ok, "the writing CPU runs each of %d rewrites of the code", ROUNDS);

	for (round = 0; round < ROUNDS / 2; round++) {
		val = 200 + round;
		code[0] = INSN_MOVZ_W0(val);
		sync_icache((uintptr_t)code, (uintptr_t)(code + 1));
		on_cpus(run_on_cpu, NULL);
		all_ok = true;
		for_each_present_cpu(cpu)
			all_ok = all_ok && results[cpu] == val;
		report(all_ok, "rewrite %d: all %d CPUs run the new code", round, nr_cpus);
	}
	return report_summary();
}
