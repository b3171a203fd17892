/* Tangled from chapters/04-zones.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/multiboot.h>
#include <asm/host.h>

#define LOWMEM_END_PFN	0x377feUL	/* MAXMEM >> PAGE_SHIFT (chapters/00-machine.nw) */

/* check one zone's span and counts */
static void expect_zone(enum zone_type z, unsigned long start, unsigned long end,
			unsigned long present)
{
	const struct zone *zone = &NODE_DATA(0)->node_zones[z];

	if (end <= start) {
		cr_expect_eq(zone->spanned_pages, 0, "%s should be empty, spans %lu", zone_names[z],
			     zone->spanned_pages);
		return;
	}
	cr_expect_eq(zone->zone_start_pfn, start, "%s starts at %#lx, expected %#lx",
		     zone_names[z], zone->zone_start_pfn, start);
	cr_expect_eq(zone->spanned_pages, end - start, "%s spans %lu, expected %lu",
		     zone_names[z], zone->spanned_pages, end - start);
	cr_expect_eq(zone->present_pages, present, "%s has %lu present, expected %lu",
		     zone_names[z], zone->present_pages, present);
}

/* host tests of the zone boundaries */
static void check_qemu_size(unsigned long long bytes)
{
	unsigned long long below_4g = bytes < (3ULL << 30) ? bytes : (3ULL << 30);
	unsigned long end = (unsigned long)((below_4g - 0x20000) >> PAGE_SHIFT);
	unsigned long low = min(end, LOWMEM_END_PFN);

	host_boot(bytes);
	cr_expect_eq(max_pfn, end, "max_pfn %#lx, expected %#lx", max_pfn, end);
	expect_zone(ZONE_DMA, 1, 4096, 3998);
	expect_zone(ZONE_NORMAL, 4096, low, low - 4096);
	expect_zone(ZONE_HIGHMEM, low, end, end - low);
	expect_zone(ZONE_MOVABLE, end, end, 0);
}

Test(zones, boundaries_at_64M) { check_qemu_size(64ULL << 20); }
Test(zones, boundaries_at_1G) { check_qemu_size(1ULL << 30); }
Test(zones, boundaries_at_2G) { check_qemu_size(2ULL << 30); }
Test(zones, boundaries_at_3_5G_ignore_ram_above_4G) { check_qemu_size(7ULL << 29); }
static const struct multiboot_mmap_entry holey_map[] = {
	{ 20, 0, 0x9fc00, 1 }, { 20, 0x9fc00, 0x400, 2 }, { 20, 0xf0000, 0x10000, 2 },
	{ 20, 0x100000, 0xb00000, 1 },		/* 1 MiB to 12 MiB */
	{ 20, 0x1400000, 0x1ec00000, 1 },	/* 20 MiB to 512 MiB */
	{ 20, 0x20000000, 0x800000, 2 },	/* 512 MiB to 520 MiB: reserved */
	{ 20, 0x20800000, 0x1f7e0000, 1 },	/* 520 MiB to 1 GiB less 128 KiB */
};

static bool in_hole(unsigned long pfn)
{
	return (pfn >= 0xc00 && pfn < 0x1400) || (pfn >= 0x20000 && pfn < 0x20800);
}

Test(zones, holes_shrink_present_pages_and_are_never_free)
{
	struct zone *zone;
	struct page *page;
	int order, type;

	host_custom_mmap = holey_map;
	host_custom_mmap_len = sizeof(holey_map);
	host_boot(0);
	expect_zone(ZONE_DMA, 1, 4096, 158 + 0xb00);
	expect_zone(ZONE_NORMAL, 4096, LOWMEM_END_PFN,
		    (0x20000 - 0x1400) + (LOWMEM_END_PFN - 0x20800));
	expect_zone(ZONE_HIGHMEM, LOWMEM_END_PFN, 0x3ffe0, 0x3ffe0 - LOWMEM_END_PFN);
	cr_expect(PageReserved(pfn_to_page(0xc00)) && PageReserved(pfn_to_page(0x20000)));
	cr_expect_eq(page_alloc_stress(NULL, 20000, 3), 0, "the workload found errors");
	for_each_zone(zone)
		for_each_migratetype_order(order, type)
			list_for_each_entry(page, &zone->free_area[order].free_list[type], lru)
				for (unsigned long i = 0; i < (1UL << order); i++)
					cr_assert(!in_hole(page_to_pfn(page) + i),
						  "pfn %#lx of a hole is free", page_to_pfn(page) + i);
}

/* host tests of the watermarks */
static void expect_wmarks(enum zone_type z, unsigned long min, unsigned long low,
			  unsigned long high)
{
	const struct zone *zone = &NODE_DATA(0)->node_zones[z];

	cr_expect(min_wmark_pages(zone) == min && low_wmark_pages(zone) == low &&
		  high_wmark_pages(zone) == high,
		  "%s: min/low/high %lu/%lu/%lu, expected %lu/%lu/%lu", zone_names[z],
		  min_wmark_pages(zone), low_wmark_pages(zone), high_wmark_pages(zone),
		  min, low, high);
}

Test(watermarks, match_the_hand_computed_values_at_64M)
{
	const struct zone *dma = &NODE_DATA(0)->node_zones[ZONE_DMA];

	host_boot(64ULL << 20);
	cr_expect_eq(dma->managed_pages, 3997);
	cr_expect_eq(NODE_DATA(0)->node_zones[ZONE_NORMAL].managed_pages, 12032);
	cr_expect_eq(min_free_kbytes, 1012);
	expect_wmarks(ZONE_DMA, 63, 78, 93);
	expect_wmarks(ZONE_NORMAL, 189, 236, 283);
	cr_expect(dma->lowmem_reserve[ZONE_NORMAL] == 47 && dma->lowmem_reserve[ZONE_HIGHMEM] == 47,
		  "DMA protection (%ld, %ld)", dma->lowmem_reserve[ZONE_NORMAL],
		  dma->lowmem_reserve[ZONE_HIGHMEM]);
}
Test(watermarks, min_free_kbytes_is_the_root_of_16_times_lowmem)
{
	const struct zone *zones = NODE_DATA(0)->node_zones;
	unsigned long kb, root = 0;

	host_boot(2ULL << 30);
	kb = (zones[ZONE_DMA].managed_pages + zones[ZONE_NORMAL].managed_pages) * 4;
	while ((root + 1) * (root + 1) <= kb * 16)
		root++;
	cr_expect_eq((unsigned long)min_free_kbytes, root);
	cr_expect_eq(int_sqrt(892360UL * 16), 3778, "the machine's figure in the prose");
}

Test(watermarks, high_memory_gets_a_small_fixed_min)
{
	const struct zone *zones = NODE_DATA(0)->node_zones;
	unsigned long lowmem, hm, tmp, gap, min;

	host_boot(2ULL << 30);
	lowmem = zones[ZONE_DMA].managed_pages + zones[ZONE_NORMAL].managed_pages;
	hm = zones[ZONE_HIGHMEM].managed_pages;
	tmp = (unsigned long)(min_free_kbytes / 4) * hm / lowmem;
	gap = tmp / 4 > hm / 1000 ? tmp / 4 : hm / 1000;
	min = hm / 1024 < 32 ? 32 : hm / 1024 > 128 ? 128 : hm / 1024;
	expect_wmarks(ZONE_HIGHMEM, min, min + gap, min + 2 * gap);
	cr_expect_eq(zones[ZONE_NORMAL].lowmem_reserve[ZONE_HIGHMEM], (long)(hm / 32));
}
