/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * setjmp.h - non-local jumps, so a test can come back from an exception
 * handler or a deep failure path; the arch implements them in assembly.
 */
#ifndef _SETJMP_H_
#define _SETJMP_H_

/* Room for the callee-saved registers of every supported arch. */
typedef struct {
	long regs[32];
} jmp_buf[1];

extern int setjmp(jmp_buf env) __attribute__((__returns_twice__));
extern void longjmp(jmp_buf env, int val) __attribute__((__noreturn__));

#endif /* _SETJMP_H_ */
