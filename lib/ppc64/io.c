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
#include "asm/spinlock.h"
#include "asm/ppc.h"
#include "hcall.h"
#include "processor.h"
#include "rtas.h"
#include "io.h"

#define QEMU_FIRST_VTY	0x71000000

static u32 vterm = QEMU_FIRST_VTY;
static struct spinlock exit_lock;
static int exit_owner = -1;	/* the CPU in exit(), which may come back through an exception */
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

/*
 * Statuses are those of x86 (see lib/x86/io.c), whose exit device can carry
 * 0..118 only: the same range here keeps a test's status the same on every
 * arch, and apart from the runner's own 124 and 128 + N.
 */
static int exit_status(int code)
{
	return code >= 0 && code <= 118 ? code : EXIT_FAIL;
}

void exit(int code)
{
	/* One CPU reports; another one exiting at the same time waits here for the power-off. */
	if (__atomic_load_n(&exit_owner, __ATOMIC_RELAXED) != smp_processor_id()) {
		spin_lock(&exit_lock);
		exit_owner = smp_processor_id();
	}
	/* The line must start a line of its own for powerpc/run to see it. */
	if (last_char != '\n')
		putchar('\n');
	printf("EXIT: STATUS=%d\n", exit_status(code));
	rtas_power_off();
}
