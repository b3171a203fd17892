/* Tangled from chapters/10-reclaim.nw by tangle/tangle.c; edit the chapter, not this file. */
#define _GNU_SOURCE			/* memmem */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "../qemu.h"

Test(gfp_boot, the_which_flag_table_runs_and_only_the_wrong_flag_is_reported, .timeout = 60)
{
	const char *wrong;
	struct boot b;

	cr_assert_eq(qemu_boot(&b, "64M", "", "whichflag\nwhichflag irq GFP_KERNEL\nhalt\n", 50), 0);
	cr_assert_eq(b.status, 0, "%s", b.output);
	cr_expect(strstr(b.output, "process   GFP_KERNEL           in_interrupt 0 in_atomic 0: "),
		  "%s", b.output);
	cr_expect(strstr(b.output, "spinlock  GFP_ATOMIC           in_interrupt 0 in_atomic 1: "),
		  "%s", b.output);
	cr_expect(strstr(b.output, "irq       GFP_ATOMIC           in_interrupt 1 in_atomic 1: "),
		  "%s", b.output);
	cr_expect(strstr(b.output, "GFP_KERNEL|GFP_DMA   in_interrupt 0 in_atomic 0: c"), "%s", b.output);
	cr_expect(strstr(b.output, "GFP_ATOMIC|GFP_DMA   in_interrupt 0 in_atomic 1: c"), "%s", b.output);
	cr_expect(!strstr(b.output, "NULL"), "%s", b.output);
	wrong = strstr(b.output, "mm> whichflag irq GFP_KERNEL");
	cr_assert(wrong, "%s", b.output);
	cr_expect(!memmem(b.output, (size_t)(wrong - b.output), "BUG:", 4),
		  "a right flag was reported:\n%s", b.output);
	cr_expect(strstr(wrong, "BUG: sleeping function called from invalid context at "), "%s", wrong);
	cr_expect(strstr(wrong, "in_atomic(): 1, irqs_disabled(): 1"), "%s", wrong);
	cr_expect(strstr(wrong, "irq       GFP_KERNEL           in_interrupt 1 in_atomic 1: c"),
		  "the allocation itself works:\n%s", wrong);
	boot_free(&b);
}

/* A minute of kmstress and a hog, each stopped by a Ctrl-C, leave nothing behind. */
Test(gfp_boot, ctrl_c_stops_kmstress_and_hog_and_nothing_is_lost, .timeout = 60)
{
	struct boot b;

	cr_assert_eq(qemu_boot(&b, "64M", "", "kmstress 2 60000\n\003hog\n\003hog free\nhalt\n", 30), 0);
	cr_expect_eq(b.status, 0, "%s", b.output);
	cr_expect(strstr(b.output, "^C\nkmstress: 2 threads, 60000 ms: "), "%s", b.output);
	cr_expect(strstr(b.output, " 0 corrupted, "), "%s", b.output);
	cr_expect(strstr(b.output, "mm> hog\n^C\nhog: holding 4096 pages; "), "%s", b.output);
	cr_expect(strstr(b.output, "hog: freed 4096 pages\n"), "%s", b.output);
	boot_free(&b);
}

Test(gfp_boot, gfp_kernel_under_a_spinlock_is_reported_with_the_caller, .timeout = 60)
{
	struct boot b;

	cr_assert_eq(qemu_boot(&b, "64M", "", "whichflag spinlock GFP_KERNEL\nhalt\n", 50), 0);
	cr_assert_eq(b.status, 0, "%s", b.output);
	cr_expect(strstr(b.output, "BUG: sleeping function called from invalid context at "),
		  "%s", b.output);
	cr_expect(strstr(b.output, "in_atomic(): 1, irqs_disabled(): 0, pid: 0, name: swapper"),
		  "%s", b.output);
	cr_expect(strstr(b.output, " gfp_trial"), "the call trace names the caller:\n%s", b.output);
	boot_free(&b);
}

Test(gfp_boot, threads_and_the_timer_interrupt_allocate_at_once, .timeout = 90)
{
	unsigned long threads, irqs, corrupted, failed, before, after;
	const char *line;
	struct boot b;

	cr_assert_eq(qemu_boot(&b, "64M", "", "kmstress 3 2000\nhalt\n", 60), 0);
	cr_assert_eq(b.status, 0, "%s", b.output);
	line = strstr(b.output, "kmstress: 3 threads, 2000 ms: ");
	cr_assert(line && sscanf(line, "kmstress: 3 threads, 2000 ms: %lu allocations in threads, "
				 "%lu in interrupts; %lu corrupted, %lu failed; objects in use %lu "
				 "before, %lu after", &threads, &irqs, &corrupted, &failed, &before,
				 &after) == 6, "%s", b.output);
	cr_expect_gt(threads, 10000, "the threads ran");
	cr_expect_gt(irqs, 1000, "the timer allocated at every tick");
	cr_expect_eq(corrupted, 0, "an object was overwritten while in use");
	cr_expect_eq(failed, 0);
	cr_expect_eq(after, before, "objects were lost or freed twice");
	cr_expect(!strstr(b.output, "BUG"), "%s", b.output);
	boot_free(&b);
}
