/* Tangled from chapters/16-alignment.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_ALIGN_H
#define _LINUX_ALIGN_H

#include <asm/page.h>

/* In every macro, @a must be a power of two (nothing checks it). */

/* [[__ALIGN_KERNEL]]: round up with a mask made in the type of [[x]] */
#define __ALIGN_KERNEL(x, a)		__ALIGN_KERNEL_MASK(x, (__typeof__(x))(a) - 1)
#define __ALIGN_KERNEL_MASK(x, mask)	(((x) + (mask)) & ~(mask))

/* [[ALIGN]], [[ALIGN_DOWN]] and [[IS_ALIGNED]] for integers */
#define ALIGN(x, a)		__ALIGN_KERNEL((x), (a))
#define ALIGN_DOWN(x, a)	__ALIGN_KERNEL((x) - ((a) - 1), (a))
#define __ALIGN_MASK(x, mask)	__ALIGN_KERNEL_MASK((x), (mask))
#define IS_ALIGNED(x, a)	(((x) & ((typeof(x))(a) - 1)) == 0)

/* [[PTR_ALIGN]]: round a pointer as an [[unsigned long]] */
#define PTR_ALIGN(p, a)		((typeof(p))ALIGN((unsigned long)(p), (a)))
#define PTR_ALIGN_DOWN(p, a)	((typeof(p))ALIGN_DOWN((unsigned long)(p), (a)))

/* [[PAGE_ALIGN]] and its family: alignment to [[PAGE_SIZE]] */
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define PAGE_ALIGN_DOWN(addr)	ALIGN_DOWN(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr)	IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)

#endif /* _LINUX_ALIGN_H */
