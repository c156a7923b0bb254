# SPDX-License-Identifier: GPL-2.0-only
# arch.mk (riscv64) - what the generic Makefile needs to know about riscv64
# on QEMU's virt machine. The image is a raw binary linked at the address
# where QEMU loads -kernel and OpenSBI enters it in S-mode (flat.lds).

ARCH_START := lib/riscv64/cstart.S
# Shared code this arch opts into: on_cpu's mailboxes.
ARCH_SHARED_SRCS := lib/asm-generic/on_cpu.c
ARCH_LDS := lib/riscv64/flat.lds
# RV64GC without F/D: trap entry saves the x registers only, so library code
# must not touch the others. medany: the image is linked at 0x80200000, out
# of reach of medlow's absolute addressing. -mno-relax keeps gp free.
ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax
# Debian's cross libgcc is lp64d, which ld will not link with lp64: libgcc.c has what is needed.
LIBGCC :=

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
