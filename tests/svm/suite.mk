# SPDX-License-Identifier: GPL-2.0-only
# suite.mk (tests/svm) - the host test of the nested SVM library's
# CPU-free parts: the VMCB layout (lib/x86/svm.h), the permission maps'
# index computations, and the exit and feature names (lib/x86/svm_names.c).

SVM_TEST_BIN := $(HOST_BUILD)/tests/svm/svm_test

$(SVM_TEST_BIN): $(HOST_BUILD)/tests/svm/svm_test.o $(HOST_BUILD)/lib/x86/svm_names.o $(HOST_LIB_OBJS)
	$(HOST_CC) $(HOST_LDFLAGS) -o $@ $^

host-svm-tests: $(SVM_TEST_BIN)

.PHONY: host-svm-tests
