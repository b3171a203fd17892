#include <criterion/criterion.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <asm/host.h>
#include "points.h"

static char seen[4096], expected[4096];

/* What buddyinfo_show prints, in @buf. */
static void show(char *buf, size_t size)
{
	struct seq_file m = { buf, size, 0 };

	buf[0] = '\0';
	buddyinfo_show(&m);
}

/*
 * The lines of /proc/buddyinfo, from the free lists: for each zone with
 * memory, "Node 0, zone " and its name in 8 columns, then the number of
 * free blocks of each order in 6 columns, each followed by a space.
 */
static void expect_lines(size_t size)
{
	size_t len = 0;

	expected[0] = '\0';
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &NODE_DATA(0)->node_zones[z];

		if (zone->present_pages == 0)
			continue;
		len += (size_t)snprintf(expected + len, size - len, "Node 0, zone %8s ", zone_names[z]);
		for (int o = 0; o < MAX_ORDER; o++)
			len += (size_t)snprintf(expected + len, size - len, "%6lu ",
						zone->free_area[o].nr_free);
		len += (size_t)snprintf(expected + len, size - len, "\n");
	}
}

/*
 * Allocate a few blocks of orders and zones drawn at random, so that the
 * free lists are not ones an answer could know in advance; the seed is
 * returned for the failure messages.
 */
static unsigned int scramble(int nzones)
{
	static const gfp_t zones[] = { GFP_DMA, GFP_KERNEL, GFP_HIGHUSER };
	unsigned int seed = (unsigned int)time(NULL) ^ (unsigned int)getpid();

	srand(seed);
	for (int i = 0; i < 4; i++)
		cr_assert_not_null(alloc_pages(zones[rand() % nzones], (unsigned int)(rand() % 8)));
	return seed;
}

Test(buddyinfo, lists_dma_and_normal_at_64M_and_leaves_out_empty_zones, .description = POINTS(2))
{
	unsigned int seed;

	host_boot(64ULL << 20);
	seed = scramble(2);
	expect_lines(sizeof(expected));
	show(seen, sizeof(seen));
	cr_expect_str_eq(seen, expected, "expected (HighMem and Movable are empty; blocks taken at "
			 "random, seed %u):\n%sseen:\n%s", seed, expected, seen);
}

Test(buddyinfo, counts_every_order_of_three_zones_at_2G, .description = POINTS(2))
{
	static const gfp_t zones[] = { GFP_DMA, GFP_KERNEL, GFP_HIGHUSER };

	unsigned int seed;

	host_boot(2ULL << 30);
	for (unsigned int i = 0; i < ARRAY_SIZE(zones); i++)	/* split a few blocks */
		for (unsigned int order = 0; order < 6; order++)
			cr_assert_not_null(alloc_pages(zones[i], order));
	seed = scramble(3);
	expect_lines(sizeof(expected));
	show(seen, sizeof(seen));
	cr_expect_str_eq(seen, expected, "expected (Movable is empty; blocks taken at random, seed %u):"
			 "\n%sseen:\n%s", seed, expected, seen);
}
