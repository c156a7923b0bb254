/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util.c - argument helpers of util.h.
 */
#include "libcflat.h"
#include "string.h"
#include "stdlib.h"
#include "util.h"

int parse_keyval(char *s, long *val)
{
	char *eq = strchr(s, '=');

	if (!eq)
		return -1;
	*val = strtol(eq + 1, NULL, 0);
	return eq - s;
}
