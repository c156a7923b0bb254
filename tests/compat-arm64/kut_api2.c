/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kut_api2.c - the second guest test written only against kvm-unit-tests' arm API, for the names its
 * cache, fpu, mte, pci-test, pl031, pmu, psci, sieve and timer tests use: system registers by encoding
 * (read_sysreg_s, sys_reg) and by number (read_regn_el0), the libfdt names and dt_pbus_translate_node,
 * ioremap and readl from <asm/io.h>, __pa, follow_pte and thread_info's pgtable, a CPU started by hand
 * through secondary_data and psci_cpu_on, gic_enable_irq, the EL2 timer names, an LPI through the ITS
 * (asm/gic-v3-its.h, on GICv3), vmalloc and setup_vm,
 * pci_probe and pci_find_dev, and the helpers (xstr, UL, upper_32_bits, test_and_clear_bit, WRITE_ONCE,
 * malloc from <stdlib.h>). run.sh builds it unchanged and runs it. It fails when one of those names is
 * missing, has another signature, or means something else here.
 */
#include <libcflat.h>
#include <stdlib.h>
#include <bitops.h>
#include <devicetree.h>
#include <memregions.h>
#include <pci.h>
#include <vmalloc.h>
#include <asm/asm-offsets.h>
#include <asm/barrier.h>
#include <asm/delay.h>
#include <asm/gic.h>
#include <asm/gic-v3-its.h>
#include <asm/io.h>
#include <asm/mmu.h>
#include <asm/pgtable-hwdef.h>
#include <asm/processor.h>
#include <asm/psci.h>
#include <asm/smp.h>
#include <asm/sysreg.h>
#include <asm/thread_info.h>
#include <asm/timer.h>

#define MY_PMCR_EL0	sys_reg(3, 3, 9, 12, 0)

/* The library's entry for secondary CPUs: kvm-unit-tests' tests declare it themselves. */
extern void secondary_entry(void);

static volatile int hand_started;

static void test_sysregs(void)
{
	u64 v;

	report(read_sysreg_s(MY_PMCR_EL0) == read_sysreg(pmcr_el0),
	       "read_sysreg_s(sys_reg(...)) is MRS by encoding");
	write_regn_el0(pmevtyper, 0, 0x11);
	write_regn_el0(pmevcntr, 0, 0x1234);
	report(read_regn_el0(pmevtyper, 0) == read_sysreg(pmevtyper0_el0) && read_sysreg(pmevcntr0_el0) == 0x1234,
	       "read_regn_el0/write_regn_el0 reach PMEVTYPER0/PMEVCNTR0");
	write_sysreg_s(0x5678, sys_reg(3, 3, 14, 8, 0));	/* PMEVCNTR0_EL0 */
	report(read_sysreg(pmevcntr0_el0) == 0x5678, "write_sysreg_s(v, sys_reg(...)) is MSR by encoding");
	if (system_supports_rndr()) {
		asm volatile("mrs %0, " xstr(RNDR) : "=r"(v) : : "cc");
		report_info("RNDR by name through xstr: %#lx", v);
	}
	report(upper_32_bits(0x1122334455667788UL) == 0x11223344 &&
	       lower_32_bits(0x1122334455667788UL) == 0x55667788 && UL(1) << 40 == 0x10000000000UL,
	       "upper_32_bits, lower_32_bits, UL");
}

static void test_bits(void)
{
	unsigned long word = 0x5;
	int *p = malloc(sizeof(*p));

	report(test_and_clear_bit(2, &word) && !test_and_clear_bit(2, &word) && word == 1, "test_and_clear_bit");
	WRITE_ONCE(*p, 42);
	report(*p == 42, "malloc from <stdlib.h>, WRITE_ONCE from <libcflat.h>");
	free(p);
}

static void test_fdt(void)
{
	const void *fdt = dt_fdt();
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl031"), len;
	const struct fdt_property *prop;
	struct dt_pbus_reg base;
	u32 *data;
	void *rtc;

	if (node < 0) {
		report_skip("fdt: no arm,pl031");
		return;
	}
	prop = fdt_get_property(fdt, node, "interrupts", &len);
	data = (u32 *)prop->data;
	report(len == 12 && fdt32_to_cpu(data[0]) == 0 && SPI(fdt32_to_cpu(data[1])) >= GIC_FIRST_SPI,
	       "fdt_get_property and fdt32_to_cpu read the RTC's SPI (%u)", fdt32_to_cpu(data[1]));
	report(!dt_pbus_translate_node(node, 0, &base) && base.addr == 0x09010000,
	       "dt_pbus_translate_node (%#lx)", (u64)base.addr);
	rtc = ioremap(base.addr, base.size);
	report(readl(rtc + 0xff0) == 0x0d, "ioremap and readl from <asm/io.h>: the PrimeCell ID");
}

