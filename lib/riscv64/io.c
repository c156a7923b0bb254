/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * io.c - the riscv64 console and the way out, both through the SBI.
 *
 * Console: the Debug Console extension (DBCN) where the firmware has it,
 * else the legacy console_putchar/console_getchar calls, which every
 * OpenSBI still provides. getchar() returns -1 when nothing is there.
 *
 * Exit: print "EXIT: STATUS=n" and shut down with SRST (else the legacy
 * shutdown call). riscv/run reads the status from that line; a guest that
 * powers off (or crashes) without it gives "no status" (3), never a pass.
 */
#include "libcflat.h"
#include "exit_line.h"
#include "asm/page.h"
#include "asm/processor.h"
#include "asm/sbi.h"
#include "asm/smp.h"

static int last_char = '\n';

int putchar(int c)
{
	if (sbi_probe(SBI_EXT_DBCN))
		sbi_ecall(SBI_EXT_DBCN, SBI_EXT_DBCN_CONSOLE_WRITE_BYTE, (u8)c, 0, 0, 0, 0, 0);
	else
		sbi_legacy_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, (u8)c);
	last_char = c;
	return (unsigned char)c;
}

int getchar(void)
{
	struct sbiret ret;
	u8 c;

	if (!sbi_probe(SBI_EXT_DBCN)) {
		long v = sbi_legacy_ecall(SBI_EXT_0_1_CONSOLE_GETCHAR, 0);

		return v < 0 ? -1 : (int)(v & 0xff);
	}
	/* The buffer is given by its physical address: RAM is identity mapped. */
	ret = sbi_ecall(SBI_EXT_DBCN, SBI_EXT_DBCN_CONSOLE_READ, 1, virt_to_phys(&c), 0, 0, 0, 0);
	if (ret.error || ret.value != 1)
		return -1;
	return c;
}

void exit(int code)
{
	exit_line(code, smp_processor_id(), last_char == '\n');
	sbi_shutdown();
	/* Still here: the firmware cannot shut down. The run script's timeout ends the run. */
	printf("exit(%d): SBI shutdown failed; halting\n", code);
	halt();
}
