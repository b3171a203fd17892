#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/host.h>
#include "points.h"
#include "buddy_helpers.h"

/* "pfn 0x3e08", or "nothing" for an empty list. */
static const char *describe(long pfn, char *buf, size_t size)
{
	if (pfn < 0)
		return "nothing";
	snprintf(buf, size, "pfn %#lx", pfn);
	return buf;
}

Test(buddy_split, one_page_from_a_block_of_16_splits_as_in_the_chapter, .description = POINTS(3))
{
	struct zone *zone;
	struct page *page;
	char seen4[32];
	long b;

	host_boot(64ULL << 20);
	take_everything(4);
	b = (long)page_to_pfn(held[0]);
	zone = page_zone(held[0]);
	__free_pages(held[0], 4);	/* the only free memory: one block of 16 at b */
	page = alloc_pages(GFP_KERNEL, 0);
	cr_assert(page && (long)page_to_pfn(page) == b, "the page should be the block's first, "
		  "pfn %#lx", b);
	for (unsigned int o = 0; o < 4; o++) {
		char seen[32];

		cr_expect_eq(head_of_list(zone, o), b + (1L << o), "the order-%u list should hold "
			     "the block at pfn %#lx (b + %lu); it holds %s", o, b + (1L << o), 1UL << o,
			     describe(head_of_list(zone, o), seen, sizeof(seen)));
	}
	cr_expect_eq(zone_page_state(zone, NR_FREE_PAGES), 15,
		     "15 of the 16 pages should be free; the zone counts %lu",
		     zone_page_state(zone, NR_FREE_PAGES));
	__free_pages(page, 0);
	cr_expect_eq(head_of_list(zone, 4), b, "freeing the page should join the block of 16 "
		     "again, at pfn %#lx; the order-4 list holds %s", b,
		     describe(head_of_list(zone, 4), seen4, sizeof(seen4)));
}

Test(buddy_split, each_allocation_takes_exactly_its_pages_from_the_free_count,
     .description = POINTS(1))
{
	static struct { struct page *page; unsigned int order; } blocks[11 * 16];
	unsigned int n = 0;
	unsigned long start;
	struct zone *zone;

	host_boot(64ULL << 20);
	start = nr_free_pages();
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		for (int i = 0; i < 16; i++) {
			unsigned long before = nr_free_pages();
			struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);

			if (!page)
				break;
			cr_assert_eq(before - nr_free_pages(), 1UL << order, "allocating order %u "
				     "should take %lu pages from the free count; it took %lu", order, 1UL << order,
				     before - nr_free_pages());
			blocks[n].page = page;
			blocks[n++].order = order;
		}
	for_each_zone(zone)
		cr_expect_eq(check_free_lists(zone), 0, "the %s free lists are inconsistent:\n%s",
			     zone->name, host_console_output());
	while (n--)
		__free_pages(blocks[n].page, blocks[n].order);
	cr_expect_eq(nr_free_pages(), start, "%lu pages were free before, %lu after freeing "
		     "everything", start, nr_free_pages());
}

Test(buddy_split, a_random_workload_keeps_every_invariant, .description = POINTS(2))
{
	host_boot(256ULL << 20);
	cr_expect_eq(page_alloc_stress(NULL, 100000, 7), 0, "the workload found errors:\n%s",
		     host_console_output());
}
