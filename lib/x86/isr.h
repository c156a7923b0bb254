/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * isr.h - interrupt handlers (kvm-unit-tests' names): handle_irq(vector,
 * fn) makes fn the handler of an external interrupt or IPI vector. fn gets
 * the interrupted registers and must send the EOI itself (eoi()).
 */
#ifndef _X86_ISR_H_
#define _X86_ISR_H_

#include "desc.h"

typedef struct ex_regs isr_regs_t;

static inline void handle_irq(unsigned int vector, void (*fn)(isr_regs_t *regs))
{
	handle_exception(vector, fn);
}

#endif /* _X86_ISR_H_ */
