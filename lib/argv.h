/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * argv.h - turn what the loader gave (a command line, an environ blob)
 * into main's argv and the environment behind getenv(). Called by each
 * arch's setup before main.
 */
#ifndef _ARGV_H_
#define _ARGV_H_

#include "libcflat.h"

#define ARGV_MAX	128
#define ENV_MAX_VARS	512

/* argv[0] is progname; args are split at white space into argv[1..]. */
extern void setup_args_progname(const char *progname, const char *args);
/* Like QEMU's multiboot command line: the first word is the image's path. */
extern void setup_args_cmdline(const char *cmdline);

/*
 * Parse KEY=VAL lines (blank lines and '#' comments allowed) from a blob
 * of size bytes; it is copied, so the loader's memory may be reused after.
 * A malformed line aborts the test with its line number: a test must not
 * run with an environment other than the one it was given.
 */
extern void setup_env(const char *env, size_t size);

/* The value of the first KEY=VALUE word in argv[1..argc-1], or NULL: a test's own options. */
extern const char *argv_find_value(int argc, char **argv, const char *key);

#endif /* _ARGV_H_ */
