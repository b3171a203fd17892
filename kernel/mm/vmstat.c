/* Tangled from chapters/04-zones.nw, chapters/05-getting-pages.nw, chapters/08-slabs.nw, chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/shell.h>

/* the headers of what [[vmstat.c]] reports */
#include <linux/slab.h>
#include <linux/vmalloc.h>

/* the [[zoneinfo]] command */
void zoneinfo_show(struct seq_file *m)
{
	struct zone *zone;

	for_each_zone(zone) {
		seq_printf(m, "Node %d, zone %8s", zone->zone_pgdat->node_id, zone->name);
		/* print [[zone]]'s free pages, watermarks, span and counts */
		seq_printf(m, "\n  pages free     %lu", zone_page_state(zone, NR_FREE_PAGES));
		seq_printf(m, "\n        min      %lu", min_wmark_pages(zone));
		seq_printf(m, "\n        low      %lu", low_wmark_pages(zone));
		seq_printf(m, "\n        high     %lu", high_wmark_pages(zone));
		seq_printf(m, "\n        spanned  %lu", zone->spanned_pages);
		seq_printf(m, "\n        present  %lu", zone->present_pages);
		seq_printf(m, "\n        managed  %lu", zone->managed_pages);
		/* print [[zone]]'s reserves, as [[protection]] */
		seq_printf(m, "\n        protection: (%ld", zone->lowmem_reserve[0]);
		for (int i = 1; i < MAX_NR_ZONES; i++)
			seq_printf(m, ", %ld", zone->lowmem_reserve[i]);
		seq_printf(m, ")");
		if (populated_zone(zone)) {
			seq_printf(m, "\n      %-12s %lu", "nr_free_pages",
				   zone_page_state(zone, NR_FREE_PAGES));
			seq_printf(m, "\n  start_pfn:           %lu", zone->zone_start_pfn);
		}
		seq_printf(m, "\n");
	}
}

/* the console's [[zoneinfo]] */
static int cmd_zoneinfo(struct seq_file *m, int argc, char **argv)
{
	zoneinfo_show(m);
	return 0;
}
DEFINE_CONSOLE_COMMAND(zoneinfo, "", "the zones (/proc/zoneinfo)", cmd_zoneinfo);

/* the [[meminfo]] command */
static void show_val_kb(struct seq_file *m, const char *label, unsigned long pages)
{
	seq_printf(m, "%-16s%8lu kB\n", label, pages << (PAGE_SHIFT - 10));
}

void meminfo_show(struct seq_file *m)
{
	unsigned long total = 0, free = nr_free_pages(), high_total = 0, high_free = 0;
	/* sum the managed pages, and the high zone's, and its free pages */
	struct zone *zone;

	for_each_zone(zone) {
		total += zone->managed_pages;
		if (is_highmem(zone)) {
			high_total += zone->managed_pages;
			high_free += zone_page_state(zone, NR_FREE_PAGES);
		}
	}
	show_val_kb(m, "MemTotal:", total);
	show_val_kb(m, "MemFree:", free);
	show_val_kb(m, "MemAvailable:", free > totalreserve_pages ? free - totalreserve_pages : 0);
	show_val_kb(m, "HighTotal:", high_total);
	show_val_kb(m, "HighFree:", high_free);
	show_val_kb(m, "LowTotal:", total - high_total);
	show_val_kb(m, "LowFree:", free - high_free);
	/* more lines of [[meminfo]] */
	show_val_kb(m, "Slab:", slab_stat[NR_SLAB_RECLAIMABLE] + slab_stat[NR_SLAB_UNRECLAIMABLE]);
	show_val_kb(m, "SReclaimable:", slab_stat[NR_SLAB_RECLAIMABLE]);
	show_val_kb(m, "SUnreclaim:", slab_stat[NR_SLAB_UNRECLAIMABLE]);
	show_val_kb(m, "VmallocTotal:", (VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT);
	show_val_kb(m, "VmallocUsed:", vmalloc_nr_pages);
	show_val_kb(m, "VmallocChunk:", 0);
}

/* the console's [[meminfo]] */
static int cmd_meminfo(struct seq_file *m, int argc, char **argv)
{
	meminfo_show(m);
	return 0;
}
DEFINE_CONSOLE_COMMAND(meminfo, "", "memory totals (/proc/meminfo)", cmd_meminfo);

/* the [[buddyinfo]] command */
/* [[buddyinfo_show]]: a line for each zone, a count for each order */
/* Print /proc/buddyinfo's lines to @m. Reads the counts without zone->lock: a snapshot. */
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

/* buddyinfo: /proc/buddyinfo's lines. Console only. */
static int cmd_buddyinfo(struct seq_file *m, int argc, char **argv)
{
	buddyinfo_show(m);
	return 0;
}
DEFINE_CONSOLE_COMMAND(buddyinfo, "", "free blocks of each order (/proc/buddyinfo)",
		       cmd_buddyinfo);
