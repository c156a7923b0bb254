/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * io.c - the x86 console (16550 UART, COM1 at 0x3f8) and the way out:
 * QEMU's isa-debug-exit device at port 0xf4, or, where it is absent (Bochs),
 * an "EXIT: STATUS=n" console line and Bochs' shutdown port.
 */
#include "libcflat.h"
#include "asm/io.h"
#include "desc.h"
#include "smp.h"
#include "exit_line.h"

#define COM1		0x3f8
#define UART_THR	0	/* transmit holding register */
#define UART_RBR	0	/* receive buffer */
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_LSR_DR	0x01	/* a byte is waiting */
#define UART_LSR_THRE	0x20	/* room to send */
#define UART_LSR_TEMT	0x40	/* everything sent */
#define UART_DLL	0
#define UART_DLM	1

#define DEBUG_EXIT_PORT	0xf4
/* Bochs powers off when the string "Shutdown" is written to this port, a byte at a time. */
#define BOCHS_SHUTDOWN_PORT	0x8900

static char last_char = '\n';

void serial_init(void);

/* 115200 8N1, no interrupts, FIFOs on: what a real 16550 needs, harmless in QEMU. */
void serial_init(void)
{
	outb(0x00, COM1 + UART_IER);
	outb(0x80, COM1 + UART_LCR);
	outb(0x01, COM1 + UART_DLL);
	outb(0x00, COM1 + UART_DLM);
	outb(0x03, COM1 + UART_LCR);
	outb(0x07, COM1 + UART_FCR);
	outb(0x03, COM1 + UART_MCR);
}

int putchar(int c)
{
	/* QEMU's UART is always ready; a bounded wait keeps a broken one from hanging us. */
	int spins = 100000;

	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	outb(c, COM1 + UART_THR);
	last_char = c;
	return (unsigned char)c;
}

int getchar(void)
{
	if (!(inb(COM1 + UART_LSR) & UART_LSR_DR))
		return -1;
	return inb(COM1 + UART_RBR);
}

/*
 * isa-debug-exit makes QEMU exit with (value << 1) | 1. The value is
 * chosen so that x86/run can tell every status apart from QEMU's own
 * errors (1) and from deaths by a signal (128 + N, odd for the common
 * signals 1..15): codes 0..62 are sent as code + 1 (QEMU: 3..127), codes
 * 63..118 as code + 9 (QEMU: 145..255). Any other code is a failure
 * nobody planned: it is named on the console and reported as EXIT_FAIL.
 */
static u32 debug_exit_value(int code)
{
	if (code >= 0 && code <= 62)
		return code + 1;
	if (code >= 63 && code <= 118)
		return code + 9;
	printf("exit(%d): the code is out of range (0 to 118): reported as %d\n", code, EXIT_FAIL);
	return EXIT_FAIL + 1;
}

void exit(int code)
{
	struct descriptor_table_ptr no_idt = { 0, 0 };
	const char *off = "Shutdown";
	int spins;

	outl(debug_exit_value(code), DEBUG_EXIT_PORT);
	/*
	 * Still here: no isa-debug-exit device. The status goes out as the
	 * console line the Bochs runner reads (scripts/bochs.bash), then
	 * Bochs is told to power off. A QEMU run reads its status from the
	 * port only, so there the line changes nothing.
	 */
	exit_line(code, smp_id(), last_char == '\n');
	/* Bochs sends at the line's baud rate: a power-off now would lose the FIFO's last bytes. */
	for (spins = 10000000; !(inb(COM1 + UART_LSR) & UART_LSR_TEMT) && --spins;)
		;
	while (*off)
		outb(*off++, BOCHS_SHUTDOWN_PORT);
	/*
	 * Still here: neither. Say so, then reset the machine with a triple
	 * fault, which QEMU with -no-reboot turns into an exit without a
	 * status - never a silent pass.
	 */
	printf("exit(%d): no isa-debug-exit device at port %#x; resetting\n", code, DEBUG_EXIT_PORT);
	lidt(&no_idt);
	asm volatile("int3");
	for (;;)
		asm volatile("cli; hlt");
}
