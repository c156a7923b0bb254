/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * svm_lib.h - running nested SVM guests: SVM set up on this CPU
 * (EFER.SVME, VM_HSAVE_PA), a VMCB that starts the guest in the host's own
 * 64-bit state, the VMRUN path, the I/O and MSR permission maps, an
 * identity nested page table, and a harness of tests (struct svm_test)
 * that run a guest function, handle its exits and give a verdict.
 * kvm-unit-tests' names where they serve (vmcb, vmcb_ident, svm_vmrun,
 * npt_get_pte, run_svm_tests, ...).
 */
#ifndef _X86_SVM_LIB_H_
#define _X86_SVM_LIB_H_

#include "libcflat.h"
#include "processor.h"
#include "svm.h"

/* The guest's general-purpose registers but RAX (which is vmcb->save.rax); svm_entry.S relies on the order. */
struct svm_gprs {
	u64 rbx, rcx, rdx, rsi, rdi, rbp;
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
};

/* The VMCB the harness runs, and the guest registers svm_vmrun() loads and saves. */
extern struct vmcb *vmcb;
extern struct svm_gprs svm_regs;
/* The permission maps vmcb_ident() points the VMCB at: all clear (nothing intercepted) after it. */
extern u8 *io_bitmap;
extern u8 *msr_bitmap;

/* CPUID Fn8000_000A EDX bit (SVM_FEAT_*), and the SVM feature itself. */
extern bool svm_supported(void);
extern bool svm_has(int feat);

/*
 * Whether the CPU has SVM feature feat; if not, remember a reason naming
 * it, which the harness prints as the test's SKIP. For supported().
 */
extern bool svm_require(int feat);
extern const char *svm_unsupported_reason;

static inline bool npt_supported(void)
{
	return svm_require(SVM_FEAT_NPT);
}

static inline bool vgif_supported(void)
{
	return svm_require(SVM_FEAT_VGIF);
}

static inline bool lbrv_supported(void)
{
	return svm_require(SVM_FEAT_LBRV);
}

static inline bool tsc_scale_supported(void)
{
	return svm_require(SVM_FEAT_TSCRATEMSR);
}

static inline bool pause_filter_supported(void)
{
	return svm_require(SVM_FEAT_PAUSEFILTER);
}

static inline bool pause_threshold_supported(void)
{
	return svm_require(SVM_FEAT_PFTHRESHOLD);
}

static inline bool default_supported(void)
{
	return true;
}

/*
 * Turn on EFER.SVME, give the CPU its host save area, allocate the VMCB,
 * the permission maps, a guest stack and (with NPT) the nested page
 * table. Call once, after checking svm_supported().
 */
extern void setup_svm(void);

/*
 * A guest in the host's state: 64-bit, the host's CR0/CR3/CR4/EFER, GDT,
 * IDT, segments and VMSAVE state (so the guest shares its page tables,
 * exception handlers and per-CPU data), RFLAGS 2 (IF clear), ASID 1,
 * VMRUN and VMMCALL intercepted, the permission maps attached and clear,
 * V_INTR_MASKING set (physical interrupts stay the host's), NPT on when
 * the CPU has it. RIP and RSP are left for the caller.
 */
extern void vmcb_ident(struct vmcb *vmcb);

/*
 * vmcb_ident(vmcb), svm_regs cleared, and the guest to start at rip on the
 * harness's guest stack (16-byte aligned less 8, as after a call).
 */
extern void svm_setup_vmrun(u64 rip);

/* Run vmcb (the global) once with svm_regs; return the exit code. */
extern u64 svm_vmrun(void);
/* Run a given VMCB with given registers. */
extern u64 svm_vmrun_vmcb(struct vmcb *v, struct svm_gprs *gprs);

static inline void vmcb_set_intercept(u64 bit)
{
	vmcb->control.intercept[bit / 32] |= 1U << (bit % 32);
}

static inline void vmcb_clear_intercept(u64 bit)
{
	vmcb->control.intercept[bit / 32] &= ~(1U << (bit % 32));
}

/* Intercept (or not) reads and writes of msr through the MSR permission map. */
extern void svm_msrpm_set(u32 msr, bool read, bool write);
/* Intercept (or not) I/O at port through the I/O permission map. */
extern void svm_iopm_set(u32 port, bool intercept);

/* Guest RIP past the instruction that exited (len bytes; NRIP save is not needed). */
static inline void svm_skip_insn(int len)
{
	vmcb->save.rip += len;
}

static inline void stgi(void)
{
	asm volatile("stgi" : : : "memory");
}

static inline void clgi(void)
{
	asm volatile("clgi" : : : "memory");
}

static inline void vmmcall(void)
{
	asm volatile("vmmcall" : : : "memory");
}

/*
 * The nested page table: an identity map of guest-physical addresses with
 * 2 MiB pages (user, writable, executable, as nested walks require user
 * access). npt_get_pte() splits the 2 MiB page around address into 4 KiB
 * pages first. The entries returned may be changed; a test that changes
 * one sets vmcb->control.tlb_ctl so that VMRUN drops stale translations.
 * Only with NPT (setup_svm() builds the table when the CPU has it).
 */
extern u64 *npt_get_pml4e(void);
extern u64 *npt_get_pdpe(u64 address);
extern u64 *npt_get_pde(u64 address);
extern u64 *npt_get_pte(u64 address);

/*
 * One test of the harness. Only name and guest_func are needed:
 * - supported(): false skips the test (svm_require() names the feature);
 * - prepare(): changes to vmcb_ident()'s VMCB before the first VMRUN;
 * - guest_func(): the guest, called with the test on a stack of its own;
 *   when it returns the guest executes VMMCALL;
 * - finished(): after each exit; true ends the test. The default takes
 *   the final VMMCALL as the end and any other exit as a failure;
 * - succeeded(): the verdict, reported under the test's name (tests may
 *   report more facts themselves and leave it NULL);
 * - v2(): instead of all the above but supported(), a function that runs
 *   guests itself (svm_setup_vmrun(), svm_vmrun()) and reports.
 */
struct svm_test {
	const char *name;
	bool (*supported)(void);
	void (*prepare)(struct svm_test *test);
	void (*guest_func)(struct svm_test *test);
	bool (*finished)(struct svm_test *test);
	bool (*succeeded)(struct svm_test *test);
	void (*v2)(void);
	int exits;
	ulong scratch;
	volatile int stage;
	volatile bool guest_done;
};

/*
 * The default finished(): a VMMCALL is skipped (RIP + 3) and ends the test
 * once guest_func has returned (guest_done); any other exit is a FAIL
 * naming it, and ends the test.
 */
extern bool default_finished(struct svm_test *test);

static inline int get_test_stage(struct svm_test *test)
{
	return test->stage;
}

static inline void set_test_stage(struct svm_test *test, int s)
{
	test->stage = s;
}

static inline void inc_test_stage(struct svm_test *test)
{
	test->stage++;
}

/*
 * Run the tests of the NULL-terminated (name == NULL) table. Arguments
 * select tests: NAME runs it, -NAME leaves it out; none runs all. The
 * return value is report_summary()'s.
 */
extern int run_svm_tests(int ac, char **av, struct svm_test *tests);

#endif /* _X86_SVM_LIB_H_ */
