/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.c - bring-up of secondary CPUs with SIGP and a mailbox per CPU
 * through which on_cpu() hands them work. A started CPU loops in
 * secondary_cinit(): wait (an enabled wait for the emergency signal that
 * on_cpu sends) for a function, run it, mark itself idle, wait again.
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

struct mailbox {
	void (*fn)(void *data);
	void *data;
	bool busy;
	bool online;
	struct lowcore *lc;
};

int nr_cpus;
u16 cpu_addrs[MAX_CPUS];
/* The boot CPU's control registers, which secondary_entry loads (cstart64.S). */
u64 smp_crs[16];

static struct mailbox mailboxes[MAX_CPUS];
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

bool cpu_online(int cpu)
{
	return cpu >= 0 && cpu < nr_cpus && __atomic_load_n(&mailboxes[cpu].online, __ATOMIC_ACQUIRE);
}

int nr_cpus_online(void)
{
	int i, n = 0;

	for (i = 0; i < nr_cpus; i++)
		n += cpu_online(i);
	return n;
}

struct lowcore *cpu_lowcore(int cpu)
{
	assert_msg(cpu >= 0 && cpu < nr_cpus, "cpu_lowcore: no CPU %d (%d CPUs)", cpu, nr_cpus);
	return mailboxes[cpu].lc;
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
	mailboxes[boot_cpu].online = true;
	mailboxes[boot_cpu].lc = &lowcore;
}

void secondary_cinit(void)
{
	struct mailbox *mb = &mailboxes[smp_processor_id()];

	if (secondary_dat)
		enable_dat();
	/* The wake-up signal of on_cpu_async() is this CPU's only external interruption. */
	lctlg(0, smp_crs[0] | CR0_EXTM_EMERG);
	__atomic_store_n(&mb->online, true, __ATOMIC_RELEASE);
	for (;;) {
		void (*fn)(void *data);

		/* A signal sent between the test and the wait is pending, and ends the wait at once. */
		while (!__atomic_load_n(&mb->busy, __ATOMIC_ACQUIRE))
			wait_for_ext_int();
		fn = mb->fn;
		fn(mb->data);
		__atomic_store_n(&mb->busy, false, __ATOMIC_RELEASE);
	}
}

/* Stop the CPU at addr and wait until it is; false if SIGP refuses. */
static bool stop_and_wait(u16 addr)
{
	u32 status = 0;

	if (sigp_retry(addr, SIGP_STOP, 0, NULL) != SIGP_CC_ORDER_CODE_ACCEPTED)
		return false;
	for (;;) {
		int cc = sigp_retry(addr, SIGP_SENSE, 0, &status);

		if (cc == SIGP_CC_STATUS_STORED && (status & SIGP_STATUS_STOPPED))
			return true;
		if (cc == SIGP_CC_NOT_OPERATIONAL)
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
	lc = mailboxes[cpu].lc;
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
	mailboxes[cpu].lc = lc;
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

void on_cpu_async(int cpu, void (*fn)(void *data), void *data)
{
	struct mailbox *mb = &mailboxes[cpu];

	assert_msg(cpu >= 0 && cpu < nr_cpus, "on_cpu: no CPU %d (%d CPUs)", cpu, nr_cpus);
	assert_msg(cpu != smp_processor_id(), "on_cpu_async: CPU %d cannot wait for itself", cpu);
	assert_msg(cpu != boot_cpu, "on_cpu_async: the boot CPU %d runs the test, it takes no work", cpu);
	if (!cpu_online(cpu) && smp_boot_secondary(cpu))
		report_abort("on_cpu: CPU %d could not be started", cpu);
	cpu_idle_wait(cpu);
	mb->fn = fn;
	mb->data = data;
	__atomic_store_n(&mb->busy, true, __ATOMIC_RELEASE);
	sigp_retry(cpu_addrs[cpu], SIGP_EMERGENCY_SIGNAL, 0, NULL);
}

void cpu_idle_wait(int cpu)
{
	while (__atomic_load_n(&mailboxes[cpu].busy, __ATOMIC_ACQUIRE))
		cpu_relax();
}

void on_cpu(int cpu, void (*fn)(void *data), void *data)
{
	if (cpu == smp_processor_id()) {
		fn(data);
		return;
	}
	on_cpu_async(cpu, fn, data);
	cpu_idle_wait(cpu);
}

void on_cpus(void (*fn)(void *data), void *data)
{
	int cpu, me = smp_processor_id();

	for (cpu = 0; cpu < nr_cpus; cpu++) {
		if (cpu != me)
			on_cpu_async(cpu, fn, data);
	}
	fn(data);
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		if (cpu != me)
			cpu_idle_wait(cpu);
	}
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
