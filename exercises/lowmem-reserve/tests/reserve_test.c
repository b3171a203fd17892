#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/host.h>
#include "points.h"

extern int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES];

static const struct zone *zone_nr(enum zone_type z)
{
	return &NODE_DATA(0)->node_zones[z];
}

/* Expect zone @z's protection (lowmem_reserve) to be @want, all four entries. */
static void expect_protection(enum zone_type z, const long want[MAX_NR_ZONES])
{
	const long *seen = zone_nr(z)->lowmem_reserve;

	cr_expect(memcmp(seen, want, sizeof(long) * MAX_NR_ZONES) == 0,
		  "%s protection: expected (%ld, %ld, %ld, %ld), seen (%ld, %ld, %ld, %ld)",
		  zone_names[z], want[0], want[1], want[2], want[3], seen[0], seen[1], seen[2],
		  seen[3]);
}

Test(lowmem_reserve, dma_keeps_47_pages_from_normal_requests_at_64M, .description = POINTS(1))
{
	static const long none[MAX_NR_ZONES];

	host_boot(64ULL << 20);
	cr_assert_eq(zone_nr(ZONE_NORMAL)->managed_pages, 12032,
		     "the chapter's 64 MiB machine manages 12032 Normal pages; this one %lu",
		     zone_nr(ZONE_NORMAL)->managed_pages);
	expect_protection(ZONE_DMA, (const long[]){ 0, 47, 47, 47 });
	expect_protection(ZONE_NORMAL, none);
}

Test(lowmem_reserve, each_zone_keeps_the_zones_above_it_over_its_ratio_at_2G,
     .description = POINTS(2))
{
	static const long none[MAX_NR_ZONES];
	long n, h;

	host_boot(2ULL << 30);
	n = (long)zone_nr(ZONE_NORMAL)->managed_pages;
	h = (long)zone_nr(ZONE_HIGHMEM)->managed_pages;
	expect_protection(ZONE_DMA, (const long[]){ 0, n / 256, (n + h) / 256, (n + h) / 256 });
	expect_protection(ZONE_NORMAL, (const long[]){ 0, 0, h / 32, h / 32 });
	expect_protection(ZONE_HIGHMEM, none);
	expect_protection(ZONE_MOVABLE, none);
}

Test(lowmem_reserve, the_ratios_are_read_when_the_reserves_are_computed, .description = POINTS(1))
{
	static const long none[MAX_NR_ZONES];
	long n, h;

	host_boot(2ULL << 30);
	sysctl_lowmem_reserve_ratio[ZONE_DMA] = 100;
	sysctl_lowmem_reserve_ratio[ZONE_NORMAL] = 0;	/* 0: keep nothing */
	init_per_zone_wmark_min();
	n = (long)zone_nr(ZONE_NORMAL)->managed_pages;
	h = (long)zone_nr(ZONE_HIGHMEM)->managed_pages;
	expect_protection(ZONE_DMA, (const long[]){ 0, n / 100, (n + h) / 100, (n + h) / 100 });
	expect_protection(ZONE_NORMAL, none);
}

/*
 * GFP_KERNEL may use Normal, and falls back to DMA when Normal is at its
 * watermark; but it must leave DMA its min plus the reserve it keeps from
 * requests that could use Normal. GFP_DMA may still have those pages.
 */
Test(lowmem_reserve, gfp_kernel_cannot_drain_dma_below_its_reserve, .description = POINTS(2))
{
	const struct zone *dma = zone_nr(ZONE_DMA);
	unsigned long keep, left;
	struct page *page;

	host_boot(64ULL << 20);
	keep = dma->_watermark[WMARK_MIN] + zone_nr(ZONE_NORMAL)->managed_pages / 256;
	while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)))
		;
	left = zone_page_state(dma, NR_FREE_PAGES);
	cr_expect_eq(left, keep, "after GFP_KERNEL took all it could, DMA should have its min %lu "
		     "plus %lu reserved, %lu free; it has %lu", dma->_watermark[WMARK_MIN],
		     keep - dma->_watermark[WMARK_MIN], keep, left);
	page = alloc_pages(GFP_DMA | __GFP_NOWARN, 0);
	cr_expect(page && page_zonenum(page) == ZONE_DMA, "GFP_DMA should still get a DMA page, "
		  "from the reserve kept for it; it got %s", page ? zone_names[page_zonenum(page)] : "none");
}
