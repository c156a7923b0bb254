/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * io.c - the s390x console (the SCLP ASCII console: QEMU's sclpconsole
 * device) and the way out.
 *
 * Output is kept in a line buffer and handed to the SCLP a line at a time:
 * each SERVICE CALL is a trip to the hypervisor, too slow per character.
 * Input comes the same way (read event data), as much as the SCLP holds
 * at a time; getchar() hands it out a character per call and never waits.
 *
 * Exit: print "EXIT: STATUS=n", stop the other CPUs and then this one with
 * SIGP STOP. When the last CPU stops QEMU ends (it exits 0, under TCG and
 * KVM alike); s390x/run reads the status from that line, and a guest that
 * stops or crashes without it gives "no status" (3), never a pass.
 */
#include "libcflat.h"
#include "exit_line.h"
#include "asm/spinlock.h"
#include "processor.h"
#include "sclp.h"
#include "smp.h"
#include "io.h"

static struct spinlock con_lock;
static char con_buf[256];
static size_t con_len;
static int last_char = '\n';

static void con_flush(void)
{
	sclp_console_write(con_buf, con_len);
	con_len = 0;
}

void io_init(void)
{
	sclp_console_setup();
}

void io_break_locks(void)
{
	spin_unlock(&con_lock);
	sclp_break_lock();
}

int putchar(int c)
{
	spin_lock(&con_lock);
	con_buf[con_len++] = c;
	if (c == '\n' || con_len == sizeof(con_buf))
		con_flush();
	last_char = c;
	spin_unlock(&con_lock);
	return (unsigned char)c;
}

int getchar(void)
{
	static char in_buf[SCCB_SIZE];
	static int in_len, in_next;
	int c = -1;

	spin_lock(&con_lock);
	if (in_next == in_len) {
		/* Not inside MAX(): that would read twice and drop the first read's input. */
		in_len = sclp_console_read(in_buf);
		in_len = MAX(in_len, 0);
		in_next = 0;
	}
	if (in_next < in_len)
		c = (unsigned char)in_buf[in_next++];
	spin_unlock(&con_lock);
	return c;
}

void exit(int code)
{
	/* Another CPU exiting at the same time waits in exit_line() to be stopped. */
	exit_line(code, smp_processor_id(), last_char == '\n');
	smp_stop_all();
}
