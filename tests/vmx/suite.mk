# SPDX-License-Identifier: GPL-2.0-only
# suite.mk (tests/vmx) - the host test of the nested VMX library's
# CPU-free parts: the VMCS field encodings (lib/x86/vmx.h), the outcome of
# a VMX instruction, and the names of outcomes and exit reasons
# (lib/x86/vmx_names.c).

VMX_TEST_BIN := $(HOST_BUILD)/tests/vmx/vmx_test

$(VMX_TEST_BIN): $(HOST_BUILD)/tests/vmx/vmx_test.o $(HOST_BUILD)/lib/x86/vmx_names.o $(HOST_LIB_OBJS)
	$(HOST_CC) $(HOST_LDFLAGS) -o $@ $^

host-vmx-tests: $(VMX_TEST_BIN)

.PHONY: host-vmx-tests
