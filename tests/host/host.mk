# SPDX-License-Identifier: GPL-2.0-only
# host.mk - how host-side test programs are built: lib/ sources and test
# sources with our own headers only (-nostdinc, rename.h forced in, the
# sanitizers on), linked with tests/host/host.c built against the host libc.
# Included by the top Makefile; suites add their programs in tests/*/suite.mk.

HOST_CC ?= gcc
HOST_ARCH_DIR ?= x86
HOST_BUILD := build/host
HOST_SAN ?= -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_WARN := -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror
HOST_LIB_CFLAGS := -std=gnu11 -O1 -g -ffreestanding -nostdinc \
	-isystem $(shell $(HOST_CC) -print-file-name=include) \
	-Ilib -Ilib/$(HOST_ARCH_DIR) -Itests/host -include tests/host/rename.h \
	-fno-omit-frame-pointer -DHOST_TEST $(HOST_WARN) $(HOST_SAN) -MMD -MP
HOST_GLUE_CFLAGS := -std=gnu11 -O1 -g $(HOST_WARN) $(HOST_SAN) -MMD -MP
HOST_LDFLAGS := $(HOST_SAN)

# lib/ sources every host program gets; a suite adds its own.
HOST_LIB_SRCS := lib/printf.c lib/string.c lib/strtol.c lib/report.c lib/argv.c lib/assert.c
HOST_LIB_OBJS := $(patsubst %.c,$(HOST_BUILD)/%.o,$(HOST_LIB_SRCS)) $(HOST_BUILD)/tests/host/host.o

$(HOST_BUILD)/tests/host/host.o: tests/host/host.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_GLUE_CFLAGS) -c -o $@ $<

$(HOST_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_LIB_CFLAGS) -c -o $@ $<

-include $(shell find $(HOST_BUILD) -name '*.d' 2>/dev/null)
