/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util.h - helpers tests share for reading their arguments (kvm-unit-tests'
 * names), e.g. -append 'smp=2 mem=256'.
 */
#ifndef _UTIL_H_
#define _UTIL_H_

#include "libcflat.h"

/*
 * Split "key=number": store the number (decimal, 0x hex or 0 octal) in *val
 * and return the offset of the '=', or -1 when s has no '='.
 */
extern int parse_keyval(char *s, long *val);

#endif /* _UTIL_H_ */
