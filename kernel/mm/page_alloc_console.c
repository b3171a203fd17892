/* Tangled from chapters/05-getting-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <linux/string.h>
#include "internal.h"

/* the [[alloc]] and [[free]] commands */
/* the [[alloc]] command */
/* alloc ORDER [dma|highmem]: allocate a block and say where it came from. May sleep. */
static int cmd_alloc(struct seq_file *m, int argc, char **argv)
{
	gfp_t gfp = GFP_KERNEL;
	unsigned long order;
	struct page *page;

	/* read the order and the zone modifier, or print the usage */
	if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "dma") != 0 &&
				     strcmp(argv[2], "highmem") != 0)) {
		seq_printf(m, "usage: alloc ORDER [dma|highmem]\n");
		return -1;
	}
	if (console_number(m, "alloc", "ORDER", argv[1], 0, MAX_ORDER - 1, false, &order) < 0)
		return -1;
	if (argc == 3)
		gfp |= strcmp(argv[2], "dma") == 0 ? __GFP_DMA : __GFP_HIGHMEM;
	page = alloc_pages(gfp, (unsigned int)order);
	if (!page) {
		seq_printf(m, "alloc: no block of order %lu\n", order);
		return -1;
	}
	seq_printf(m, "alloc: order %lu at pfn %#lx in zone %s, address %p%s\n", order,
		   page_to_pfn(page), page_zone(page)->name, page_address(page),
		   PageHighMem(page) ? " (high memory: none until kmap)" : "");
	return 0;
}
DEFINE_CONSOLE_COMMAND(alloc, "ORDER [dma|highmem]", "allocate 2^ORDER pages", cmd_alloc);

/* the [[free]] command */
/* free PFN ORDER: free a block by hand; misuse is reported by __free_pages. */
static int cmd_free(struct seq_file *m, int argc, char **argv)
{
	unsigned long pfn, order;

	if (argc != 3) {
		seq_printf(m, "usage: free PFN ORDER\n");
		return -1;
	}
	/* read the pfn, refusing one that has no descriptor */
	if (console_number(m, "free", "PFN", argv[1], 0, max_mapnr - 1, false, &pfn) < 0)
		return -1;
	if (!pfn_valid(pfn)) {
		seq_printf(m, "free: pfn %#lx is beyond mem_map\n", pfn);
		return -1;
	}
	if (console_number(m, "free", "ORDER", argv[2], 0, MAX_ORDER - 1, false, &order) < 0)
		return -1;
	__free_pages(pfn_to_page(pfn), (unsigned int)order);
	return 0;
}
DEFINE_CONSOLE_COMMAND(free, "PFN ORDER", "free a block (misuse is reported)", cmd_free);

/* [[check_free_lists]]: what the allocator promises, checked */
/* [[check_block]]: one free block, checked */
#define REPORT(...) do { if (errors++ < 5) pr_err("check_free_lists: " __VA_ARGS__); } while (0)

/* The problems of the free block of @order at @page (first few printed). zone->lock held. */
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
	/* every page of the block unused, and its buddy not free beside it */
	for (unsigned long i = 0; i < (1UL << order); i++)
		if (page_count(page + i) != 0 || PageReserved(page + i) || (i && PageBuddy(page + i)))
			REPORT("%s pfn %#lx: page %lu of a free block is in use\n", zone->name, pfn, i);
	if (order < MAX_ORDER - 1 && zone_spans_pfn(zone, buddy) &&
	    page_is_buddy(page, pfn_to_page(buddy), order))
		REPORT("%s pfn %#lx and its buddy %#lx are both free at order %u\n",
		       zone->name, pfn, buddy, order);
	return errors;
}

/* [[check_free_lists]]: every list of a zone, and its counts */
/*
 * check_free_lists - check every free list of @zone against the allocator's promises.
 * Context: any; takes zone->lock. Return: the number of problems found (the first
 * five are printed), 0 if the lists are sound.
 */
int check_free_lists(struct zone *zone)
{
	unsigned long free = 0, flags;
	int errors = 0;

	spin_lock_irqsave(&zone->lock, flags);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long n = 0;
		struct page *page;

		/* check each block on the lists of [[order]], counting them in [[n]] */
		for (int type = 0; type < MIGRATE_TYPES; type++)
			list_for_each_entry(page, &zone->free_area[order].free_list[type], lru) {
				errors += check_block(zone, page, order);
				if (get_pageblock_migratetype(page) != type)
					REPORT("%s pfn %#lx: on the list of migrate type %d, in a "
					       "block of type %d\n", zone->name, page_to_pfn(page),
					       type, get_pageblock_migratetype(page));
				n++;
			}
		/* the order's count must be its lists' length */
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

/* the [[stress]] workload */
struct held_block { unsigned long pfn; unsigned int order; };

/* [[xorshift]]: a random number the same on every machine */
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

/* Copy every zone's nr_free counts into @s. Reads without the zones' locks. */
static void snapshot(struct buddy_snapshot *s)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int o = 0; o < MAX_ORDER; o++)
			s->nr_free[z][o] = NODE_DATA(0)->node_zones[z].free_area[o].nr_free;
}

