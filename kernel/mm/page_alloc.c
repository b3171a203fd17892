/* Tangled from chapters/04-zones.nw, chapters/05-getting-pages.nw, chapters/08-slabs.nw, chapters/10-reclaim.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/sched/debug.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include "internal.h"

/* [[build_all_zonelists]]: highest zone first */
/* List node 0's populated zones, highest first, for the allocator's walk. Boot only. */
void build_all_zonelists(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
	int n = 0;

	for (int j = MAX_NR_ZONES - 1; j >= 0; j--)
		if (populated_zone(&pgdat->node_zones[j]))
			pgdat->node_zonelist._zonerefs[n++] =
				(struct zoneref){ &pgdat->node_zones[j], j };
	pgdat->node_zonelist._zonerefs[n] = (struct zoneref){ NULL, 0 };
	pr_info("Built 1 zonelists, mobility grouping on.  Total pages: %lu\n",
		pgdat->node_present_pages);
}

/* the watermarks and the reserves */
int min_free_kbytes = 1024;
int watermark_scale_factor = 10;
unsigned long totalreserve_pages;

/* [[int_sqrt]]: the integer square root */
/* The largest r with r * r <= x, bit by bit from the top. */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (BITS_PER_LONG - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

#define mult_frac(x, n, d)	(((x) / (d)) * (n) + (((x) % (d)) * (n)) / (d))
#define clamp_pages(v, lo, hi)	min(max((unsigned long)(v), (unsigned long)(lo)), (unsigned long)(hi))

/* [[nr_free_buffer_pages]]: lowmem, less its high watermarks */
unsigned long nr_free_buffer_pages(void)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(zone)
		if (zone_idx(zone) <= ZONE_NORMAL && zone->managed_pages > high_wmark_pages(zone))
			sum += zone->managed_pages - high_wmark_pages(zone);
	return sum;
}

/* [[__setup_per_zone_wmarks]]: min, low and high for every zone */
static void __setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_highmem(zone) && zone_idx(zone) != ZONE_MOVABLE)
			lowmem_pages += zone->managed_pages;
	for_each_zone(zone) {
		u64 tmp = lowmem_pages ? (u64)pages_min * zone->managed_pages / lowmem_pages : 0;
		u64 gap;

		if (is_highmem(zone) || zone_idx(zone) == ZONE_MOVABLE)
			zone->_watermark[WMARK_MIN] = clamp_pages(zone->managed_pages / 1024, 32, 128);
		else
			zone->_watermark[WMARK_MIN] = (unsigned long)tmp;
		gap = max(tmp >> 2, (u64)mult_frac(zone->managed_pages, watermark_scale_factor, 10000));
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + (unsigned long)gap;
		zone->_watermark[WMARK_HIGH] = low_wmark_pages(zone) + (unsigned long)gap;
	}
}

/* [[setup_per_zone_lowmem_reserve]]: keep lower zones for their own */
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 32, 0, 0 };

static void setup_per_zone_lowmem_reserve(void)
{
	pg_data_t *pgdat = NODE_DATA(0);

	for (int i = 0; i < MAX_NR_ZONES - 1; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		int ratio = sysctl_lowmem_reserve_ratio[i];
		bool clear = !ratio || !zone->managed_pages;
		unsigned long managed = 0;

		for (int j = i + 1; j < MAX_NR_ZONES; j++) {
			managed += pgdat->node_zones[j].managed_pages;
			zone->lowmem_reserve[j] = clear ? 0 : (long)(managed / (unsigned long)ratio);
		}
	}
}

/* [[calculate_totalreserve_pages]]: what the watermarks hold back */
static void calculate_totalreserve_pages(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
	unsigned long total = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];

		/* add the most [[zone]] holds back from any request */
		long most = 0;

		for (int j = i; j < MAX_NR_ZONES; j++)
			if (zone->lowmem_reserve[j] > most)
				most = zone->lowmem_reserve[j];
		most += (long)high_wmark_pages(zone);
		total += min((unsigned long)most, zone->managed_pages);
	}
	pgdat->totalreserve_pages = total;
	totalreserve_pages = total;
}

/* [[init_per_zone_wmark_min]]: [[min_free_kbytes]], then everything else */
/* Size min_free_kbytes from lowmem, then set every zone's watermarks and reserves. Boot only. */
void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	unsigned long new_min = int_sqrt(lowmem_kbytes * 16);

	min_free_kbytes = (int)clamp_pages(new_min, 128, 262144);
	__setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
	calculate_totalreserve_pages();
}

