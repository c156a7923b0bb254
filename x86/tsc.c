/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tsc.c - the time-stamp counter as the Intel SDM (vol. 3 17.17, vol. 2
 * RDTSC/RDTSCP/RDPID) describes it: RDTSC never goes back on one CPU,
 * nor from one CPU to the next (a read on CPU 0, then on CPU n, then on
 * CPU 0 again comes out in order); a write to IA32_TSC moves the counter
 * there; RDTSCP returns IA32_TSC_AUX in ECX, each CPU its own, and orders
 * itself between two RDTSCs; IA32_TSC_AUX keeps bits 63:32 at zero (#GP);
 * RDPID returns IA32_TSC_AUX; CR4.TSD makes RDTSC and RDTSCP #GP at CPL 3
 * only; IA32_TSC_ADJUST follows writes to IA32_TSC and moves the TSC when
 * written.
 *
 * A hypervisor bug it would catch: TSC offsets that differ between vCPUs
 * (time going back on migration between CPUs), TSC_AUX not switched per
 * vCPU, CR4.TSD not enforced, TSC writes not reflected in TSC_ADJUST.
 *
 * QEMU 7.2's TCG ignores writes to IA32_TSC, reads it as 0, reads a
 * missing IA32_TSC_ADJUST without #GP and stores any IA32_TSC_AUX: those
 * checks are known failures under TCG.
 */
#include "libcflat.h"
#include "accel.h"
#include "desc.h"
#include "processor.h"
#include "smp.h"
#include "usermode.h"

#define READS			1000

struct cross_read {
	u64 tsc;
	u32 aux;
};

static void read_tsc_on(void *data)
{
	((struct cross_read *)data)->tsc = rdtsc();
}

static void set_aux_on(void *data)
{
	wrmsr(MSR_TSC_AUX, (u64)(uintptr_t)data);
}

static void rdtscp_on(void *data)
{
	struct cross_read *r = data;

	r->tsc = rdtscp(&r->aux);
}

static void check_monotonic(void)
{
	u64 prev = rdtsc(), now;
	int i, backwards = 0;

	for (i = 0; i < READS; i++) {
		now = rdtsc();
		if (now < prev)
			backwards++;
		prev = now;
	}
	report(!backwards, "%d RDTSC in a row on CPU 0 never go back (%d did)", READS, backwards);
	now = rdtsc();
	for (i = 0; i < 10000; i++)
		pause();
	report(rdtsc() > now, "the TSC advances while the CPU spins");
}

static void count_backwards(void *data)
{
	u64 prev = rdtsc(), now;
	int i, *backwards = data;

	*backwards = 0;
	for (i = 0; i < READS; i++) {
		now = rdtsc();
		if (now < prev)
			(*backwards)++;
		prev = now;
	}
}

static void check_cross_cpu(void)
{
	struct cross_read r;
	int cpu;

	if (cpu_count() < 2) {
		report_skip("monotonic across CPUs: one CPU only (-smp)");
		return;
	}
	for (cpu = 1; cpu < cpu_count(); cpu++) {
		u64 before = rdtsc(), after;

		on_cpu(cpu, read_tsc_on, &r);
		after = rdtsc();
		report(before <= r.tsc && r.tsc <= after,
		       "CPU 0 then CPU %d then CPU 0: %" PRIu64 " <= %" PRIu64 " <= %" PRIu64, cpu, before, r.tsc,
		       after);
	}
	for (cpu = 1; cpu < cpu_count(); cpu++) {
		int backwards = -1;

		on_cpu(cpu, count_backwards, &backwards);
		report(backwards == 0, "%d RDTSC in a row on CPU %d never go back (%d did)", READS, cpu, backwards);
	}
}

static void check_write(void)
{
	u64 target = 1ULL << 40, got, msr, before;

	wrtsc(target);
	got = rdtsc();
	report_kfail(under_tcg(), got >= target && got - target < (1ULL << 36),
		     "a write of %#" PRIx64 " to IA32_TSC moves RDTSC there (%#" PRIx64 "; QEMU 7.2 TCG ignores it)",
		     target, got);
	msr = rdmsr(MSR_IA32_TSC);
	report_kfail(under_tcg(), msr >= got, "IA32_TSC reads on from there (%#" PRIx64 ")", msr);
	before = rdtsc();
	wrtsc(0);
	got = rdtsc();
	report_kfail(under_tcg(), got < before && got < (1ULL << 36),
		     "a write of 0 moves it back to near 0 (%#" PRIx64 ", from %#" PRIx64 ")", got, before);
}

static void check_rdtscp(void)
{
	struct cross_read r;
	u64 before, tsc, after;
	u32 aux;
	int cpu, vec;

	if (!this_cpu_has(X86_FEATURE_RDTSCP)) {
		report_skip("RDTSCP: the CPU lacks it (CPUID.80000001H:EDX[27])");
		return;
	}
	wrmsr(MSR_TSC_AUX, 0x1234abcd);
	/* qemu-system-i386 7.2 (TCG) handles IA32_TSC_AUX in its x86_64 build only and drops the write. */
	report_kfail(under_tcg() && sizeof(long) == 4, rdmsr(MSR_TSC_AUX) == 0x1234abcd,
		     "IA32_TSC_AUX reads back what was written");
	before = rdtsc();
	tsc = rdtscp(&aux);
	after = rdtsc();
	report(aux == 0x1234abcd, "RDTSCP returns IA32_TSC_AUX in ECX (%#x)", aux);
	report(before <= tsc && tsc <= after, "RDTSCP lies between two RDTSC");
	vec = wrmsr_safe(MSR_TSC_AUX, 1ULL << 32);
	report_kfail(under_tcg(), vec == GP_VECTOR, "IA32_TSC_AUX bit 32 (reserved): #GP (vector %d)", vec);
	wrmsr(MSR_TSC_AUX, 0);
	for (cpu = 1; cpu < cpu_count(); cpu++)
		on_cpu(cpu, set_aux_on, (void *)(uintptr_t)(0x100 + cpu));
	wrmsr(MSR_TSC_AUX, 0x100);
	for (cpu = 1; cpu < cpu_count(); cpu++) {
		on_cpu(cpu, rdtscp_on, &r);
		report(r.aux == 0x100u + cpu, "CPU %d's RDTSCP returns its own TSC_AUX (%#x)", cpu, r.aux);
	}
	rdtscp(&aux);
	report(aux == 0x100, "CPU 0 kept its own TSC_AUX (%#x)", aux);
}

static void check_rdpid(void)
{
	unsigned long v = 0;	/* RDPID writes a whole general register (r32 outside 64-bit mode) */
	int vec;

	if (!this_cpu_has(X86_FEATURE_RDPID)) {
		asm volatile(ASM_TRY("1f") "rdpid %0\n1:" : "+r"(v));
		vec = exception_vector();
		report(vec == UD_VECTOR, "RDPID without CPUID.(07H,0):ECX[22]: #UD (vector %d)", vec);
		report_skip("RDPID: the CPU lacks it (CPUID.(07H,0):ECX[22])");
		return;
	}
	wrmsr(MSR_TSC_AUX, 0x4321);
	asm volatile("rdpid %0" : "=r"(v));
	report(v == 0x4321, "RDPID returns IA32_TSC_AUX (%#lx)", v);
}

static u64 user_rdtsc(void)
{
	return rdtsc() | 1;
}

static u64 user_rdtscp(void)
{
	u32 aux;

	return rdtscp(&aux) | 1;
}

static void check_tsd(void)
{
	bool raised;
	u64 v;

	write_cr4(read_cr4() & ~X86_CR4_TSD);
	v = run_in_user(user_rdtsc, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(!raised && v, "CR4.TSD clear: RDTSC at CPL 3 works");
	write_cr4(read_cr4() | X86_CR4_TSD);
	run_in_user(user_rdtsc, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "CR4.TSD set: RDTSC at CPL 3 raises #GP");
	report(rdtsc() != 0, "CR4.TSD set: RDTSC at CPL 0 works");
	if (this_cpu_has(X86_FEATURE_RDTSCP)) {
		run_in_user(user_rdtscp, GP_VECTOR, 0, 0, 0, 0, &raised);
		report(raised, "CR4.TSD set: RDTSCP at CPL 3 raises #GP");
		write_cr4(read_cr4() & ~X86_CR4_TSD);
		v = run_in_user(user_rdtscp, GP_VECTOR, 0, 0, 0, 0, &raised);
		report(!raised && v, "CR4.TSD clear: RDTSCP at CPL 3 works");
	}
	write_cr4(read_cr4() & ~X86_CR4_TSD);
}

static void check_tsc_adjust(void)
{
	u64 adjust, tsc;
	s64 delta;

	if (!this_cpu_has(X86_FEATURE_TSC_ADJUST)) {
		u64 v;
		int vec = rdmsr_safe(MSR_IA32_TSC_ADJUST, &v);

		report_kfail(under_tcg(), vec == GP_VECTOR,
			     "no IA32_TSC_ADJUST (CPUID.(07H,0):EBX[1]): rdmsr #GP (vector %d)", vec);
		report_skip("IA32_TSC_ADJUST: the CPU lacks it (CPUID.(07H,0):EBX[1])");
		return;
	}
	wrmsr(MSR_IA32_TSC_ADJUST, 0);
	report(rdmsr(MSR_IA32_TSC_ADJUST) == 0, "IA32_TSC_ADJUST takes 0");
	tsc = rdtsc();
	wrmsr(MSR_IA32_TSC_ADJUST, 1ULL << 36);
	report(rdtsc() - tsc >= (1ULL << 36), "a write to IA32_TSC_ADJUST adds to the TSC");
	tsc = rdtsc();
	wrtsc(tsc - (1ULL << 32));
	adjust = rdmsr(MSR_IA32_TSC_ADJUST);
	delta = (s64)(adjust - (1ULL << 36));
	report(delta <= -(s64)(1ULL << 31) && delta > -(s64)(1ULL << 33),
	       "a write to IA32_TSC moves IA32_TSC_ADJUST by the same amount (%" PRId64 ")", delta);
	wrmsr(MSR_IA32_TSC_ADJUST, 0);
}

int main(void)
{
	if (!this_cpu_has(X86_FEATURE_TSC)) {
		report_skip("the CPU lacks a TSC (CPUID.1:EDX[4])");
		return report_summary();
	}
	report_prefix_push("rdtsc");
	check_monotonic();
	check_cross_cpu();
	check_write();
	report_prefix_pop();
	report_prefix_push("rdtscp");
	check_rdtscp();
	report_prefix_pop();
	report_prefix_push("rdpid");
	check_rdpid();
	report_prefix_pop();
	report_prefix_push("tsd");
	check_tsd();
	report_prefix_pop();
	report_prefix_push("tsc_adjust");
	check_tsc_adjust();
	report_prefix_pop();
	return report_summary();
}
