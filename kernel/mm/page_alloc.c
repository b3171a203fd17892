/* Tangled from chapters/04-zones.nw, chapters/05-getting-pages.nw, chapters/08-slabs.nw, chapters/09-reclaim.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/sched/debug.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <linux/sched.h>
#include <linux/swap.h>

/* [[build_all_zonelists]]: highest zone first */
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
/* marking a free block and finding its buddy */
static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	__SetPageBuddy(page);
}

static inline unsigned long __find_buddy_pfn(unsigned long pfn, unsigned int order)
{
	return pfn ^ (1UL << order);
}
static inline bool page_is_buddy(const struct page *page, const struct page *buddy,
				 unsigned int order)
{
	return PageBuddy(buddy) && buddy_order(buddy) == order &&
	       page_zonenum(buddy) == page_zonenum(page);
}
/* adding and removing a free block */
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
/* Walk the free blocks of @page's pageblock in @zone: count them, and move them to @type if >= 0. */
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
static struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype, bool cold)
{
	struct page *page = __rmqueue_smallest(zone, order, migratetype, cold);

	if (unlikely(!page))
		page = __rmqueue_fallback(zone, order, migratetype, cold);
	return page;
}
/* the checks on pages coming and going */
static unsigned int bad_page_count;

void bad_page(const struct page *page, const char *reason)
{
	pr_alert("BUG: Bad page state in process swapper  pfn:%05lx\n", page_to_pfn(page));
	dump_page(page, reason);
	print_context();
	dump_stack();
	bad_page_count++;
	add_taint(TAINT_BAD_PAGE);
}
/* Say what is wrong with freeing the block at @page with @order. The slow path. */
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

/*
 * Is the block of 2^@order pages at @page fit to be freed? Reports if not.
 * Checked before the reference is dropped, so that a bad free changes nothing.
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
static inline bool check_new_page(struct page *page)
{
	if (unlikely(page_count(page) != 0 || (page->flags & (BIT(PG_reserved) | BIT(PG_buddy))) ||
		     atomic_read(&page->_mapcount) != -1)) {
		bad_page(page, "bad state of a page on a free list");
		return false;
	}
	return true;
}

/* Make the block at @page ready for its new owner. */
static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags)
{
	set_page_count(page, 1);
	page->private = order;
	if (gfp_flags & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
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
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_WMARK_MASK	0x3
#define ALLOC_NO_WATERMARKS	0x04	/* no watermark at all (chapters/09-reclaim.nw) */
#define ALLOC_HARDER		0x10	/* may use a quarter more of the reserve */
#define ALLOC_HIGH		0x20	/* __GFP_HIGH: may use half the reserve */

static inline bool __zone_watermark_ok(const struct zone *z, unsigned int order,
				       unsigned long mark, int highest_zoneidx,
				       unsigned int alloc_flags)
{
	long free_pages = (long)zone_page_state(z, NR_FREE_PAGES) - ((1L << order) - 1);
	long min = (long)mark;

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;		/* any free page will do */
	for (unsigned int o = order; o < MAX_ORDER; o++)
		if (z->free_area[o].nr_free)
			return true;
	return false;
}

bool zone_watermark_ok(const struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags);
}
/* [[get_page_from_freelist]]: walk the zones */
static struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
					   unsigned int alloc_flags, int highest_zoneidx)
{
	const struct zoneref *z;

	for (z = NODE_DATA(0)->node_zonelist._zonerefs; z->zone; z++) {
		struct zone *zone = z->zone;
		unsigned long mark = zone->_watermark[alloc_flags & ALLOC_WMARK_MASK];
		unsigned long flags;
		struct page *page;

		if (z->zone_idx > highest_zoneidx)
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !__zone_watermark_ok(zone, order, mark, highest_zoneidx, alloc_flags))
			continue;
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

static void show_free_areas(void)
{
	struct zone *zone;

	pr_warn("Mem-Info:\n");
	for_each_zone(zone) {
		unsigned long total = 0;

		if (!populated_zone(zone))
			continue;
		pr_warn("Node 0 %s free:%lukB min:%lukB low:%lukB high:%lukB present:%lukB managed:%lukB\n",
			zone->name, zone_page_state(zone, NR_FREE_PAGES) << 2,
			min_wmark_pages(zone) << 2, low_wmark_pages(zone) << 2,
			high_wmark_pages(zone) << 2, zone->present_pages << 2,
			zone->managed_pages << 2);
		pr_warn("Node 0 %s:", zone->name);
		for (int order = 0; order < MAX_ORDER; order++) {
			pr_cont(" %lu*%lukB", zone->free_area[order].nr_free, 4UL << order);
			total += zone->free_area[order].nr_free << order;
		}
		pr_cont(" = %lukB\n", total << 2);
	}
}

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
struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	int highest = (int)gfp_zone(gfp_mask);
	struct page *page;

/* what the caller's context allows */
	if (unlikely(gfp_mask & __GFP_NOFAIL))		/* it may fail after all */
		WARN_ON_ONCE(order > 1 || !(gfp_mask & __GFP_WAIT));
	gfp_mask &= gfp_allowed_mask;
	might_sleep_if(gfp_mask & __GFP_WAIT);
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
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;

	if (WARN(gfp_mask & __GFP_HIGHMEM,
		 "__get_free_pages: __GFP_HIGHMEM pages have no kernel address; use alloc_pages\n"))
		return 0;
	page = alloc_pages(gfp_mask, order);
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}
/* [[__free_pages]], [[free_pages]] and [[put_page]] */
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

