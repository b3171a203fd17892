/* Tangled from chapters/05-getting-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/selftest.h>
#include <linux/string.h>

SELFTEST(buddy_allocations_and_frees_restore_the_free_lists)
{
	unsigned long before[MAX_ORDER], after[MAX_ORDER];
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	struct page *pages[6];

	for (int o = 0; o < MAX_ORDER; o++)
		before[o] = normal->free_area[o].nr_free;
	for (unsigned int o = 0; o < 6; o++)
		pages[o] = alloc_pages(GFP_KERNEL, o);
	for (unsigned int o = 0; o < 6; o++) {
		EXPECT_TRUE(t, pages[o] && page_zonenum(pages[o]) == ZONE_NORMAL);
		if (!pages[o])
			continue;	/* reported; a test must not crash the kernel it checks */
		EXPECT_TRUE(t, IS_ALIGNED(page_to_pfn(pages[o]), 1UL << o));
		__free_pages(pages[o], o);
	}
	for (int o = 0; o < MAX_ORDER; o++)
		after[o] = normal->free_area[o].nr_free;
	EXPECT_TRUE(t, memcmp(before, after, sizeof(before)) == 0);
	EXPECT_EQ(t, check_free_lists(normal), 0);
}

SELFTEST(zone_modifiers_choose_allowed_zones)
{
	struct page *dma = alloc_page(GFP_DMA), *kernel = alloc_page(GFP_KERNEL);
	struct page *user = alloc_page(GFP_HIGHUSER);

	EXPECT_TRUE(t, dma && page_zonenum(dma) == ZONE_DMA);
	EXPECT_TRUE(t, kernel && page_zonenum(kernel) <= ZONE_NORMAL);
	EXPECT_TRUE(t, user && page_zonenum(user) <= ZONE_HIGHMEM);
	EXPECT_TRUE(t, !user || PageHighMem(user) == (max_pfn > max_low_pfn));
	if (dma)
		__free_pages(dma, 0);
	if (kernel)
		__free_pages(kernel, 0);
	if (user)
		__free_pages(user, 0);
}
