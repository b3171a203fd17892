/* Tangled from chapters/11-page-tables.nw, chapters/00-machine.nw, chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _ASM_GENERIC_PGTABLE_2LEVEL_H
#define _ASM_GENERIC_PGTABLE_2LEVEL_H

/* x86-32's page tables without PAE, which the host plays as well */

/* page directory entries and their flags */
#define PGDIR_SHIFT		22
#define PGDIR_SIZE		(_AC(1, UL) << PGDIR_SHIFT)
#define PGDIR_MASK		(~(PGDIR_SIZE - 1))
#define PTRS_PER_PGD		1024
#define PMD_SIZE		PGDIR_SIZE	/* two-level paging: the pmd folds into the pgd */
#define PMD_MASK		PGDIR_MASK
#define KERNEL_PGD_BOUNDARY	((PAGE_OFFSET >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))

#define _PAGE_PRESENT		0x001
#define _PAGE_RW		0x002
#define _PAGE_USER		0x004
#define _PAGE_PSE		0x080	/* a 4 MiB page, not a page table */
#define _PAGE_GLOBAL		0x100
#define _KERNPG_LARGE		(_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE)
#ifndef __ASSEMBLY__
#include <linux/types.h>

/* the two-level tables in C */
/* the other bits of an entry */
#define _PAGE_PWT		0x008	/* write-through */
#define _PAGE_PCD		0x010	/* cache disabled: device registers */
#define _PAGE_ACCESSED		0x020	/* set by the processor on any use */
#define _PAGE_DIRTY		0x040	/* set by the processor on a write */
#define _PAGE_PAT		0x080	/* in a pte; a pmd has _PAGE_PSE here */
#define _PAGE_PAT_LARGE		0x1000	/* in a 4 MiB entry */
#define _PAGE_NX		0	/* no room for it without PAE */
#define PTE_PFN_MASK		PAGE_MASK
#define PTE_FLAGS_MASK		(~PTE_PFN_MASK)
#define PTRS_PER_PTE		1024

/* [[pte_t]], [[pgd_t]] and [[pgprot_t]]: an entry in a type of its own */
typedef u32 pteval_t;
typedef u32 pgdval_t;
typedef u32 pgprotval_t;

typedef struct { pteval_t pte; } pte_t;
typedef struct { pgdval_t pgd; } pgd_t;
typedef struct { pgprotval_t pgprot; } pgprot_t;

#define pte_val(x)		((x).pte)
#define __pte(x)		((pte_t){ (x) })
#define pgd_val(x)		((x).pgd)
#define __pgd(x)		((pgd_t){ (x) })
#define pgprot_val(x)		((x).pgprot)
#define __pgprot(x)		((pgprot_t){ (x) })

_Static_assert(sizeof(pte_t) * PTRS_PER_PTE == PAGE_SIZE, "a page table is one page");
_Static_assert(sizeof(pgd_t) * PTRS_PER_PGD == PAGE_SIZE, "a page directory is one page");

/* the folded pmd: the pgd entry, seen as the level below */
typedef struct { pgd_t pgd; } pmd_t;

#define PTRS_PER_PMD		1
#define pmd_val(x)		(pgd_val((x).pgd))
#define __pmd(x)		((pmd_t){ __pgd(x) })

static inline int pgd_none(pgd_t pgd) { return 0; }
static inline int pgd_bad(pgd_t pgd) { return 0; }
static inline int pgd_present(pgd_t pgd) { return 1; }

/* The pmd of @address under @pgd: the pgd entry itself. */
static inline pmd_t *pmd_offset(pgd_t *pgd, unsigned long address)
{
	return (pmd_t *)pgd;
}

/* the protections the kernel maps with */
#define __PAGE_KERNEL		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
				 _PAGE_NX | _PAGE_GLOBAL)
#define __PAGE_KERNEL_RO	(__PAGE_KERNEL & ~_PAGE_RW)
#define PAGE_KERNEL		__pgprot(__PAGE_KERNEL)
#define PAGE_KERNEL_RO		__pgprot(__PAGE_KERNEL_RO)
#define PAGE_KERNEL_LARGE	__pgprot(__PAGE_KERNEL | _PAGE_PSE)
#define _KERNPG_TABLE		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _PAGE_TABLE		(_KERNPG_TABLE | _PAGE_USER)
#define PAGE_KERNEL_NOCACHE	__pgprot(__PAGE_KERNEL | _PAGE_PCD)

/* reading an entry */
static inline int pte_none(pte_t pte) { return !pte_val(pte); }
static inline int pte_present(pte_t pte) { return pte_val(pte) & _PAGE_PRESENT; }
static inline int pte_write(pte_t pte) { return pte_val(pte) & _PAGE_RW; }
static inline pteval_t pte_flags(pte_t pte) { return pte_val(pte) & PTE_FLAGS_MASK; }
static inline unsigned long pte_pfn(pte_t pte) { return (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT; }

/* The entry that maps page frame @pfn with @prot. */
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte((pfn << PAGE_SHIFT) | pgprot_val(prot));
}

static inline int pmd_none(pmd_t pmd) { return !pmd_val(pmd); }
static inline int pmd_present(pmd_t pmd) { return pmd_val(pmd) & _PAGE_PRESENT; }
static inline int pmd_large(pmd_t pmd)
{
	return (pmd_val(pmd) & (_PAGE_PSE | _PAGE_PRESENT)) == (_PAGE_PSE | _PAGE_PRESENT);
}
static inline int pmd_bad(pmd_t pmd)
{
	return (pmd_val(pmd) & PTE_FLAGS_MASK & ~_PAGE_USER) != _KERNPG_TABLE;
}
static inline unsigned long pmd_pfn(pmd_t pmd) { return (pmd_val(pmd) & PTE_PFN_MASK) >> PAGE_SHIFT; }

/* The pmd that maps the 4 MiB from page frame @pfn with @prot, which has _PAGE_PSE. */
static inline pmd_t pfn_pmd(unsigned long pfn, pgprot_t prot)
{
	return __pmd((pfn << PAGE_SHIFT) | pgprot_val(prot));
}

/* The kernel address of the page table @pmd points to (always lowmem). */
static inline unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)__va(pmd_val(pmd) & PTE_PFN_MASK);
}

/* writing an entry */
struct mm_struct;

static inline void set_pte(pte_t *ptep, pte_t pte) { WRITE_ONCE(*ptep, pte); }
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd) { WRITE_ONCE(*pmdp, pmd); }
#define set_pte_at(mm, addr, ptep, pte)	set_pte(ptep, pte)

/* Make the entry for @addr in @mm none again. The TLB may still hold it. */
static inline void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	set_pte(ptep, __pte(0));
}

static inline void pmd_clear(pmd_t *pmdp) { set_pmd(pmdp, __pmd(0)); }

/* Point @pmd at the page table @pte (a lowmem page) in @mm. */
static inline void pmd_populate_kernel(struct mm_struct *mm, pmd_t *pmd, pte_t *pte)
{
	set_pmd(pmd, __pmd(__pa(pte) | _PAGE_TABLE));
}
#endif

#endif /* _ASM_GENERIC_PGTABLE_2LEVEL_H */
