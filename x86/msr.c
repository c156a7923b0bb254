/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * msr.c - model-specific registers as a guest sees them: values written
 * to the syscall, sysenter and segment-base MSRs read back unchanged and
 * take effect (a GS base moves %gs, swapgs swaps with KERNEL_GS_BASE),
 * EFER keeps LMA while SCE toggles, the TSC MSR agrees with rdtsc, and an
 * MSR that does not exist faults with #GP instead of reading as anything.
 * Reserved values (Intel SDM vol. 4, vol. 3 11.12, 2.2.1, AMD APM vol. 2):
 * every IA32_PAT memory type round-trips and the reserved encodings are
 * #GP, byte by byte; EFER's reserved bits and LME changes under paging
 * are #GP; the base and entry-point MSRs refuse non-canonical addresses;
 * MTRRdefType and the variable and fixed ranges refuse reserved types
 * and bits and keep valid ones; RDMSR and WRMSR ignore
 * RCX[63:32]; x2APIC MSRs are #GP while the APIC is in xAPIC mode; MSRs
 * that CPUID enumerates exist exactly when their CPUID bit is set.
 *
 * QEMU's TCG (7.2) reads IA32_TSC as 0, lets a non-existent MSR be read
 * (as 0) and written without a fault, and takes several reserved values
 * (named in each check): under TCG those checks are KFAIL, known
 * failures, and must pass under KVM. QEMU_ACCEL comes from the default
 * environ; without it the checks are strict.
 */
#include "libcflat.h"
#include "accel.h"
#include "desc.h"
#include "processor.h"
#include "string.h"

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

/* The PAT memory types: 0 UC, 1 WC, 4 WT, 5 WP, 6 WB, 7 UC-; 2, 3 and 8-255 are reserved. */
static void check_pat(void)
{
	static const u8 valid[] = { 0, 1, 4, 5, 6, 7 };
	static const u8 reserved[] = { 2, 3, 8, 0xff };
	u64 saved = rdmsr(MSR_IA32_CR_PAT), v;
	unsigned int i, byte;
	int vec;

	for (i = 0; i < ARRAY_SIZE(valid); i++) {
		v = (saved & ~0xffULL) | valid[i];
		vec = wrmsr_safe(MSR_IA32_CR_PAT, v);
		report(vec == 0 && rdmsr(MSR_IA32_CR_PAT) == v, "PAT type %u in PA0 round trip", valid[i]);
	}
	for (i = 0; i < ARRAY_SIZE(reserved); i++) {
		vec = wrmsr_safe(MSR_IA32_CR_PAT, (saved & ~0xffULL) | reserved[i]);
		report_kfail(under_tcg(), vec == GP_VECTOR, "PAT type %#x (reserved) in PA0: #GP (vector %d)",
			     reserved[i], vec);
		wrmsr(MSR_IA32_CR_PAT, saved);
	}
	for (byte = 1; byte < 8; byte++) {
		vec = wrmsr_safe(MSR_IA32_CR_PAT, (saved & ~(0xffULL << (8 * byte))) | (2ULL << (8 * byte)));
		report_kfail(under_tcg(), vec == GP_VECTOR, "PAT type 2 (reserved) in PA%u: #GP (vector %d)", byte,
			     vec);
		wrmsr(MSR_IA32_CR_PAT, saved);
	}
	report(rdmsr(MSR_IA32_CR_PAT) == saved, "PAT restored (%#" PRIx64 ")", saved);
}

static void check_efer_reserved(void)
{
	static const int reserved_bits[] = { 1, 2, 5, 7, 9, 32, 63 };	/* reserved on Intel and AMD */
	u64 efer = rdmsr(MSR_EFER);
	unsigned int i;
	int vec;

	for (i = 0; i < ARRAY_SIZE(reserved_bits); i++) {
		vec = wrmsr_safe(MSR_EFER, efer | BIT_ULL(reserved_bits[i]));
		report_kfail(under_tcg(), vec == GP_VECTOR, "EFER bit %d (reserved): #GP (vector %d)", reserved_bits[i],
			     vec);
		wrmsr(MSR_EFER, efer);
	}
	vec = wrmsr_safe(MSR_EFER, efer & ~EFER_LME);
	report_kfail(under_tcg(), vec == GP_VECTOR && (rdmsr(MSR_EFER) & EFER_LME),
		     "clearing EFER.LME with paging on: #GP (vector %d)", vec);
	wrmsr(MSR_EFER, efer);
	if (this_cpu_has(X86_FEATURE_NX)) {
		wrmsr(MSR_EFER, efer ^ EFER_NX);
		report((rdmsr(MSR_EFER) ^ efer) == EFER_NX, "EFER.NXE toggles alone");
		wrmsr(MSR_EFER, efer);
	}
}

