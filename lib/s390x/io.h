/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * io.h - the s390x console's internals that the interruption code needs.
 */
#ifndef _S390X_IO_H_
#define _S390X_IO_H_

/* Set up the SCLP console (setup.c, before anything is printed). */
extern void io_init(void);
/* For the unexpected-interruption path: the console must work even if the fault hit inside it. */
extern void io_break_locks(void);

#endif /* _S390X_IO_H_ */
