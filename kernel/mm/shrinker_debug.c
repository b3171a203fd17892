/* Tangled from chapters/10-reclaim.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/shrinker.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include "internal.h"

/* the [[shrinkers]] command */
/* shrinkers: each shrinker's objects and counts. Context: the console, process context;
 * the list is walked unlocked, as shrink_slab walks it. Returns 0. */
static int cmd_shrinkers(struct seq_file *m, int argc, char **argv)
{
	struct shrink_control sc = { .gfp_mask = GFP_KERNEL };
	struct shrinker *s;

	seq_printf(m, "%-14s %8s %8s %8s %8s\n", "shrinker", "objects", "calls", "freed",
		   "refused");
	list_for_each_entry(s, &shrinker_list, list)
		seq_printf(m, "%-14s %8lu %8lu %8lu %8lu\n", s->name, s->count_objects(s, &sc),
			   s->nr_calls, s->nr_freed, s->nr_stopped);
	return 0;
}
DEFINE_CONSOLE_COMMAND(shrinkers, "", "the shrinkers: objects, calls, freed, refused",
		       cmd_shrinkers);