/* the buddy allocator */
/* adding and removing a free block */
/* [[add_to_free_list]]: a block onto the list of its order and migrate type */
/* Put @page at the head (or @tail) of its list as a free block of @order. zone->lock held. */
static void add_to_free_list(struct page *page, struct zone *zone, unsigned int order,
			     bool tail)
{
	struct list_head *list = &zone->free_area[order].free_list[get_pageblock_migratetype(page)];

	set_buddy_order(page, order);
	if (tail)
		list_add_tail(&page->lru, list);
	else
		list_add(&page->lru, list);
	zone->free_area[order].nr_free++;
	zone->vm_stat[NR_FREE_PAGES] += 1UL << order;
}

/* [[del_page_from_free_list]]: a block off its list */
/* Take the free block at @page, of @order, off its list. zone->lock held. */
static void del_page_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
	zone->vm_stat[NR_FREE_PAGES] -= 1UL << order;
}

/* [[__free_one_page]]: free a block, merging with its buddies */
/* Put the block of 2^@order pages at @pfn on the free lists. zone->lock held. */
static void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
			    unsigned int order)
{
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = __find_buddy_pfn(pfn, order);
		struct page *buddy = page + (buddy_pfn - pfn);

		if (!zone_spans_pfn(zone, buddy_pfn) || !page_is_buddy(page, buddy, order))
			break;
		del_page_from_free_list(buddy, zone, order);
		pfn &= buddy_pfn;		/* the lower of the two */
		page = pfn_to_page(pfn);
		order++;
	}
	add_to_free_list(page, zone, order, false);
}

/* [[expand]]: split a block, returning the unused halves */
/* Split the block of order @high at @page down to order @low, freeing the upper halves. zone->lock held. */
static void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high, false);
	}
}

/* [[__rmqueue_smallest]]: take a block of the smallest order that has one */
/* Take a block of 2^@order pages of @migratetype from @zone, or NULL. zone->lock held. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order, int migratetype,
				       bool cold)
{
	for (unsigned int current_order = order; current_order < MAX_ORDER; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page;

		struct list_head *list = &area->free_list[migratetype];

		if (list_empty(list))
			continue;
		/* take the first block on [[list]] (the last, if [[cold]]) and split it to [[order]] */
		page = cold ? list_entry(list->prev, struct page, lru)
			    : list_first_entry(list, struct page, lru);
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order);
		return page;
	}
	return NULL;
}

/* [[__rmqueue_fallback]]: borrow a block of another migrate type */
/* the pageblocks' types, and whom each type borrows from */
unsigned char pageblock_migratetypes[NR_PAGEBLOCKS];

static const int fallbacks[MIGRATE_TYPES][MIGRATE_TYPES - 1] = {
	[MIGRATE_UNMOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE]	= { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

/* [[pageblock_free_pages]]: count, or move, the free blocks of a pageblock */
/* Walk the free blocks of @page's pageblock in @zone: count them, and move them to @type if
 * >= 0. Returns the free pages. Needs zone->lock, interrupts off. */
static unsigned long pageblock_free_pages(struct zone *zone, struct page *page, int type)
{
	unsigned long start = ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages);
	unsigned long pfn = max(start, zone->zone_start_pfn);
	unsigned long end = min(start + pageblock_nr_pages, zone_end_pfn(zone));
	unsigned long free = 0;

	while (pfn < end) {
		struct page *p = pfn_to_page(pfn);
		unsigned int order;

		if (!PageBuddy(p)) {
			pfn++;
			continue;
		}
		order = buddy_order(p);
		if (type >= 0)
			list_move(&p->lru, &zone->free_area[order].free_list[type]);
		free += 1UL << order;
		pfn += 1UL << order;
	}
	return free;
}

/* the largest free block of another type, and perhaps its pageblock */
/* A block of 2^@order for @start_type from another type's lists, claiming its pageblock if
 * it may; NULL if every list of every order is empty. Needs zone->lock, interrupts off. */
static struct page *__rmqueue_fallback(struct zone *zone, unsigned int order, int start_type,
				       bool cold)
{
	for (int current_order = MAX_ORDER - 1; current_order >= (int)order; current_order--)
		for (int i = 0; i < MIGRATE_TYPES - 1; i++) {
			struct list_head *list = &zone->free_area[current_order].free_list[fallbacks[start_type][i]];
			struct page *page;

			if (list_empty(list))
				continue;
			page = list_first_entry(list, struct page, lru);
			/* claim the whole pageblock if the block is large or reclaimable, and half is free */
			if ((current_order >= pageblock_order / 2 || start_type == MIGRATE_RECLAIMABLE) &&
			    pageblock_free_pages(zone, page, -1) >= pageblock_nr_pages / 2) {
				pageblock_migratetypes[page_to_pfn(page) >> pageblock_order] = start_type;
				pageblock_free_pages(zone, page, start_type);
				return __rmqueue_smallest(zone, order, start_type, cold);
			}
			del_page_from_free_list(page, zone, (unsigned int)current_order);
			expand(zone, page, order, (unsigned int)current_order);
			return page;
		}
	return NULL;
}

/* [[__rmqueue]]: a block of the request's migrate type, or another's */
/* A block of 2^@order pages, preferably of @migratetype, or NULL. zone->lock held. */
static struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype, bool cold)
{
	struct page *page = __rmqueue_smallest(zone, order, migratetype, cold);

	if (unlikely(!page))
		page = __rmqueue_fallback(zone, order, migratetype, cold);
	return page;
}

