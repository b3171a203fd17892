/* Tangled from chapters/10-reclaim.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/host.h>

Test(mobility, reclaimable_pages_are_kept_apart_from_unmovable_ones)
{
	static unsigned char holds[NR_PAGEBLOCKS];
	unsigned long mixed = 0;

	host_boot(64ULL << 20);
	for (int i = 0; i < 2000; i++) {
		gfp_t gfp = (i & 1) ? GFP_KERNEL | __GFP_RECLAIMABLE : GFP_KERNEL;
		struct page *page = alloc_page(gfp);

		cr_assert_not_null(page);
		holds[page_to_pfn(page) >> pageblock_order] |= 1u << (i & 1);
		cr_expect_eq(get_pageblock_migratetype(page), gfp_migratetype(gfp),
			     "page %d in a pageblock of type %d", i, get_pageblock_migratetype(page));
	}
	for (unsigned long b = 0; b < ARRAY_SIZE(holds); b++)
		mixed += holds[b] == 3;
	cr_expect_eq(mixed, 0, "%lu pageblocks hold both kinds", mixed);
	cr_expect_eq(check_free_lists(&NODE_DATA(0)->node_zones[ZONE_NORMAL]), 0);
}

Test(mobility, a_cold_request_takes_the_other_end_of_the_list)
{
	struct page *pages[64], *p = NULL, *q = NULL;

	host_boot(64ULL << 20);
	for (int i = 0; i < 64; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	for (int i = 0; i < 64 && !q; i++)		/* two pages whose buddies we hold */
		for (int j = 0; j < 64; j++)
			if ((page_to_pfn(pages[i]) ^ 1) == page_to_pfn(pages[j])) {
				if (!p)
					p = pages[i];
				else if (pages[i] != p && pages[j] != p)
					q = pages[i];
				break;
			}
	cr_assert(p && q, "no two pages with their buddies held");
	__free_pages(q, 0);				/* neither can merge */
	__free_pages(p, 0);				/* the hottest page */
	cr_expect_neq(alloc_page(GFP_KERNEL | __GFP_COLD), p, "__GFP_COLD took the hot page");
	cr_expect_eq(alloc_page(GFP_KERNEL), p, "the page freed last is the hottest");
}
