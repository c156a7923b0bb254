/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * io.c - the arm and arm64 console (a PL011 UART) and the way out.
 *
 * The UART is the one /chosen/stdout-path names; until the device tree is
 * read, it is assumed at 0x09000000, where QEMU's virt machine has it.
 *
 * Exit: print "EXIT: STATUS=n" and power off with PSCI SYSTEM_OFF. arm/run
 * reads the status from that line; a guest that powers off (or crashes)
 * without it gives "no status" (3), never a pass. This needs nothing but
 * the console and PSCI, so it works the same under TCG and KVM.
 */
#include "libcflat.h"
#include "exit_line.h"
#include "asm/io.h"
#include "asm/processor.h"
#include "asm/psci.h"
#include "asm/smp.h"

#define PL011_DR	0x00	/* data */
#define PL011_FR	0x18	/* flags */
#define PL011_FR_RXFE	(1 << 4)	/* receive FIFO empty */
#define PL011_FR_TXFF	(1 << 5)	/* transmit FIFO full */

static volatile u8 *uart = (volatile u8 *)0x09000000UL;
static int last_char = '\n';

void io_set_uart(phys_addr_t base)
{
	uart = phys_to_virt(base);
}

phys_addr_t io_uart_base(void)
{
	return virt_to_phys((void *)uart);
}

int putchar(int c)
{
	/* QEMU's UART is never full; a bounded wait keeps a wedged one from hanging us. */
	int spins = 100000;

	while ((readl(uart + PL011_FR) & PL011_FR_TXFF) && --spins)
		;
	writel((u8)c, uart + PL011_DR);
	last_char = c;
	return (unsigned char)c;
}

int getchar(void)
{
	if (readl(uart + PL011_FR) & PL011_FR_RXFE)
		return -1;
	return readl(uart + PL011_DR) & 0xff;
}

void exit(int code)
{
	exit_line(code, smp_processor_id(), last_char == '\n');
	psci_system_off();
	/* Still here: PSCI is missing or broken. The run script's timeout ends the run. */
	printf("exit(%d): PSCI SYSTEM_OFF failed; halting\n", code);
	halt();
}
