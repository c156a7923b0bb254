/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmx_lib.h - running nested VMX guests: VMX operation entered from the
 * capability MSRs (VMXON region, CR0/CR4 fixed bits, IA32_FEATURE_CONTROL),
 * a VMCS whose guest starts in the host's own 64-bit state on a stack of
 * its own, the VMLAUNCH/VMRESUME path (lib/x86/vmx_entry.S), I/O and MSR
 * bitmaps, an identity EPT, and a harness of tests (struct vmx_test), each
 * a function that sets controls, enters the guest and checks the exits.
 * Every address here is physical = virtual: the library runs on the boot
 * identity map (lib/x86/cstart64.S).
 */
#ifndef _X86_VMX_LIB_H_
#define _X86_VMX_LIB_H_

#include "vmx.h"

/* The guest's general-purpose registers but RSP (which is GUEST_RSP); vmx_entry.S relies on the order. */
struct vmx_gprs {
	u64 rax, rbx, rcx, rdx, rsi, rdi, rbp;
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
};
extern struct vmx_gprs vmx_regs;

/* The capability MSRs, read once by vmx_supported(). */
struct vmx_caps {
	u64 basic, misc, ept_vpid, cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1, vmcs_enum;
	/* allowed-0 settings in the low half, allowed-1 in the high half (the TRUE_ MSRs where BASIC[55] says so) */
	u64 pin, proc, proc2, exit, entry;
};
extern struct vmx_caps vmx_caps;

/* The VMXON region and the VMCS the harness runs, both 4 KiB pages with the revision identifier. */
extern void *vmxon_region;
extern void *vmcs_root;
/* The bitmaps vmx_vmcs_init() points the VMCS at (used only when their controls are set): all clear. */
extern u8 *io_bitmap_a, *io_bitmap_b, *vmx_msr_bitmap;

/* CPUID.1:ECX[5]; when set, the capability MSRs are read into vmx_caps. */
extern bool vmx_supported(void);

/* A page holding the VMCS revision identifier (BASIC[30:0]), the rest zero. */
extern void *alloc_vmcs(void);

/*
 * Enter VMX operation: CR0 and CR4 to the fixed bits (CR4.VMXE), IA32_FEATURE_CONTROL
 * locked with VMXON allowed when the firmware left it unlocked, then VMXON; the outcome.
 */
extern int vmx_on(void);
/* The two steps of vmx_on() before VMXON, for tests of VMXON's own checks. */
extern void vmx_feature_control_lock(void);
extern void vmx_cr_fixed(void);
extern int vmx_off(void);

/* control (PIN_CONTROLS, CPU_EXEC_CTRL0 or 1, EXI_CONTROLS, ENT_CONTROLS): may the bits be 1? must they? */
extern bool vmx_ctrl_allowed1(u32 field, u32 bits);
extern u32 vmx_ctrl_must1(u32 field);

/*
 * Whether every bit of bits may be 1 in control field; if not, remember a
 * reason naming the control, which the harness prints as the test's SKIP.
 */
extern bool vmx_require(u32 field, u32 bits, const char *what);
extern const char *vmx_unsupported_reason;

/* The current VMCS's fields; a VMREAD or VMWRITE that fails is a test failure (report_abort). */
extern u64 vmcs_read(u32 enc);
extern void vmcs_write(u32 enc, u64 val);
static inline void vmcs_set_bits(u32 enc, u64 bits)
{
	vmcs_write(enc, vmcs_read(enc) | bits);
}

static inline void vmcs_clear_bits(u32 enc, u64 bits)
{
	vmcs_write(enc, vmcs_read(enc) & ~bits);
}

/*
 * vmcs_root made current and filled: host state = this CPU's, guest state
 * = the same 64-bit state, the minimal controls (what must be 1, plus
 * 64-bit host and guest), every exception exiting, no bitmaps in use.
 */
extern void vmx_vmcs_init(void);
/* Whether the current VMCS was launched: VMRESUME then, VMLAUNCH before (SDM 26.1); vmx_vmcs_init() clears it. */
extern bool vmx_launched;

/* Set a control on the current VMCS, forcing the secondary controls on for CPU_EXEC_CTRL1. */
extern void vmx_enable_ctrl(u32 field, u32 bits);

/* The guest runs fn(), then VMCALL (exit VMX_VMCALL) until the host stops entering it. */
extern void vmx_set_guest(void (*fn)(void));

/*
 * VMLAUNCH the first time, VMRESUME after; VMX_OK when the guest exited
 * (an entry failure on guest state too: EXI_REASON has bit 31), or the
 * instruction's VMX_FAIL_* (VMX_INST_ERROR says why).
 */
extern int vmx_enter_guest(void);
/* The same, failing the test unless the guest exited with reason. */
extern bool vmx_run_expect(u32 reason);
/*
 * The exit-handler loop: enter the guest, give each exit's reason to
 * handler, and enter again while it returns true; stops at a VM-entry
 * failure (a test failure), when handler returns false, or after
 * VMX_MAX_EXITS exits (a test failure: a guest that never ends). The exits.
 */
#define VMX_MAX_EXITS	1000
extern int vmx_run_loop(bool (*handler)(u32 reason));

static inline u32 vmx_exit_reason(void)
{
	return vmcs_read(EXI_REASON);
}

static inline u64 vmx_exit_qual(void)
{
	return vmcs_read(EXI_QUALIFICATION);
}

/* Resume the guest after the exiting instruction. */
static inline void vmx_skip_insn(void)
{
	vmcs_write(GUEST_RIP, vmcs_read(GUEST_RIP) + vmcs_read(EXI_INST_LEN));
}

static inline void vmcall(void)
{
	asm volatile("vmcall" : : : "memory");
}

/* Intercept port's I/O (CPU_IO_BITMAP), msr's reads or writes (CPU_MSR_BITMAP). */
extern void vmx_io_intercept(u16 port, bool on);
extern void vmx_msr_intercept(u32 msr, bool read, bool write);

/*
 * EPT: an identity map of the first 4 GiB (2 MiB pages, write-back, RWX),
 * installed with CPU_EPT by setup_ept(); ept_pte(gpa) splits gpa's 2 MiB
 * page into 4 KiB ones once and gives its 4 KiB entry; eptp is the pointer.
 */
extern bool ept_supported(void);
extern void setup_ept(void);
extern u64 *ept_pte(u64 gpa);
extern u64 eptp;

struct vmx_test {
	const char *name;
	/* NULL: always supported; else false with vmx_unsupported_reason set, for a SKIP */
	bool (*supported)(void);
	/* the test: runs after vmx_vmcs_init() */
	void (*v2)(void);
};

/* The tests whose names are in av (all when none; "-name" leaves one out); the summary's status. */
extern int run_vmx_tests(int ac, char **av, struct vmx_test *tests);

#endif /* _X86_VMX_LIB_H_ */
