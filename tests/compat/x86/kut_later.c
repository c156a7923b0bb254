/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kut_later.c - a compatibility fixture for the kvm-unit-tests x86 names
 * added for its own tests to build here (descriptor tables, asm_safe,
 * CPUID properties, XCR0, the x2APIC register map, fault_test.h, ACPI,
 * PCI, the PMU description, page splitting, malloc over vmalloc, 5-level
 * paging, CPU numbering by APIC ID), written only against those names
 * and checked against what the Intel SDM, ACPI and PCI specifications
 * say. tests/compat/run.sh builds it and runs it under TCG with -cpu max,
 * 3 CPUs and 256 MiB. It checks the library, not a hypervisor.
 */
#include "libcflat.h"
#include "x86/processor.h"
#include "x86/desc.h"
#include "x86/apic.h"
#include "x86/vm.h"
#include "x86/pmu.h"
#include "fault_test.h"
#include "acpi.h"
#include "pci.h"
#include "alloc.h"
#include "asm/setup.h"

#define SPARE_VECTOR	0x21

static void test_asm_safe(void)
{
	bool called = is_fep_available();

	report(asm_safe("ud2") == UD_VECTOR && asm_safe("nop") == 0, "asm_safe: #UD, then no fault");

	report(called == is_fep_available && !called,
	       "is_fep_available as a variable and as a call: no forced emulation under TCG");
}

/* The running TSS, the LDT a test loads, and a gate whose code segment is not present (#NP). */
static void test_descriptors(void)
{
	gdt_entry_t *tss_desc = get_tss_descr();
	unsigned long ldt_base = 0xffffff8012345000UL;
	unsigned int vec;

	report(get_gdt_entry_base(tss_desc) == (unsigned long)&tss[smp_id()] &&
	       get_gdt_entry_limit(tss_desc) == sizeof(tss64_t) - 1 && tss_desc->type == 0xb,
	       "TR: this CPU's tss[], limit %lu, busy 64-bit TSS", get_gdt_entry_limit(tss_desc));
	set_gdt_entry(FIRST_SPARE_SEL, ldt_base, 0xfff, 0x82, 0);
	lldt(FIRST_SPARE_SEL);
	report(get_gdt_entry_base(get_ldt_descr()) == ldt_base, "LDTR: a 64-bit base through both GDT slots");
	lldt(0);
	set_idt_sel(SPARE_VECTOR, NP_SEL);
	vec = asm_safe("int $" xstr(SPARE_VECTOR));
	report(vec == NP_VECTOR && exception_error_code() == NP_SEL,
	       "a gate through NP_SEL: %s, error code %#x", exception_mnemonic(vec), exception_error_code());
	set_idt_sel(SPARE_VECTOR, KERNEL_CS);
}

static void test_cpuid_xcr0(void)
{
	u64 xcr0;

	report(this_cpu_property(X86_PROPERTY_MAX_BASIC_LEAF) == raw_cpuid(0, 0).a &&
	       this_cpu_property(X86_PROPERTY_MAX_PHY_ADDR) == cpuid_maxphyaddr(),
	       "CPUID properties: maximum leaf %u, %u physical address bits",
	       this_cpu_property(X86_PROPERTY_MAX_BASIC_LEAF), this_cpu_property(X86_PROPERTY_MAX_PHY_ADDR));
	if (!this_cpu_has(X86_FEATURE_XSAVE)) {
		report_skip("XCR0: no XSAVE");
		return;
	}
	/* XGETBV without CR4.OSXSAVE is #UD; XCR0 resets to 1, and x87 and SSE are always supported. */
	write_cr4(read_cr4() & ~X86_CR4_OSXSAVE);
	report(read_xcr0_safe(&xcr0) == UD_VECTOR, "XCR0: #UD without CR4.OSXSAVE");
	write_cr4(read_cr4() | X86_CR4_OSXSAVE);
	report(read_xcr0() == XFEATURE_MASK_FP && (this_cpu_supported_xcr0() & XFEATURE_MASK_FP_SSE) == 3 &&
	       write_xcr0_safe(0) == GP_VECTOR, "XCR0: 1 at reset, x87|SSE supported, 0 refused with #GP");
	write_cr4(read_cr4() & ~X86_CR4_OSXSAVE);
}

static void test_x2apic_map(void)
{
	enum x2apic_reg_semantics id = get_x2apic_reg_semantics(APIC_ID), eoi = get_x2apic_reg_semantics(APIC_EOI);
	enum x2apic_reg_semantics icr = get_x2apic_reg_semantics(APIC_ICR), dfr = get_x2apic_reg_semantics(APIC_DFR);
	enum x2apic_reg_semantics icr2 = get_x2apic_reg_semantics(APIC_ICR2);
	enum x2apic_reg_semantics isr7 = get_x2apic_reg_semantics(APIC_ISR + 0x70);

	report(id == X2APIC_RO && eoi == X2APIC_WO && icr == X2APIC_RW && dfr == X2APIC_INVALID &&
	       icr2 == X2APIC_INVALID && isr7 == X2APIC_RO,
	       "x2APIC register map: ID RO, EOI WO, ICR RW, DFR and ICR2 absent, ISR7 RO");
}

