/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stack.h - backtraces from frame pointers (every image is built with
 * -fno-omit-frame-pointer); the arch says where a frame keeps its links.
 */
#ifndef _STACK_H_
#define _STACK_H_

#include "libcflat.h"

#define MAX_DEPTH	32

/* The caller's frame of the frame at fp, and the return address into it (arch-specific layouts). */
extern const void *const *frame_unwind(const void *const *fp, const void **ret);
/* Fill ret with up to max return addresses, starting at frame; return how many. */
extern int backtrace_frame(const void *frame, const void **ret, int max);
extern int backtrace(const void **ret, int max);
extern void print_backtrace(const void **ret, int depth);
/* Print the backtrace of an exception: "pc=@pc", then the frames from fp. */
extern void dump_frame_stack(const void *pc, const void *fp);

#endif /* _STACK_H_ */
