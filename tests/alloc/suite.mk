# SPDX-License-Identifier: GPL-2.0-only
# suite.mk (tests/alloc) - host programs of the allocator suite: the unit
# tests, the libFuzzer target (make fuzz) and the benchmark binary (alloc-bench; make bench runs it).
# Included by the top Makefile; also works alone from the repo root:
#   make -f tests/host/host.mk -f tests/alloc/suite.mk alloc-tests

ALLOC_SRCS := lib/alloc_page.c lib/alloc_page_check.c lib/alloc_phys.c lib/alloc.c lib/malloc.c
ALLOC_OBJS := $(patsubst %.c,$(HOST_BUILD)/%.o,$(ALLOC_SRCS))
ALLOC_TEST := $(HOST_BUILD)/tests/alloc/alloc_test

$(ALLOC_TEST): $(HOST_BUILD)/tests/alloc/alloc_test.o $(ALLOC_OBJS) $(HOST_LIB_OBJS)
	$(HOST_CC) $(HOST_LDFLAGS) -o $@ $^

alloc-tests: $(ALLOC_TEST)

# The fuzz target: everything rebuilt by clang with libFuzzer and the sanitizers
# (Debian: clang, libclang-rt-14-dev), in its own build directory.
FUZZ_CC ?= clang
FUZZ_BUILD := build/fuzz
FUZZ_SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_LIB_CFLAGS = $(filter-out -isystem $(shell $(HOST_CC) -print-file-name=include) $(HOST_SAN),$(HOST_LIB_CFLAGS)) \
	-isystem $(shell $(FUZZ_CC) -print-resource-dir)/include $(FUZZ_SAN)
FUZZ_GLUE_CFLAGS = $(filter-out $(HOST_SAN),$(HOST_GLUE_CFLAGS)) $(FUZZ_SAN)
FUZZ_OBJS := $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(ALLOC_SRCS) $(HOST_LIB_SRCS) tests/alloc/fuzz/fuzz_ops.c)
FUZZ_BIN := $(FUZZ_BUILD)/alloc_fuzz
FUZZ_SECONDS ?= 60

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/tests/host/host.o: tests/host/host.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_GLUE_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/tests/alloc/fuzz/fuzz_main.o: tests/alloc/fuzz/fuzz_main.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_GLUE_CFLAGS) -c -o $@ $<

$(FUZZ_BIN): $(FUZZ_OBJS) $(FUZZ_BUILD)/tests/host/host.o $(FUZZ_BUILD)/tests/alloc/fuzz/fuzz_main.o
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^

alloc-fuzz: $(FUZZ_BIN)

fuzz: $(FUZZ_BIN)
	@mkdir -p $(FUZZ_BUILD)/corpus
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $(FUZZ_BUILD)/corpus

# The benchmark: the allocator built without sanitizers, with the code
# generation flags of an x86_64 guest build (the Makefile's -O2
# -fno-strict-aliasing, lib/x86/arch.mk's no red zone and no vector
# registers), so that it counts the instructions the guest runs.
BENCH_BUILD := build/bench
BENCH_GUEST_FLAGS := -O2 -fno-strict-aliasing -fno-tree-loop-distribute-patterns
ifeq ($(HOST_ARCH_DIR),x86)
BENCH_GUEST_FLAGS += -mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-3dnow -mno-avx
endif
BENCH_CFLAGS = $(filter-out -O1 $(HOST_SAN),$(HOST_LIB_CFLAGS)) $(BENCH_GUEST_FLAGS)
BENCH_GLUE_CFLAGS = $(filter-out -O1 $(HOST_SAN),$(HOST_GLUE_CFLAGS)) -O2
BENCH_OBJS := $(patsubst %.c,$(BENCH_BUILD)/%.o,$(ALLOC_SRCS) $(HOST_LIB_SRCS) bench/alloc/alloc_bench.c)
BENCH_BIN := $(BENCH_BUILD)/alloc_bench

$(BENCH_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BENCH_CFLAGS) -c -o $@ $<

$(BENCH_BUILD)/tests/host/host.o: tests/host/host.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BENCH_GLUE_CFLAGS) -c -o $@ $<

$(BENCH_BIN): $(BENCH_OBJS) $(BENCH_BUILD)/tests/host/host.o
	$(HOST_CC) -o $@ $^

alloc-bench: $(BENCH_BIN)


-include $(shell find $(FUZZ_BUILD) $(BENCH_BUILD) -name '*.d' 2>/dev/null)

.PHONY: alloc-tests alloc-fuzz alloc-bench fuzz
