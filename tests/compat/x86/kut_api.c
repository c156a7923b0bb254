/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kut_api.c - a compatibility fixture: a test written only against the
 * names and meanings of kvm-unit-tests' x86 library (SMP, APIC,
 * interrupts, paging, exceptions), in that project's style, that must
 * build here unchanged and pass. tests/compat/run.sh builds and runs it.
 * It checks the API, not a hypervisor: libcflat.h alone gives memset,
 * static_assert takes one argument, smp_init() may be called, helpers
 * live in a second file.
 */
#include "libcflat.h"
#include "x86/apic.h"
#include "x86/apic-defs.h"
#include "x86/isr.h"
#include "x86/desc.h"
#include "x86/processor.h"
#include "x86/msr.h"
#include "x86/vm.h"
#include "smp.h"
#include "atomic.h"
#include "vmalloc.h"
#include "alloc_page.h"
#include "asm/page.h"
#include "asm/barrier.h"
#include "asm/debugreg.h"
#include "linux/compiler.h"
#include "fwcfg.h"
#include "delay.h"
#include "kut_api.h"

static_assert(sizeof(u64) == 8);
static_assert(PAGE_SIZE == 4096, "4 KiB pages");

static atomic_t hits;
static int cpu_of[MAX_TEST_CPUS];

static void count_cpu(void *data)
{
	cpu_of[smp_id()] = smp_id() + 1;
	atomic_inc(&hits);
}

static void test_smp(void)
{
	int i, ncpus = cpu_count();
	bool ok = true;

	smp_init();
	memset(cpu_of, 0, sizeof(cpu_of));
	on_cpus(count_cpu, NULL);
	for (i = 0; i < ncpus; i++)
		ok = ok && cpu_of[i] == i + 1;
	report(ok && atomic_read(&hits) == ncpus, "on_cpus ran on %d cpus", ncpus);
	report(cpus_active() == 1, "cpus_active");
}

static void test_ipi(void)
{
	int target = cpu_count() > 1 ? 1 : 0;

	install_ipi_handler();
	ipi_count = 0;
	if (target == 0)
		irq_enable();
	apic_icr_write(APIC_DEST_PHYSICAL | APIC_DM_FIXED | APIC_INT_ASSERT | KUT_IPI_VECTOR, id_map[target]);
	while (READ_ONCE(ipi_count) == 0)
		pause();
	irq_disable();
	report(ipi_count == 1 && ipi_cpu == target, "IPI to cpu %d", target);
}

static void test_apic(void)
{
	report(apic_read(APIC_SPIV) & APIC_SPIV_APIC_ENABLED, "apic enabled");
	report(apic_id() == id_map[smp_id()], "apic id");
	apic_set_tpr(0x3);
	report(apic_get_tpr() == 0x3, "tpr");
	apic_set_tpr(0);
	report(this_cpu_has(X86_FEATURE_APIC), "cpuid apic");
}

static void test_paging(void)
{
	pgd_t *cr3;
	u8 *page, *virt;
	pteval_t *pte;

	setup_vm();
	cr3 = current_page_table();
	page = alloc_page();
	virt = alloc_vpage();
	install_page(cr3, virt_to_phys(page), virt);
	memset(virt, 0x5a, PAGE_SIZE);
	report(page[100] == 0x5a, "install_page alias");
	pte = get_pte(cr3, virt);
	report(pte && (*pte & PT_PRESENT_MASK) && virt_to_pte_phys(cr3, virt) == virt_to_phys(page), "get_pte");
	report(get_pte_level(cr3, virt, 1) == pte, "get_pte_level");
	virt = vmalloc(3 * PAGE_SIZE);
	memset(virt, 1, 3 * PAGE_SIZE);
	vfree(virt);
	report(true, "vmalloc/vfree");
}

static void do_gp(void *data)
{
	*(volatile u64 *)NONCANONICAL = 0;
}

static void no_fault(void *data)
{
	barrier();
}

static void test_exceptions(void)
{
	u64 apicbase;
	int vector;

	asm volatile(ASM_TRY("1f") "ud2\n\t" "1:" : : : "memory");
	vector = exception_vector();
	report(vector == UD_VECTOR, "ASM_TRY #UD");
	report(rdmsr_safe(MSR_IA32_APICBASE, &apicbase) == 0 && (apicbase & APIC_DEFAULT_PHYS_BASE), "rdmsr_safe");
	report(test_for_exception(GP_VECTOR, do_gp, NULL), "test_for_exception #GP");
	report(!test_for_exception(GP_VECTOR, no_fault, NULL), "test_for_exception, no fault");
	report(steps_left(0) == 3 && steps_left(2) == 1, "helpers from a second file");
}

int main(void)
{
	test_smp();
	test_ipi();
	test_apic();
	test_paging();
	test_exceptions();
	return report_summary();
}
