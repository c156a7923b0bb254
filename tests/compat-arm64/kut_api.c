/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kut_api.c - a guest test written only against kvm-unit-tests' arm API
 * (its include paths, names and signatures), as a test from that project
 * would be: SMP (on_cpus, on_cpu, cpumask), the GIC (gic_enable_defaults,
 * SGIs, acknowledge/EOI), the virtual timer's interrupt (enabled through
 * the GIC registers the way kvm-unit-tests' own timer test does), PSCI,
 * delays, and user mode (start_usr, exiting from EL0). run.sh builds it
 * unchanged in an arm64 copy of the tree and runs it on GICv2 and GICv3.
 * It fails when a name, signature or meaning of that API differs here.
 */
#include <libcflat.h>
#include <util.h>
#include <cpumask.h>
#include <on-cpus.h>
#include <asm/barrier.h>
#include <asm/delay.h>
#include <asm/gic.h>
#include <asm/io.h>
#include <asm/mmu.h>
#include <asm/pgtable-hwdef.h>
#include <asm/processor.h>
#include <asm/psci.h>
#include <asm/ptrace.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/sysreg.h>
#include <asm/thread_info.h>
#include <asm/timer.h>

#define IPI_IRQ		1

static cpumask_t ready, got_ipi;
static volatile int bad_irqs, timer_irqs;
static u64 mpidrs[NR_CPUS];

static void irq_handler(struct pt_regs *regs)
{
	u32 irqstat = gic_read_iar();
	u32 irqnr = gic_iar_irqnr(irqstat);

	if (irqnr == GICC_INT_SPURIOUS)
		return;
	gic_write_eoir(irqstat);
	if (irqnr == IPI_IRQ) {
		cpumask_set_cpu(smp_processor_id(), &got_ipi);
	} else if (irqnr == TIMER_VTIMER_IRQ) {
		write_sysreg(ARCH_TIMER_CTL_IMASK | ARCH_TIMER_CTL_ENABLE, cntv_ctl_el0);
		isb();
		++timer_irqs;
	} else {
		++bad_irqs;
	}
}

static void secondary_setup(void *data)
{
	int cpu = smp_processor_id();

	mpidrs[cpu] = get_mpidr() & MPIDR_HWID_BITMASK;
	gic_enable_defaults();
	local_irq_enable();
	cpumask_set_cpu(cpu, &ready);
}

static bool wait_for_mask(cpumask_t *mask, const cpumask_t *want)
{
	int ms;

	for (ms = 0; ms < 1000; ms++) {
		smp_rmb();
		if (cpumask_equal(mask, want))
			return true;
		mdelay(1);
	}
	return false;
}

static void test_smp(void)
{
	bool mpidr_ok = true;
	int cpu;

	report_prefix_push("smp");
	on_cpus(secondary_setup, NULL);
	report(cpumask_equal(&ready, &cpu_present_mask), "on_cpus ran on all %d CPUs", nr_cpus);
	for_each_present_cpu(cpu)
		mpidr_ok &= mpidrs[cpu] == cpus[cpu] && cpu_online(cpu);
	report(mpidr_ok, "each CPU saw its own MPIDR and is online");
	report(current_thread_info()->cpu == smp_processor_id(), "current_thread_info()->cpu");
	report_prefix_pop();
}

static void test_ipi(void)
{
	cpumask_t others;
	int cpu;

	report_prefix_push("ipi");
	cpumask_copy(&others, &cpu_present_mask);
	cpumask_clear_cpu(smp_processor_id(), &others);
	cpumask_clear(&got_ipi);
	smp_wmb();
	gic_ipi_send_mask(IPI_IRQ, &others);
	report(wait_for_mask(&got_ipi, &others), "gic_ipi_send_mask reached the %d other CPUs",
	       cpumask_weight(&others));

	cpumask_clear(&got_ipi);
	smp_wmb();
	for_each_present_cpu(cpu)
		gic_ipi_send_single(IPI_IRQ, cpu);
	report(wait_for_mask(&got_ipi, &cpu_present_mask), "gic_ipi_send_single reached every CPU");
	report(!bad_irqs, "no unexpected interrupt");
	report_prefix_pop();
}

static void test_timer(void)
{
	u64 freq = read_sysreg(cntfrq_el0), start = get_cntvct();
	u32 enable = 1 << TIMER_VTIMER_IRQ;
	int ms;

	report_prefix_push("vtimer");
	if (gic_version() == 2)
		writel(enable, gicv2_dist_base() + GICD_ISENABLER);
	else
		writel(enable, gicv3_sgi_base() + GICR_ISENABLER0);
	write_sysreg(start + freq / 100, cntv_cval_el0);
	write_sysreg(ARCH_TIMER_CTL_ENABLE, cntv_ctl_el0);
	isb();
	for (ms = 0; ms < 1000 && !timer_irqs; ms++)
		udelay(1000);
	report(timer_irqs == 1, "the 10 ms timer interrupt came (%d)", timer_irqs);
	report(get_cntvct() - start >= freq / 100, "not before its deadline");
	write_sysreg(0, cntv_ctl_el0);
	report_prefix_pop();
}

static void user_exit(void *arg)
{
	report(is_user(), "start_usr runs the function in user mode");
	exit(report_summary());
}

int main(int argc, char **argv)
{
	long smp = -1;
	u32 ver;
	int i;

	for (i = 1; i < argc; i++) {
		if (parse_keyval(argv[i], &smp) < 0)
			smp = -1;
	}
	report(current_level() == CurrentEL_EL1, "running at EL1");
	report(mmu_enabled(), "MMU enabled");
	if (smp >= 0)
		report(nr_cpus == smp, "nr_cpus %d, smp=%ld", nr_cpus, smp);
	ver = psci_invoke(PSCI_0_2_FN_PSCI_VERSION, 0, 0, 0);
	report(PSCI_VERSION_MAJOR(ver) >= 1 || PSCI_VERSION_MINOR(ver) >= 2, "PSCI %d.%d",
	       PSCI_VERSION_MAJOR(ver), PSCI_VERSION_MINOR(ver));

	report(gic_init() == 2 || gic_init() == 3, "gic_init found a GICv%d", gic_version());
	install_irq_handler(EL1H_IRQ, irq_handler);
	test_smp();
	test_ipi();
	test_timer();

	start_usr(user_exit, NULL, (unsigned long)thread_stack_alloc());
	report_fail("start_usr returned");
	return report_summary();
}
