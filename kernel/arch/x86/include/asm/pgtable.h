/* Tangled from chapters/00-machine.nw, chapters/02-memory-map.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <asm/page.h>

/* page directory entries and their flags */
#define PGDIR_SHIFT		22
#define PGDIR_SIZE		(_AC(1, UL) << PGDIR_SHIFT)
#define PGDIR_MASK		(~(PGDIR_SIZE - 1))
#define PTRS_PER_PGD		1024
#define PMD_SIZE		PGDIR_SIZE	/* two-level paging: the pmd folds into the pgd */
#define PMD_MASK		PGDIR_MASK
#define KERNEL_PGD_BOUNDARY	(PAGE_OFFSET >> PGDIR_SHIFT)

#define _PAGE_PRESENT		0x001
#define _PAGE_RW		0x002
#define _PAGE_USER		0x004
#define _PAGE_PSE		0x080	/* a 4 MiB page, not a page table */
#define _PAGE_GLOBAL		0x100
#define _KERNPG_LARGE		(_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE)
#ifndef __ASSEMBLY__
/* the fixmap: slots fixed at compile time */
#define FIXADDR_TOP		(_AC(0xFFFFF000, UL))
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
#endif

#endif /* _ASM_X86_PGTABLE_H */