void __free_pages(struct page *page, unsigned int order)
{
	if (free_pages_check(page, order) && atomic_dec_and_test(&page->_count))
		free_the_page(page, order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr != 0)
		__free_pages(virt_to_page((void *)addr), order);
}

void put_page(struct page *page)
{
	__free_pages(page, (unsigned int)page->private);	/* the order it was allocated with */
}
/* releasing memblock's free memory at boot */
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

static void free_pages_range(phys_addr_t start, phys_addr_t end, void *data)
{
	unsigned long pfn = PFN_UP(start), end_pfn = min(PFN_DOWN(end), max_pfn);
	unsigned long *count = data;

	while (pfn < end_pfn) {
		unsigned int order = MAX_ORDER - 1;

		while (!IS_ALIGNED(pfn, 1UL << order) || pfn + (1UL << order) > end_pfn ||
		       page_zonenum(pfn_to_page(pfn)) !=
		       page_zonenum(pfn_to_page(pfn + (1UL << order) - 1)))
			order--;
		__free_pages_core(pfn_to_page(pfn), order);
		pfn += 1UL << order;
		*count += 1UL << order;
	}
}
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
/* the console commands of the allocator */
/* [[buddyinfo_show]]: a line for each zone, a count for each order */
void buddyinfo_show(struct seq_file *m)
{
	struct zone *zone;

	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		seq_printf(m, "Node %d, zone %8s ", zone->zone_pgdat->node_id, zone->name);
		for (int order = 0; order < MAX_ORDER; order++)
			seq_printf(m, "%6lu ", zone->free_area[order].nr_free);
		seq_printf(m, "\n");
	}
}

static int cmd_buddyinfo(struct seq_file *m, int argc, char **argv)
{
	buddyinfo_show(m);
	return 0;
}
DEFINE_CONSOLE_COMMAND(buddyinfo, "", "free blocks of each order (/proc/buddyinfo)",
		       cmd_buddyinfo);
static int cmd_alloc(struct seq_file *m, int argc, char **argv)
{
	gfp_t gfp = GFP_KERNEL;
	unsigned int order;
	struct page *page;

	if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "dma") != 0 &&
				     strcmp(argv[2], "highmem") != 0)) {
		seq_printf(m, "usage: alloc ORDER [dma|highmem]\n");
		return -1;
	}
	order = (unsigned int)simple_strtoul(argv[1], NULL, 0);
	if (argc == 3)
		gfp |= strcmp(argv[2], "dma") == 0 ? __GFP_DMA : __GFP_HIGHMEM;
	page = alloc_pages(gfp, order);
	if (!page) {
		seq_printf(m, "alloc: no block of order %u\n", order);
		return -1;
	}
	seq_printf(m, "alloc: order %u at pfn %#lx in zone %s, address %p%s\n", order,
		   page_to_pfn(page), page_zone(page)->name, page_address(page),
		   PageHighMem(page) ? " (high memory: none until kmap)" : "");
	return 0;
}
DEFINE_CONSOLE_COMMAND(alloc, "ORDER [dma|highmem]", "allocate 2^ORDER pages", cmd_alloc);

