# SPDX-License-Identifier: GPL-2.0-only
# arch.mk (x86_64 and i386) - what the generic Makefile needs to know about
# the two x86 arches, which share lib/x86/ and x86/. The C library is the
# same; the boot code, the exception stubs and setjmp come in a 64-bit and
# a 32-bit file each (*64.S, *32.S), and ARCH picks one of each pair.
#
# x86_64: the image is linked as a 64-bit ELF and converted to a 32-bit ELF,
# because QEMU's multiboot loader takes only 32-bit ELF files; the boot code
# starts in 32-bit protected mode and switches to long mode itself.
# i386: a 32-bit ELF that stays in protected mode, with PAE paging.

# Files only the other arch builds; tests only one arch builds are listed in x86/arches.txt.
X86_64_ONLY := lib/x86/cstart64.S lib/x86/isr64.S lib/x86/setjmp64.S lib/x86/la57-switch.S \
	lib/x86/la57.c lib/x86/svm.c lib/x86/svm_entry.S lib/x86/svm_harness.c lib/x86/svm_names.c \
	lib/x86/vmx.c lib/x86/vmx_entry.S lib/x86/vmx_harness.c lib/x86/vmx_names.c
I386_ONLY := lib/x86/cstart32.S lib/x86/isr32.S lib/x86/setjmp32.S

ifeq ($(ARCH),i386)
ARCH_START := lib/x86/cstart32.S
ARCH_LDS := lib/x86/flat32.lds
ARCH_LIB_EXCLUDE := $(X86_64_ONLY)
# i686: CMOV and CMPXCHG8B, which every CPU QEMU models has. No SSE, as
# for x86_64 (the exception entry code does not save vector registers).
ARCH_CFLAGS := -m32 -march=i686 -mno-sse -mno-sse2 -mno-mmx -mno-3dnow -mno-avx
else
ARCH_START := lib/x86/cstart64.S
ARCH_LDS := lib/x86/flat.lds
ARCH_LIB_EXCLUDE := $(I386_ONLY)
# No red zone: exceptions are taken on the current stack.
ARCH_CFLAGS := -m64 -mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-3dnow -mno-avx -mcmodel=small
endif
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
