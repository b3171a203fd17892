#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/host.h>
#include "points.h"

static const struct { gfp_t gfp; enum zone_type zone; const char *name; } requests[] = {
	{ GFP_KERNEL, ZONE_NORMAL, "GFP_KERNEL" },
	{ GFP_ATOMIC | __GFP_ZERO, ZONE_NORMAL, "GFP_ATOMIC|__GFP_ZERO" },
	{ GFP_DMA, ZONE_DMA, "GFP_DMA" },
	{ GFP_KERNEL | __GFP_DMA, ZONE_DMA, "GFP_KERNEL|__GFP_DMA" },
	{ GFP_KERNEL | __GFP_DMA32, ZONE_NORMAL, "GFP_KERNEL|__GFP_DMA32" },
	{ GFP_HIGHUSER, ZONE_HIGHMEM, "GFP_HIGHUSER" },
	{ __GFP_HIGHMEM | __GFP_COLD, ZONE_HIGHMEM, "__GFP_HIGHMEM|__GFP_COLD" },
	{ GFP_HIGHUSER | __GFP_MOVABLE, ZONE_MOVABLE, "GFP_HIGHUSER|__GFP_MOVABLE" },
	{ GFP_KERNEL | __GFP_MOVABLE, ZONE_NORMAL, "GFP_KERNEL|__GFP_MOVABLE" },
};

static const char *const zone_enum[MAX_NR_ZONES] = {
	"ZONE_DMA", "ZONE_NORMAL", "ZONE_HIGHMEM", "ZONE_MOVABLE"
};

Test(gfp_zone, each_zone_modifier_names_the_highest_zone_it_allows, .description = POINTS(2))
{
	for (unsigned int i = 0; i < ARRAY_SIZE(requests); i++) {
		enum zone_type z = gfp_zone(requests[i].gfp);

		cr_expect_eq(z, requests[i].zone, "gfp_zone(%s): expected %s, seen %s",
			     requests[i].name, zone_enum[requests[i].zone],
			     z < MAX_NR_ZONES ? zone_enum[z] : "a number that is no zone");
	}
}

Test(gfp_zone, allocations_land_in_the_highest_zone_allowed_at_2G, .description = POINTS(1))
{
	host_boot(2ULL << 30);
	for (unsigned int i = 0; i < ARRAY_SIZE(requests); i++) {
		/* Movable is empty: its requests fall back to HighMem. */
		enum zone_type want = requests[i].zone == ZONE_MOVABLE ? ZONE_HIGHMEM : requests[i].zone;
		struct page *page = alloc_pages(requests[i].gfp & ~__GFP_ZERO, 0);

		cr_assert_not_null(page, "%s found no page at all", requests[i].name);
		cr_expect_eq(page_zonenum(page), want, "%s: expected a page from %s, got one from %s",
			     requests[i].name, zone_names[want], zone_names[page_zonenum(page)]);
		__free_pages(page, 0);
	}
}

Test(gfp_zone, gfp_dma_never_gets_a_page_above_16M, .description = POINTS(1))
{
	unsigned long n = 0;
	struct page *page;

	host_boot(64ULL << 20);
	while ((page = alloc_pages(GFP_DMA | __GFP_NOWARN, 0))) {
		cr_assert(page_to_pfn(page) < 4096, "GFP_DMA page %lu: expected a pfn below 0x1000 "
			  "(16 MiB), got %#lx, in %s", n, page_to_pfn(page),
			  zone_names[page_zonenum(page)]);
		n++;
	}
	cr_expect_gt(n, 3000, "GFP_DMA should get most of the DMA zone's 3998 pages; got %lu", n);
}

static void ask_for_dma_and_highmem(void)
{
	alloc_pages(__GFP_DMA | __GFP_HIGHMEM, 0);
}

Test(gfp_zone, dma_and_highmem_together_is_a_bug, .description = POINTS(1))
{
	int status;

	host_boot(64ULL << 20);
	host_console_reset();
	status = host_run(ask_for_dma_and_highmem);
	cr_expect_eq(status, EXIT_PANIC, "expected the kernel to stop with a BUG (exit status %d); "
		     "status %d%s", EXIT_PANIC, status, status == -1 ? ", the request returned" : "");
	cr_expect(strstr(host_console_output(), "kernel BUG at"), "expected a \"kernel BUG at\" "
		  "report; the console says:\n%s",
		  *host_console_output() ? host_console_output() : "(nothing)");
}
