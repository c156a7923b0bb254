/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.c - bring-up of secondary CPUs with SIGP; on_cpu() hands them work
 * through the mailboxes of asm-generic/on_cpu.c. A started CPU waits for
 * work in an enabled wait for the emergency signal that on_cpu_kick()
 * sends.
 */
#include "libcflat.h"
#include "alloc.h"
#include "alloc_page.h"
#include "string.h"
#include "asm/arch_def.h"
#include "asm/sigp.h"
#include "interrupt.h"
#include "mmu.h"
#include "sclp.h"
#include "smp.h"

#define SECONDARY_STACK_SIZE	(16 * 1024)
/* The ABI's register save area at the top of a stack. */
#define STACK_FRAME_SIZE	160

int nr_cpus;
u16 cpu_addrs[MAX_CPUS];
/* The boot CPU's control registers, which secondary_entry loads (cstart64.S). */
u64 smp_crs[16];

/* Each started CPU's lowcore (prefix area), kept for a restart. */
static struct lowcore *lowcores[MAX_CPUS];
static int boot_cpu;
/* Secondaries run with DAT on when the CPU that started them had it (the tables are shared). */
static bool secondary_dat;

extern char secondary_entry[];
void secondary_cinit(void);

int cpu_addr_to_cpu(u16 addr)
{
	int i;

	for (i = 0; i < nr_cpus; i++) {
		if (cpu_addrs[i] == addr)
			return i;
	}
	return -1;
}

int cpu_self(void)
{
	return smp_processor_id();
}

/* A signal sent between busy's test and the wait is pending, and ends the wait at once. */
void on_cpu_wait_work(void)
{
	wait_for_ext_int();
}

void on_cpu_kick(int cpu)
{
	sigp_retry(cpu_addrs[cpu], SIGP_EMERGENCY_SIGNAL, 0, NULL);
}

struct lowcore *cpu_lowcore(int cpu)
{
	assert_msg(cpu >= 0 && cpu < nr_cpus, "cpu_lowcore: no CPU %d (%d CPUs)", cpu, nr_cpus);
	return lowcores[cpu];
}

void smp_setup(void)
{
	int i;

	nr_cpus = sclp_cpu_count();
	if (nr_cpus < 1 || nr_cpus > MAX_CPUS)
		report_abort("smp: read SCP info lists %d CPUs (1..%d supported)", nr_cpus, MAX_CPUS);
	for (i = 0; i < nr_cpus; i++)
		cpu_addrs[i] = sclp_cpu_address(i);
	boot_cpu = cpu_addr_to_cpu(stap());
	if (boot_cpu < 0)
		report_abort("smp: the boot CPU (address %u) is not in read SCP info", stap());
	lowcore.sw_cpu_nr = boot_cpu;
	lowcores[boot_cpu] = &lowcore;
	on_cpu_set_online(boot_cpu);
}

void secondary_cinit(void)
{
	if (secondary_dat)
		enable_dat();
	/* The wake-up signal of on_cpu_kick() is this CPU's only external interruption. */
	lctlg(0, smp_crs[0] | CR0_EXTM_EMERG);
	on_cpu_secondary_loop(smp_processor_id());
}

bool smp_sense_stopped(u16 addr)
{
	u32 status = 0;

	return sigp_retry(addr, SIGP_SENSE, 0, &status) == SIGP_CC_STATUS_STORED && (status & SIGP_STATUS_STOPPED);
}

/* Stop the CPU at addr and wait until it is; false if SIGP refuses. */
static bool stop_and_wait(u16 addr)
{
	if (sigp_retry(addr, SIGP_STOP, 0, NULL) != SIGP_CC_ORDER_CODE_ACCEPTED)
		return false;
	for (;;) {
		if (smp_sense_stopped(addr))
			return true;
		if (sigp_retry(addr, SIGP_SENSE, 0, NULL) == SIGP_CC_NOT_OPERATIONAL)
			return false;
	}
}

int smp_boot_secondary(int cpu)
{
	struct lowcore *lc;
	u8 *stack;
	u16 addr;
	u32 status = 0;
	int cc;

	assert_msg(cpu >= 0 && cpu < nr_cpus, "smp_boot_secondary: no CPU %d (%d CPUs)", cpu, nr_cpus);
	if (cpu_online(cpu))
		return 0;
	addr = cpu_addrs[cpu];
	/* The prefix register holds bits 1-18 of an 8 KiB-aligned address: below 2 GiB. */
	lc = lowcores[cpu];
	if (!lc)
		lc = alloc_pages_area(AREA_DMA31, 1);
	stack = memalign(PAGE_SIZE, SECONDARY_STACK_SIZE);
	assert_msg(lc && stack, "smp_boot_secondary: no memory for CPU %d's lowcore or stack", cpu);
	assert_msg((uintptr_t)lc < SZ_2G && IS_ALIGNED((uintptr_t)lc, sizeof(*lc)),
		   "smp_boot_secondary: lowcore %p is not 8 KiB-aligned below 2 GiB", lc);
	memset(lc, 0, sizeof(*lc));
	memcpy(&lc->restart_new_psw, &lowcore.restart_new_psw, 6 * sizeof(struct psw));
	lc->restart_new_psw = (struct psw){ .mask = PSW_MASK_64, .addr = (uintptr_t)secondary_entry };
	lc->sw_cpu_nr = cpu;
	lc->sw_stack = (uintptr_t)(stack + SECONDARY_STACK_SIZE - STACK_FRAME_SIZE);
	lowcores[cpu] = lc;
	asm volatile("stctg %%c0,%%c15,%0" : "=Q"(smp_crs) : : "memory");
	secondary_dat = dat_enabled();

	if (!stop_and_wait(addr)) {
		printf("smp: CPU %d (address %u) cannot be stopped\n", cpu, addr);
		return -1;
	}
	cc = sigp_retry(addr, SIGP_SET_PREFIX, (uintptr_t)lc, &status);
	if (cc) {
		printf("smp: SIGP SET PREFIX of CPU %d: cc %d, status %#x\n", cpu, cc, status);
		return -1;
	}
	cc = sigp_retry(addr, SIGP_RESTART, 0, &status);
	if (cc) {
		printf("smp: SIGP RESTART of CPU %d: cc %d, status %#x\n", cpu, cc, status);
		return -1;
	}
	while (!cpu_online(cpu))
		cpu_relax();
	return 0;
}

void smp_stop_all(void)
{
	int cpu, me = smp_processor_id();

	for (cpu = 0; cpu < nr_cpus; cpu++) {
		if (cpu != me && cpu_online(cpu))
			sigp_retry(cpu_addrs[cpu], SIGP_STOP, 0, NULL);
	}
	for (;;)
		sigp(stap(), SIGP_STOP, 0, NULL);
}
