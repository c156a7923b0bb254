# SPDX-License-Identifier: GPL-2.0-only
# arch.mk (arm) - what the generic Makefile needs to know about 32-bit arm
# (ARMv7-A with LPAE, the generic timer and the virtualization extensions:
# a Cortex-A15 on QEMU's virt machine). The image is a raw binary that QEMU
# loads at RAM base + 0x10000 and enters with r2 = the device tree; it is
# linked there, so no relocation is needed at boot.

ARCH_START := lib/arm/cstart.S
ARCH_LDS := lib/arm/flat.lds
# What arm and arm64 share (GIC, PSCI, PL011, SMP, device tree boot, the
# MMU's API) is in lib/arm-common/; its asm/ headers come after lib/arm/asm/.
ARCH_SHARED_SRCS := $(wildcard lib/arm-common/*.c)
# -marm: the vectors and the frame-pointer backtrace are written for the ARM
# instruction set (the Debian compiler defaults to Thumb-2).
# -mgeneral-regs-only: exception entry saves no VFP registers. The float ABI
# stays the toolchain's (hard), so libgcc links; no code uses VFP anyway.
# -mno-unaligned-access: boot code, and tests that turn the MMU off, run
# with every access Device memory, where an unaligned one faults.
ARCH_CFLAGS := -march=armv7ve -marm -mfloat-abi=hard -mfpu=vfpv3-d16 -mgeneral-regs-only -mno-unaligned-access \
	-Ilib/arm-common

# argv[0] is the image's name, written into the 64-byte .progname section
# of the binary here (as on arm64).
$(TEST_DIR)/%.flat: $(TEST_DIR)/%.elf
	$(call quiet,OBJCOPY)
	@printf '%s' '$@' | head -c 63 > $@.name && truncate -s 64 $@.name
	$(Q)$(OBJCOPY) --update-section .progname=$@.name -O binary $< $@
	@rm -f $@.name

# ./configure --processor=CPU tunes code for that CPU, without requiring it.
ifneq ($(PROCESSOR),)
ARCH_CFLAGS += -mtune=$(PROCESSOR)
endif
