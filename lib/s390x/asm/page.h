/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/page.h - s390x pages are 4 KiB; RAM is identity-mapped when DAT is
 * on, so virtual and physical (real) addresses are the same.
 */
#ifndef _ASM_S390X_PAGE_H_
#define _ASM_S390X_PAGE_H_

#define PAGE_SHIFT		12
#include "asm-generic/page.h"

#endif /* _ASM_S390X_PAGE_H_ */
