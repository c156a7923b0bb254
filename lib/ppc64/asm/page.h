/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/page.h - ppc64 page size and address conversions. The MMU stays off
 * (real mode): virtual and physical addresses are the same.
 */
#ifndef _ASM_PPC64_PAGE_H_
#define _ASM_PPC64_PAGE_H_

#include "config.h"

#define PAGE_SHIFT		CONFIG_PAGE_SHIFT
#include "asm-generic/page.h"

#endif /* _ASM_PPC64_PAGE_H_ */
