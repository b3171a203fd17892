/* Tangled from chapters/08-slabs.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

/* the bytes of poison and of red zones */
#define POISON_INUSE		0x5a	/* for use-uninitialised poisoning */
#define POISON_FREE		0x6b	/* for use-after-free poisoning */
#define POISON_END		0xa5	/* end-byte of poisoning */
#define SLUB_RED_INACTIVE	0xbb	/* the red zone of a free object */
#define SLUB_RED_ACTIVE		0xcc	/* the red zone of an allocated object */

#endif
