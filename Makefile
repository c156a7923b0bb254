# SPDX-License-Identifier: GPL-2.0-only
# Makefile - builds the test images of the architecture chosen by ./configure.
#
#   make                 every test of $(TEST_DIR) (each $(TEST_DIR)/NAME.c and common/NAME.c)
#   make x86/NAME.flat   one test, from x86/NAME.c or common/NAME.c: no Makefile edit needed
#                        (a test made of several files lists its helpers in $(TEST_DIR)/helpers.txt)
#   make check           host unit tests and the guest suite (scripts/check.sh)
#   make standalone      each test as one self-contained script under tests/
#   make clean / distclean
#
# Objects go to build/$(ARCH)/, images to $(TEST_DIR)/; the generic rules are
# here and lib/$(ARCH_DIR)/arch.mk adds what is particular to an arch.

ifeq ($(wildcard config.mak),)
$(error config.mak is missing: run ./configure first (./configure --help for options))
endif
include config.mak

SHELL := /bin/bash
B := build/$(ARCH)

# Quiet by default ("CC file"); make V=1 shows the whole commands.
ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @echo "  $(1)	$@"
endif

# All warnings are errors in our own code; the freestanding flags keep the
# compiler from assuming a host libc, a red zone or any floating point.
# Address 0 is memory like any other here (tests write it on purpose), so
# the compiler may not treat a NULL access as unreachable and replace it
# with a trap (-fno-delete-null-pointer-checks, as the Linux kernel has).
GCC_INCLUDE := $(shell $(CC) -print-file-name=include)
CFLAGS_COMMON := -std=gnu11 -ffreestanding -nostdinc -isystem $(GCC_INCLUDE) \
	-Ilib -Ilib/$(ARCH_DIR) -O2 -g \
	-Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers -Werror \
	-fno-omit-frame-pointer -fno-stack-protector -fno-pic -fno-pie -fno-common \
	-fno-tree-loop-distribute-patterns -fno-strict-aliasing -fno-asynchronous-unwind-tables \
	-fno-delete-null-pointer-checks -MMD -MP
LIBGCC = $(shell $(CC) $(ARCH_CFLAGS) -print-libgcc-file-name)

include lib/$(ARCH_DIR)/arch.mk

CFLAGS := $(CFLAGS_COMMON) $(ARCH_CFLAGS) $(EXTRA_CFLAGS)
# Tests keep -Werror but get the warning set kvm-unit-tests' tests are written
# for: these flag idioms its tests use on purpose (casts between handler types,
# designated initialisers that override a default, range checks on unsigned
# values, case fall-through, out-of-bounds pointer arithmetic on raw memory).
# ARCH_TEST_CFLAGS: what an arch adds for tests only (lib/$(ARCH_DIR)/arch.mk).
TEST_CFLAGS := $(CFLAGS) $(ARCH_TEST_CFLAGS) -Wno-cast-function-type -Wno-override-init -Wno-type-limits \
	-Wno-implicit-fallthrough -Wno-array-bounds
ASFLAGS := $(CFLAGS) -D__ASSEMBLER__

# ARCH_SHARED_SRCS: code in lib/asm-generic/ that an arch opts into (arch.mk).
# ARCH_LIB_EXCLUDE: files of lib/$(ARCH_DIR)/ this arch does not build, when
# two arches share the directory (arch.mk: x86_64 and i386 in lib/x86/).
LIB_SRCS := $(wildcard lib/*.c) $(ARCH_SHARED_SRCS) \
	$(filter-out $(ARCH_START) $(ARCH_LIB_EXCLUDE),$(wildcard lib/$(ARCH_DIR)/*.c lib/$(ARCH_DIR)/*.S))
LIB_OBJS := $(patsubst %,$(B)/%.o,$(basename $(LIB_SRCS)))
START_OBJ := $(patsubst %,$(B)/%.o,$(basename $(ARCH_START)))
LIBCFLAT := $(B)/libcflat.a

# Helper sources: a test made of several files has one line in
# $(TEST_DIR)/helpers.txt, "NAME: helper.c other.c" (files in $(TEST_DIR)/ or
# common/); the helpers are linked into NAME only and are not tests themselves.
# HELPER_LINES holds "NAME:helper.c,other.c" words.
comma := ,
HELPERS_TXT := $(wildcard $(TEST_DIR)/helpers.txt)
HELPER_LINES := $(if $(HELPERS_TXT),$(shell sed -e 's/\#.*//' -e '/^[[:space:]]*$$/d' \
	-e 's/[[:space:]]*:[[:space:]]*/:/' -e 's/[[:space:]][[:space:]]*$$//' -e 's/[[:space:]][[:space:]]*/,/g' \
	$(HELPERS_TXT)))
