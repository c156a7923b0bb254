# SPDX-License-Identifier: GPL-2.0-only
# suite.mk (tests/devicetree) - host programs of the device tree suite: the
# reader's tests (dt_test) and its libFuzzer target (dt_fuzz). Included by the
# top Makefile; also works alone from the repo root:
#   make -f tests/host/host.mk -f tests/devicetree/suite.mk dt-tests

DT_TEST := $(HOST_BUILD)/tests/devicetree/dt_test
DT_TEST_OBJS := $(HOST_BUILD)/tests/devicetree/dt_test.o $(HOST_BUILD)/tests/devicetree/exercise.o \
	$(HOST_BUILD)/lib/devicetree.o $(HOST_BUILD)/tests/devicetree/file.o

# file.c is host glue: the host's headers, not ours.
$(HOST_BUILD)/tests/devicetree/file.o: tests/devicetree/file.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_GLUE_CFLAGS) -c -o $@ $<

$(DT_TEST): $(DT_TEST_OBJS) $(HOST_LIB_OBJS)
	$(HOST_CC) $(HOST_LDFLAGS) -o $@ $^

dt-tests: $(DT_TEST)

# The fuzz target, built by clang with libFuzzer and the sanitizers in its own directory.
DT_FUZZ_CC ?= clang
DT_FUZZ_BUILD := build/dt-fuzz
DT_FUZZ_SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
DT_FUZZ_CFLAGS = $(filter-out -isystem $(shell $(HOST_CC) -print-file-name=include) $(HOST_SAN),$(HOST_LIB_CFLAGS)) \
	-isystem $(shell $(DT_FUZZ_CC) -print-resource-dir)/include $(DT_FUZZ_SAN)
DT_FUZZ_SRCS := lib/devicetree.c tests/devicetree/exercise.c tests/devicetree/fuzz.c $(HOST_LIB_SRCS)
DT_FUZZ_OBJS := $(patsubst %.c,$(DT_FUZZ_BUILD)/%.o,$(DT_FUZZ_SRCS))
DT_FUZZ := $(DT_FUZZ_BUILD)/dt_fuzz

$(DT_FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(DT_FUZZ_CC) $(DT_FUZZ_CFLAGS) -c -o $@ $<

$(DT_FUZZ_BUILD)/tests/host/host.o: tests/host/host.c
	@mkdir -p $(dir $@)
	$(DT_FUZZ_CC) $(filter-out $(HOST_SAN),$(HOST_GLUE_CFLAGS)) $(DT_FUZZ_SAN) -c -o $@ $<

$(DT_FUZZ): $(DT_FUZZ_OBJS) $(DT_FUZZ_BUILD)/tests/host/host.o
	$(DT_FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^

dt-fuzz: $(DT_FUZZ)

-include $(shell find $(DT_FUZZ_BUILD) -name '*.d' 2>/dev/null)

.PHONY: dt-tests dt-fuzz
