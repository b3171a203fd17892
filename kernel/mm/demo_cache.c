/* Tangled from chapters/10-reclaim.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/shrinker.h>
#include <linux/spinlock.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <linux/string.h>

/* a demonstration cache: pages that a shrinker drops */
/* a demonstration cache's fields, and its count */
struct demo_cache {
	const char *name;
	gfp_t needs;			/* what dropping an object needs of the caller */
	spinlock_t lock;
	struct list_head pages;		/* oldest first */
	unsigned long nr;
	struct shrinker shrinker;
};

/* The pages the cache holds. Any context, no lock: a count read once. */
static unsigned long demo_count(struct shrinker *shrinker, struct shrink_control *sc)
{
	return container_of(shrinker, struct demo_cache, shrinker)->nr;
}

/* [[demo_scan]]: drop pages, if the context allows */
/*
 * Drop up to sc->nr_to_scan pages, oldest first, if sc->gfp_mask allows what dropping needs;
 * SHRINK_STOP if not. Any context; takes the cache's lock a page at a time.
 */
static unsigned long demo_scan(struct shrinker *shrinker, struct shrink_control *sc)
{
	struct demo_cache *c = container_of(shrinker, struct demo_cache, shrinker);
	unsigned long flags, freed = 0;

	if ((sc->gfp_mask & c->needs) != c->needs)
		return SHRINK_STOP;		/* it would recurse into I/O or the FS */
	while (freed < sc->nr_to_scan) {
		struct page *page = NULL;

		/* take the oldest page off the list, under the cache's lock */
		spin_lock_irqsave(&c->lock, flags);
		if (!list_empty(&c->pages)) {
			page = list_first_entry(&c->pages, struct page, lru);
			list_del(&page->lru);
			c->nr--;
		}
		spin_unlock_irqrestore(&c->lock, flags);
		if (!page)
			break;
		__free_pages(page, 0);
		freed++;
	}
	return freed;
}

/* the two demonstration caches */
#define DEMO_CACHE(var, name_, needs_) struct demo_cache var = {			\
	.name = name_, .needs = needs_, .lock = __SPIN_LOCK_UNLOCKED,			\
	.pages = LIST_HEAD_INIT(var.pages),						\
	.shrinker = { .count_objects = demo_count, .scan_objects = demo_scan,		\
		      .batch = 32, .seeks = DEFAULT_SEEKS, .name = name_ } }

static DEMO_CACHE(demo_buffers, "demo-buffers", __GFP_IO);
static DEMO_CACHE(demo_icache, "demo-icache", __GFP_FS);
static struct demo_cache *const demo_caches[] = { &demo_buffers, &demo_icache };

/* fill, count and drop the demonstration caches */
/* [[demo_cache_fill]]: pages for each cache, without reclaiming */
/* Add up to @n pages to each demonstration cache; the pages added in all. Any context: it never sleeps or reclaims. */
unsigned long demo_cache_fill(unsigned long n)
{
	unsigned long added = 0, flags;

	for (unsigned int i = 0; i < ARRAY_SIZE(demo_caches); i++)
		for (unsigned long k = 0; k < n; k++) {
			struct page *page = alloc_page(__GFP_RECLAIMABLE | __GFP_NOMEMALLOC |
						       __GFP_NOWARN);

			if (!page)
				break;
			spin_lock_irqsave(&demo_caches[i]->lock, flags);
			list_add_tail(&page->lru, &demo_caches[i]->pages);
			demo_caches[i]->nr++;
			spin_unlock_irqrestore(&demo_caches[i]->lock, flags);
			added++;
		}
	return added;
}

/* count, drop and register the demonstration caches */
/* count and drop the demonstration caches */
/* The pages cached in demonstration cache @i (0: demo-buffers, 1: demo-icache); 0 for a
 * bad @i. Any context. */
unsigned long demo_cache_pages(unsigned int i)
{
	return i < ARRAY_SIZE(demo_caches) ? demo_caches[i]->nr : 0;
}

/* Drop every page of the demonstration caches. Any context; takes each cache's lock. */
void demo_cache_drop(void)
{
	struct shrink_control sc = { .gfp_mask = GFP_KERNEL, .nr_to_scan = ~0UL };

	for (unsigned int i = 0; i < ARRAY_SIZE(demo_caches); i++)
		demo_scan(&demo_caches[i]->shrinker, &sc);
}

/* register the demonstration caches' shrinkers */
/* Register the two shrinkers. Boot only. */
void demo_cache_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(demo_caches); i++)
		register_shrinker(&demo_caches[i]->shrinker);
}

/* the [[democache]] command */
/* democache [fill N | drop]: fill or empty the caches, then show them. Context: the
 * console. Returns 0, or -1 with the usage line. */
static int cmd_democache(struct seq_file *m, int argc, char **argv)
{
	unsigned long n;

	if (argc == 3 && !strcmp(argv[1], "fill")) {
		if (console_number(m, "democache", "N", argv[2], 1, 1000000, false, &n) < 0)
			return -1;
		seq_printf(m, "democache: added %lu pages\n", demo_cache_fill(n));
	} else if (argc == 2 && !strcmp(argv[1], "drop"))
		demo_cache_drop();
	else if (argc != 1) {
		seq_printf(m, "usage: democache [fill N | drop]\n");
		return -1;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(demo_caches); i++)
		seq_printf(m, "%-13s %6lu pages, dropped only with %s\n", demo_caches[i]->name,
			   demo_caches[i]->nr, demo_caches[i]->needs == __GFP_IO ? "__GFP_IO" :
			   "__GFP_FS");
	return 0;
}
DEFINE_CONSOLE_COMMAND(democache, "[fill N | drop]",
		       "the demonstration caches that reclaim shrinks", cmd_democache);

/* [[hog]]: take every page down to the min watermarks */
static LIST_HEAD(hogged);
static unsigned long nr_hogged;
static const gfp_t hog_zones[] = { __GFP_HIGHMEM, 0, __GFP_DMA };

/* hog [free]: hold every page a request without reclaim can get, or give them back.
 * Context: the console. Returns 0, or -1 with the usage line. */
static int cmd_hog(struct seq_file *m, int argc, char **argv)
{
	/* [[hog free]]: give every page back */
	if (argc == 2 && !strcmp(argv[1], "free")) {
		struct page *page, *next;

		list_for_each_entry_safe(page, next, &hogged, lru) {
			list_del(&page->lru);
			__free_pages(page, 0);
		}
		seq_printf(m, "hog: freed %lu pages\n", nr_hogged);
		nr_hogged = 0;
		return 0;
	}
	if (argc != 1) {
		seq_printf(m, "usage: hog [free]\n");
		return -1;
	}
	/* take pages for each zone's class of request until none is left */
	for (unsigned int i = 0; i < ARRAY_SIZE(hog_zones); i++)
		for (;;) {
			struct page *page = alloc_page(hog_zones[i] | __GFP_NOMEMALLOC | __GFP_NOWARN);

			if (!page)
				break;
			list_add(&page->lru, &hogged);
			if (++nr_hogged % 4096 == 0 && console_interrupted())
				i = ARRAY_SIZE(hog_zones);	/* the last zone: stop */
			if (i == ARRAY_SIZE(hog_zones))
				break;
		}
	seq_printf(m, "hog: holding %lu pages; %lu free\n", nr_hogged, nr_free_pages());
	return 0;
}
DEFINE_CONSOLE_COMMAND(hog, "[free]", "take every page GFP_KERNEL can have, or give them back",
		       cmd_hog);