/*
 * WRMSR of a non-canonical GS_BASE, put back within the same asm when it
 * is taken: the per-CPU data, exception_vector() included, is %gs-based.
 */
static bool gs_base_noncanonical_taken(u64 saved)
{
	u32 a = (u32)NONCANONICAL, d = (u32)(NONCANONICAL >> 32), taken = 0;

	asm volatile(ASM_TRY("1f") "wrmsr\n\t"
		     "movl %k[lo], %%eax\n\tmovl %k[hi], %%edx\n\twrmsr\n\tmovl $1, %[taken]\n1:"
		     : "+a"(a), "+d"(d), [taken] "+m"(taken)
		     : "c"(MSR_GS_BASE), [lo] "r"((u32)saved), [hi] "r"((u32)(saved >> 32)) : "memory");
	return taken;
}

static void check_noncanonical(void)
{
	static const struct { const char *name; u32 index; } msrs[] = {
		{ "LSTAR", MSR_LSTAR }, { "FS_BASE", MSR_FS_BASE }, { "KERNEL_GS_BASE", MSR_KERNEL_GS_BASE },
	};
	u64 gs = rdmsr(MSR_GS_BASE);
	unsigned int i;
	bool taken;
	int vec;

	taken = gs_base_noncanonical_taken(gs);
	vec = exception_vector();
	report_kfail(under_tcg(), !taken && vec == GP_VECTOR && rdmsr(MSR_GS_BASE) == gs,
		     "GS_BASE takes no non-canonical address: #GP (vector %d)", vec);
	for (i = 0; i < ARRAY_SIZE(msrs); i++) {
		u64 saved = rdmsr(msrs[i].index);

		vec = wrmsr_safe(msrs[i].index, NONCANONICAL);
		report_kfail(under_tcg(), vec == GP_VECTOR && rdmsr(msrs[i].index) == saved,
			     "%s takes no non-canonical address: #GP (vector %d)", msrs[i].name, vec);
		wrmsr(msrs[i].index, saved);
	}
}

#define MTRR_PHYS_BASE0		0x200
#define MTRR_PHYS_MASK0		0x201
#define MTRR_FIX64K_00000	0x250

/* An MTRR write that must fault: restore the MSR whatever happened, and report. */
static void mtrr_refused(u32 index, u64 value, const char *what)
{
	u64 saved = rdmsr(index);
	int vec = wrmsr_safe(index, value);

	report_kfail(under_tcg(), vec == GP_VECTOR, "%s: #GP (vector %d)", what, vec);
	wrmsr(index, saved);
}

