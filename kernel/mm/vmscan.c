/* Tangled from chapters/10-reclaim.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/shrinker.h>
#include <linux/swap.h>
#include <linux/wait.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <linux/string.h>
#include "internal.h"

/* register and unregister a shrinker */
/* [[register_shrinker]] */
LIST_HEAD(shrinker_list);
static DEFINE_SPINLOCK(shrinker_lock);	/* guards changes to shrinker_list; see shrink_slab */

/**
 * register_shrinker - let reclaim ask @shrinker for objects
 * @shrinker: count_objects, scan_objects, seeks and a name filled in; batch may be 0
 *
 * Context: any context; takes shrinker_lock.
 */
void register_shrinker(struct shrinker *shrinker)
{
	unsigned long flags;

	spin_lock_irqsave(&shrinker_lock, flags);
	list_add_tail(&shrinker->list, &shrinker_list);
	spin_unlock_irqrestore(&shrinker_lock, flags);
}

/* [[unregister_shrinker]] */
/**
 * unregister_shrinker - take @shrinker off the list
 * @shrinker: a registered shrinker
 *
 * Context: any context; takes shrinker_lock. Reclaim walks the list without the lock, so
 * the caller must know that no reclaim is running (this kernel's shrinkers never go away).
 */
void unregister_shrinker(struct shrinker *shrinker)
{
	unsigned long flags;

	spin_lock_irqsave(&shrinker_lock, flags);
	list_del(&shrinker->list);
	spin_unlock_irqrestore(&shrinker_lock, flags);
}

/* [[do_shrink_slab]]: ask one shrinker for its share */
/* Ask @shrinker for its share at @priority, a batch at a time; the objects it freed. May sleep. */
static unsigned long do_shrink_slab(struct shrink_control *sc, struct shrinker *shrinker,
				    int priority)
{
	unsigned long batch = shrinker->batch ? (unsigned long)shrinker->batch : SHRINK_BATCH;
	unsigned long freeable = shrinker->count_objects(shrinker, sc);
	unsigned long total_scan, freed = 0;

	if (!freeable)
		return 0;
	total_scan = (freeable >> priority) * 4 / (unsigned long)shrinker->seeks;
	while (total_scan >= batch || (total_scan && total_scan >= freeable)) {
		/* scan one batch, or stop if the shrinker refuses the context */
		unsigned long ret;

		sc->nr_to_scan = min(batch, total_scan);
		shrinker->nr_calls++;
		ret = shrinker->scan_objects(shrinker, sc);
		if (ret == SHRINK_STOP) {
			shrinker->nr_stopped++;
			break;
		}
		shrinker->nr_freed += ret;
		freed += ret;
		total_scan -= sc->nr_to_scan;
	}
	return freed;
}

/* [[shrink_slab]]: ask every shrinker */
/**
 * shrink_slab - ask every shrinker for its share at @priority
 * @gfp_mask: the context of the request that reclaims (may a shrinker do I/O, call a FS?)
 * @priority: DEF_PRIORITY (12, gentlest) down to 0
 *
 * Context: may sleep if @gfp_mask may. The list is walked without shrinker_lock.
 * Return: the objects the shrinkers freed.
 */
unsigned long shrink_slab(gfp_t gfp_mask, int priority)
{
	struct shrink_control sc = { .gfp_mask = gfp_mask };
	struct shrinker *shrinker;
	unsigned long freed = 0;

	list_for_each_entry(shrinker, &shrinker_list, list)
		freed += do_shrink_slab(&sc, shrinker, priority);
	return freed;
}

/* [[try_to_free_pages]]: direct reclaim */
/**
 * try_to_free_pages - direct reclaim for a request of 2^@order pages
 * @gfp_mask: the request's flags, which the shrinkers obey
 * @order: the request's order
 *
 * Runs the shrinkers from DEF_PRIORITY down until SWAP_CLUSTER_MAX pages (or 2^@order)
 * were freed, with PF_MEMALLOC set. Context: process context, may sleep; no lock held.
 * Return: the pages freed, counted by the free path.
 */
unsigned long try_to_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct reclaim_state state = { 0 };
	unsigned int memalloc = current->flags & PF_MEMALLOC;

	current->flags |= PF_MEMALLOC;
	current->reclaim_state = &state;
	for (int priority = DEF_PRIORITY; priority >= 0; priority--) {
		shrink_slab(gfp_mask, priority);
		if (state.reclaimed >= max(SWAP_CLUSTER_MAX, 1UL << order))
			break;
	}
	current->reclaim_state = NULL;
	current->flags = (current->flags & ~PF_MEMALLOC) | memalloc;
	return state.reclaimed;
}

/* the tasks waiting for memory to be freed */
DECLARE_WAIT_QUEUE_HEAD(free_pages_wait);
unsigned long nr_free_events;

/* the [[pagetypeinfo]] command */
static const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable",
};

/* pagetypeinfo: /proc/pagetypeinfo. Context: the console; takes each zone's lock, interrupts
 * off, for its lists. Returns 0. */
static int cmd_pagetypeinfo(struct seq_file *m, int argc, char **argv)
{
	struct zone *zone;

	seq_printf(m, "Page block order: %d\nPages per block:  %lu\n\n", pageblock_order,
		   pageblock_nr_pages);
	/* the free blocks' heading: a column an order */
	seq_printf(m, "%-43s ", "Free pages count per migrate type at order");
	for (int order = 0; order < MAX_ORDER; order++)
		seq_printf(m, "%6d ", order);
	seq_printf(m, "\n");
	/* a line of free blocks for each zone and type */
	for_each_zone(zone)
		for (int type = 0; populated_zone(zone) && type < MIGRATE_TYPES; type++) {
			unsigned long flags;

			seq_printf(m, "Node %4d, zone %8s, type %12s ", 0, zone->name,
				   migratetype_names[type]);
			spin_lock_irqsave(&zone->lock, flags);
			for (int order = 0; order < MAX_ORDER; order++) {
				unsigned long n = 0;
				struct page *page;

				list_for_each_entry(page, &zone->free_area[order].free_list[type], lru)
					n++;
				seq_printf(m, "%6lu ", n);
			}
			spin_unlock_irqrestore(&zone->lock, flags);
			seq_printf(m, "\n");
		}
	/* the pageblocks' heading: a column a type */
	seq_printf(m, "\n%-23s", "Number of blocks type ");
	for (int type = 0; type < MIGRATE_TYPES; type++)
		seq_printf(m, "%12s ", migratetype_names[type]);
	seq_printf(m, "\n");
	/* a line of pageblock counts for each zone */
	for_each_zone(zone) {
		unsigned long count[MIGRATE_TYPES] = { 0 };

		if (!populated_zone(zone))
			continue;
		for (unsigned long pfn = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
		     pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages)
			count[pageblock_migratetypes[pfn >> pageblock_order]]++;
		seq_printf(m, "Node %d, zone %8s ", 0, zone->name);
		for (int type = 0; type < MIGRATE_TYPES; type++)
			seq_printf(m, "%12lu ", count[type]);
		seq_printf(m, "\n");
	}
	return 0;
}
DEFINE_CONSOLE_COMMAND(pagetypeinfo, "", "free blocks by migrate type (/proc/pagetypeinfo)",
		       cmd_pagetypeinfo);