/* the checks on pages coming and going */
static unsigned int bad_page_count;

/**
 * bad_page - report @page, found in a state it must not be in, with @reason.
 * Context: any. The page is left alone; the kernel is tainted 'B'.
 */
void bad_page(const struct page *page, const char *reason)
{
	pr_alert("BUG: Bad page state in process swapper  pfn:%05lx\n", page_to_pfn(page));
	dump_page(page, reason);
	print_context();
	dump_stack();
	bad_page_count++;
	add_taint(TAINT_BAD_PAGE);
}

/* [[bad_free]]: which rule a bad free broke */
/* Say what is wrong with freeing the block at @page with @order. The slow path; any context. */
static noinline void bad_free(struct page *page, unsigned int order)
{
	char why[96];

	if (PageReserved(page))
		bad_page(page, "freeing a reserved page");	/* its count stays as it was */
	else if (PageBuddy(page))
		bad_page(page, "freeing a free page (double free)");
	else if (page_count(page) <= 0)
		bad_page(page, "page_count going negative");
	else if (!IS_ALIGNED(page_to_pfn(page), 1UL << order)) {
		snprintf(why, sizeof(why), "freed with order %u, but pfn is not aligned to it", order);
		bad_page(page, why);
	} else {
		snprintf(why, sizeof(why), "freed with order %u, allocated with order %lu",
			 order, page->private);
		bad_page(page, why);
	}
}

/* [[free_pages_check]]: is a block fit to be freed? */
/*
 * Is the block of 2^@order pages at @page fit to be freed? Reports if not.
 * Checked before the reference is dropped, so that a bad free changes nothing.
 * Any context; no lock (the page is the caller's).
 */
static inline bool free_pages_check(struct page *page, unsigned int order)
{
	if (unlikely((page->flags & (BIT(PG_reserved) | BIT(PG_buddy))) || page_count(page) <= 0 ||
		     page->private != order || !IS_ALIGNED(page_to_pfn(page), 1UL << order))) {
		bad_free(page, order);
		return false;
	}
	return true;
}

/* [[check_new_page]]: nothing wrote to a free page */
/* Is @page, just off a free list, untouched? Reports and returns false if not. Any context. */
static inline bool check_new_page(struct page *page)
{
	if (unlikely(page_count(page) != 0 || (page->flags & (BIT(PG_reserved) | BIT(PG_buddy))) ||
		     atomic_read(&page->_mapcount) != -1)) {
		bad_page(page, "bad state of a page on a free list");
		return false;
	}
	return true;
}

/* [[prep_new_page]]: a block as its new owner receives it */
/* Make the block at @page ready for its new owner. No lock: the block is no one else's. */
static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags)
{
	void *addr = page_address(page);

	set_page_count(page, 1);
	page->private = order;
	if ((gfp_flags & __GFP_ZERO) && addr)	/* no address: an unwritten page_address() */
		memset(addr, 0, PAGE_SIZE << order);
	/* what else the caller's flags ask of a new block */
	if (order && (gfp_flags & __GFP_COMP)) {
		__SetPageHead(page);
		page[1].lru.prev = (void *)(unsigned long)order;
		for (unsigned long i = 1; i < (1UL << order); i++) {
			__SetPageTail(page + i);
			page[i].lru.next = (void *)page;
		}
	}
}

