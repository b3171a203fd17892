#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/host.h>
#include "points.h"

extern int watermark_scale_factor;

static const struct zone *zone_nr(enum zone_type z)
{
	return &NODE_DATA(0)->node_zones[z];
}

static void expect_marks(enum zone_type z, unsigned long min, unsigned long low,
			 unsigned long high)
{
	const struct zone *zone = zone_nr(z);

	cr_expect(zone->_watermark[WMARK_MIN] == min && zone->_watermark[WMARK_LOW] == low &&
		  zone->_watermark[WMARK_HIGH] == high,
		  "%s (%lu pages managed): min/low/high expected %lu/%lu/%lu, seen %lu/%lu/%lu",
		  zone_names[z], zone->managed_pages, min, low, high, zone->_watermark[WMARK_MIN],
		  zone->_watermark[WMARK_LOW], zone->_watermark[WMARK_HIGH]);
}

/* The managed pages of DMA and Normal, the zones that share min_free_kbytes. */
static unsigned long lowmem_managed(void)
{
	return zone_nr(ZONE_DMA)->managed_pages + zone_nr(ZONE_NORMAL)->managed_pages;
}

/* Check every populated zone against the rules of the chapter, worked out here. */
static void expect_the_rules(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes / 4, lowmem = lowmem_managed();

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long n = zone_nr(z)->managed_pages, share, min, gap;

		if (!zone_nr(z)->present_pages)
			continue;
		share = (unsigned long)((unsigned long long)pages_min * n / lowmem);
		if (z == ZONE_DMA || z == ZONE_NORMAL)
			min = share;
		else
			min = n / 1024 < 32 ? 32 : n / 1024 > 128 ? 128 : n / 1024;
		gap = share / 4;
		if (n * (unsigned long)watermark_scale_factor / 10000 > gap)
			gap = n * (unsigned long)watermark_scale_factor / 10000;
		expect_marks(z, min, min + gap, min + 2 * gap);
	}
}

Test(zone_watermarks, match_the_values_worked_by_hand_at_64M, .description = POINTS(3))
{
	host_boot(64ULL << 20);
	cr_assert(zone_nr(ZONE_DMA)->managed_pages == 3997 &&
		  zone_nr(ZONE_NORMAL)->managed_pages == 12032 && min_free_kbytes == 1012, "the machine is not the one of the chapter's example: "
		  "expected 3997 and 12032 pages managed, min_free_kbytes 1012; seen %lu, %lu, %d",
		  zone_nr(ZONE_DMA)->managed_pages, zone_nr(ZONE_NORMAL)->managed_pages,
		  min_free_kbytes);
	expect_marks(ZONE_DMA, 63, 78, 93);
	expect_marks(ZONE_NORMAL, 189, 236, 283);
}

Test(zone_watermarks, lowmem_zones_share_pages_min_in_proportion_to_their_size,
     .description = POINTS(1))
{
	unsigned long pages_min, sum;

	host_boot(1ULL << 30);
	pages_min = (unsigned long)min_free_kbytes / 4;
	sum = zone_nr(ZONE_DMA)->_watermark[WMARK_MIN] + zone_nr(ZONE_NORMAL)->_watermark[WMARK_MIN];
	cr_expect(sum <= pages_min && sum + 1 >= pages_min,
		  "the mins of DMA and Normal should add up to pages_min, %lu (or 1 less, rounding "
		  "down); they add up to %lu", pages_min, sum);
	expect_the_rules();
}

Test(zone_watermarks, high_memory_min_is_at_most_128_pages, .description = POINTS(1))
{
	const struct zone *high = zone_nr(ZONE_HIGHMEM);

	host_boot(2ULL << 30);
	cr_expect_eq(high->_watermark[WMARK_MIN], 128, "HighMem's %lu pages / 1024 is above 128, "
		     "so its min should be 128; seen %lu", high->managed_pages,
		     high->_watermark[WMARK_MIN]);
	expect_the_rules();
}

Test(zone_watermarks, high_memory_min_is_at_least_32_pages, .description = POINTS(1))
{
	const struct zone *high = zone_nr(ZONE_HIGHMEM);

	host_boot(960ULL << 20);
	cr_expect_eq(high->_watermark[WMARK_MIN], 32, "HighMem's %lu pages / 1024 is below 32, "
		     "so its min should be 32; seen %lu", high->managed_pages,
		     high->_watermark[WMARK_MIN]);
	expect_the_rules();
}

Test(zone_watermarks, a_larger_scale_factor_widens_the_gaps, .description = POINTS(1))
{
	const struct zone *normal = zone_nr(ZONE_NORMAL);

	host_boot(1ULL << 30);
	watermark_scale_factor = 100;	/* 1% of each zone, more than a quarter of min */
	init_per_zone_wmark_min();
	cr_expect_eq(normal->_watermark[WMARK_HIGH] - normal->_watermark[WMARK_LOW],
		     normal->managed_pages / 100, "with watermark_scale_factor 100, Normal's gaps "
		     "should be 1%% of its %lu pages, %lu; seen %lu", normal->managed_pages,
		     normal->managed_pages / 100,
		     normal->_watermark[WMARK_HIGH] - normal->_watermark[WMARK_LOW]);
	expect_the_rules();
}