static u64 ud_func(u64 a, u64 b, u64 c, u64 d)
{
	asm volatile("ud2");
	return 0;
}

static u64 sum_func(u64 a, u64 b, u64 c, u64 d)
{
	return a + b + c + d;
}

static bool sum_is_10(struct fault_test_arg *arg)
{
	return arg->retval == 10;
}

static struct fault_test fault_tests[] = {
	FAULT_TEST("fault_test: ud2 at CPL 0 raises #UD",
		   { .usermode = false, .fault_vector = UD_VECTOR, .should_fault = true, .func = ud_func }),
	FAULT_TEST("fault_test: ud2 at CPL 3 raises #UD",
		   { .usermode = true, .fault_vector = UD_VECTOR, .should_fault = true, .func = ud_func }),
	FAULT_TEST("fault_test: four arguments at CPL 3, and the callback sees their sum",
		   { .usermode = true, .fault_vector = GP_VECTOR, .arg = { 1, 2, 3, 4 }, .func = sum_func,
		     .callback = sum_is_10 }),
};

static int madt_cpus;

static int count_madt_cpu(struct acpi_subtable_header *h)
{
	madt_cpus += !!(((struct acpi_madt_local_apic *)h)->lapic_flags & ACPI_MADT_ENABLED);
	return 0;
}

static void test_acpi_pci(void)
{
	struct acpi_table_fadt *fadt = find_acpi_table_addr(FACP_SIGNATURE);
	struct acpi_table_facs_rev1 *facs = find_acpi_table_addr(FACS_SIGNATURE);
	pcidevaddr_t bdf = pci_find_dev(PCI_VENDOR_ID_REDHAT, PCI_DEVICE_ID_REDHAT_TEST);
	struct pci_dev dev;
	phys_addr_t size;

	report(fadt && fadt->pm_tmr_blk && facs && facs->length >= 64, "ACPI: FADT (PM timer at %#x) and FACS",
	       fadt ? fadt->pm_tmr_blk : 0);
	acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_APIC, count_madt_cpu);
	report(madt_cpus == cpu_count(), "ACPI: the MADT lists the %d CPUs", cpu_count());
	if (bdf == PCIDEVADDR_INVALID) {
		report_fail("PCI: no pci-testdev");
		return;
	}
	pci_dev_init(&dev, bdf);
	size = pci_bar_size(&dev, PCI_TESTDEV_BAR_MEM);
	report(pci_bar_is_memory(&dev, PCI_TESTDEV_BAR_MEM) && !pci_bar_is_memory(&dev, PCI_TESTDEV_BAR_IO) &&
	       size && !(size & (size - 1)) && !pci_bar_is_valid(&dev, 5),
	       "PCI: pci-testdev at %#x, memory BAR 0 of %#lx bytes, I/O BAR 1, no BAR 5", bdf, (unsigned long)size);
}

static void test_pmu(void)
{
	report(pmu.is_intel == is_intel() && (!pmu.is_intel || pmu.version == (raw_cpuid(0xa, 0).a & 0xff)) &&
	       (pmu.msr_global_ctl != 0) == this_cpu_has_perf_global_ctrl(),
	       "pmu: vendor, version %d, %d counters from CPUID", pmu.version, pmu.nr_gp_counters);
}

static void check_apic_id(void *data)
{
	int *bad = data;

	if (apic_id() != (u32)smp_id())
		__atomic_add_fetch(bad, 1, __ATOMIC_RELAXED);
}

static void test_memory(void)
{
	static volatile u64 word;
	phys_addr_t before = virt_to_pte_phys(current_page_table(), (void *)&word);
	size_t big = 160 << 20;
	int bad = 0;
	u8 *p;

	on_cpus(check_apic_id, &bad);
	report(!bad && cpu_count() == 3, "CPU n has APIC ID n on all %d CPUs", cpu_count());
	setup_vm();
	force_4k_page((void *)&word);
	word = 7;
	report(get_pte_level(current_page_table(), (void *)&word, 1) &&
	       virt_to_pte_phys(current_page_table(), (void *)&word) == before && word == 7,
	       "force_4k_page: a 4 KiB entry, the same translation");
	/* More than any free physical run of a 256 MiB guest, less than its free memory. */
	p = malloc(big);
	report(p && (p[0] = 1, p[big - 1] = 2, p[0] + p[big - 1] == 3), "malloc of 160 MiB after setup_vm");
	free(p);
	if (!this_cpu_has(X86_FEATURE_LA57)) {
		report_skip("5-level paging: no LA57");
		return;
	}
	setup_5level_page_table();
	word = 9;
	report(is_la57_enabled() && word == 9 && virt_to_pte_phys(current_page_table(), (void *)&word) == before,
	       "5-level paging: on, the same translation through the PML5");
}

int main(void)
{
	unsigned int i;

	test_asm_safe();
	test_descriptors();
	test_cpuid_xcr0();
	test_x2apic_map();
	for (i = 0; i < ARRAY_SIZE(fault_tests); i++)
		test_run(&fault_tests[i]);
	test_acpi_pci();
	test_pmu();
	test_memory();
	return report_summary();
}