/* [[zone_watermark_ok]]: may this request take pages from this zone? */
/* the [[ALLOC_]] flags: which watermark, and how far below it */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_WMARK_MASK	0x3
#define ALLOC_NO_WATERMARKS	0x04	/* no watermark at all (chapters/10-reclaim.nw) */
#define ALLOC_HARDER		0x10	/* may use a quarter more of the reserve */
#define ALLOC_HIGH		0x20	/* __GFP_HIGH: may use half the reserve */

/* [[__zone_watermark_ok]] and [[zone_watermark_ok]]: the comparison */
/* [[__zone_watermark_ok]]: the free pages against the mark, then a block big enough */
/* zone_watermark_ok(), inline for the allocator's own walk. Any context; no lock. */
static inline bool __zone_watermark_ok(const struct zone *z, unsigned int order,
				       unsigned long mark, int highest_zoneidx,
				       unsigned int alloc_flags)
{
	long free_pages = (long)zone_page_state(z, NR_FREE_PAGES) - ((1L << order) - 1);
	long min = (long)mark;

	/* lower the mark as far as [[alloc_flags]] allow */
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	/* above order 0, is there a free block of [[order]] or more? */
	if (!order)
		return true;		/* any free page will do */
	for (unsigned int o = order; o < MAX_ORDER; o++)
		if (z->free_area[o].nr_free)
			return true;
	return false;
}

/* [[zone_watermark_ok]]: the same, for the files outside the allocator */
/**
 * zone_watermark_ok - may a request of @order take pages from @z?
 * @z: the zone
 * @order: the order of the request
 * @mark: the watermark to hold, in pages
 * @highest_zoneidx: the highest zone the request may use (for lowmem_reserve)
 * @alloc_flags: ALLOC_HIGH and ALLOC_HARDER lower the mark
 *
 * Context: any; reads the zone's counters without its lock (a snapshot).
 * Return: true if @z would stay above @mark and hold a free block of @order or more.
 */
bool zone_watermark_ok(const struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags);
}

/* [[get_page_from_freelist]]: walk the zones */
/* The first acceptable zone that passes its watermark gives the block; NULL if none. Takes each zone's lock. */
static struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
					   unsigned int alloc_flags, int highest_zoneidx)
{
	const struct zoneref *z;

	for (z = NODE_DATA(0)->node_zonelist._zonerefs; z->zone; z++) {
		struct zone *zone = z->zone;
		unsigned long mark = zone->_watermark[alloc_flags & ALLOC_WMARK_MASK];
		unsigned long flags;
		struct page *page;

		/* skip a zone above the request's, or at its watermark */
		if (z->zone_idx > highest_zoneidx)
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !__zone_watermark_ok(zone, order, mark, highest_zoneidx, alloc_flags))
			continue;
		/* take a block under the zone's lock, and check it once the lock is dropped */
		spin_lock_irqsave(&zone->lock, flags);
		page = __rmqueue(zone, order, gfp_migratetype(gfp_mask), gfp_mask & __GFP_COLD);
		spin_unlock_irqrestore(&zone->lock, flags);
		if (page && check_new_page(page)) {
			prep_new_page(page, order, gfp_mask);
			return page;
		}
	}
	return NULL;
}

/* [[warn_alloc]]: the allocation-failure report */
/* [[format_gfp]]: a mask as the names of its flags */
/* [[gfp_names]]: the combinations first, then the single flags */
static const struct { gfp_t mask; const char *name; } gfp_names[] = {
	{ GFP_HIGHUSER, "GFP_HIGHUSER" }, { GFP_USER, "GFP_USER" },
	{ GFP_KERNEL, "GFP_KERNEL" }, { GFP_NOFS, "GFP_NOFS" }, { GFP_NOIO, "GFP_NOIO" },
	{ GFP_ATOMIC, "GFP_ATOMIC" }, { GFP_DMA, "GFP_DMA" },
	{ __GFP_HIGHMEM, "__GFP_HIGHMEM" }, { __GFP_DMA32, "__GFP_DMA32" },
	{ __GFP_MOVABLE, "__GFP_MOVABLE" }, { __GFP_COLD, "__GFP_COLD" },
	{ __GFP_NOWARN, "__GFP_NOWARN" }, { __GFP_REPEAT, "__GFP_REPEAT" },
	{ __GFP_NOFAIL, "__GFP_NOFAIL" }, { __GFP_NORETRY, "__GFP_NORETRY" },
	{ __GFP_COMP, "__GFP_COMP" }, { __GFP_ZERO, "__GFP_ZERO" },
	{ __GFP_NOMEMALLOC, "__GFP_NOMEMALLOC" }, { __GFP_HARDWALL, "__GFP_HARDWALL" },
	{ __GFP_RECLAIMABLE, "__GFP_RECLAIMABLE" },
};

