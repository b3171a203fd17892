/* Tangled from chapters/16-alignment.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_CACHE_H
#define _LINUX_CACHE_H

#include <linux/align.h>

/* the cache line's size */
#define L1_CACHE_SHIFT		6
#define L1_CACHE_BYTES		64	/* 1 << L1_CACHE_SHIFT */
#define SMP_CACHE_BYTES		L1_CACHE_BYTES

/* alignment to a cache line */
#define L1_CACHE_ALIGN(x)	ALIGN(x, L1_CACHE_BYTES)
#define ____cacheline_aligned	__attribute__((__aligned__(SMP_CACHE_BYTES)))
#ifdef CONFIG_SMP
#define ____cacheline_aligned_in_smp	____cacheline_aligned
#else
#define ____cacheline_aligned_in_smp
#endif

#endif
