/* Tangled from chapters/10-reclaim.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

#include <linux/types.h>
#include <linux/wait.h>

/* how much direct reclaim frees, and the task's count of it */
#define SWAP_CLUSTER_MAX	32UL
#define DEF_PRIORITY		12

struct reclaim_state {
	unsigned long reclaimed;	/* pages freed while reclaiming */
};

/* the reclaim interface */
/* Run the shrinkers for a request of 2^@order pages; the pages freed. */
unsigned long try_to_free_pages(gfp_t gfp_mask, unsigned int order);

/* Tasks waiting for pages to be freed; woken by the free path. */
extern wait_queue_head_t free_pages_wait;
extern unsigned long nr_free_events;

#endif
