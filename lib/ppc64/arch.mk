# SPDX-License-Identifier: GPL-2.0-only
# arch.mk (ppc64) - what the generic Makefile needs to know about 64-bit
# POWER on QEMU's pseries machine, big endian (ARCH=ppc64) or little endian
# (ARCH=ppc64le). The image is an ELF file that QEMU's -kernel loader puts
# at 4 MiB; our own ROM (rom/rom.S, given to QEMU with -bios) enters it there in
# the image's byte order. docs/ppc64.md has the whole story.

ARCH_START := lib/ppc64/cstart64.S
# Shared code this arch opts into: on_cpu's mailboxes.
ARCH_SHARED_SRCS := lib/asm-generic/on_cpu.c
ARCH_LDS := lib/ppc64/flat.lds
ifeq ($(ENDIAN),little)
ENDIAN_FLAG := -mlittle-endian
else
ENDIAN_FLAG := -mbig-endian
endif
# ELFv2 in both byte orders: no function descriptors, one calling
# convention for the assembly. -msoft-float, no AltiVec/VSX: exception
# entry saves the general registers only, so library code must not touch
# the others. POWER8 is the oldest CPU QEMU's pseries machine and KVM
# still run this way.
ARCH_CFLAGS := $(ENDIAN_FLAG) -mabi=elfv2 -mcpu=power8 -msoft-float -mno-altivec -mno-vsx -mcmodel=medium
# Debian's cross libgcc is big-endian ELFv1 only; nothing here needs it.
LIBGCC :=

# The ROM: always big endian, since the CPU leaves reset that way.
ROM := $(B)/rom.bin
all: $(ROM)

$(B)/rom/rom.o: lib/ppc64/rom/rom.S config.mak
	@mkdir -p $(dir $@)
	$(call quiet,AS)
	$(Q)$(CC) -mbig-endian -mcpu=power8 -Ilib/ppc64 $(if $(filter little,$(ENDIAN)),-DROM_LITTLE_ENDIAN) -c -o $@ $<

$(ROM): $(B)/rom/rom.o
	$(call quiet,OBJCOPY)
	$(Q)$(OBJCOPY) -O binary $< $@

# The image is the linked ELF itself. argv[0] is its name, written into the
# 64-byte .progname section here so the guest knows it without the run
# script passing it. This rule comes before the generic one and wins.
$(TEST_DIR)/%.elf: $(B)/tests/%.o $(B)/lib/ppc64/cstart64.o $(B)/libcflat.a lib/ppc64/flat.lds $(ROM)
	$(call quiet,LD)
	$(Q)$(CC) $(ARCH_CFLAGS) -nostdlib -no-pie -Wl,-T,$(ARCH_LDS) -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -Wl,-z,noexecstack -o $@ $(START_OBJ) $< $(LIBCFLAT)
	@printf '%s' '$@' | head -c 63 > $@.name && truncate -s 64 $@.name
	$(Q)$(OBJCOPY) --update-section .progname=$@.name $@
	@rm -f $@.name

# ./configure --processor=CPU tunes code for that CPU, without requiring it.
ifneq ($(PROCESSOR),)
ARCH_CFLAGS += -mtune=$(PROCESSOR)
endif
