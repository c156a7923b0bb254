/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.h - CPU numbering. SMP bring-up is a later step; for now the boot
 * CPU is CPU 0 and cpu_count() says how many QEMU was given (-smp).
 */
#ifndef _X86_SMP_H_
#define _X86_SMP_H_

#define MAX_CPUS	64

#ifndef __ASSEMBLER__
extern int cpu_count(void);

/* Only the boot CPU runs until SMP bring-up lands. */
static inline int smp_id(void)
{
	return 0;
}
#endif

#endif /* _X86_SMP_H_ */
