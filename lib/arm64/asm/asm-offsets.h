/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/asm-offsets.h - where assembly finds the fields of struct pt_regs (S_X0, S_LR, S_SP, S_PC,
 * S_PSTATE, S_FRAME_SIZE), under kvm-unit-tests' name for this header. asm/ptrace.h defines them,
 * and checks them against the structure.
 */
#ifndef _ASM_ARM64_ASM_OFFSETS_H_
#define _ASM_ARM64_ASM_OFFSETS_H_

#include "asm/ptrace.h"

#endif /* _ASM_ARM64_ASM_OFFSETS_H_ */
