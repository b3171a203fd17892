/* Tangled from chapters/08-slabs.nw, chapters/09-reclaim.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef MM_SLAB_H
#define MM_SLAB_H
/* The slab allocator's internals, for the files of mm/ (Linux: mm/slab.h). */

/* what the files of [[mm/]] share of the slab allocator */
/* Objects handed out and not freed, in every cache. */
unsigned long slab_objects_in_use(void);

#endif
