/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "../qemu.h"

Test(sched_boot, threads_share_the_cpu_and_sleep_moves_the_clock, .timeout = 60)
{
	unsigned long loops[3], preempted[3], total = 0, timer;
	double up, idle;
	const char *at;
	struct boot b;

	cr_assert_eq(qemu_boot(&b, "64M", "", "spin 3 1000\nsleep 300\nuptime\ninterrupts\nps\nhalt\n",
			       50), 0);
	cr_assert_eq(b.status, 0, "%s", b.output);
	at = b.output;
	for (int i = 0; i < 3; i++) {
		char name[32];

		snprintf(name, sizeof(name), "spin/%d ", i);
		at = strstr(at, name);
		cr_assert(at && sscanf(strchr(at, ':') + 1, "%lu loops (%*u%%), preempted %lu",
					&loops[i], &preempted[i]) == 2, "%s", b.output);
		total += loops[i];
	}
	for (int i = 0; i < 3; i++) {
		cr_expect_gt(loops[i] * 100 / total, 20, "thread %d had %lu of %lu loops", i, loops[i], total);
		cr_expect_geq(preempted[i], 2, "thread %d was preempted %lu times", i, preempted[i]);
	}
	at = strstr(b.output, "mm> uptime\n");
	cr_assert(at && sscanf(at + strlen("mm> uptime\n"), "%lf %lf", &up, &idle) == 2, "%s", b.output);
	cr_expect_geq(up, 1.3, "a second of spinning and 300 ms of sleep: %s", at);
	cr_expect_geq(idle, 0.25, "the sleep was spent halted: %s", at);
	at = strstr(b.output, "mm> interrupts\n");
	at = at ? strstr(at, "  0: ") : NULL;
	cr_assert(at && sscanf(at + 5, "%lu", &timer) == 1, "%s", b.output);
	cr_expect_geq(timer, 130, "the tick at 100 Hz");
	cr_expect(strstr(b.output, "    0 R "), "ps lists the console's task 0:\n%s", b.output);
	cr_expect(!strstr(strstr(b.output, "mm> ps\n"), " spin/"), "the threads are gone:\n%s", b.output);
	boot_free(&b);
}

/* A minute's sleep and a minute of spinning, each cut short by a Ctrl-C. */
Test(sched_boot, ctrl_c_ends_a_long_sleep_and_a_long_spin, .timeout = 60)
{
	double up, idle;
	const char *at;
	struct boot b;

	cr_assert_eq(qemu_boot(&b, "64M", "", "sleep 60000\n\003spin 2 60000\n\003uptime\nps\nhalt\n", 30), 0);
	cr_expect_eq(b.status, 0, "%s", b.output);
	cr_expect(strstr(b.output, "mm> sleep 60000\n^C\nmm> spin 2 60000\n^C\nspin/0 "), "%s", b.output);
	at = strstr(b.output, "mm> uptime\n");
	cr_assert(at && sscanf(at + strlen("mm> uptime\n"), "%lf %lf", &up, &idle) == 2, "%s", b.output);
	cr_expect_lt(up, 10, "the minutes were cut short: %s", at);
	cr_expect(!strstr(strstr(b.output, "mm> ps\n"), " spin/"), "the threads are gone:\n%s", b.output);
	boot_free(&b);
}

Test(sched_boot, sleeping_in_atomic_context_is_reported_and_survived, .timeout = 60)
{
	struct boot b;

	cr_assert_eq(qemu_boot(&b, "64M", "", "lkdtm ATOMIC_SLEEP\nuptime\nhalt\n", 50), 0);
	cr_expect_eq(b.status, 0, "%s", b.output);
	cr_expect(strstr(b.output, "BUG: sleeping function called from invalid context at "), "%s",
		  b.output);
	cr_expect(strstr(b.output, "in_atomic(): 1, irqs_disabled(): 0, pid: 0, name: swapper"), "%s",
		  b.output);
	cr_expect(strstr(b.output, " lkdtm_ATOMIC_SLEEP+"), "the caller in the trace:\n%s", b.output);
	cr_expect(strstr(b.output, "BUG: scheduling while atomic: swapper/0/0x00000001"), "%s",
		  b.output);
	cr_expect(strstr(b.output, "mm> uptime\n"), "the console goes on:\n%s", b.output);
	boot_free(&b);
}
