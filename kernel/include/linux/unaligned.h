/* Tangled from chapters/16-alignment.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_UNALIGNED_H
#define _LINUX_UNALIGNED_H

#include <linux/compiler.h>

/* read and write a value at any address, through a packed structure */
#define __unaligned_wrapper(type)	struct { type v; } __packed

#define get_unaligned(ptr) ({							\
	const __unaligned_wrapper(__typeof__(*(ptr))) *__w = (const void *)(ptr);	\
	__w->v;									\
})

#define put_unaligned(val, ptr) do {						\
	__unaligned_wrapper(__typeof__(*(ptr))) *__w = (void *)(ptr);		\
	__w->v = (val);								\
} while (0)

#endif
