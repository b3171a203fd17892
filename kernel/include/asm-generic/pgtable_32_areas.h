/* Tangled from chapters/00-machine.nw, chapters/02-memory-map.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _ASM_GENERIC_PGTABLE_32_AREAS_H
#define _ASM_GENERIC_PGTABLE_32_AREAS_H

/*
 * The layout of a 32-bit kernel's address space above PAGE_OFFSET.
 * The machine's asm/page.h and asm/pgtable.h define PAGE_SIZE,
 * PAGE_OFFSET, PMD_MASK and FIXADDR_TOP before including this.
 */

/* the fixmap: slots fixed at compile time */
#define NR_CPUS			8
#define KM_MAX_IDX		16

enum fixed_addresses {
	FIX_HOLE,
	/* fixmap slots */
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_MAX_IDX * NR_CPUS - 1,
	__end_of_fixed_addresses
};

#define FIXADDR_SIZE		((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START		(FIXADDR_TOP - FIXADDR_SIZE)
#define __fix_to_virt(x)	(FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))

/* the pkmap window, the vmalloc area and the end of lowmem */
#define LAST_PKMAP		1024
#define PKMAP_BASE		((FIXADDR_START - PAGE_SIZE * (LAST_PKMAP + 1)) & PMD_MASK)

#define VMALLOC_OFFSET		(_AC(8, UL) << 20)
#define __VMALLOC_RESERVE	(_AC(128, UL) << 20)
#define VMALLOC_END		(PKMAP_BASE - 2 * PAGE_SIZE)
#define MAXMEM			(VMALLOC_END - PAGE_OFFSET - __VMALLOC_RESERVE)
extern void *high_memory;
#define VMALLOC_START		((unsigned long)high_memory + VMALLOC_OFFSET)

#endif /* _ASM_GENERIC_PGTABLE_32_AREAS_H */