/* record pages handed out, and catch a page handed out twice */
/* [[struct stress]]: the blocks held, the bitmap, and the tallies */
struct stress {
	struct held_block held[512];
	unsigned int nr_held;
	unsigned long *handed_out;	/* a bit a pfn */
	unsigned long allocs, frees, failures;
	int errors;
	u64 rng;
};

/* [[mark_block]]: set or clear a block's bits, counting clashes */
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
/* Free a random block held, or allocate one; a page handed out twice is counted an error. */
static void stress_step(struct stress *st)
{
	static const gfp_t zones[] = { GFP_KERNEL, GFP_KERNEL | __GFP_DMA, GFP_HIGHUSER };
	u64 r = xorshift(&st->rng);

	if (st->nr_held == ARRAY_SIZE(st->held) || (st->nr_held && (r & 1))) {
		/* free a random one of the blocks held */
		unsigned int i = (unsigned int)((r >> 1) % st->nr_held);
		struct held_block b = st->held[i];

		st->held[i] = st->held[--st->nr_held];
		mark_block(st, b.pfn, b.order, false);
		__free_pages(pfn_to_page(b.pfn), b.order);
		st->frees++;
	} else {
		/* allocate a block of a random order from a random choice of zones */
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
/* [[check_all_zones]]: the free-list check, for every zone */
/* check_free_lists() of every zone; the sum of their problems. Takes each zone's lock. */
static int check_all_zones(void)
{
	int errors = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		errors += check_free_lists(&NODE_DATA(0)->node_zones[z]);
	return errors;
}

/* [[page_alloc_stress]]: the workload itself */
/*
 * page_alloc_stress - a seeded random workload of @ops allocations and frees,
 * checked as it goes; prints a summary to @m (if not NULL).
 * Context: may sleep; not reentrant (one static state). Return: 0 if every check
 * held, -1 otherwise.
 */
int page_alloc_stress(struct seq_file *m, unsigned long ops, unsigned long seed)
{
	static struct stress st;
	unsigned int bitmap_order = 0;
	struct buddy_snapshot before, after;

	/* seed the generator, and allocate the bitmap: a bit for every pfn */
	while ((PAGE_SIZE << bitmap_order) * 8 < max_mapnr)
		bitmap_order++;
	st = (struct stress){ .rng = seed * 0x9E3779B97F4A7C15ULL + 1 };
	st.handed_out = (unsigned long *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, bitmap_order);
	if (!st.handed_out) {
		seq_printf(m, "stress: no memory for the bitmap\n");
		return -1;
	}
	snapshot(&before);
	/* run [[ops]] steps, checking the free lists every thousand */
	for (unsigned long i = 1; i <= ops; i++) {
		stress_step(&st);
		if (i % 1000 == 0) {
			st.errors += check_all_zones();
			if (console_interrupted()) {
				seq_printf(m, "stress: interrupted after %lu of %lu ops\n", i, ops);
				ops = i;
			}
		}
	}

/* free every block still held, and check the allocator is back where it began */
	/* free every block still held */
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

/* the [[stress]] command */
/*
 * stress [OPS] [SEED]: page_alloc_stress(), 100000 steps of seed 1 by default,
 * at most STRESS_MAX_OPS, so that the console comes back. May sleep.
 */
#define STRESS_MAX_OPS	10000000UL

static int cmd_stress(struct seq_file *m, int argc, char **argv)
{
	unsigned long ops = 100000, seed = 1;

	if (argc > 3) {
		seq_printf(m, "usage: stress [OPS] [SEED]\n");
		return -1;
	}
	if ((argc > 1 && console_number(m, "stress", "OPS", argv[1], 1, STRESS_MAX_OPS, false, &ops) < 0) ||
	    (argc > 2 && console_number(m, "stress", "SEED", argv[2], 0, ~0UL, false, &seed) < 0))
		return -1;
	return page_alloc_stress(m, ops, seed);
}
DEFINE_CONSOLE_COMMAND(stress, "[OPS] [SEED]", "random alloc/free workload, checked",
		       cmd_stress);

/* holding all of lowmem, and giving it back */
struct demo_held { struct demo_held *next; unsigned int order; };

/* [[take_all_lowmem]]: the largest blocks first, down to single pages */
/* Allocate every free block that GFP_NOWAIT may have, chained through their first words. */
static struct demo_held *take_all_lowmem(void)
{
	struct demo_held *list = NULL;

	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		struct page *page;

		while ((page = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, (unsigned int)order))) {
			struct demo_held *h = page_address(page);

			if (!h) {		/* page_address() as the exercise's starter has it */
				__free_pages(page, (unsigned int)order);
				pr_warn("buddydemo: page_address() of a lowmem page is NULL; "
					"the rows below will not show the example\n");
				return list;
			}
			*h = (struct demo_held){ list, (unsigned int)order };
			list = h;
		}
	}
	return list;
}

/* [[give_back]]: free every block on the chain */
/* Free every block of a chain from take_all_lowmem(). */
static void give_back(struct demo_held *list)
{
	while (list) {
		struct demo_held *h = list;

		list = h->next;
		__free_pages(virt_to_page(h), h->order);
	}
}

/* a row of the demonstration, and its steps */
/* [[demo_row]]: the free blocks inside the 16 pages, and what is handed out */
struct demo { struct zone *zone; unsigned long base; struct page *used[2]; unsigned int order[2]; };

/* Print @step and the free and handed-out blocks of @d's 16 pages. Reads the lists unlocked. */
static void demo_row(struct seq_file *m, const struct demo *d, const char *step)
{
	int head[16];		/* the order of the free block at each offset, or -1 */
	char line[128];
	size_t n;

	/* find which of the 16 pages head a free block, and its order */
	for (int i = 0; i < 16; i++)
		head[i] = -1;
	for (int order = 0; order < MAX_ORDER; order++)
		for (int type = 0; type < MIGRATE_TYPES; type++) {
			struct page *page;

			list_for_each_entry(page, &d->zone->free_area[order].free_list[type], lru)
				if (page_to_pfn(page) - d->base < 16)
					head[page_to_pfn(page) - d->base] = order;
		}
	/* the step, the free blocks, then what is handed out, in brackets */
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

/* [[demo_alloc]] and [[demo_free]]: one step, and its row */
/* [[demo_alloc]]: a block that must come from the 16 pages */
/* Take @order for slot @i and print the step's row; false if it is not from the block. */
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

/* [[demo_free]]: a block given back */
/* Free slot @i's block, and print the row of that step. */
static void demo_free(struct seq_file *m, struct demo *d, int i)
{
	char step[40];

	snprintf(step, sizeof(step), "__free_pages(+%lu, %u)", page_to_pfn(d->used[i]) - d->base,
		 d->order[i]);
	__free_pages(d->used[i], d->order[i]);
	d->used[i] = NULL;
	demo_row(m, d, step);
}

/* the [[buddydemo]] command */
/* buddydemo: the worked example on this machine; 0 if every step went as taught. May sleep. */
static int cmd_buddydemo(struct seq_file *m, int argc, char **argv)
{
	static unsigned long saved[MAX_NR_ZONES][NR_WMARK + MAX_NR_ZONES];
	struct buddy_snapshot before, after;
	struct demo d = { 0 };
	struct demo_held *held;
	struct page *block;
	bool ok;

	snapshot(&before);
	/* make a block of 16 pages all the free memory of lowmem */
	block = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4);
	if (!block) {
		seq_printf(m, "buddydemo: no free block of order 4\n");
		return -1;
	}
	/* save every zone's watermarks and reserves in [[saved]], and zero them */
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
	/* the four steps of the example, each with its row */
	seq_printf(m, "buddydemo: pfn %#lx-%#lx (%s, order 4) is all the free memory of DMA and Normal\n",
		   d.base, d.base + 15, d.zone->name);
	seq_printf(m, "%-34s%-28s%s\n", "step", "free blocks (+offset/order)", "[handed out]");
	demo_row(m, &d, "start");
	ok = demo_alloc(m, &d, 0, 0) && demo_alloc(m, &d, 1, 1);
	for (int i = 0; i < 2; i++)
		if (d.used[i])
			demo_free(m, &d, i);
	give_back(held);
	/* restore the watermarks and reserves from [[saved]] */
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		memcpy(zone->_watermark, saved[z], sizeof(zone->_watermark));
		memcpy(zone->lowmem_reserve, saved[z] + NR_WMARK, sizeof(zone->lowmem_reserve));
	}
	/* compare the free lists with before, and say whether they are restored */
	snapshot(&after);
	ok = ok && memcmp(&before, &after, sizeof(before)) == 0;
	seq_printf(m, "buddydemo: everything given back; buddyinfo %s\n",
		   memcmp(&before, &after, sizeof(before)) ? "differs" : "restored");
	return ok ? 0 : -1;
}
DEFINE_CONSOLE_COMMAND(buddydemo, "", "the worked example of the buddy system, on this machine",
		       cmd_buddydemo);
