/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz_main.c - the libFuzzer side of the allocator fuzz target, built
 * against the host libc: it counts inputs and operations and says how many
 * ran when the fuzzer exits. The operations are in fuzz_ops.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

extern unsigned long fuzz_one(const uint8_t *data, size_t size);

static unsigned long long nr_ops, nr_inputs;

static void print_counts(void)
{
	printf("alloc_fuzz: %llu operations in %llu inputs, each followed by the invariant checker\n",
	       nr_ops, nr_inputs);
	fflush(stdout);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	atexit(print_counts);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nr_ops += fuzz_one(data, size);
	nr_inputs++;
	return 0;
}
