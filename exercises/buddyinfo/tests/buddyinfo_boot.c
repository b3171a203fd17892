#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "qemu.h"
#include "points.h"

static const char *const zones[] = { "DMA", "Normal", "HighMem" };
#define NZONES 3
#define NORDERS 11

/*
 * Check one line of buddyinfo: "Node 0, zone %8s " with @zone, then eleven
 * counts, each "%6lu ". The counts are read into @c and the line printed
 * again from them: it must come out the same, to the last space.
 */
static int read_line(const char *line, size_t len, const char *zone, unsigned long c[NORDERS])
{
	char again[256], name[16];
	int n = 0;

	memset(c, 0, NORDERS * sizeof(c[0]));
	if (sscanf(line, "Node 0, zone %15s %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu%n", name,
		   &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7], &c[8], &c[9], &c[10], &n) != 12)
		n = 0;
	snprintf(again, sizeof(again), "Node 0, zone %8s %6lu %6lu %6lu %6lu %6lu %6lu %6lu %6lu "
		 "%6lu %6lu %6lu \n", zone, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8],
		 c[9], c[10]);
	cr_expect(n && strlen(again) == len && strncmp(line, again, len) == 0,
		  "expected the line of zone %s in /proc/buddyinfo's format, like (with %s):\n%s"
		  "seen:\n%.*s", zone, n ? "the counts seen" : "made-up counts", again, (int)len, line);
	return n && strlen(again) == len && strncmp(line, again, len) == 0;
}

/*
 * The counts of the @nth buddyinfo in @output (0 is the first), into @c;
 * 0 if its lines are not all there in the right format.
 */
static int read_buddyinfo(const char *output, int nth, unsigned long c[NZONES][NORDERS])
{
	const char *out = output, *end, *line;
	int lines = 0, ok = 1;

	for (int i = 0; i <= nth; i++) {
		out = strstr(out, "mm> buddyinfo\n");
		cr_assert(out, "buddyinfo number %d is not in the output:\n%s", nth + 1, output);
		out += strlen("mm> buddyinfo\n");
	}
	end = strstr(out, "mm> ");
	cr_assert(end, "buddyinfo did not return to the prompt:\n%s", out);
	for (line = out; line < end; line = strchr(line, '\n') + 1, lines++)
		if (lines < NZONES)
			ok &= read_line(line, (size_t)(strchr(line, '\n') + 1 - line), zones[lines], c[lines]);
	cr_expect_eq(lines, NZONES, "expected 3 lines at 2 GiB (DMA, Normal, HighMem; Movable is "
		     "empty), seen %d:\n%.*s", lines, (int)(end - out), out);
	return ok && lines == NZONES;
}

/*
 * The counts must follow the free lists. Between two buddyinfo commands the
 * test allocates a block of an order and a zone it draws at random, so no
 * answer can know them in advance: the buddy allocator takes the smallest
 * free block big enough and splits it, so the count of that block's order
 * falls by one and each order from the one asked for up to it rises by one;
 * nothing else changes.
 */
Test(buddyinfo_boot, the_lines_follow_allocations_the_test_draws_at_random, .description = POINTS(2),
     .timeout = 120)
{
	static const char *const modifier[NZONES] = { " dma", "", " highmem" };
	unsigned long before[NZONES][NORDERS], after[NZONES][NORDERS];
	unsigned int seed = (unsigned int)time(NULL) ^ (unsigned int)getpid();
	int zone[3], order[3];
	char input[256];
	size_t len = 0;
	struct boot b;

	srand(seed);
	len += (size_t)snprintf(input + len, sizeof(input) - len, "buddyinfo\n");
	for (int i = 0; i < 3; i++) {
		zone[i] = rand() % NZONES;
		order[i] = rand() % 8;
		len += (size_t)snprintf(input + len, sizeof(input) - len, "alloc %d%s\nbuddyinfo\n",
					order[i], modifier[zone[i]]);
	}
	snprintf(input + len, sizeof(input) - len, "halt\n");
	cr_assert_eq(qemu_boot(&b, "2G", "", input, 90), 0);
	cr_assert(read_buddyinfo(b.output, 0, before), "the first buddyinfo is not right (seed %u)", seed);
	for (int i = 0; i < 3; i++) {
		unsigned long *c = before[zone[i]];
		int j = order[i];

		while (j < NORDERS && c[j] == 0)
			j++;
		cr_assert_lt(j, NORDERS, "seed %u: no free block of order %d or more in %s", seed,
			     order[i], zones[zone[i]]);
		c[j]--;
		for (int k = order[i]; k < j; k++)
			c[k]++;
		cr_assert(read_buddyinfo(b.output, i + 1, after), "buddyinfo after `alloc %d%s` is not right",
			  order[i], modifier[zone[i]]);
		for (int z = 0; z < NZONES; z++)
			for (int o = 0; o < NORDERS; o++)
				cr_assert_eq(after[z][o], before[z][o],
					     "after `alloc %d%s` (test seed %u), zone %s order %d: expected "
					     "%lu free blocks, buddyinfo said %lu; the kernel said:\n%s",
					     order[i], modifier[zone[i]], seed, zones[z], o, before[z][o],
					     after[z][o], strstr(b.output, "mm> buddyinfo"));
	}
	boot_free(&b);
}
