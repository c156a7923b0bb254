/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exit.c - boots and exits at once: the image bench/ppc64-boot.sh times
 * against a test that returns 0, and the shortest check that an image
 * reports its status (a hypervisor whose RTAS power-off or vterm is broken
 * fails it).
 */
#include "libcflat.h"

int main(void)
{
	exit(0);
}
