/* Tangled from chapters/04-zones.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

#define MAX_ORDER	11	/* blocks of 1, 2, 4, ... 1024 pages */

/* the zone types */
enum zone_type {
	ZONE_DMA,	/* the first 16 MiB, for ISA DMA */
	ZONE_NORMAL,	/* the rest of lowmem, direct-mapped */
	ZONE_HIGHMEM,	/* above lowmem: mapped only on demand */
	ZONE_MOVABLE,	/* movable data only; empty unless asked for */
	__MAX_NR_ZONES
};
#define MAX_NR_ZONES	__MAX_NR_ZONES

extern const char *const zone_names[MAX_NR_ZONES];

/* the free lists of one order */
enum migratetype {
	MIGRATE_UNMOVABLE,		/* kernel data: stays where it is */
	MIGRATE_MOVABLE,		/* could be copied elsewhere (user pages) */
	MIGRATE_RECLAIMABLE,		/* could be dropped and rebuilt (caches) */
	MIGRATE_TYPES
};

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];	/* first pages of free blocks; zone->lock */
	unsigned long nr_free;		/* blocks on all the lists; zone->lock */
};

#define for_each_migratetype_order(order, type)				\
	for ((order) = 0; (order) < MAX_ORDER; (order)++)			\
		for ((type) = 0; (type) < MIGRATE_TYPES; (type)++)

/* [[struct zone]] */
enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };
enum zone_stat_item { NR_FREE_PAGES, NR_VM_ZONE_STAT_ITEMS };

struct zone {
	unsigned long _watermark[NR_WMARK];	/* free pages at min, low, high; set at boot */
	long lowmem_reserve[MAX_NR_ZONES];	/* pages kept back from requests that
						 * could have used zone [i]; set at boot */
	struct pglist_data *zone_pgdat;		/* the node */
	unsigned long zone_start_pfn;		/* first pfn of the span */
	unsigned long spanned_pages;		/* pfns in the span, holes included */
	unsigned long present_pages;		/* pages of RAM in the span */
	unsigned long managed_pages;		/* pages given to the buddy allocator */
	const char *name;
	spinlock_t lock;			/* protects the free lists and vm_stat */
	struct free_area free_area[MAX_ORDER];
	unsigned long vm_stat[NR_VM_ZONE_STAT_ITEMS];	/* counters; lock */
};

/* the zone fallback list */
struct zoneref {
	struct zone *zone;
	int zone_idx;
};

struct zonelist {
	struct zoneref _zonerefs[MAX_NR_ZONES + 1];	/* ends with a NULL zone */
};

/* [[pg_data_t]]: a node and its zones */
typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelist;		/* fallback order, highest zone first */
	int nr_zones;				/* zones up to the highest populated one */
	unsigned long node_start_pfn;
	unsigned long node_present_pages;	/* RAM pages in the node */
	unsigned long node_spanned_pages;	/* pfns, holes included */
	int node_id;
	unsigned long totalreserve_pages;	/* kept back by watermarks and reserves */
} pg_data_t;

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid)		(&contig_page_data)

/* helpers for zones */
/* a zone's index, watermarks and span */
#define zone_idx(zone)		((int)((zone) - (zone)->zone_pgdat->node_zones))
#define min_wmark_pages(z)	((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z)	((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z)	((z)->_watermark[WMARK_HIGH])

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}
static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}
static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}
static inline bool is_highmem(const struct zone *zone)
{
	return zone_idx(zone) == ZONE_HIGHMEM;
}

/* a zone's counters, and every zone's */
static inline unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item)
{
	return zone->vm_stat[item];
}

#define for_each_zone(zone)							\
	for (zone = contig_page_data.node_zones;				\
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)

/* A counter summed over every zone; free pages of the machine. */
static inline unsigned long global_zone_page_state(enum zone_stat_item item)
{
	const struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		n += zone->vm_stat[item];
	return n;
}
#define nr_free_pages()	global_zone_page_state(NR_FREE_PAGES)

#endif
