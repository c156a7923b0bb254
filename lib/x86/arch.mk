# SPDX-License-Identifier: GPL-2.0-only
# arch.mk (x86_64) - what the generic Makefile needs to know about x86_64.
# The image is linked as a 64-bit ELF and converted to a 32-bit ELF, because
# QEMU's multiboot loader takes only 32-bit ELF files; the boot code starts
# in 32-bit protected mode and switches to long mode itself.

ARCH_START := lib/x86/cstart64.S
ARCH_LDS := lib/x86/flat.lds
# No red zone: exceptions are taken on the current stack. No SSE: the
# exception entry code does not save vector registers.
ARCH_CFLAGS := -m64 -mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-3dnow -mno-avx -mcmodel=small
# Tests may name MMX registers in their own asm (kvm-unit-tests' emulator
# test does, with the "y" constraint). GCC never picks MMX registers for
# code of its own without SSE2 (it would need EMMS), so the library's
# invariant, no vector state touched behind a test's back, still holds.
ARCH_TEST_CFLAGS := -mmmx

$(TEST_DIR)/%.flat: $(TEST_DIR)/%.elf
	$(call quiet,OBJCOPY)
	$(Q)$(OBJCOPY) -O elf32-i386 $< $@

# ./configure --processor=CPU tunes code for that CPU, without requiring it.
ifneq ($(PROCESSOR),)
ARCH_CFLAGS += -mtune=$(PROCESSOR)
endif
