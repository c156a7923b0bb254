/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * accel.h - which accelerator runs the test, for checks that QEMU's TCG
 * is known to fail: they are report_kfail(under_tcg(), ...), known
 * failures under TCG and strict everywhere else. QEMU_ACCEL comes from
 * the default environ the run scripts give; without it nothing is
 * excused.
 */
#ifndef _ACCEL_H_
#define _ACCEL_H_

#include "libcflat.h"

static inline bool under_tcg(void)
{
	const char *accel = getenv("QEMU_ACCEL");

	return accel && !strncmp(accel, "tcg", 3);
}

#endif /* _ACCEL_H_ */
