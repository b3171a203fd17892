/* Tangled from chapters/02-memory-map.nw, chapters/04-zones.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <asm/pgtable.h>

#include <linux/mm.h>

#define MAX_DMA_PFN	((16UL * 1024 * 1024) >> PAGE_SHIFT)	/* 16 MiB */

/* Set each zone's upper limit and lay out the zones and mem_map. */
void zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES] = { 0 };

	max_zone_pfns[ZONE_DMA] = min(MAX_DMA_PFN, max_low_pfn);
	max_zone_pfns[ZONE_NORMAL] = max_low_pfn;
	max_zone_pfns[ZONE_HIGHMEM] = max_pfn;
	free_area_init(max_zone_pfns);
}
