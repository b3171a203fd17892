/* Tangled from chapters/09-reclaim.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H
/* What the files of mm/ share and no one else needs (Linux: mm/internal.h). */
#include <linux/list.h>

extern struct list_head shrinker_list;	/* changed under shrinker_lock, in mm/vmscan.c */

#endif
