/* Tangled from chapters/02-memory-map.nw, chapters/04-zones.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/e820.h>
#include <asm/pgtable.h>

/* The end of RAM and of lowmem as page frame numbers, and lowmem's end as
 * an address; set once at boot by find_low_pfn_range(), read-only after. */
unsigned long max_low_pfn, max_pfn;
void *high_memory;

/* [[find_low_pfn_range]]: split RAM into lowmem and highmem */
/**
 * find_low_pfn_range - split RAM into lowmem and high memory
 *
 * Sets max_pfn (the end of RAM below 4 GiB), max_low_pfn (the end of the
 * direct map, at most MAXMEM) and high_memory from e820_table, warning
 * about RAM above 4 GiB, which this kernel cannot use.
 *
 * Context: boot only, once, after the memory map is sanitized.
 */
void find_low_pfn_range(void)
{
	const unsigned long limit_pfn = 1UL << (32 - PAGE_SHIFT);	/* 4 GiB */

	/* the end of RAM, and of the RAM below 4 GiB */
	max_pfn = e820__end_of_ram_pfn(&e820_table, limit_pfn);
	if (e820__end_of_ram_pfn(&e820_table, ~0UL) > max_pfn)
		pr_warn("Warning only 4GB will be used. Use a HIGHMEM64G enabled kernel.\n");
	max_low_pfn = min(max_pfn, (unsigned long)(MAXMEM >> PAGE_SHIFT));
	if (max_pfn > max_low_pfn)
		pr_notice("%luMB HIGHMEM available.\n", (max_pfn - max_low_pfn) >> (20 - PAGE_SHIFT));
	pr_notice("%luMB LOWMEM available.\n", max_low_pfn >> (20 - PAGE_SHIFT));
	high_memory = __va(max_low_pfn << PAGE_SHIFT);
}

/* the zones' limits from [[max_low_pfn]] and [[max_pfn]] */

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
