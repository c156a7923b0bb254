/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exit.c - boots and returns 0 at once: the image the boot benchmarks
 * (bench/ARCH-boot.sh) time against an exit-at-once kernel, and the shortest
 * check that an image's status reaches the run script. A run script or boot
 * path that loses the status, or a firmware that never reaches the kernel,
 * fails it.
 */
#include "libcflat.h"

int main(void)
{
	return 0;
}
