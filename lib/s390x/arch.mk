# SPDX-License-Identifier: GPL-2.0-only
# arch.mk (s390x) - what the generic Makefile needs to know about s390x.
# The image is the linked ELF itself (IMAGE_EXT=elf): QEMU's s390-ccw-virtio
# machine loads an ELF given with -kernel and starts it at its entry point,
# 0x10000, in 64-bit mode; see lib/s390x/cstart64.S and docs/s390x.md.

ARCH_START := lib/s390x/cstart64.S
# Shared code this arch opts into: on_cpu's mailboxes.
ARCH_SHARED_SRCS := lib/asm-generic/on_cpu.c
ARCH_LDS := lib/s390x/flat.lds
# -mbackchain: every frame links to its caller's, which is what backtraces
# walk (lib/stack.c). -msoft-float -mno-vx: interruption entry saves
# the general registers only, so library code must not touch FP or vector
# registers. -fno-delete-null-pointer-checks: the lowcore is at address 0
# and is read and written through ordinary pointers.
ARCH_CFLAGS := -m64 -march=z10 -mbackchain -msoft-float -mno-vx -fno-delete-null-pointer-checks

# ./configure --processor=CPU tunes code for that CPU, without requiring it.
ifneq ($(PROCESSOR),)
ARCH_CFLAGS += -mtune=$(PROCESSOR)
endif
