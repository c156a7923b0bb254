/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psci.c - the hypervisor's PSCI firmware interface (needs 2 or more CPUs):
 *   the version is 0.2 or later; CPU_ON of a CPU that is on (started, or the caller itself) is refused with
 *   ALREADY_ON, and of an MPIDR that is no CPU with INVALID_PARAMETERS; AFFINITY_INFO follows each CPU's
 *   state; a CPU that calls CPU_OFF goes off, and CPU_ON brings it back, running again: twice through
 *   on_cpu(), then through smp_boot_secondary().
 * Hypervisor bugs it catches: CPU_ON that resets a running vCPU or accepts a bogus MPIDR, CPU_OFF that
 * returns or leaves the vCPU running, AFFINITY_INFO out of step, a vCPU that cannot be restarted.
 */
#include "libcflat.h"
#include "asm/page.h"
#include "asm/processor.h"
#include "asm/psci.h"
#include "asm/smp.h"

/* How long a CPU may take to be reported off after CPU_OFF. */
#define OFF_MS		1000

static volatile unsigned long ran_on_mpidr;

static void record_mpidr(void *data)
{
	ran_on_mpidr = get_mpidr();
}

static void record_mpidr_entry(void)
{
	record_mpidr(NULL);
}

static void go_off(void *data)
{
	smp_cpu_off();
}

/* Wait until AFFINITY_INFO says cpu is off; whether it did within OFF_MS. */
static bool wait_off(int cpu)
{
	u64 end = get_cntvct() + get_cntfrq() / 1000 * OFF_MS;

	while (psci_affinity_state(cpus[cpu]) != PSCI_0_2_AFFINITY_LEVEL_OFF) {
		if (get_cntvct() > end)
			return false;
		cpu_relax();
	}
	return true;
}

static unsigned long no_such_mpidr(void)
{
	unsigned long mpidr = 0xff;

	while (mpidr_to_cpu(mpidr) >= 0)
		mpidr--;
	return mpidr;
}

int main(int argc, char **argv)
{
	u32 ver = psci_version();
	int ret, round, other = 1;

	report(ver >= 0x00000002, "version %u.%u is at least 0.2", ver >> 16, ver & 0xffff);
	if (nr_cpus < 2) {
		report_skip("CPU_ON and CPU_OFF need 2 CPUs or more (-smp 2)");
		return report_summary();
	}

	report(psci_affinity_state(get_mpidr()) == PSCI_0_2_AFFINITY_LEVEL_ON, "AFFINITY_INFO: this CPU is on");
	ret = psci_cpu_on(get_mpidr(), virt_to_phys(halt));
	report(ret == PSCI_RET_ALREADY_ON, "CPU_ON of this CPU: %s", psci_strerror(ret));
	ret = psci_cpu_on(no_such_mpidr(), virt_to_phys(halt));
	report(ret == PSCI_RET_INVALID_PARAMS, "CPU_ON of MPIDR %#lx, no CPU: %s", no_such_mpidr(), psci_strerror(ret));

	ret = smp_cpu_start(other);
	report(ret == 0 && cpu_online(other), "CPU_ON of CPU %d: %s", other, psci_strerror(ret));
	ret = psci_cpu_on(cpus[other], virt_to_phys(halt));
	report(ret == PSCI_RET_ALREADY_ON, "CPU_ON of CPU %d again: %s", other, psci_strerror(ret));
	ran_on_mpidr = ~0UL;
	on_cpu(other, record_mpidr, NULL);
	report(ran_on_mpidr == cpus[other], "CPU %d still runs what it is given (MPIDR %#lx)", other, ran_on_mpidr);

	for (round = 1; round <= 2; round++) {
		report_prefix_pushf("off-on %d", round);
		on_cpu_async(other, go_off, NULL);
		report(wait_off(other), "CPU_OFF: AFFINITY_INFO says CPU %d is off", other);
		report(!cpu_online(other), "CPU %d left the online mask", other);
		ran_on_mpidr = ~0UL;
		on_cpu(other, record_mpidr, NULL);
		report(ran_on_mpidr == cpus[other], "CPU_ON again: CPU %d runs (MPIDR %#lx)", other, ran_on_mpidr);
		report(psci_affinity_state(cpus[other]) == PSCI_0_2_AFFINITY_LEVEL_ON, "AFFINITY_INFO: on");
		report_prefix_pop();
	}

	/* kvm-unit-tests' way to start a CPU that is off: smp_boot_secondary() with an entry function. */
	on_cpu_async(other, go_off, NULL);
	report(wait_off(other), "CPU %d off again", other);
	ran_on_mpidr = ~0UL;
	smp_boot_secondary(other, record_mpidr_entry);
	cpu_idle_wait(other);
	report(ran_on_mpidr == cpus[other], "smp_boot_secondary: CPU %d ran its entry (MPIDR %#lx)", other,
	       ran_on_mpidr);
	return report_summary();
}