static void test_mmu(void)
{
	static u64 word;
	pteval_t *pte = follow_pte(current_thread_info()->pgtable, (uintptr_t)&word);
	struct smccc_result res;
	u64 *alias;

	report(current_thread_info()->pgtable == mmu_idmap, "thread_info's pgtable is the running table");
	report(pte && (*pte & PTE_VALID) && __va(__pa(&word)) == &word, "follow_pte, __pa and __va");
	report(memregions_get_flags(__pa(&word)) & MR_F_RAM && memregions_get_flags(PHYS_END) == MR_F_UNKNOWN &&
	       PHYS_OFFSET <= __pa(&word) && __pa(&word) < PHYS_END, "PHYS_OFFSET, PHYS_END, memregions_get_flags");
	word = 0x1234;
	alias = vmap(__pa(&word), sizeof(word));
	report(alias != &word && *alias == 0x1234, "vmap maps the same memory elsewhere (%p)", alias);
	psci_invoke_fn(PSCI_0_2_FN_PSCI_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, &res);
	report(res.r0 == psci_version(), "psci_invoke_fn (SMCCC) gives the PSCI version (%#lx)", res.r0);
	report(S_LR == offsetof(struct pt_regs, regs[30]) && S_PSTATE == offsetof(struct pt_regs, pstate),
	       "asm/asm-offsets.h: S_LR, S_PSTATE");
}

static void started_by_hand(void)
{
	hand_started = smp_processor_id();
}

static void test_secondary_data(void)
{
	int i;

	if (nr_cpus < 2) {
		report_skip("secondary_data: one CPU");
		return;
	}
	secondary_data.stack = thread_stack_alloc();
	secondary_data.entry = started_by_hand;
	mmu_mark_disabled(1);
	report(psci_cpu_on(cpus[1], __pa(secondary_entry)) == PSCI_RET_SUCCESS,
	       "psci_cpu_on(cpus[1], __pa(secondary_entry))");
	for (i = 0; i < 1000 && hand_started != 1; i++)
		mdelay(1);
	report(hand_started == 1, "CPU 1 ran secondary_data.entry");
}

static void test_gic_timer(void)
{
	int ppi = TIMER_VTIMER_IRQ;

	gic_enable_defaults();
	gic_disable_irq(ppi);
	report(gic_irq_state(ppi) == GIC_IRQ_STATE_INACTIVE, "gic_disable_irq");
	gic_enable_irq(ppi);
	report(readl(gic_irq_frame(ppi) + GICD_ISENABLER) & (1U << ppi), "gic_enable_irq sets the enable bit");
	gic_disable_irq(ppi);
	report(ppi >= 16 && ppi < 32 && (int)TIMER_HPTIMER_IRQ != 0 && (int)TIMER_HVTIMER_IRQ != 0,
	       "TIMER_VTIMER_IRQ is a GIC ID (%d); TIMER_HPTIMER_IRQ, TIMER_HVTIMER_IRQ (-1 when absent)", ppi);
}

/* An LPI through the ITS, acknowledged by polling with IRQs masked. */
static void test_its(void)
{
	struct its_device *dev;
	struct its_collection *col;
	u32 iar = GICC_INT_SPURIOUS;
	int i;

	if (!gicv3_its_base()) {
		report_skip("its: no ITS (GICv2, or its=off)");
		return;
	}
	its_enable_defaults();
	dev = its_create_device(3, 4);
	col = its_create_collection(0, 0);
	gicv3_lpi_set_config(LPI(5), LPI_PROP_DEFAULT);
	its_send_mapd_nv(dev, true);
	its_send_mapc_nv(col, true);
	its_send_mapti_nv(dev, LPI(5), 1, col);
	its_send_invall_nv(col);
	local_irq_disable();
	its_send_int_nv(dev, 1);
	for (i = 0; i < 1000 && gic_iar_irqnr(iar) == GICC_INT_SPURIOUS; i++) {
		iar = gic_read_iar();
		mdelay(1);
	}
	if (gic_iar_irqnr(iar) != GICC_INT_SPURIOUS)
		gic_write_eoir(iar);
	local_irq_enable();
	report(gic_iar_irqnr(iar) == LPI(5), "its: MAPD, MAPC, MAPTI, INVALL, INT: LPI %u acknowledged", LPI(5));
	report(its_get_device(3) == dev && its_get_collection(0) == col, "its_get_device, its_get_collection");
}

static void test_vm_pci(void)
{
	u8 *v;

	report(vm_available(), "vm_available");
	setup_vm();
	v = malloc(3 * PAGE_SIZE);
	v[0] = 1;
	v[3 * PAGE_SIZE - 1] = 2;
	report(v[0] == 1 && v[3 * PAGE_SIZE - 1] == 2 && !mem_region_find(virt_to_phys(v)),
	       "after setup_vm, malloc gives vmalloc'd memory (%p)", v);
	free(v);
	if (!pci_probe()) {
		report_skip("pci: no host bridge");
		return;
	}
	report(pci_find_dev(PCI_VENDOR_ID_REDHAT, PCI_DEVICE_ID_REDHAT_TEST) != PCIDEVADDR_INVALID &&
	       pci_testdev() == PCI_TESTDEV_NUM_BARS * PCI_TESTDEV_NUM_TESTS,
	       "pci_probe, pci_find_dev and pci_testdev");
}

int main(int argc, char **argv)
{
	test_sysregs();
	test_bits();
	test_fdt();
	test_mmu();
	test_secondary_data();
	test_gic_timer();
	test_its();
	test_vm_pci();
	return report_summary();
}
