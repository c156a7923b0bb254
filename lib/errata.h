/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Errata guards: ERRATA(commit) lets a test run code that is unsafe on a host
 * kernel without that commit. The runner puts ERRATA_<commit>=y|n in the
 * environ from errata.txt and the host kernel version, and ERRATA_FORCE=y
 * under "run_tests.sh -a" and under tcg.
 *
 *   ERRATA(abcdef012345)          true when ERRATA_abcdef012345 or
 *                                 ERRATA_FORCE is y: for unsafe tests
 *   ERRATA_RELAXED(abcdef012345)  true unless ERRATA_abcdef012345 is n
 *                                 (and ERRATA_FORCE is not y): for tests
 *                                 that are safe unless a fix is known absent
 */
#ifndef _ERRATA_H_
#define _ERRATA_H_

#include "libcflat.h"
#include "string.h"

#define _ERRATA_NAME(erratum) "ERRATA_" #erratum
#define ERRATA(erratum) errata_enabled(_ERRATA_NAME(erratum))
#define ERRATA_RELAXED(erratum) errata_relaxed(_ERRATA_NAME(erratum))

static inline bool errata_is(const char *name, const char *value)
{
	const char *s = getenv(name);

	return s && !strcmp(s, value);
}

static inline bool errata_force(void)
{
	return errata_is("ERRATA_FORCE", "y");
}

static inline bool errata_enabled(const char *name)
{
	return errata_force() || errata_is(name, "y");
}

static inline bool errata_relaxed(const char *name)
{
	return errata_force() || !errata_is(name, "n");
}

#endif
