/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/io.h (s390x) - MMIO accessors with kvm-unit-tests' names (readl,
 * writel, ioremap, le32_to_cpu, ...), so that a generic test including
 * <asm/io.h> builds here too: the generic ones serve (asm-generic/io.h).
 */
#ifndef _ASM_S390X_IO_H_
#define _ASM_S390X_IO_H_

#include "asm-generic/io.h"

#endif /* _ASM_S390X_IO_H_ */