/* The variable and fixed ranges (Intel SDM vol. 3 11.11.2): memory types 0, 1, 4, 5, 6 only. */
static void check_mtrr_ranges(void)
{
	u64 cap = rdmsr(MSR_MTRRcap), base, mask, fix, phys_mask;
	u8 maxphy = cpuid_maxphyaddr();

	phys_mask = ((1ULL << maxphy) - 1) & ~0xfffULL;
	if (cap & 0xff) {
		base = rdmsr(MTRR_PHYS_BASE0);
		mask = rdmsr(MTRR_PHYS_MASK0);
		wrmsr(MTRR_PHYS_MASK0, 0);
		wrmsr(MTRR_PHYS_BASE0, 0x80000000ULL | 6);
		report(rdmsr(MTRR_PHYS_BASE0) == (0x80000000ULL | 6), "MTRRphysBase0 round trip");
		wrmsr(MTRR_PHYS_MASK0, (phys_mask & ~0xfffffffULL) | BIT(11));
		report(rdmsr(MTRR_PHYS_MASK0) == ((phys_mask & ~0xfffffffULL) | BIT(11)), "MTRRphysMask0 round trip");
		mtrr_refused(MTRR_PHYS_BASE0, 0x80000000ULL | 2, "MTRRphysBase0 type 2 (reserved)");
		mtrr_refused(MTRR_PHYS_BASE0, 0x80000000ULL | 7, "MTRRphysBase0 type 7 (reserved)");
		mtrr_refused(MTRR_PHYS_BASE0, 0x80000000ULL | BIT(8) | 6, "MTRRphysBase0 bit 8 (reserved)");
		if (maxphy < 52)
			mtrr_refused(MTRR_PHYS_BASE0, BIT_ULL(maxphy) | 6, "MTRRphysBase0 bit MAXPHYADDR (reserved)");
		mtrr_refused(MTRR_PHYS_MASK0, (phys_mask & ~0xfffffffULL) | BIT(11) | 1,
			     "MTRRphysMask0 bit 0 (reserved)");
		wrmsr(MTRR_PHYS_MASK0, mask);
		wrmsr(MTRR_PHYS_BASE0, base);
	} else {
		report_skip("variable MTRRs: MTRRcap.VCNT is 0");
	}
	if (cap & BIT(8)) {
		fix = rdmsr(MTRR_FIX64K_00000);
		wrmsr(MTRR_FIX64K_00000, 0x0606060606060606ULL);
		report(rdmsr(MTRR_FIX64K_00000) == 0x0606060606060606ULL, "MTRRfix64K_00000 all-WB round trip");
		wrmsr(MTRR_FIX64K_00000, 0x0605040100060504ULL);
		report(rdmsr(MTRR_FIX64K_00000) == 0x0605040100060504ULL, "MTRRfix64K_00000 mixed types round trip");
		mtrr_refused(MTRR_FIX64K_00000, 0x0606060206060606ULL, "MTRRfix64K_00000 type 2 in byte 4 (reserved)");
		mtrr_refused(MTRR_FIX64K_00000, 0x0706060606060606ULL, "MTRRfix64K_00000 type 7 in byte 7 (reserved)");
		wrmsr(MTRR_FIX64K_00000, fix);
	} else {
		report_skip("fixed MTRRs: MTRRcap.FIX is 0");
	}
}

static void check_mtrr(void)
{
	u64 saved, v;
	int vec;

	if (!this_cpu_has(X86_FEATURE_MTRR)) {
		report_skip("MTRRs: the CPU lacks them (CPUID.1:EDX[12])");
		return;
	}
	saved = rdmsr(MSR_MTRRdefType);
	v = BIT(11) | 6;	/* MTRRs enabled, default type WB */
	vec = wrmsr_safe(MSR_MTRRdefType, v);
	report(vec == 0 && rdmsr(MSR_MTRRdefType) == v, "MTRRdefType E|WB round trip");
	vec = wrmsr_safe(MSR_MTRRdefType, BIT(11) | 2);
	report_kfail(under_tcg(), vec == GP_VECTOR, "MTRRdefType type 2 (reserved): #GP (vector %d)", vec);
	wrmsr(MSR_MTRRdefType, saved);
	vec = wrmsr_safe(MSR_MTRRdefType, saved | BIT(12));
	report_kfail(under_tcg(), vec == GP_VECTOR, "MTRRdefType bit 12 (reserved): #GP (vector %d)", vec);
	wrmsr(MSR_MTRRdefType, saved);
	report(rdmsr(MSR_MTRRdefType) == saved, "MTRRdefType restored");
	check_mtrr_ranges();
}

static void check_rcx_high(void)
{
	u64 lstar = rdmsr(MSR_LSTAR), v;
	u32 a, d;

	wrmsr(MSR_LSTAR, 0xffffffff81234000ULL);
	asm volatile("rdmsr" : "=a"(a), "=d"(d) : "c"((1ULL << 32) | MSR_LSTAR));
	v = a | ((u64)d << 32);
	report(v == 0xffffffff81234000ULL, "RDMSR ignores RCX[63:32] (%#" PRIx64 ")", v);
	asm volatile("wrmsr" : : "a"(0x1000u), "d"(0xffffffffu), "c"((1ULL << 32) | MSR_LSTAR) : "memory");
	report(rdmsr(MSR_LSTAR) == 0xffffffff00001000ULL, "WRMSR ignores RCX[63:32]");
	wrmsr(MSR_LSTAR, lstar);
}

