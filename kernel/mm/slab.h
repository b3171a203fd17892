/* Tangled from chapters/09-kmalloc.nw, chapters/08-slabs.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef MM_SLAB_H
#define MM_SLAB_H
/* The slab allocator's internals, for the files of mm/ (Linux: mm/slab.h). */

/* what the files of [[mm/]] share of the slab allocator */
/**
 * slab_objects_in_use - the objects handed out and not yet freed, in every cache
 *
 * Context: any context; takes no lock (interrupts are turned off around the walk).
 * Return: the sum over all caches of what slabinfo calls <active_objs>.
 */
unsigned long slab_objects_in_use(void);

/* what [[slabdump]] needs of [[slub.c]] */
struct seq_file;
void slab_dump(struct seq_file *m, struct kmem_cache *s);

#endif
