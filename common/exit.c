/*
 * exit.c - boots and exits at once: the image bench/arm64-boot.sh times,
 * and the shortest check that an image reports its status.
 */
#include "libcflat.h"

int main(void)
{
	exit(0);
}
