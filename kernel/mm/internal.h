/* Tangled from chapters/05-getting-pages.nw, chapters/10-reclaim.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <linux/mm.h>

/* what the files of mm/ share */
/* marking a free block and finding its buddy */
/* The order of the free block that @page heads. zone->lock held. */
static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

/* Mark @page as the head of a free block of @order. zone->lock held. */
static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	__SetPageBuddy(page);
}

/* The pfn of the buddy of the block of @order at @pfn: it differs in bit @order. */
static inline unsigned long __find_buddy_pfn(unsigned long pfn, unsigned int order)
{
	return pfn ^ (1UL << order);
}
/* May @buddy join @page: a free block of @order, in @page's zone? zone->lock held. */
static inline bool page_is_buddy(const struct page *page, const struct page *buddy,
				 unsigned int order)
{
	return PageBuddy(buddy) && buddy_order(buddy) == order &&
	       page_zonenum(buddy) == page_zonenum(page);
}

extern struct list_head shrinker_list;	/* changed under shrinker_lock, in mm/vmscan.c */

#endif