static int cmd_free(struct seq_file *m, int argc, char **argv)
{
	unsigned long pfn;

	if (argc != 3) {
		seq_printf(m, "usage: free PFN ORDER\n");
		return -1;
	}
	pfn = simple_strtoul(argv[1], NULL, 0);
	if (!pfn_valid(pfn)) {
		seq_printf(m, "free: pfn %#lx is beyond mem_map\n", pfn);
		return -1;
	}
	__free_pages(pfn_to_page(pfn), (unsigned int)simple_strtoul(argv[2], NULL, 0));
	return 0;
}
DEFINE_CONSOLE_COMMAND(free, "PFN ORDER", "free a block (misuse is reported)", cmd_free);
#define REPORT(...) do { if (errors++ < 5) pr_err("check_free_lists: " __VA_ARGS__); } while (0)

static int check_block(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), buddy = __find_buddy_pfn(pfn, order);
	int errors = 0;

	if (!PageBuddy(page) || buddy_order(page) != order)
		REPORT("%s pfn %#lx on the order-%u list is not a free block of that order\n",
		       zone->name, pfn, order);
	if (!IS_ALIGNED(pfn, 1UL << order) || !zone_spans_pfn(zone, pfn + (1UL << order) - 1))
		REPORT("%s pfn %#lx: misaligned or outside the zone at order %u\n",
		       zone->name, pfn, order);
	for (unsigned long i = 0; i < (1UL << order); i++)
		if (page_count(page + i) != 0 || PageReserved(page + i) || (i && PageBuddy(page + i)))
			REPORT("%s pfn %#lx: page %lu of a free block is in use\n", zone->name, pfn, i);
	if (order < MAX_ORDER - 1 && zone_spans_pfn(zone, buddy) &&
	    page_is_buddy(page, pfn_to_page(buddy), order))
		REPORT("%s pfn %#lx and its buddy %#lx are both free at order %u\n",
		       zone->name, pfn, buddy, order);
	return errors;
}

int check_free_lists(struct zone *zone)
{
	unsigned long free = 0, flags;
	int errors = 0;

	spin_lock_irqsave(&zone->lock, flags);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long n = 0;
		struct page *page;

		for (int type = 0; type < MIGRATE_TYPES; type++)
			list_for_each_entry(page, &zone->free_area[order].free_list[type], lru) {
				errors += check_block(zone, page, order);
				if (get_pageblock_migratetype(page) != type)
					REPORT("%s pfn %#lx: on the list of migrate type %d, in a "
					       "block of type %d\n", zone->name, page_to_pfn(page),
					       type, get_pageblock_migratetype(page));
				n++;
			}
		if (n != zone->free_area[order].nr_free)
			REPORT("%s order %u: %lu blocks listed, nr_free says %lu\n", zone->name,
			       order, n, zone->free_area[order].nr_free);
		free += n << order;
	}
	if (free != zone_page_state(zone, NR_FREE_PAGES))
		REPORT("%s: %lu pages on the lists, NR_FREE_PAGES says %lu\n", zone->name, free,
		       zone_page_state(zone, NR_FREE_PAGES));
	spin_unlock_irqrestore(&zone->lock, flags);
	return errors;
}
struct held_block { unsigned long pfn; unsigned int order; };

/* Marsaglia's xorshift64: the same sequence on the 32-bit kernel and the 64-bit host. */
static u64 xorshift(u64 *state)
{
	u64 x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

/* take a snapshot of the free lists */
struct buddy_snapshot { unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER]; };

static void snapshot(struct buddy_snapshot *s)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int o = 0; o < MAX_ORDER; o++)
			s->nr_free[z][o] = NODE_DATA(0)->node_zones[z].free_area[o].nr_free;
}
/* record pages handed out, and catch a page handed out twice */
struct stress {
	struct held_block held[512];
	unsigned int nr_held;
	unsigned long *handed_out;	/* a bit a pfn */
	unsigned long allocs, frees, failures;
	int errors;
	u64 rng;
};

