#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "qemu.h"
#include "points.h"

/*
 * Check one line of buddyinfo: "Node 0, zone %8s " with @zone, then eleven
 * counts, each "%6lu ". The counts are read back and the line printed again
 * from them: it must come out the same, to the last space.
 */
static void expect_line(const char *line, size_t len, const char *zone)
{
	unsigned long c[11] = { 0 };
	char again[256], name[16];
	int n = 0;

	if (sscanf(line, "Node 0, zone %15s %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu%n", name,
		   &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7], &c[8], &c[9], &c[10], &n) != 12)
		n = 0;
	snprintf(again, sizeof(again), "Node 0, zone %8s %6lu %6lu %6lu %6lu %6lu %6lu %6lu %6lu "
		 "%6lu %6lu %6lu \n", zone, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8],
		 c[9], c[10]);
	cr_expect(n && strlen(again) == len && strncmp(line, again, len) == 0,
		  "expected the line of zone %s in /proc/buddyinfo's format, like (with %s):\n%s"
		  "seen:\n%.*s", zone, n ? "the counts seen" : "made-up counts", again, (int)len, line);
}

Test(buddyinfo_boot, the_kernel_prints_a_line_for_each_zone_with_memory, .description = POINTS(2),
     .timeout = 120)
{
	static const char *const zones[] = { "DMA", "Normal", "HighMem" };
	const char *out, *end, *line;
	struct boot b;
	int lines = 0;

	cr_assert_eq(qemu_boot(&b, "2G", "", "buddyinfo\nhalt\n", 90), 0);
	out = strstr(b.output, "mm> buddyinfo\n");
	cr_assert(out, "no buddyinfo command in the output:\n%s", b.output);
	out += strlen("mm> buddyinfo\n");
	end = strstr(out, "mm> ");
	cr_assert(end, "buddyinfo did not return to the prompt:\n%s", out);
	for (line = out; line < end; line = strchr(line, '\n') + 1, lines++)
		if (lines < 3)
			expect_line(line, (size_t)(strchr(line, '\n') + 1 - line), zones[lines]);
	cr_expect_eq(lines, 3, "expected 3 lines at 2 GiB (DMA, Normal, HighMem; Movable is "
		     "empty), seen %d:\n%.*s", lines, (int)(end - out), out);
	boot_free(&b);
}
