/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * msr.c - model-specific registers as a guest sees them: values written
 * to the syscall, sysenter and segment-base MSRs read back unchanged and
 * take effect (a GS base moves %gs, swapgs swaps with KERNEL_GS_BASE),
 * EFER keeps LMA while SCE toggles, the TSC MSR agrees with rdtsc, and an
 * MSR that does not exist faults with #GP instead of reading as anything.
 *
 * QEMU's TCG (7.2) reads IA32_TSC as 0 and lets a non-existent MSR be read
 * (as 0) and written without a fault: under TCG those checks are KFAIL,
 * known failures, and must pass under KVM. QEMU_ACCEL comes from the
 * default environ; without it the checks are strict.
 */
#include "libcflat.h"
#include "desc.h"
#include "processor.h"
#include "string.h"

static bool under_tcg(void)
{
	const char *accel = getenv("QEMU_ACCEL");

	return accel && !strncmp(accel, "tcg", 3);
}

struct msr_case {
	const char *name;
	u32 index;
	u64 value;	/* a value every implementation must keep as it is */
};

static const struct msr_case round_trips[] = {
	{ "SYSENTER_CS", MSR_IA32_SYSENTER_CS, 0x1234 },
	{ "SYSENTER_ESP", MSR_IA32_SYSENTER_ESP, 0x00007fffdeadb000ULL },
	{ "SYSENTER_EIP", MSR_IA32_SYSENTER_EIP, 0xffff800012345678ULL },
	{ "STAR", MSR_STAR, 0x0023001000000000ULL },
	{ "LSTAR", MSR_LSTAR, 0xffffffff81000000ULL },
	{ "CSTAR", MSR_CSTAR, 0x00007fff00001000ULL },
	{ "SYSCALL_MASK", MSR_SYSCALL_MASK, 0x47700 },
	{ "KERNEL_GS_BASE", MSR_KERNEL_GS_BASE, 0x0000123456789000ULL },
	{ "FS_BASE", MSR_FS_BASE, 0xffff888000000000ULL },
	{ "GS_BASE", MSR_GS_BASE, 0x00000000cafe0000ULL },
};

static void check_round_trips(void)
{
	const struct msr_case *c;

	for (c = round_trips; c < round_trips + ARRAY_SIZE(round_trips); c++) {
		u64 saved = rdmsr(c->index), got;

		wrmsr(c->index, c->value);
		got = rdmsr(c->index);
		wrmsr(c->index, saved);
		report(got == c->value, "%s (%#x): wrote %#" PRIx64 ", read %#" PRIx64,
		       c->name, c->index, c->value, got);
	}
}

static u64 read_gs0(void)
{
	u64 v;

	asm volatile("mov %%gs:0, %0" : "=r"(v));
	return v;
}

/* The segment-base MSRs are not just storage: they move the segment. */
static void check_segment_bases(void)
{
	static u64 user_word = 0x1111111111111111ULL, kernel_word = 0x2222222222222222ULL;
	u64 gs = rdmsr(MSR_GS_BASE), kgs = rdmsr(MSR_KERNEL_GS_BASE);

	wrmsr(MSR_GS_BASE, (uintptr_t)&user_word);
	wrmsr(MSR_KERNEL_GS_BASE, (uintptr_t)&kernel_word);
	report(read_gs0() == user_word, "GS_BASE moves %%gs");
	asm volatile("swapgs" : : : "memory");
	report(read_gs0() == kernel_word && rdmsr(MSR_KERNEL_GS_BASE) == (uintptr_t)&user_word,
	       "swapgs exchanges GS_BASE and KERNEL_GS_BASE");
	asm volatile("swapgs" : : : "memory");
	report(read_gs0() == user_word, "swapgs again restores them");
	wrmsr(MSR_GS_BASE, gs);
	wrmsr(MSR_KERNEL_GS_BASE, kgs);
}

static void check_efer(void)
{
	u64 efer = rdmsr(MSR_EFER);

	report((efer & (EFER_LME | EFER_LMA)) == (EFER_LME | EFER_LMA),
	       "EFER: LME and LMA set in long mode (%#" PRIx64 ")", efer);
	wrmsr(MSR_EFER, efer ^ EFER_SCE);
	report((rdmsr(MSR_EFER) ^ efer) == EFER_SCE, "EFER.SCE toggles alone");
	wrmsr(MSR_EFER, efer);
	report(rdmsr(MSR_EFER) == efer, "EFER restored");
}

static void check_tsc(void)
{
	u64 before = rdtsc(), msr = rdmsr(MSR_IA32_TSC), after = rdtsc();

	report_kfail(under_tcg(), before <= msr && msr <= after,
		     "IA32_TSC lies between two rdtsc: %" PRIu64 " <= %" PRIu64 " <= %" PRIu64, before, msr, after);
}

static void check_faults(void)
{
	u64 v = 0xdead;
	int vec;

	/* 0x4fffffff: past the hypervisor range 0x40000000-0x400000ff, defined by no CPU. */
	vec = rdmsr_safe(0x4fffffff, &v);
	report_kfail(under_tcg(), vec == GP_VECTOR, "rdmsr of a non-existent MSR raises #GP (vector %d)", vec);
	vec = wrmsr_safe(0x4fffffff, 0);
	report_kfail(under_tcg(), vec == GP_VECTOR, "wrmsr of a non-existent MSR raises #GP (vector %d)", vec);
	vec = rdmsr_safe(MSR_LSTAR, &v);
	report(vec == 0 && v == rdmsr(MSR_LSTAR), "rdmsr_safe of a real MSR does not fault");
}

int main(void)
{
	report_prefix_push("round trip");
	check_round_trips();
	report_prefix_pop();
	report_prefix_push("segment bases");
	check_segment_bases();
	report_prefix_pop();
	report_prefix_push("efer");
	check_efer();
	report_prefix_pop();
	report_prefix_push("tsc");
	check_tsc();
	report_prefix_pop();
	report_prefix_push("faults");
	check_faults();
	report_prefix_pop();
	return report_summary();
}