/* Set (or clear) the bits of a block; returns how many were already in that state. */
static unsigned long mark_block(struct stress *st, unsigned long pfn, unsigned int order, bool set)
{
	unsigned long clashes = 0;

	for (unsigned long p = pfn; p < pfn + (1UL << order); p++) {
		unsigned long bit = 1UL << (p % BITS_PER_LONG), *word = &st->handed_out[p / BITS_PER_LONG];

		if (!!(*word & bit) == set)
			clashes++;
		*word = set ? (*word | bit) : (*word & ~bit);
	}
	return clashes;
}
/* one step of the workload */
static void stress_step(struct stress *st)
{
	static const gfp_t zones[] = { GFP_KERNEL, GFP_KERNEL | __GFP_DMA, GFP_HIGHUSER };
	u64 r = xorshift(&st->rng);

	if (st->nr_held == ARRAY_SIZE(st->held) || (st->nr_held && (r & 1))) {
		unsigned int i = (unsigned int)((r >> 1) % st->nr_held);
		struct held_block b = st->held[i];

		st->held[i] = st->held[--st->nr_held];
		mark_block(st, b.pfn, b.order, false);
		__free_pages(pfn_to_page(b.pfn), b.order);
		st->frees++;
	} else {
		unsigned int order = (unsigned int)__builtin_ctzll(r | (1ULL << 40)) - 1;
		struct page *page;

		order = min(order, (unsigned int)MAX_ORDER - 1);
		page = alloc_pages(zones[(r >> 41) % 3] | __GFP_NOWARN, order);
		if (!page) {
			st->failures++;
			return;
		}
		if (mark_block(st, page_to_pfn(page), order, true)) {
			pr_err("stress: pfn %#lx (order %u) was handed out twice\n",
			       page_to_pfn(page), order);
			st->errors++;
		}
		st->held[st->nr_held++] = (struct held_block){ page_to_pfn(page), order };
		st->allocs++;
	}
}
/* [[page_alloc_stress]]: run, check, free everything, compare */
static int check_all_zones(void)
{
	int errors = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		errors += check_free_lists(&NODE_DATA(0)->node_zones[z]);
	return errors;
}

int page_alloc_stress(struct seq_file *m, unsigned long ops, unsigned long seed)
{
	static struct stress st;
	unsigned int bitmap_order = 0;
	struct buddy_snapshot before, after;

	while ((PAGE_SIZE << bitmap_order) * 8 < max_mapnr)
		bitmap_order++;
	st = (struct stress){ .rng = seed * 0x9E3779B97F4A7C15ULL + 1 };
	st.handed_out = (unsigned long *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, bitmap_order);
	if (!st.handed_out) {
		seq_printf(m, "stress: no memory for the bitmap\n");
		return -1;
	}
	snapshot(&before);
	for (unsigned long i = 1; i <= ops; i++) {
		stress_step(&st);
		if (i % 1000 == 0)
			st.errors += check_all_zones();
	}
/* free every block still held, and check the allocator is back where it began */
	while (st.nr_held) {
		struct held_block b = st.held[--st.nr_held];

		__free_pages(pfn_to_page(b.pfn), b.order);
		st.frees++;
	}
	st.errors += check_all_zones();
	snapshot(&after);
	if (memcmp(&before, &after, sizeof(before)) != 0) {
		pr_err("stress: buddyinfo differs from before the workload\n");
		st.errors++;
	}
	seq_printf(m, "stress: %lu ops (seed %lu): %lu allocations, %lu frees, %lu failed; "
		   "%d errors; buddyinfo %s\n", ops, seed, st.allocs, st.frees, st.failures,
		   st.errors, memcmp(&before, &after, sizeof(before)) ? "differs" : "restored");
	free_pages((unsigned long)st.handed_out, bitmap_order);
	return st.errors ? -1 : 0;
}
static int cmd_stress(struct seq_file *m, int argc, char **argv)
{
	unsigned long ops = argc > 1 ? simple_strtoul(argv[1], NULL, 0) : 100000;
	unsigned long seed = argc > 2 ? simple_strtoul(argv[2], NULL, 0) : 1;

	return page_alloc_stress(m, ops, seed);
}
DEFINE_CONSOLE_COMMAND(stress, "[OPS] [SEED]", "random alloc/free workload, checked",
		       cmd_stress);
struct demo_held { struct demo_held *next; unsigned int order; };

static struct demo_held *take_all_lowmem(void)
{
	struct demo_held *list = NULL;

	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		struct page *page;

		while ((page = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, (unsigned int)order))) {
			struct demo_held *h = page_address(page);

			*h = (struct demo_held){ list, (unsigned int)order };
			list = h;
		}
	}
	return list;
}

static void give_back(struct demo_held *list)
{
	while (list) {
		struct demo_held *h = list;

		list = h->next;
		__free_pages(virt_to_page(h), h->order);
	}
}
struct demo { struct zone *zone; unsigned long base; struct page *used[2]; unsigned int order[2]; };