/* [[format_gfp]]: take out each name the mask holds whole */
/**
 * format_gfp - write the names of @gfp's flags ("GFP_KERNEL|__GFP_ZERO") into @buf
 * @buf: the buffer, of @size bytes; always terminated
 *
 * Context: any. Return: the length written.
 */
int format_gfp(char *buf, size_t size, gfp_t gfp)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(gfp_names); i++)
		if ((gfp & gfp_names[i].mask) == gfp_names[i].mask) {
			len += scnprintf(buf + len, size - len, "%s%s", len ? "|" : "",
					 gfp_names[i].name);
			gfp &= ~gfp_names[i].mask;
		}
	if (gfp)
		len += scnprintf(buf + len, size - len, "%s%#x", len ? "|" : "", gfp);
	if (!len)
		len = scnprintf(buf, size, "GFP_NOWAIT");
	return (int)len;
}

/* [[show_free_areas]]: each zone's free pages and free blocks */
/* Print each zone's free pages against its watermarks, and its free blocks. Any context. */
static void show_free_areas(void)
{
	struct zone *zone;

	pr_warn("Mem-Info:\n");
	for_each_zone(zone) {
		unsigned long total = 0;

		if (!populated_zone(zone))
			continue;
		/* print [[zone]]'s free pages beside its watermarks, in kB */
		pr_warn("Node 0 %s free:%lukB min:%lukB low:%lukB high:%lukB present:%lukB managed:%lukB\n",
			zone->name, zone_page_state(zone, NR_FREE_PAGES) << 2,
			min_wmark_pages(zone) << 2, low_wmark_pages(zone) << 2,
			high_wmark_pages(zone) << 2, zone->present_pages << 2,
			zone->managed_pages << 2);
		/* print [[zone]]'s free blocks of each order, and what they add up to */
		pr_warn("Node 0 %s:", zone->name);
		for (int order = 0; order < MAX_ORDER; order++) {
			pr_cont(" %lu*%lukB", zone->free_area[order].nr_free, 4UL << order);
			total += zone->free_area[order].nr_free << order;
		}
		pr_cont(" = %lukB\n", total << 2);
	}
}

/* [[warn_alloc]]: the request, the trace and the zones */
/* Report a failed request, with the call trace and the state of every zone. Any context. */
static void warn_alloc(gfp_t gfp_mask, unsigned int order)
{
	char flags[192];

	format_gfp(flags, sizeof(flags), gfp_mask);
	pr_warn("%s: page allocation failure: order:%u, mode:%#x(%s), nodemask=(null)\n",
		current->comm, order, gfp_mask, flags);
	print_context();
	dump_stack();
	show_free_areas();
}

/* [[__alloc_pages_slowpath]]: when the low watermark says no */
/* [[should_alloc_retry]]: another round, or give up */
/* [[gfp_allowed_mask]]: the flags a request may use while the kernel boots */
gfp_t gfp_allowed_mask = GFP_BOOT_MASK;

#define PAGE_ALLOC_COSTLY_ORDER	3
#define MAX_RECLAIM_RETRIES	16

/* After a failed round that reclaimed @reclaimed pages (@total_reclaimed in all), should a
 * request of 2^@order with @gfp_mask reclaim again? Counts the rounds without progress in
 * *@no_progress. Process context; no lock. */
static bool should_alloc_retry(gfp_t gfp_mask, unsigned int order, unsigned long reclaimed,
			       unsigned long total_reclaimed, unsigned int *no_progress)
{
	*no_progress = reclaimed ? 0 : *no_progress + 1;
	if (gfp_mask & __GFP_NORETRY)
		return false;
	if (gfp_mask & __GFP_NOFAIL)
		return true;
	if (order > PAGE_ALLOC_COSTLY_ORDER &&
	    (!(gfp_mask & __GFP_REPEAT) || total_reclaimed >= (1UL << order)))
		return false;
	return *no_progress < MAX_RECLAIM_RETRIES;
}

