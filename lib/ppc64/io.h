/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * io.h - the ppc64 console (the hypervisor's virtual terminal) and halt.
 */
#ifndef _PPC64_IO_H_
#define _PPC64_IO_H_

#include "libcflat.h"

/* The vterm's number (its "reg" in /vdevice); setup.c sets it from the device tree. */
extern void io_set_vterm(u32 termno);
extern u32 io_vterm(void);
/* Stop this CPU for good (waits with interrupts off; only a reset ends it). */
extern void halt(void) __noreturn;

#endif /* _PPC64_IO_H_ */
