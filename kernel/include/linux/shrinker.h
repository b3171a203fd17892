/* Tangled from chapters/10-reclaim.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_SHRINKER_H
#define _LINUX_SHRINKER_H

#include <linux/types.h>
#include <linux/list.h>

/* [[struct shrinker]]: count the objects, then scan some */
struct shrink_control {
	gfp_t gfp_mask;			/* the request that reclaims: may we do I/O, FS? */
	unsigned long nr_to_scan;	/* objects to look at in this call */
};

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *, struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *, struct shrink_control *sc);
	long batch;			/* objects a call to scan_objects; 0: SHRINK_BATCH */
	int seeks;			/* what it costs to recreate an object */
	const char *name;
	struct list_head list;
	unsigned long nr_calls, nr_freed, nr_stopped;	/* for the console */
};

#define SHRINK_STOP	(~0UL)		/* from scan_objects: not in this context */
#define SHRINK_BATCH	128
#define DEFAULT_SEEKS	2

/* the shrinker interface */
/* Put @shrinker on, or take it off, the list reclaim asks. Any context. */
void register_shrinker(struct shrinker *shrinker);
void unregister_shrinker(struct shrinker *shrinker);
/* Ask every shrinker for its share at @priority; the objects freed. */
unsigned long shrink_slab(gfp_t gfp_mask, int priority);

#endif