/* [[gfp_to_alloc_flags]]: how deep into the reserves the second pass goes */
/* The ALLOC_ flags of the slow path for @gfp_mask: the min mark, and how far below it. */
static unsigned int gfp_to_alloc_flags(gfp_t gfp_mask)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN;

	if (gfp_mask & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	/* the deeper reserves a request may use */
	if (!(gfp_mask & __GFP_WAIT) && !(gfp_mask & __GFP_NOMEMALLOC))
		alloc_flags |= ALLOC_HARDER;
	if ((current->flags & PF_MEMALLOC) && !in_interrupt() && !(gfp_mask & __GFP_NOMEMALLOC))
		alloc_flags |= ALLOC_NO_WATERMARKS;
	return alloc_flags;
}

/* [[__alloc_pages_slowpath]]: the second pass, then the report */
/* alloc_pages() after the low mark failed: the block, or NULL (reported). As alloc_pages(). */
static struct page *__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order, int highest)
{
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp_mask);
	struct page *page = get_page_from_freelist(gfp_mask, order, alloc_flags, highest);

	/* if the request may sleep, reclaim, wait and retry */
	if (!page && (gfp_mask & __GFP_WAIT) && !(current->flags & PF_MEMALLOC)) {
		unsigned long total = 0;
		unsigned int no_progress = 0;

		for (;;) {
			unsigned long seen = nr_free_events;
			unsigned long reclaimed = try_to_free_pages(gfp_mask, order);

			total += reclaimed;
			page = get_page_from_freelist(gfp_mask, order, alloc_flags, highest);
			if (page || !should_alloc_retry(gfp_mask, order, reclaimed, total, &no_progress))
				break;
			if (!reclaimed)
				wait_event_timeout(free_pages_wait, nr_free_events != seen, HZ / 50);
		}
	}
	if (!page && !(gfp_mask & __GFP_NOWARN))
		warn_alloc(gfp_mask, order);
	return page;
}

/* [[alloc_pages]] and [[__get_free_pages]] */
/**
 * alloc_pages - allocate 2^@order contiguous pages
 * @gfp_mask: the zones that will do, and what the allocator may do (GFP_*)
 * @order: 0 to MAX_ORDER - 1
 *
 * Context: any, if @gfp_mask cannot sleep (GFP_ATOMIC, GFP_NOWAIT); may sleep
 * otherwise. Takes each zone's lock, with interrupts off.
 * Return: the first page of the block, its count 1; NULL on failure, reported
 * unless __GFP_NOWARN.
 */
struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	int highest = (int)gfp_zone(gfp_mask);
	struct page *page;

	/* what the caller's context allows */
	if (unlikely(gfp_mask & __GFP_NOFAIL))		/* it may fail after all */
		WARN_ON_ONCE(order > 1 || !(gfp_mask & __GFP_WAIT));
	gfp_mask &= gfp_allowed_mask;
	might_sleep_if(gfp_mask & __GFP_WAIT);
	/* refuse an order too large for any zone, and [[__GFP_ZERO]] that may get a high page */
	if (unlikely(order >= MAX_ORDER)) {
		WARN_ON_ONCE(!(gfp_mask & __GFP_NOWARN));
		return NULL;
	}
	if (unlikely(gfp_mask & __GFP_ZERO) &&
	    WARN(highest >= ZONE_HIGHMEM, "__GFP_ZERO for high memory: this kernel cannot map a high page to clear it\n"))
		return NULL;
	page = get_page_from_freelist(gfp_mask, order, ALLOC_WMARK_LOW, highest);
	if (!page)
		page = __alloc_pages_slowpath(gfp_mask, order, highest);
	return page;
}
/**
 * __get_free_pages - allocate 2^@order pages and return their kernel address
 * @gfp_mask: as for alloc_pages(), but never __GFP_HIGHMEM
 * @order: 0 to MAX_ORDER - 1
 *
 * Context: as alloc_pages().
 * Return: the block's address; 0 on failure or for __GFP_HIGHMEM (with a warning).
 */
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;

	if (WARN(gfp_mask & __GFP_HIGHMEM,
		 "__get_free_pages: __GFP_HIGHMEM pages have no kernel address; use alloc_pages\n"))
		return 0;
	page = alloc_pages(gfp_mask, order);
	return page ? (unsigned long)page_address(page) : 0;
}

