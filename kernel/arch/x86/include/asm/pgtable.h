/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
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
#include <asm-generic/pgtable_32_areas.h>
#endif

#endif /* _ASM_X86_PGTABLE_H */
