/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/setup.h - what kvm-unit-tests' x86 tests take from its boot code:
 * setup_5level_page_table() (declared with the page-table API, vm.h; lib/x86/la57.c).
 */
#ifndef _ASM_X86_SETUP_H_
#define _ASM_X86_SETUP_H_

#include "acpi.h"
#include "apic.h"
#include "processor.h"
#include "smp.h"
#include "vm.h"
#include "asm/page.h"

#endif /* _ASM_X86_SETUP_H_ */