helper_srcs = $(subst $(comma), ,$(patsubst $(1):%,%,$(filter $(1):%,$(HELPER_LINES))))
helper_objs = $(addprefix $(B)/tests/,$(addsuffix .o,$(basename $(call helper_srcs,$(1)))))
ALL_HELPERS := $(basename $(foreach l,$(HELPER_LINES),$(subst $(comma), ,$(lastword $(subst :, ,$(l))))))

# Tests of a directory several arches share (arm/: arm and arm64) that only
# some of them build: one line in $(TEST_DIR)/arches.txt, "NAME: arch arch"
# ('#' starts a comment). A test listed there is built only for the arches
# named; a test not listed is built for every arch of the directory.
# NOT_HERE holds the names whose line does not name $(ARCH).
ARCHES_TXT := $(wildcard $(TEST_DIR)/arches.txt)
ARCHES_LINES := $(if $(ARCHES_TXT),$(shell sed -e 's/\#.*//' -e '/^[[:space:]]*$$/d' \
	-e 's/[[:space:]]*:[[:space:]]*/:/' -e 's/[[:space:]][[:space:]]*$$//' -e 's/[[:space:]][[:space:]]*/,/g' \
	$(ARCHES_TXT)))
NOT_HERE := $(foreach l,$(ARCHES_LINES),$(if $(filter $(ARCH),$(subst $(comma), ,$(lastword $(subst :, ,$(l))))),,\
	$(firstword $(subst :, ,$(l)))))

# Every other C file of the test dir is a test, and so is every file of common/.
TEST_NAMES := $(filter-out $(ALL_HELPERS) $(NOT_HERE),$(sort $(notdir $(basename $(wildcard $(TEST_DIR)/*.c common/*.c)))))
IMAGES := $(addprefix $(TEST_DIR)/,$(addsuffix .$(IMAGE_EXT),$(TEST_NAMES)))

all: $(IMAGES)

$(B)/%.o: %.c lib/config.h
	@mkdir -p $(dir $@)
	$(call quiet,CC)
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(B)/%.o: %.S
	@mkdir -p $(dir $@)
	$(call quiet,AS)
	$(Q)$(CC) $(ASFLAGS) -c -o $@ $<

# A test's object comes from the arch's directory first, else from common/.
$(B)/tests/%.o: $(TEST_DIR)/%.c lib/config.h
	@mkdir -p $(dir $@)
	$(call quiet,CC)
	$(Q)$(CC) $(TEST_CFLAGS) -c -o $@ $<

$(B)/tests/%.o: common/%.c lib/config.h
	@mkdir -p $(dir $@)
	$(call quiet,CC)
	$(Q)$(CC) $(TEST_CFLAGS) -c -o $@ $<

$(LIBCFLAT): $(LIB_OBJS)
	@rm -f $@
	$(call quiet,AR)
	$(Q)$(AR) rcs $@ $^

.SECONDEXPANSION:
$(TEST_DIR)/%.elf: $(B)/tests/%.o $$(call helper_objs,$$*) $(START_OBJ) $(LIBCFLAT) $(ARCH_LDS)
	$(call quiet,LD)
	$(Q)$(CC) $(ARCH_CFLAGS) -nostdlib -no-pie -Wl,-T,$(ARCH_LDS) -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -Wl,-z,noexecstack -o $@ $(START_OBJ) $< $(call helper_objs,$*) \
		$(LIBCFLAT) $(LIBGCC)

# Keep objects and ELF files (for addr2line and gdb) instead of deleting them as intermediates.
.SECONDARY:

-include $(shell find build/$(ARCH) -name '*.d' 2>/dev/null)

# Host-side suites (tests/*/suite.mk) build with the host compiler.
include tests/host/host.mk
-include tests/*/suite.mk

check: all
	@scripts/check.sh

standalone: all
	@scripts/mkstandalone.sh

# Every benchmark that applies to this tree (scripts/bench.sh); not part of check.
bench: all alloc-bench
	@scripts/bench.sh

# Quoted for the shell, so a blank in PREFIX or DESTDIR is part of the path;
# a single quote would end the quoting and is refused before anything is written.
install_dir = $(DESTDIR)$(PREFIX)/share/kvm-unit-tests/tests
install: standalone
	$(if $(findstring ',$(install_dir)),$(error PREFIX and DESTDIR must not hold a single quote: $(install_dir)))
	mkdir -p -- '$(install_dir)'
	cp -- tests/standalone/* '$(install_dir)/'

# compile_commands.json for editors and clangd, via bear (Debian package bear).
compile_commands.json:
	bear --output $@ -- $(MAKE) -B all

clean:
	rm -rf build $(TEST_DIR)/*.elf $(TEST_DIR)/*.flat logs logs.old tests/standalone

distclean: clean
	rm -f config.mak lib/config.h ./*-run compile_commands.json

.PHONY: all check standalone bench install clean distclean compile_commands.json
