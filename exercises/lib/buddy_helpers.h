/*
 * Helpers shared by the tests of the buddy allocator's exercises: to watch
 * one block split and merge in isolation, take every free page first (with
 * the watermarks at zero, so nothing is held back), then free one block.
 */
#ifndef EXERCISES_BUDDY_HELPERS_H
#define EXERCISES_BUDDY_HELPERS_H

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>

static struct page *held[40000];
static unsigned int nr_held;

/* Take every free page, in blocks of @order and smaller; held[0] is the first. */
static inline void take_everything(unsigned int order)
{
	struct zone *zone;

	for_each_zone(zone) {
		memset(zone->_watermark, 0, sizeof(zone->_watermark));
		memset(zone->lowmem_reserve, 0, sizeof(zone->lowmem_reserve));
	}
	for (int o = (int)order; o >= 0; o--) {
		struct page *page;

		while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, (unsigned int)o)))
			held[nr_held++] = page;
	}
}

/* The pfn at the head of @zone's order-@order list, or -1 if the list is empty. */
static inline long head_of_list(const struct zone *zone, unsigned int order)
{
	if (list_empty(&zone->free_area[order].free_list[MIGRATE_UNMOVABLE]))
		return -1;
	return (long)page_to_pfn(list_first_entry(&zone->free_area[order].free_list[MIGRATE_UNMOVABLE],
					 struct page, lru));
}

#endif
