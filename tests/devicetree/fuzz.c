/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz.c - libFuzzer target for the device tree reader: each input is a
 * blob; dt_exercise() runs every query on it, and on its compact copy. Built like lib/ (rename.h),
 * so libFuzzer's entry point is all it needs from outside.
 */
#include "libcflat.h"
#include "devicetree.h"
#include "exercise.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

/* run.sh passes -max_len=65536: a compact copy is never larger than its input. */
static u8 compact[65536];

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u32 used;

	if (dt_init(data, size))
		return 0;
	dt_exercise();
	/* What boot does next: the compact copy must still be a tree. */
	if (size > sizeof(compact))
		return 0;
	used = dt_copy_compact(compact);
	if (dt_init(compact, used))
		__builtin_trap();
	dt_exercise();
	return 0;
}
