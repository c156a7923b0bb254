/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sbi.c - the library's SBI calls (asm/sbi.h): probing extensions, and the
 * timer, HSM, IPI and reset calls with a fallback to the legacy (v0.1)
 * functions where a firmware predates an extension.
 */
#include "libcflat.h"
#include "asm/sbi.h"

/* Extensions probed so far: a bit each for the ones the library asks about. */
static const unsigned long probed_exts[] = { SBI_EXT_TIME, SBI_EXT_IPI, SBI_EXT_HSM, SBI_EXT_SRST, SBI_EXT_DBCN };
static u8 probe_state[ARRAY_SIZE(probed_exts)];	/* 0 unknown, 1 absent, 2 present */

static bool probe_uncached(unsigned long ext)
{
	struct sbiret ret = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, ext, 0, 0, 0, 0, 0);

	/* probe_extension: value 0 if absent, an extension-specific nonzero value if present. */
	return !ret.error && ret.value;
}

bool sbi_probe(unsigned long ext)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(probed_exts); i++) {
		if (probed_exts[i] != ext)
			continue;
		if (!probe_state[i])
			probe_state[i] = probe_uncached(ext) ? 2 : 1;
		return probe_state[i] == 2;
	}
	return probe_uncached(ext);
}

const char *sbi_strerror(long err)
{
	static const char *const names[] = {
		"SBI_SUCCESS", "SBI_ERR_FAILED", "SBI_ERR_NOT_SUPPORTED", "SBI_ERR_INVALID_PARAM",
		"SBI_ERR_DENIED", "SBI_ERR_INVALID_ADDRESS", "SBI_ERR_ALREADY_AVAILABLE",
		"SBI_ERR_ALREADY_STARTED", "SBI_ERR_ALREADY_STOPPED",
	};

	if (err <= 0 && -err < (long)ARRAY_SIZE(names))
		return names[-err];
	return "unknown SBI error";
}

void sbi_set_timer(u64 when)
{
	if (sbi_probe(SBI_EXT_TIME))
		sbi_ecall(SBI_EXT_TIME, SBI_EXT_TIME_SET_TIMER, when, 0, 0, 0, 0, 0);
	else
		sbi_legacy_ecall(SBI_EXT_0_1_SET_TIMER, when);
}

struct sbiret sbi_hart_start(unsigned long hartid, unsigned long start, unsigned long opaque)
{
	return sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_START, hartid, start, opaque, 0, 0, 0);
}

struct sbiret sbi_hart_get_status(unsigned long hartid)
{
	return sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_STATUS, hartid, 0, 0, 0, 0, 0);
}

struct sbiret sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	return sbi_ecall(SBI_EXT_IPI, SBI_EXT_IPI_SEND_IPI, hart_mask, hart_mask_base, 0, 0, 0, 0);
}

void sbi_shutdown(void)
{
	if (sbi_probe(SBI_EXT_SRST))
		sbi_ecall(SBI_EXT_SRST, SBI_EXT_SRST_RESET, SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_NONE, 0, 0, 0, 0);
	sbi_legacy_ecall(SBI_EXT_0_1_SHUTDOWN, 0);
}
