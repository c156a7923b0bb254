/*
 * fuzz.c - libFuzzer target for the device tree reader: each input is a
 * blob; dt_exercise() runs every query on it. Built like lib/ (rename.h),
 * so libFuzzer's entry point is all it needs from outside.
 */
#include "libcflat.h"
#include "devicetree.h"
#include "exercise.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (!dt_init(data, size))
		dt_exercise();
	return 0;
}
