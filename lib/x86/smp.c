/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.c - per-CPU data, bring-up of the secondary CPUs (APs), and the
 * mailboxes through which on_cpu() hands them work.
 *
 * smp_boot() (from setup_x86) copies the real-mode trampoline
 * (trampoline.S) below 1 MiB, gives each AP a stack, and starts all APs at
 * once with a broadcast INIT and STARTUP IPI; each AP takes the next CPU
 * number, sets up its per-CPU data, IDT, TSS and APIC, and waits in
 * ap_idle() for a function to run. An AP waits halted with interrupts on,
 * and on_cpu() wakes it with an IPI, so idle CPUs cost the host nothing.
 *
 * CPU numbers follow APIC IDs when the MADT lists every CPU: CPU 0 is the
 * boot CPU, the others come in ascending APIC ID order, so where QEMU's
 * APIC IDs are 0..n-1 CPU n has APIC ID n (kvm-unit-tests' smp_id() is
 * the APIC ID, and its tests compare the two). Otherwise they follow the
 * order in which the APs arrive.
 */
#include "libcflat.h"
#include "acpi.h"
#include "alloc_page.h"
#include "apic.h"
#include "asm/page.h"
#include "desc.h"
#include "fwcfg.h"
#include "isr.h"
#include "percpu.h"
#include "processor.h"
#include "smp.h"
#include "string.h"

/* Below 1 MiB, page aligned (the STARTUP IPI's vector is its page number), clear of the multiboot info. */
#define TRAMPOLINE_ADDR		0x8000
#define AP_STACK_ORDER		2	/* 16 KiB */
#define IPI_VECTOR		0x20
#define SPURIOUS_VECTOR		0xff
/* How long smp_boot() waits for the APs, in TSC ticks (seconds on any host QEMU runs on). */
#define AP_START_TIMEOUT	(10ULL * 1000 * 1000 * 1000)

struct mailbox {
	void (*fn)(void *data);
	void *data;
	int busy;	/* set by the sender, cleared by the CPU when fn returned */
};

static struct percpu percpus[MAX_CPUS];
static struct mailbox mailboxes[MAX_CPUS];
static int nr_cpus = 1;
static int cpus_online = 1;
static int active_cpus = 1;

/* Read by trampoline.S. */
int ap_next_cpu = 1;
u64 ap_stack_tops[MAX_CPUS];

extern char sipi_start[], sipi_end[], sipi_gdt_descr[];
void ap_main(int cpu);

struct percpu *percpu_of(int cpu)
{
	return &percpus[cpu];
}

void load_percpu(int cpu)
{
	percpus[cpu].smp_id = cpu;
	percpus[cpu].self = &percpus[cpu];
#ifdef __x86_64__
	wrmsr(MSR_GS_BASE, (uintptr_t)&percpus[cpu]);
#else
	set_gdt_entry(PERCPU_SEL(cpu), (uintptr_t)&percpus[cpu], sizeof(percpus[cpu]) - 1, 0x93 /* data, RW */, 0x40);
	asm volatile("mov %0, %%gs" : : "rm"((u16)PERCPU_SEL(cpu)) : "memory");
#endif
}

int cpu_count(void)
{
	return nr_cpus;
}

int cpus_active(void)
{
	return __atomic_load_n(&active_cpus, __ATOMIC_ACQUIRE);
}

static void ipi_handler(isr_regs_t *regs)
{
	eoi();
}

/* A spurious interrupt takes no EOI. */
static void spurious_handler(isr_regs_t *regs)
{
}

/* Run what the mailbox holds, else halt until an IPI; the check and the halt are atomic (sti; hlt). */
static void __noreturn ap_idle(int cpu)
{
	struct mailbox *mb = &mailboxes[cpu];

	for (;;) {
		irq_disable();
		if (__atomic_load_n(&mb->busy, __ATOMIC_ACQUIRE)) {
			mb->fn(mb->data);
			__atomic_sub_fetch(&active_cpus, 1, __ATOMIC_RELEASE);
			__atomic_store_n(&mb->busy, 0, __ATOMIC_RELEASE);
			continue;
		}
		safe_halt();
	}
}

/*
 * Each CPU's own part of the setup: per-CPU data first, since exceptions
 * use it. Interrupts and exceptions taken at CPL 3 (run_in_user, or a
 * test's own SYSRET) switch to rsp0: a stack of its own per CPU, so they
 * never land on frames in use.
 */
