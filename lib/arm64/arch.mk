# SPDX-License-Identifier: GPL-2.0-only
# arch.mk (arm64) - what the generic Makefile needs to know about arm64.
# The image is a raw binary with the Linux arm64 Image header, linked at
# the address QEMU's virt machine loads such an image to (RAM base + the
# header's text_offset), so no relocation is needed at boot.

ARCH_START := lib/arm64/cstart64.S
# What arm and arm64 share (GIC, PSCI, PL011, SMP, device tree boot) is in
# lib/arm-common/; its asm/ headers come after lib/arm64/asm/ in the search.
ARCH_SHARED_SRCS := $(wildcard lib/arm-common/*.c)
ARCH_LDS := lib/arm64/flat.lds
# -mgeneral-regs-only: exception entry does not save FP/SIMD registers, so
# library code must not touch them. -mstrict-align: boot code and tests run
# with the MMU off, where every access is Device memory and an unaligned one
# faults. -mno-outline-atomics: the outlined atomics of libgcc pick LSE or
# LL/SC through getauxval(), which a freestanding image does not have.
ARCH_CFLAGS := -march=armv8-a -mgeneral-regs-only -mstrict-align -mno-outline-atomics -Ilib/arm-common

# argv[0] is the image's name: it is written into the 64-byte .progname
# section of the binary here, so that the guest knows it without the run
# script having to pass it.
$(TEST_DIR)/%.flat: $(TEST_DIR)/%.elf
	$(call quiet,OBJCOPY)
	@printf '%s' '$@' | head -c 63 > $@.name && truncate -s 64 $@.name
	$(Q)$(OBJCOPY) --update-section .progname=$@.name -O binary $< $@
	@rm -f $@.name

# ./configure --processor=CPU tunes code for that CPU, without requiring it.
ifneq ($(PROCESSOR),)
ARCH_CFLAGS += -mtune=$(PROCESSOR)
endif

# kvm-unit-tests' tests (fpu, mte) use their SVE and MTE code only when these
# say the compiler can assemble it; the code itself selects the architecture.
CC_TAKES = $(shell echo 'int x;' | $(CC) $(1) -x c -c -o /dev/null - 2>/dev/null && echo y)
ifneq ($(call CC_TAKES,-march=armv8.2-a+sve),)
ARCH_CFLAGS += -DCC_HAS_SVE
endif
ifneq ($(call CC_TAKES,-march=armv8.5-a+memtag),)
ARCH_CFLAGS += -DCC_HAS_MTE
endif
