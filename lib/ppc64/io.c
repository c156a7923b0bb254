/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * io.c - the ppc64 console and the way out.
 *
 * Console: the pseries virtual terminal, through the hypercalls
 * H_PUT_TERM_CHAR and H_GET_TERM_CHAR. Its number is the vty node's "reg"
 * (setup.c reads it); until then it is 0x71000000, QEMU's first vty.
 *
 * Exit: print "EXIT: STATUS=n" and power off with RTAS. powerpc/run reads
 * the status from that line; a guest that powers off (or crashes) without
 * it gives "no status" (3), never a pass. Like arm64, this needs nothing
 * but the console and a call to the hypervisor, so it is the same under
 * TCG and KVM.
 */
#include "libcflat.h"
#include "exit_line.h"
#include "asm/ppc.h"
#include "hcall.h"
#include "processor.h"
#include "rtas.h"
#include "io.h"

#define QEMU_FIRST_VTY	0x71000000

static u32 vterm = QEMU_FIRST_VTY;
static int last_char = '\n';

void io_set_vterm(u32 termno)
{
	vterm = termno;
}

u32 io_vterm(void)
{
	return vterm;
}

int putchar(int c)
{
	/* The characters travel in r6/r7, first one in the most significant byte. */
	hcall(H_PUT_TERM_CHAR, vterm, 1, (unsigned long)(u8)c << 56, 0, NULL);
	last_char = c;
	return (unsigned char)c;
}

int getchar(void)
{
	unsigned long ret[3];

	if (hcall(H_GET_TERM_CHAR, vterm, 0, 0, 0, ret) != H_SUCCESS || ret[0] == 0)
		return -1;
	return ret[1] >> 56;
}

void halt(void)
{
	for (;;)
		asm volatile("or 1,1,1" : : : "memory");	/* low priority: let the other threads run */
}

void exit(int code)
{
	exit_line(code, smp_processor_id(), last_char == '\n');
	rtas_power_off();
}
