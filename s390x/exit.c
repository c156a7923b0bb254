/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exit.c - boots and exits at once: the image bench/s390x-boot.sh times,
 * and the shortest check that an image reports its status (a hypervisor
 * that loses the console's last line or never stops on SIGP STOP fails it).
 */
#include "libcflat.h"

int main(void)
{
	exit(0);
}