static void demo_row(struct seq_file *m, const struct demo *d, const char *step)
{
	int head[16];		/* the order of the free block at each offset, or -1 */
	char line[128];
	size_t n;

	for (int i = 0; i < 16; i++)
		head[i] = -1;
	for (int order = 0; order < MAX_ORDER; order++)
		for (int type = 0; type < MIGRATE_TYPES; type++) {
			struct page *page;

			list_for_each_entry(page, &d->zone->free_area[order].free_list[type], lru)
				if (page_to_pfn(page) - d->base < 16)
					head[page_to_pfn(page) - d->base] = order;
		}
	n = scnprintf(line, sizeof(line), "%-34s", step);
	for (int i = 0; i < 16; i++)
		if (head[i] >= 0)
			n += scnprintf(line + n, sizeof(line) - n, "+%d/%d ", i, head[i]);
	n += scnprintf(line + n, sizeof(line) - n, "%*s", (int)(34 + 28 - min(n, (size_t)62)), "");
	for (int i = 0; i < 2; i++)
		if (d->used[i])
			n += scnprintf(line + n, sizeof(line) - n, "[+%lu/%u] ",
				       page_to_pfn(d->used[i]) - d->base, d->order[i]);
	while (n && line[n - 1] == ' ')
		line[--n] = '\0';
	seq_printf(m, "%s\n", line);
}

/* Take @order for slot @i, and print the row of that step. */
static bool demo_alloc(struct seq_file *m, struct demo *d, int i, unsigned int order)
{
	char step[40];

	d->used[i] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
	d->order[i] = order;
	if (!d->used[i] || page_to_pfn(d->used[i]) - d->base >= 16) {
		seq_printf(m, "buddydemo: alloc_pages(GFP_KERNEL, %u) did not come from the block\n", order);
		return false;
	}
	snprintf(step, sizeof(step), "alloc_pages(GFP_KERNEL, %u) = +%lu", order,
		 page_to_pfn(d->used[i]) - d->base);
	demo_row(m, d, step);
	return true;
}

static void demo_free(struct seq_file *m, struct demo *d, int i)
{
	char step[40];

	snprintf(step, sizeof(step), "__free_pages(+%lu, %u)", page_to_pfn(d->used[i]) - d->base,
		 d->order[i]);
	__free_pages(d->used[i], d->order[i]);
	d->used[i] = NULL;
	demo_row(m, d, step);
}
static int cmd_buddydemo(struct seq_file *m, int argc, char **argv)
{
	static unsigned long saved[MAX_NR_ZONES][NR_WMARK + MAX_NR_ZONES];
	struct buddy_snapshot before, after;
	struct demo d = { 0 };
	struct demo_held *held;
	struct page *block;
	bool ok;

	snapshot(&before);
	block = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4);
	if (!block) {
		seq_printf(m, "buddydemo: no free block of order 4\n");
		return -1;
	}
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		memcpy(saved[z], zone->_watermark, sizeof(zone->_watermark));
		memcpy(saved[z] + NR_WMARK, zone->lowmem_reserve, sizeof(zone->lowmem_reserve));
		memset(zone->_watermark, 0, sizeof(zone->_watermark));
		memset(zone->lowmem_reserve, 0, sizeof(zone->lowmem_reserve));
	}
	held = take_all_lowmem();
	d.zone = page_zone(block);
	d.base = page_to_pfn(block);
	__free_pages(block, 4);
	seq_printf(m, "buddydemo: pfn %#lx-%#lx (%s, order 4) is all the free memory of DMA and Normal\n",
		   d.base, d.base + 15, d.zone->name);
	seq_printf(m, "%-34s%-28s%s\n", "step", "free blocks (+offset/order)", "[handed out]");
	demo_row(m, &d, "start");
	ok = demo_alloc(m, &d, 0, 0) && demo_alloc(m, &d, 1, 1);
	for (int i = 0; i < 2; i++)
		if (d.used[i])
			demo_free(m, &d, i);
	give_back(held);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		memcpy(zone->_watermark, saved[z], sizeof(zone->_watermark));
		memcpy(zone->lowmem_reserve, saved[z] + NR_WMARK, sizeof(zone->lowmem_reserve));
	}
	snapshot(&after);
	ok = ok && memcmp(&before, &after, sizeof(before)) == 0;
	seq_printf(m, "buddydemo: everything given back; buddyinfo %s\n",
		   memcmp(&before, &after, sizeof(before)) ? "differs" : "restored");
	return ok ? 0 : -1;
}
DEFINE_CONSOLE_COMMAND(buddydemo, "", "the worked example of the buddy system, on this machine",
		       cmd_buddydemo);
