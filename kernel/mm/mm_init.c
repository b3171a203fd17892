/* Tangled from chapters/03-pages.nw, chapters/04-zones.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/string.h>

struct page *mem_map;
unsigned long max_mapnr;

/* [[__init_single_page]]: a descriptor as boot leaves it */
/* Write @page, for @pfn in @zone, as boot leaves it: reserved, one reference. Boot only. */
void __init_single_page(struct page *page, unsigned long pfn, unsigned int zone)
{
	*page = (struct page){
		.flags = BIT(PG_reserved) | ((unsigned long)(zone & ZONES_MASK) << ZONES_PGSHIFT),
		._count = ATOMIC_INIT(1),
		._mapcount = ATOMIC_INIT(-1),
		.lru = LIST_HEAD_INIT(page->lru),
	};
	(void)pfn;
}

/* [[alloc_node_mem_map]]: one descriptor for every pfn */
/* Allocate mem_map for @nr_pages pfns, uninitialized; panics on failure. Boot only. */
void alloc_node_mem_map(unsigned long nr_pages)
{
	mem_map = memblock_alloc_raw((phys_addr_t)nr_pages * sizeof(struct page), PAGE_SIZE);
	if (!mem_map)
		panic("cannot allocate mem_map for %lu pages", nr_pages);
	max_mapnr = nr_pages;
	pr_info("mem_map: %lu pages, %lu KiB of descriptors at %p\n", nr_pages,
		(unsigned long)((nr_pages * sizeof(struct page)) >> 10), (void *)mem_map);
}

/* the node and its zones, laid out at boot */
struct pglist_data contig_page_data;
const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem", "Movable" };

/* count the RAM pages in a range of pfns */
static unsigned long present_pages_in(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long s = max(PFN_UP(r->base), start_pfn);
		unsigned long e = min(PFN_DOWN(r->base + r->size), end_pfn);

		if (s < e)
			n += e - s;
	}
	return n;
}

/* print the zone ranges and the memory ranges */
static void print_zone_ranges(const unsigned long *zone_start, const unsigned long *zone_end,
			      unsigned long start_pfn, unsigned long end_pfn)
{
	/* print each zone's range, or that it is empty */
	pr_info("Zone ranges:\n");
	for (int i = 0; i < ZONE_MOVABLE; i++)
		if (zone_end[i] > zone_start[i])
			pr_info("  %-8s [mem %#018llx-%#018llx]\n", zone_names[i],
				PFN_PHYS(zone_start[i]), PFN_PHYS(zone_end[i]) - 1);
		else
			pr_info("  %-8s empty\n", zone_names[i]);
	pr_info("Movable zone start for each node\n");
	/* print the node's ranges of RAM */
	pr_info("Early memory node ranges\n");
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long s = PFN_UP(r->base), e = min(PFN_DOWN(r->base + r->size), end_pfn);

		if (s < e)
			pr_info("  node   0: [mem %#018llx-%#018llx]\n", PFN_PHYS(s), PFN_PHYS(e) - 1);
	}
	pr_info("Initmem setup node 0 [mem %#018llx-%#018llx]\n", PFN_PHYS(start_pfn),
		PFN_PHYS(end_pfn) - 1);
}

/* [[free_area_init_core]]: spans, counts, free lists and page zones */
static void free_area_init_core(pg_data_t *pgdat, const unsigned long *zone_start,
				const unsigned long *zone_end)
{
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = &pgdat->node_zones[j];

		/* name zone [[j]], and set its span and counts */
		zone->zone_pgdat = pgdat;
		zone->name = zone_names[j];
		zone->zone_start_pfn = zone_start[j];
		zone->spanned_pages = zone_end[j] - zone_start[j];
		zone->present_pages = present_pages_in(zone_start[j], zone_end[j]);
		/* give zone [[j]] empty free lists and its pages their zone */
		int order, type;

		spin_lock_init(&zone->lock);
		for_each_migratetype_order(order, type)
			INIT_LIST_HEAD(&zone->free_area[order].free_list[type]);
		for (unsigned long pfn = zone_start[j]; pfn < zone_end[j]; pfn++)
			__init_single_page(pfn_to_page(pfn), pfn, (unsigned int)j);
		pgdat->node_present_pages += zone->present_pages;
		if (zone->present_pages)
			pgdat->nr_zones = j + 1;
	}
}

/* [[free_area_init]]: from limits to zones */
/* Lay out node 0's zones below the limits in @max_zone_pfns, and mem_map. Boot only. */
void free_area_init(unsigned long *max_zone_pfns)
{
	pg_data_t *pgdat = NODE_DATA(0);
	unsigned long zone_start[MAX_NR_ZONES], zone_end[MAX_NR_ZONES];
	unsigned long start_pfn = memblock.memory.cnt ? PFN_UP(memblock.memory.regions[0].base) : 0;
	unsigned long end_pfn = max_pfn;

	/* each zone from the end of the one below to its own limit */
	unsigned long prev = start_pfn;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		unsigned long limit = i == ZONE_MOVABLE ? prev : min(max_zone_pfns[i], end_pfn);

		zone_start[i] = prev;
		zone_end[i] = max(limit, prev);
		prev = zone_end[i];
	}
	print_zone_ranges(zone_start, zone_end, start_pfn, end_pfn);
	alloc_node_mem_map(end_pfn);
	for (unsigned long pfn = 0; pfn < start_pfn; pfn++)	/* below the node: pfn 0 */
		__init_single_page(pfn_to_page(pfn), pfn, ZONE_DMA);
	pgdat->node_id = 0;
	pgdat->node_start_pfn = start_pfn;
	pgdat->node_spanned_pages = end_pfn - start_pfn;
	free_area_init_core(pgdat, zone_start, zone_end);
	build_all_zonelists();
}
