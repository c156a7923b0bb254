/*
 * smp.c - per-CPU data and the CPU count.
 */
#include "libcflat.h"
#include "fwcfg.h"
#include "percpu.h"
#include "processor.h"
#include "smp.h"

static struct percpu percpus[MAX_CPUS];

struct percpu *percpu_of(int cpu)
{
	return &percpus[cpu];
}

void load_percpu(int cpu)
{
	percpus[cpu].smp_id = cpu;
	percpus[cpu].self = &percpus[cpu];
	wrmsr(MSR_GS_BASE, (uintptr_t)&percpus[cpu]);
}

int cpu_count(void)
{
	return fwcfg_get_nb_cpus();
}
