/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stdlib.h - number parsing (lib/strtol.c) and the allocator entry points.
 */
#ifndef _STDLIB_H_
#define _STDLIB_H_

/* malloc, calloc, memalign and free, as a hosted <stdlib.h> declares them */
#include "alloc.h"

extern long strtol(const char *nptr, char **endptr, int base);
extern unsigned long strtoul(const char *nptr, char **endptr, int base);
extern long long strtoll(const char *nptr, char **endptr, int base);
extern unsigned long long strtoull(const char *nptr, char **endptr, int base);

#endif /* _STDLIB_H_ */