static void cpu_init(int cpu)
{
	/* A stack needs no zeroing, and the boot saves touching 16 KiB. */
	u8 *ring0_stack = alloc_pages_flags(AP_STACK_ORDER, FLAG_DONTZERO);

	assert_msg(ring0_stack, "smp: no memory for CPU %d's ring-0 stack", cpu);
	load_percpu(cpu);
	load_idt();
	setup_tss(cpu);
	set_tss_rsp0(cpu, (u64)(uintptr_t)(ring0_stack + (PAGE_SIZE << AP_STACK_ORDER)));
	enable_apic();
	apic_set_tpr(0);
	percpus[cpu].apic_id = apic_id();
	/* Logical destinations in the flat model: CPU with APIC ID n answers to bit n (n < 8). */
	apic_write(APIC_DFR, APIC_DFR_FLAT);
	apic_write(APIC_LDR, percpus[cpu].apic_id < 8 ? (1U << percpus[cpu].apic_id) << 24 : 0);
	id_map[cpu] = percpus[cpu].apic_id;
}

/* cpu_apic_ids[n]: CPU n's APIC ID, when cpus_by_apic_id. */
static u32 cpu_apic_ids[MAX_CPUS];
static int madt_cpus;
static bool madt_overflow;
static bool cpus_by_apic_id;

static void madt_add_cpu(u32 apic_id, u32 flags)
{
	if (!(flags & ACPI_MADT_ENABLED))
		return;
	if (madt_cpus == MAX_CPUS) {
		madt_overflow = true;
		return;
	}
	cpu_apic_ids[madt_cpus++] = apic_id;
}

static int madt_lapic(struct acpi_subtable_header *h)
{
	struct acpi_madt_local_apic *e = (struct acpi_madt_local_apic *)h;

	madt_add_cpu(e->id, e->lapic_flags);
	return 0;
}

static int madt_x2apic(struct acpi_subtable_header *h)
{
	struct acpi_madt_local_x2apic *e = (struct acpi_madt_local_x2apic *)h;

	madt_add_cpu(e->local_apic_id, e->lapic_flags);
	return 0;
}

/* Number the CPUs by APIC ID (see the top) if the MADT lists exactly the CPUs fw_cfg counts, the boot CPU too. */
static void order_cpus_by_apic_id(void)
{
	u32 bsp = apic_id(), t;
	int i, j;

	if (acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_APIC, madt_lapic) < 0)
		return;
	acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_X2APIC, madt_x2apic);
	if (madt_overflow || madt_cpus != nr_cpus)
		return;
	/* Insertion sort, with the boot CPU's ID ranked below every other. */
	for (i = 1; i < madt_cpus; i++) {
		for (j = i; j > 0; j--) {
			bool less = cpu_apic_ids[j] == bsp ||
				    (cpu_apic_ids[j - 1] != bsp && cpu_apic_ids[j] < cpu_apic_ids[j - 1]);

			if (!less)
				break;
			t = cpu_apic_ids[j];
			cpu_apic_ids[j] = cpu_apic_ids[j - 1];
			cpu_apic_ids[j - 1] = t;
		}
	}
	cpus_by_apic_id = cpu_apic_ids[0] == bsp;
}

/* This CPU's APIC ID before its APIC is set up: CPUID's x2APIC ID (leaf 0xb) or initial APIC ID (leaf 1). */
static u32 initial_apic_id(void)
{
	if (raw_cpuid(0, 0).a >= 0xb && raw_cpuid(0xb, 0).b)
		return raw_cpuid(0xb, 0).d;
	return raw_cpuid(1, 0).b >> 24;
}

/* arrival: this AP's place in the arrival order, which chose its boot stack. */
void ap_main(int arrival)
{
	int cpu = arrival;

	if (cpus_by_apic_id) {
		u32 id = initial_apic_id();

		for (cpu = 1; cpu < nr_cpus && cpu_apic_ids[cpu] != id; cpu++)
			;
		/* Not in the MADT after all: stay out, and smp_boot() reports the CPU missing. */
		while (cpu == nr_cpus)
			asm volatile("cli; hlt");
	}
	cpu_init(cpu);
	__atomic_add_fetch(&cpus_online, 1, __ATOMIC_RELEASE);
	ap_idle(cpu);
}