/**
 * get_zeroed_page - one zeroed page, as a kernel address
 * @gfp_mask: as for __get_free_pages()
 *
 * Context: as alloc_pages(). Return: the page's address, or 0 on failure.
 */
unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

/* [[__free_pages]], [[free_pages]] and [[put_page]] */
/* [[free_the_page]]: the last reference is gone */
/* Give the block at @page back to its zone's free lists. Takes zone->lock. */
static void free_the_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	/* undo what the block's owner set up */
	if (PageHead(page)) {
		__ClearPageHead(page);
		for (unsigned long i = 1; i < (1UL << order); i++) {
			__ClearPageTail(page + i);
			INIT_LIST_HEAD(&page[i].lru);
		}
	}
	page->private = 0;
	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, page_to_pfn(page), zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
	/* tell whoever waits for memory */
	if (unlikely(current->reclaim_state) && !in_interrupt())
		current->reclaim_state->reclaimed += 1UL << order;
	nr_free_events++;
	if (waitqueue_active(&free_pages_wait))
		wake_up(&free_pages_wait);
}

/* [[__free_pages]]: check, drop the reference, free */
/**
 * __free_pages - drop a reference to a block; free it if it was the last
 * @page: the block's first page, as alloc_pages() returned it
 * @order: the order it was allocated with
 *
 * Context: any; takes the zone's lock with interrupts off. A bad free (double,
 * wrong order, reserved page) is reported and changes nothing.
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (free_pages_check(page, order) && atomic_dec_and_test(&page->_count))
		free_the_page(page, order);
}

/* [[free_pages]] and [[put_page]]: a free by address, and by reference */
/* __free_pages() for an address from __get_free_pages(); 0 is ignored. Any context. */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr != 0)
		__free_pages(virt_to_page((void *)addr), order);
}

/* Drop a reference to @page, which must head a block from alloc_pages(). Any context. */
void put_page(struct page *page)
{
	__free_pages(page, (unsigned int)page->private);	/* the order it was allocated with */
}

/* releasing memblock's free memory at boot */
/* [[__free_pages_core]]: a boot block made free like any other */
/* Free the 2^@order pages at @page, reserved since boot, through __free_pages. Boot only. */
static void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long nr_pages = 1UL << order;

	for (unsigned long i = 0; i < nr_pages; i++) {
		__ClearPageReserved(&page[i]);
		set_page_count(&page[i], 0);
	}
	page_zone(page)->managed_pages += nr_pages;
	set_page_count(page, 1);
	page->private = order;
	__free_pages(page, order);
}

/* [[free_pages_range]]: a free range cut into the largest aligned blocks */
/* Free [@start, @end), adding its pages to *@data: memblock's walk calls it. Boot only. */
static void free_pages_range(phys_addr_t start, phys_addr_t end, void *data)
{
	unsigned long pfn = PFN_UP(start), end_pfn = min(PFN_DOWN(end), max_pfn);
	unsigned long *count = data;

	while (pfn < end_pfn) {
		unsigned int order = MAX_ORDER - 1;

		/* lower [[order]] until the block at [[pfn]] is aligned, in the range and in one zone */
		while (!IS_ALIGNED(pfn, 1UL << order) || pfn + (1UL << order) > end_pfn ||
		       page_zonenum(pfn_to_page(pfn)) !=
		       page_zonenum(pfn_to_page(pfn + (1UL << order) - 1)))
			order--;
		__free_pages_core(pfn_to_page(pfn), order);
		pfn += 1UL << order;
		*count += 1UL << order;
	}
}
/* Release memblock's free ranges to the buddy allocator and log the totals. Boot only. */
void memblock_free_all(void)
{
	unsigned long released = 0, present = 0, high = 0;
	struct zone *zone;

	memblock_for_each_free_range(free_pages_range, &released);
	for_each_zone(zone) {
		present += zone->present_pages;
		if (is_highmem(zone))
			high += zone->managed_pages;
	}
	pr_info("Memory: %luK/%luK available (%luK reserved, %luK highmem)\n",
		released << (PAGE_SHIFT - 10), present << (PAGE_SHIFT - 10),
		(present - released) << (PAGE_SHIFT - 10), high << (PAGE_SHIFT - 10));
}
