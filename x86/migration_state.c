/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * migration_state.c - CPU state that live migration must carry to the
 * destination: the TSC (it must not go backwards) and TSC_AUX, MSRs a guest
 * kernel sets once at boot (SYSENTER, SYSCALL, FS and kernel GS bases),
 * debug registers, the SSE and AVX registers, an APIC interrupt left
 * pending in the IRR while interrupts are off, and an armed TSC-deadline
 * timer, both one that fires during the migration and one far away.
 * Catches a hypervisor or QEMU that forgets a register in its save/restore
 * lists, drops a pending interrupt, or loses a timer. Run in the cfg group
 * `migration`, with -cpu max under TCG.
 */
#include "libcflat.h"
#include "migrate.h"
#include "processor.h"
#include "msr.h"
#include "apic.h"
#include "apic-defs.h"
#include "isr.h"
#include "asm/debugreg.h"

#define IPI_VECTOR	0x60
#define TIMER_VECTOR	0x61
/* XCR0: x87, SSE and AVX state enabled (bits 0-2). */
#define XCR0_X87_SSE_AVX	0x7ull

static volatile int ipi_count, timer_count;

static void ipi_handler(isr_regs_t *regs)
{
	ipi_count++;
	eoi();
}

static void timer_handler(isr_regs_t *regs)
{
	timer_count++;
	eoi();
}

struct msr_value {
	const char *name;
	u32 index;
	u64 value;
};

static void check_msrs(void)
{
	struct msr_value msrs[] = {
		{ "SYSENTER_CS", MSR_IA32_SYSENTER_CS, 0x10 },
		{ "SYSENTER_ESP", MSR_IA32_SYSENTER_ESP, 0xffffffff81234560ull },
		{ "SYSENTER_EIP", MSR_IA32_SYSENTER_EIP, 0xffffffff81abcde0ull },
		{ "STAR", MSR_STAR, 0x0023001000000000ull },
		{ "LSTAR", MSR_LSTAR, 0xffffffff81000040ull },
		{ "CSTAR", MSR_CSTAR, 0xffffffff81000080ull },
		{ "SFMASK", MSR_SYSCALL_MASK, 0x47700 },
		{ "FS_BASE", MSR_FS_BASE, 0x00007f1234567000ull },
		{ "KERNEL_GS_BASE", MSR_KERNEL_GS_BASE, 0xffff888012345000ull },
	};
	u64 saved[ARRAY_SIZE(msrs)];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(msrs); i++) {
		saved[i] = rdmsr(msrs[i].index);
		wrmsr(msrs[i].index, msrs[i].value);
	}
	migrate_quiet();
	for (i = 0; i < ARRAY_SIZE(msrs); i++) {
		u64 now = rdmsr(msrs[i].index);

		report(now == msrs[i].value, "MSR %s kept (%#lx, wrote %#lx)", msrs[i].name, now, msrs[i].value);
		wrmsr(msrs[i].index, saved[i]);
	}
}

static void check_debug_registers(void)
{
	unsigned long dr[4] = { 0x1000, 0x2008, 0x300c, 0x4010 };
	/* Local enables for DR0-DR3, each a 4-byte data write: never hit, nothing lives there. */
	unsigned long dr7 = 0x400 | 0x55 | 0xdddd0000;

	write_dr0(dr[0]);
	write_dr1(dr[1]);
	write_dr2(dr[2]);
	write_dr3(dr[3]);
	write_dr7(dr7);
	migrate_quiet();
	report(read_dr0() == dr[0] && read_dr1() == dr[1] && read_dr2() == dr[2] && read_dr3() == dr[3],
	       "DR0-DR3 kept (%#lx %#lx %#lx %#lx)", read_dr0(), read_dr1(), read_dr2(), read_dr3());
	report(read_dr7() == dr7, "DR7 kept (%#lx, wrote %#lx)", read_dr7(), dr7);
	write_dr7(0x400);
}

