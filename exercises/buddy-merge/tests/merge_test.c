#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <asm/host.h>
#include "points.h"
#include "buddy_helpers.h"

Test(buddy_merge, the_worked_example_of_the_chapter, .description = POINTS(4))
{
	struct zone *zone;
	struct page *p0, *p2;
	unsigned long b;

	host_boot(64ULL << 20);
	take_everything(4);
	b = page_to_pfn(held[0]);
	zone = page_zone(held[0]);
	__free_pages(held[0], 4);
	p0 = alloc_pages(GFP_KERNEL, 0);
	p2 = alloc_pages(GFP_KERNEL, 1);
	cr_assert(p0 && p2 && page_to_pfn(p0) == b && page_to_pfn(p2) == b + 2,
		  "the splits of the example did not happen as in the chapter");
	__free_pages(p0, 0);
	cr_expect_eq((unsigned long)head_of_list(zone, 1), b, "freeing page %#lx should join it with %#lx into "
		     "an order-1 block; the order-1 list starts with %#lx", b, b + 1, (unsigned long)head_of_list(zone, 1));
	cr_expect_eq(zone->free_area[0].nr_free, 0, "no single page should be left free");
	__free_pages(p2, 1);
	cr_expect_eq((unsigned long)head_of_list(zone, 4), b, "freeing [%#lx, %#lx) should rebuild the order-4 block",
		     b + 2, b + 4);
	for (unsigned int o = 0; o < 4; o++)
		cr_expect_eq(zone->free_area[o].nr_free, 0, "order %u should be empty, has %lu", o,
			     zone->free_area[o].nr_free);
}

Test(buddy_merge, merges_all_the_way_to_order_10, .description = POINTS(3))
{
	struct page *pages[1024];
	struct zone *zone;
	unsigned long b, before;

	host_boot(64ULL << 20);
	take_everything(10);
	b = page_to_pfn(held[0]);
	zone = page_zone(held[0]);
	__free_pages(held[0], 10);
	before = zone->free_area[10].nr_free;
	for (int i = 0; i < 1024; i++)
		pages[i] = alloc_pages(GFP_KERNEL, 0);
	cr_assert_eq(zone->free_area[10].nr_free, before - 1);
	for (int i = 1023; i >= 0; i--)
		__free_pages(pages[i], 0);
	cr_expect_eq(zone->free_area[10].nr_free, before, "1024 single pages freed should "
		     "join into one order-10 block again");
	cr_expect_eq((unsigned long)head_of_list(zone, 10), b);
	cr_expect_eq(check_free_lists(zone), 0, "the free lists are inconsistent");
}

Test(buddy_merge, a_random_workload_leaves_buddyinfo_as_it_was, .description = POINTS(3))
{
	host_boot(256ULL << 20);
	cr_expect_eq(page_alloc_stress(NULL, 100000, 99), 0,
		     "the stress workload found errors:\n%s", host_console_output());
}
