# SPDX-License-Identifier: GPL-2.0-only
# suite.mk (tests/lib) - host programs testing lib/: printf and string
# against the host libc (differential), argv/environ, report and the EXIT line,
# the ACPI table walker, PCI enumeration and BARs.

LIB_TEST_BINS := $(HOST_BUILD)/tests/lib/diff_printf $(HOST_BUILD)/tests/lib/diff_string $(HOST_BUILD)/tests/lib/lib_test \
	$(HOST_BUILD)/tests/lib/acpi_test $(HOST_BUILD)/tests/lib/pci_test

# The differential programs include host headers, so they build like host.c.
$(HOST_BUILD)/tests/lib/diff_%.o: tests/lib/diff_%.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_GLUE_CFLAGS) -c -o $@ $<

$(HOST_BUILD)/tests/lib/%: $(HOST_BUILD)/tests/lib/%.o $(HOST_LIB_OBJS)
	$(HOST_CC) $(HOST_LDFLAGS) -o $@ $^

# lib_test also checks the EXIT line; acpi_test and pci_test check lib/acpi.c and lib/pci.c.
$(HOST_BUILD)/tests/lib/lib_test: $(HOST_BUILD)/lib/exit_line.o
$(HOST_BUILD)/tests/lib/acpi_test: $(HOST_BUILD)/lib/acpi.o
$(HOST_BUILD)/tests/lib/pci_test: $(HOST_BUILD)/lib/pci.o

host-lib-tests: $(LIB_TEST_BINS)

.PHONY: host-lib-tests