static void start_aps(void)
{
	struct descriptor_table_ptr gdtr;
	u8 *tramp = phys_to_virt(TRAMPOLINE_ADDR);
	u64 deadline;
	int cpu;

	for (cpu = 1; cpu < nr_cpus; cpu++) {
		u8 *stack = alloc_pages(AP_STACK_ORDER);

		assert_msg(stack, "smp: no memory for CPU %d's stack", cpu);
		ap_stack_tops[cpu] = (u64)(uintptr_t)(stack + (PAGE_SIZE << AP_STACK_ORDER));
	}
	memcpy(tramp, sipi_start, sipi_end - sipi_start);
	sgdt(&gdtr);
	memcpy(tramp + (sipi_gdt_descr - sipi_start), &gdtr.limit, 2);
	memcpy(tramp + (sipi_gdt_descr - sipi_start) + 2, &gdtr.base, 4);

	/* INIT, then STARTUP twice, as the MP specification asks; a started CPU ignores the second. */
	apic_icr_write(APIC_DEST_ALLBUT | APIC_DM_INIT | APIC_INT_ASSERT, 0);
	apic_icr_write(APIC_DEST_ALLBUT | APIC_DM_STARTUP | (TRAMPOLINE_ADDR >> PAGE_SHIFT), 0);
	apic_icr_write(APIC_DEST_ALLBUT | APIC_DM_STARTUP | (TRAMPOLINE_ADDR >> PAGE_SHIFT), 0);

	deadline = rdtsc() + AP_START_TIMEOUT;
	while (__atomic_load_n(&cpus_online, __ATOMIC_ACQUIRE) < nr_cpus) {
		if (rdtsc() > deadline)
			report_abort("smp: only %d of the %d CPUs fw_cfg reports started",
				     __atomic_load_n(&cpus_online, __ATOMIC_ACQUIRE), nr_cpus);
		pause();
	}
}

void smp_boot(void)
{
	nr_cpus = fwcfg_get_nb_cpus();
	if (nr_cpus > MAX_CPUS) {
		printf("smp: QEMU gave %d CPUs; using the first %d (MAX_CPUS)\n", nr_cpus, MAX_CPUS);
		nr_cpus = MAX_CPUS;
	}
	mask_pic_interrupts();
	handle_irq(IPI_VECTOR, ipi_handler);
	handle_irq(SPURIOUS_VECTOR, spurious_handler);
	cpu_init(0);
	if (nr_cpus > 1) {
		order_cpus_by_apic_id();
		start_aps();
	}
}

void smp_init(void)
{
	/* Every CPU was started by smp_boot() before main(); nothing is left to start. */
	assert(__atomic_load_n(&cpus_online, __ATOMIC_ACQUIRE) == nr_cpus);
}

void on_cpu_async(int cpu, void (*fn)(void *data), void *data)
{
	struct mailbox *mb = &mailboxes[cpu];

	assert_msg(cpu >= 0 && cpu < nr_cpus, "on_cpu: no CPU %d (%d CPUs)", cpu, nr_cpus);
	assert_msg(cpu != 0 || smp_id() == 0, "on_cpu: CPU 0 runs main and takes no work from CPU %d", smp_id());
	if (cpu == smp_id()) {
		fn(data);
		return;
	}
	while (__atomic_load_n(&mb->busy, __ATOMIC_ACQUIRE))
		pause();
	mb->fn = fn;
	mb->data = data;
	__atomic_add_fetch(&active_cpus, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&mb->busy, 1, __ATOMIC_RELEASE);
	apic_icr_write(APIC_DEST_PHYSICAL | APIC_DM_FIXED | IPI_VECTOR, id_map[cpu]);
}

static void wait_idle(int cpu)
{
	while (__atomic_load_n(&mailboxes[cpu].busy, __ATOMIC_ACQUIRE))
		pause();
}

void on_cpu(int cpu, void (*fn)(void *data), void *data)
{
	on_cpu_async(cpu, fn, data);
	wait_idle(cpu);
}

void on_cpus(void (*fn)(void *data), void *data)
{
	int cpu, me = smp_id();

	for (cpu = 0; cpu < nr_cpus; cpu++) {
		if (cpu != me)
			on_cpu_async(cpu, fn, data);
	}
	fn(data);
	for (cpu = 0; cpu < nr_cpus; cpu++)
		wait_idle(cpu);
}
