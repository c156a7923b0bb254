/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * svm_names.c - the names of SVM exit codes and CPUID Fn8000_000A
 * features, for messages. Nothing here touches the CPU, so the host test
 * (tests/svm) links this file as it is.
 */
#include "libcflat.h"
#include "svm.h"

static const char *const feat_names[32] = {
	[SVM_FEAT_NPT] = "NPT",
	[SVM_FEAT_LBRV] = "LBR virtualization",
	[SVM_FEAT_SVML] = "SVM lock",
	[SVM_FEAT_NRIPS] = "NRIP save",
	[SVM_FEAT_TSCRATEMSR] = "TSC scaling (TSC ratio MSR)",
	[SVM_FEAT_VMCBCLEAN] = "VMCB clean bits",
	[SVM_FEAT_FLUSHBYASID] = "flush by ASID",
	[SVM_FEAT_DECODEASSISTS] = "decode assists",
	[SVM_FEAT_PAUSEFILTER] = "pause filter",
	[SVM_FEAT_PFTHRESHOLD] = "pause filter threshold",
	[SVM_FEAT_AVIC] = "AVIC",
	[SVM_FEAT_VLS] = "virtualized VMLOAD/VMSAVE",
	[SVM_FEAT_VGIF] = "VGIF",
};

const char *svm_feat_name(int feat)
{
	return feat_names[feat & 31] ? feat_names[feat & 31] : "an SVM feature";
}

static const struct {
	u64 code;
	const char *name;
} exit_names[] = {
	{ SVM_EXIT_READ_CR0, "READ_CR0" }, { SVM_EXIT_READ_CR3, "READ_CR3" }, { SVM_EXIT_READ_CR4, "READ_CR4" },
	{ SVM_EXIT_READ_CR8, "READ_CR8" }, { SVM_EXIT_WRITE_CR0, "WRITE_CR0" }, { SVM_EXIT_WRITE_CR3, "WRITE_CR3" },
	{ SVM_EXIT_WRITE_CR4, "WRITE_CR4" }, { SVM_EXIT_WRITE_CR8, "WRITE_CR8" },
	{ SVM_EXIT_INTR, "INTR" }, { SVM_EXIT_NMI, "NMI" }, { SVM_EXIT_SMI, "SMI" }, { SVM_EXIT_INIT, "INIT" },
	{ SVM_EXIT_VINTR, "VINTR" }, { SVM_EXIT_CR0_SEL_WRITE, "CR0_SEL_WRITE" },
	{ SVM_EXIT_IDTR_READ, "IDTR_READ" }, { SVM_EXIT_GDTR_READ, "GDTR_READ" },
	{ SVM_EXIT_LDTR_READ, "LDTR_READ" }, { SVM_EXIT_TR_READ, "TR_READ" },
	{ SVM_EXIT_IDTR_WRITE, "IDTR_WRITE" }, { SVM_EXIT_GDTR_WRITE, "GDTR_WRITE" },
	{ SVM_EXIT_LDTR_WRITE, "LDTR_WRITE" }, { SVM_EXIT_TR_WRITE, "TR_WRITE" },
	{ SVM_EXIT_RDTSC, "RDTSC" }, { SVM_EXIT_RDPMC, "RDPMC" }, { SVM_EXIT_PUSHF, "PUSHF" },
	{ SVM_EXIT_POPF, "POPF" }, { SVM_EXIT_CPUID, "CPUID" }, { SVM_EXIT_RSM, "RSM" }, { SVM_EXIT_IRET, "IRET" },
	{ SVM_EXIT_SWINT, "SWINT" }, { SVM_EXIT_INVD, "INVD" }, { SVM_EXIT_PAUSE, "PAUSE" }, { SVM_EXIT_HLT, "HLT" },
	{ SVM_EXIT_INVLPG, "INVLPG" }, { SVM_EXIT_INVLPGA, "INVLPGA" }, { SVM_EXIT_IOIO, "IOIO" },
	{ SVM_EXIT_MSR, "MSR" }, { SVM_EXIT_TASK_SWITCH, "TASK_SWITCH" }, { SVM_EXIT_FERR_FREEZE, "FERR_FREEZE" },
	{ SVM_EXIT_SHUTDOWN, "SHUTDOWN" }, { SVM_EXIT_VMRUN, "VMRUN" }, { SVM_EXIT_VMMCALL, "VMMCALL" },
	{ SVM_EXIT_VMLOAD, "VMLOAD" }, { SVM_EXIT_VMSAVE, "VMSAVE" }, { SVM_EXIT_STGI, "STGI" },
	{ SVM_EXIT_CLGI, "CLGI" }, { SVM_EXIT_SKINIT, "SKINIT" }, { SVM_EXIT_RDTSCP, "RDTSCP" },
	{ SVM_EXIT_ICEBP, "ICEBP" }, { SVM_EXIT_WBINVD, "WBINVD" }, { SVM_EXIT_MONITOR, "MONITOR" },
	{ SVM_EXIT_MWAIT, "MWAIT" }, { SVM_EXIT_MWAIT_COND, "MWAIT_COND" }, { SVM_EXIT_XSETBV, "XSETBV" },
	{ SVM_EXIT_RDPRU, "RDPRU" }, { SVM_EXIT_NPF, "NPF" }, { SVM_EXIT_ERR, "INVALID" },
};

const char *svm_exit_name(u64 exit_code)
{
	static const char *const dr[] = { "READ_DR%d", "WRITE_DR%d" };
	static char buf[16];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(exit_names); i++) {
		if (exit_names[i].code == exit_code)
			return exit_names[i].name;
	}
	if (exit_code >= SVM_EXIT_READ_DR0 && exit_code < SVM_EXIT_EXCP_BASE) {
		snprintf(buf, sizeof(buf), dr[(exit_code >> 4) & 1], (int)(exit_code & 15));
		return buf;
	}
	if (exit_code >= SVM_EXIT_EXCP_BASE && exit_code < SVM_EXIT_INTR) {
		snprintf(buf, sizeof(buf), "EXCP #%d", (int)(exit_code - SVM_EXIT_EXCP_BASE));
		return buf;
	}
	return NULL;
}
