#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "qemu.h"
#include "points.h"

/* The lines of the @nth buddyinfo of @output (0 is the first), in @buf. */
static void buddyinfo_lines(const char *output, int nth, char *buf, size_t size)
{
	const char *out = output, *end;

	for (int i = 0; i <= nth; i++) {
		out = strstr(out, "mm> buddyinfo\n");
		cr_assert(out, "buddyinfo number %d is not in the output:\n%s", nth + 1, output);
		out += strlen("mm> buddyinfo\n");
	}
	end = strstr(out, "mm> ");
	cr_assert(end, "buddyinfo did not return to the prompt:\n%s", out);
	snprintf(buf, size, "%.*s", (int)(end - out), out);
}

/*
 * A random workload of allocations and frees, of a length and seed the test
 * draws, frees all it took at the end: if every freed block merges with its
 * buddies, the free lists are as they were before, block for block. The
 * test compares the two buddyinfo outputs itself.
 */
Test(buddy_merge_boot, stress_restores_buddyinfo_in_the_kernel, .description = POINTS(2),
     .timeout = 120)
{
	unsigned int seed = (unsigned int)time(NULL) ^ (unsigned int)getpid();
	char input[128], before[1024], after[1024];
	unsigned int ops, stress_seed;
	struct boot b;

	srand(seed);
	ops = 5000 + (unsigned int)rand() % 15000;
	stress_seed = 1 + (unsigned int)rand() % 1000;
	snprintf(input, sizeof(input), "buddyinfo\nstress %u %u\nbuddyinfo\nhalt\n", ops, stress_seed);
	cr_assert_eq(qemu_boot(&b, "512M", "", input, 90), 0);
	cr_expect(strstr(b.output, " 0 errors"), "`stress %u %u` found errors; the kernel said:\n%s",
		  ops, stress_seed, strstr(b.output, "mm> stress") ? strstr(b.output, "mm> stress") : b.output);
	buddyinfo_lines(b.output, 0, before, sizeof(before));
	buddyinfo_lines(b.output, 1, after, sizeof(after));
	cr_expect_str_eq(after, before, "after `stress %u %u`, the free lists are not as they were: "
			 "before\n%safter\n%s", ops, stress_seed, before, after);
	boot_free(&b);
}