/* 16 XMM registers in, through the migration, and out; the library never touches them. */
static void check_sse(void)
{
	u64 in[32] __aligned(16), out[32] __aligned(16);
	unsigned int i;

	for (i = 0; i < 32; i++)
		in[i] = 0x0123456789abcdefull * (i + 1);
	write_cr4(read_cr4() | X86_CR4_OSFXSR);
	asm volatile("movdqa 0x00(%0), %%xmm0\n\tmovdqa 0x10(%0), %%xmm1\n\tmovdqa 0x20(%0), %%xmm2\n\t"
		     "movdqa 0x30(%0), %%xmm3\n\tmovdqa 0x40(%0), %%xmm4\n\tmovdqa 0x50(%0), %%xmm5\n\t"
		     "movdqa 0x60(%0), %%xmm6\n\tmovdqa 0x70(%0), %%xmm7\n\tmovdqa 0x80(%0), %%xmm8\n\t"
		     "movdqa 0x90(%0), %%xmm9\n\tmovdqa 0xa0(%0), %%xmm10\n\tmovdqa 0xb0(%0), %%xmm11\n\t"
		     "movdqa 0xc0(%0), %%xmm12\n\tmovdqa 0xd0(%0), %%xmm13\n\tmovdqa 0xe0(%0), %%xmm14\n\t"
		     "movdqa 0xf0(%0), %%xmm15" : : "r"(in) : "memory");
	migrate_quiet();
	asm volatile("movdqa %%xmm0, 0x00(%0)\n\tmovdqa %%xmm1, 0x10(%0)\n\tmovdqa %%xmm2, 0x20(%0)\n\t"
		     "movdqa %%xmm3, 0x30(%0)\n\tmovdqa %%xmm4, 0x40(%0)\n\tmovdqa %%xmm5, 0x50(%0)\n\t"
		     "movdqa %%xmm6, 0x60(%0)\n\tmovdqa %%xmm7, 0x70(%0)\n\tmovdqa %%xmm8, 0x80(%0)\n\t"
		     "movdqa %%xmm9, 0x90(%0)\n\tmovdqa %%xmm10, 0xa0(%0)\n\tmovdqa %%xmm11, 0xb0(%0)\n\t"
		     "movdqa %%xmm12, 0xc0(%0)\n\tmovdqa %%xmm13, 0xd0(%0)\n\tmovdqa %%xmm14, 0xe0(%0)\n\t"
		     "movdqa %%xmm15, 0xf0(%0)" : : "r"(out) : "memory");
	report(!memcmp(in, out, sizeof(in)), "XMM0-XMM15 kept");
}

/* The upper halves of YMM0-YMM15 live in the AVX component of the XSAVE area. */
static void check_avx(void)
{
	u64 in[64] __aligned(32), out[64] __aligned(32);
	unsigned int i;

	if (!this_cpu_has(X86_FEATURE_XSAVE) || !this_cpu_has(X86_FEATURE_AVX)) {
		report_skip("YMM registers: no XSAVE or AVX (CPUID.1:ECX)");
		return;
	}
	for (i = 0; i < 64; i++)
		in[i] = 0xfedcba9876543210ull ^ (i * 0x1111111111111111ull);
	write_cr4(read_cr4() | X86_CR4_OSXSAVE);
	xsetbv(0, XCR0_X87_SSE_AVX);
	asm volatile("vmovdqa 0x000(%0), %%ymm0\n\tvmovdqa 0x020(%0), %%ymm1\n\tvmovdqa 0x040(%0), %%ymm2\n\t"
		     "vmovdqa 0x060(%0), %%ymm3\n\tvmovdqa 0x080(%0), %%ymm4\n\tvmovdqa 0x0a0(%0), %%ymm5\n\t"
		     "vmovdqa 0x0c0(%0), %%ymm6\n\tvmovdqa 0x0e0(%0), %%ymm7\n\tvmovdqa 0x100(%0), %%ymm8\n\t"
		     "vmovdqa 0x120(%0), %%ymm9\n\tvmovdqa 0x140(%0), %%ymm10\n\tvmovdqa 0x160(%0), %%ymm11\n\t"
		     "vmovdqa 0x180(%0), %%ymm12\n\tvmovdqa 0x1a0(%0), %%ymm13\n\tvmovdqa 0x1c0(%0), %%ymm14\n\t"
		     "vmovdqa 0x1e0(%0), %%ymm15" : : "r"(in) : "memory");
	migrate_quiet();
	asm volatile("vmovdqa %%ymm0, 0x000(%0)\n\tvmovdqa %%ymm1, 0x020(%0)\n\tvmovdqa %%ymm2, 0x040(%0)\n\t"
		     "vmovdqa %%ymm3, 0x060(%0)\n\tvmovdqa %%ymm4, 0x080(%0)\n\tvmovdqa %%ymm5, 0x0a0(%0)\n\t"
		     "vmovdqa %%ymm6, 0x0c0(%0)\n\tvmovdqa %%ymm7, 0x0e0(%0)\n\tvmovdqa %%ymm8, 0x100(%0)\n\t"
		     "vmovdqa %%ymm9, 0x120(%0)\n\tvmovdqa %%ymm10, 0x140(%0)\n\tvmovdqa %%ymm11, 0x160(%0)\n\t"
		     "vmovdqa %%ymm12, 0x180(%0)\n\tvmovdqa %%ymm13, 0x1a0(%0)\n\tvmovdqa %%ymm14, 0x1c0(%0)\n\t"
		     "vmovdqa %%ymm15, 0x1e0(%0)" : : "r"(out) : "memory");
	report(!memcmp(in, out, sizeof(in)), "YMM0-YMM15 kept");
	report(xgetbv(0) == (XCR0_X87_SSE_AVX), "XCR0 kept (%#lx)", xgetbv(0));
}