static void check_x2apic_msrs(void)
{
	u64 v;
	int vec;

	if (rdmsr(MSR_IA32_APICBASE) & MSR_IA32_APICBASE_EXTD) {
		report_skip("x2APIC MSRs in xAPIC mode: the APIC is in x2APIC mode");
		return;
	}
	vec = rdmsr_safe(0x802, &v);
	report_kfail(under_tcg(), vec == GP_VECTOR, "xAPIC mode: RDMSR of the x2APIC ID (0x802): #GP (vector %d)", vec);
	vec = wrmsr_safe(0x808, 0);
	report_kfail(under_tcg(), vec == GP_VECTOR, "xAPIC mode: WRMSR of the x2APIC TPR (0x808): #GP (vector %d)",
		     vec);
}

/* An MSR that CPUID enumerates exists exactly when CPUID says so (Intel SDM vol. 4 ch. 2). */
struct gated_msr {
	const char *name;
	u32 index;
	bool present;
	bool write_only;
	const char *cpuid;
};

static void check_gated(void)
{
	bool amd_spec = this_cpu_has(X86_FEATURE(0x80000008, 0, EBX, 14)) ||
			this_cpu_has(X86_FEATURE(0x80000008, 0, EBX, 15)) ||
			this_cpu_has(X86_FEATURE(0x80000008, 0, EBX, 24));
	const struct gated_msr msrs[] = {
		{ "IA32_SPEC_CTRL", MSR_IA32_SPEC_CTRL, this_cpu_has(X86_FEATURE_SPEC_CTRL) || amd_spec, false,
		  "CPUID.(07H,0):EDX[26] or 80000008H:EBX[14,15,24]" },
		{ "IA32_PRED_CMD", MSR_IA32_PRED_CMD,
		  this_cpu_has(X86_FEATURE_SPEC_CTRL) || this_cpu_has(X86_FEATURE_AMD_IBPB), true,
		  "CPUID.(07H,0):EDX[26] or 80000008H:EBX[12]" },
		{ "IA32_FLUSH_CMD", MSR_IA32_FLUSH_CMD, this_cpu_has(X86_FEATURE_FLUSH_L1D), true,
		  "CPUID.(07H,0):EDX[28]" },
		{ "IA32_UMWAIT_CONTROL", MSR_IA32_UMWAIT_CONTROL, this_cpu_has(X86_FEATURE_WAITPKG), false,
		  "CPUID.(07H,0):ECX[5]" },
		{ "IA32_TSC_DEADLINE", MSR_IA32_TSCDEADLINE, this_cpu_has(X86_FEATURE_TSC_DEADLINE_TIMER), false,
		  "CPUID.1:ECX[24]" },
		{ "IA32_PKRS", MSR_IA32_PKRS, this_cpu_has(X86_FEATURE_PKS), false, "CPUID.(07H,0):ECX[31]" },
		{ "IA32_TSC_AUX", MSR_TSC_AUX, this_cpu_has(X86_FEATURE_RDTSCP) || this_cpu_has(X86_FEATURE_RDPID),
		  false, "CPUID.80000001H:EDX[27] or (07H,0):ECX[22]" },
	};
	unsigned int i;
	u64 v;
	int vec;

	for (i = 0; i < ARRAY_SIZE(msrs); i++) {
		const struct gated_msr *m = &msrs[i];

		if (m->write_only)
			vec = wrmsr_safe(m->index, 0);
		else
			vec = rdmsr_safe(m->index, &v);
		if (m->present)
			report(vec == 0, "%s (%s set): %s without a fault", m->name, m->cpuid,
			       m->write_only ? "a write of 0 goes" : "a read goes");
		else
			report_kfail(under_tcg(), vec == GP_VECTOR, "%s (%s clear): #GP (vector %d)", m->name, m->cpuid,
				     vec);
	}
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
	report_prefix_push("pat");
	check_pat();
	report_prefix_pop();
	report_prefix_push("efer");
	check_efer_reserved();
	report_prefix_pop();
	report_prefix_push("canonical");
	check_noncanonical();
	report_prefix_pop();
	report_prefix_push("mtrr");
	check_mtrr();
	report_prefix_pop();
	report_prefix_push("rcx");
	check_rcx_high();
	report_prefix_pop();
	report_prefix_push("x2apic");
	check_x2apic_msrs();
	report_prefix_pop();
	report_prefix_push("cpuid");
	check_gated();
	report_prefix_pop();
	return report_summary();
}
