/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pci-test.c - PCI through the ECAM host bridge the device tree describes (PCI Local Bus spec 3.0 ch. 6,
 *   PCIe ECAM), with QEMU's pci-testdev (-device pci-testdev):
 *   the host bridge function at 00:00.0 with its class; configuration space read alike with 8, 16 and
 *   32-bit accesses, read-only IDs ignoring writes; pci-testdev's header type and no interrupt pin; BAR
 *   sizing (a memory and an I/O BAR, naturally aligned addresses once assigned); then its tests in each BAR
 *   (MMIO, and I/O through the bridge's I/O window): without an eventfd a write of the device's data is
 *   counted once and one of other data not at all; with one (wildcard, datamatch) the write goes to the
 *   eventfd, not to the device's handler.
 * Hypervisor bugs it catches: ECAM accesses of some width decoded wrongly, writable read-only registers,
 *   BARs that do not size or move, MMIO or port I/O to an assigned BAR lost or delivered twice, an
 *   ioeventfd registered by the device model but not honoured.
 */
#include "libcflat.h"
#include "bitops.h"
#include "pci.h"

static void test_config(pcidevaddr_t dev, const char *what)
{
	u32 l = pci_config_readl(dev, PCI_VENDOR_ID);
	u16 w0 = pci_config_readw(dev, PCI_VENDOR_ID), w1 = pci_config_readw(dev, PCI_DEVICE_ID);
	u8 b[4];
	int i;

	for (i = 0; i < 4; i++)
		b[i] = pci_config_readb(dev, PCI_VENDOR_ID + i);
	report(l == ((u32)w1 << 16 | w0) && l == ((u32)b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]),
	       "%s: IDs read alike as 8, 16 and 32 bits (%#x)", what, l);
	pci_config_writel(dev, PCI_VENDOR_ID, ~l);
	report(pci_config_readl(dev, PCI_VENDOR_ID) == l, "%s: writing the IDs changes nothing", what);
}

static void test_bars(pcidevaddr_t bdf)
{
	struct pci_dev dev;
	u64 mem, io, mem_addr, io_addr;

	pci_dev_init(&dev, bdf);
	mem = pci_bar_size(&dev, 0);
	io = pci_bar_size(&dev, 1);
	mem_addr = pci_bar_get_addr(&dev, 0);
	io_addr = pci_bar_get_addr(&dev, 1);
	report(pci_bar_is_memory(&dev, 0) && is_power_of_2(mem) && mem >= 16, "BAR0 is memory of %#lx bytes", mem);
	report(!pci_bar_is_memory(&dev, 1) && is_power_of_2(io) && io >= 4, "BAR1 is I/O of %#lx bytes", io);
	report(mem_addr && IS_ALIGNED(mem_addr, mem) && io_addr && IS_ALIGNED(io_addr, io),
	       "assigned and naturally aligned (%#lx, port %#lx)", mem_addr, io_addr);
	report((pci_config_readw(bdf, PCI_COMMAND) & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY)) ==
	       (PCI_COMMAND_IO | PCI_COMMAND_MEMORY), "memory and I/O decoding enabled");
}

/*
 * QEMU's pci-testdev counts writes in its handler; in the eventfd tests the
 * write matching the eventfd goes to the eventfd instead and the count stays 0.
 */
static void test_testdev(pcidevaddr_t dev)
{
	int bar, test, count;
	char name[32];

	for (bar = 0; bar < PCI_TESTDEV_NUM_BARS; bar++) {
		void *base = pci_bar_map(dev, bar);

		for (test = 0; test < PCI_TESTDEV_NUM_TESTS; test++) {
			count = pci_testdev_run(base, test, 0, name, sizeof(name));
			if (strstr(name, "no-eventfd")) {
				report(count == 1, "BAR%d %s: the write is counted once (%d)", bar, name, count);
				count = pci_testdev_run(base, test, 0xff, name, sizeof(name));
				report(count == 0, "BAR%d %s: a write of other data is not (%d)", bar, name, count);
			} else {
				report(count == 0, "BAR%d %s: the write goes to the eventfd, not the handler (%d)", bar,
				       name, count);
			}
		}
	}
}

int main(int argc, char **argv)
{
	pcidevaddr_t host = PCI_BDF(0, 0, 0), dev;

	if (!pci_probe()) {
		report_skip("no pci-host-ecam-generic host bridge in the device tree");
		return report_summary();
	}
	pci_print();
	report(pci_dev_exists(host) && pci_config_readw(host, PCI_CLASS_DEVICE) == PCI_CLASS_BRIDGE_HOST,
	       "00:00.0 is a host bridge (class %#x)", pci_config_readw(host, PCI_CLASS_DEVICE));
	test_config(host, "host bridge");
	dev = pci_find_dev(PCI_VENDOR_ID_REDHAT, PCI_DEVICE_ID_REDHAT_TEST);
	if (dev == PCIDEVADDR_INVALID) {
		report_skip("no pci-testdev (QEMU: -device pci-testdev)");
		return report_summary();
	}
	report((pci_config_readb(dev, PCI_HEADER_TYPE) & PCI_HEADER_TYPE_MASK) == 0 &&
	       !pci_config_readb(dev, PCI_INTERRUPT_PIN), "pci-testdev: a type 0 header, no interrupt pin");
	test_config(dev, "pci-testdev");
	test_bars(dev);
	test_testdev(dev);
	return report_summary();
}