static void check_tsc(void)
{
	u64 before, after;
	u32 aux = 0x5a5a5;

	if (this_cpu_has(X86_FEATURE_RDTSCP)) {
		wrmsr(MSR_TSC_AUX, aux);
	}
	before = rdtsc();
	migrate_quiet();
	after = rdtsc();
	report(after > before, "TSC went forward (%#lx -> %#lx)", before, after);
	if (this_cpu_has(X86_FEATURE_RDTSCP))
		report(rdmsr(MSR_TSC_AUX) == aux, "TSC_AUX kept (%#lx)", rdmsr(MSR_TSC_AUX));
	else
		report_skip("TSC_AUX: no RDTSCP (CPUID.80000001H:EDX[27])");
}

/* A self-IPI taken into the IRR while interrupts are off must still be there on the destination. */
static void check_pending_ipi(void)
{
	handle_irq(IPI_VECTOR, ipi_handler);
	ipi_count = 0;
	cli();
	apic_icr_write(APIC_DEST_SELF | APIC_DM_FIXED | IPI_VECTOR, 0);
	report(apic_read_bit(APIC_IRR, IPI_VECTOR), "self-IPI pending in the IRR before");
	migrate_quiet();
	report(apic_read_bit(APIC_IRR, IPI_VECTOR) && !ipi_count, "self-IPI still pending after");
	sti_nop_cli();
	report(ipi_count == 1, "the pending IPI is delivered once interrupts are on (%d)", ipi_count);
}

static void check_tsc_deadline(void)
{
	u64 far;

	if (!this_cpu_has(X86_FEATURE_TSC_DEADLINE_TIMER)) {
		report_skip("TSC-deadline timer: absent (CPUID.1:ECX[24])");
		return;
	}
	handle_irq(TIMER_VECTOR, timer_handler);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_TSCDEADLINE | TIMER_VECTOR);

	/* Expires during the migration: delivered once interrupts are on again. */
	timer_count = 0;
	cli();
	wrmsr(MSR_IA32_TSCDEADLINE, rdtsc() + 1000000);
	migrate_quiet();
	sti_nop_cli();
	report(timer_count == 1, "a deadline that passed during migration fires (%d)", timer_count);

	/* Far away: still armed, with the same deadline. */
	far = rdtsc() + (1ull << 50);
	wrmsr(MSR_IA32_TSCDEADLINE, far);
	migrate_quiet();
	report(rdmsr(MSR_IA32_TSCDEADLINE) == far, "a far deadline stays armed (%#lx, wrote %#lx)",
	       rdmsr(MSR_IA32_TSCDEADLINE), far);
	wrmsr(MSR_IA32_TSCDEADLINE, 0);
	apic_write(APIC_LVTT, APIC_LVT_MASKED);
}

int main(int argc, char **argv)
{
	report_prefix_push("migration-state");
	check_tsc();
	check_msrs();
	check_debug_registers();
	check_sse();
	check_avx();
	check_pending_ipi();
	check_tsc_deadline();
	report_prefix_pop();
	return report_summary();
}
