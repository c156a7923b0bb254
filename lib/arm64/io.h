/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * io.h - where the arm64 console is (setup.c moves it to the device tree's
 * UART once it has read it).
 */
#ifndef _ARM64_IO_H_
#define _ARM64_IO_H_

#include "libcflat.h"

extern void io_set_uart(phys_addr_t base);
extern phys_addr_t io_uart_base(void);

#endif /* _ARM64_IO_H_ */
