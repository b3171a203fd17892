/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_PGTABLE_H
#define _LINUX_PGTABLE_H

#include <linux/mm.h>
#include <linux/spinlock.h>
#include <asm/pgtable.h>

/* [[init_mm]] and [[swapper_pg_dir]]: the kernel's address space */
/* An address space: its page directory, and the lock for adding page tables to it. */
struct mm_struct {
	pgd_t *pgd;
	spinlock_t page_table_lock;
};

extern struct mm_struct init_mm;
extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

/* from an address to its entries at each level */
#define pgd_index(a)		(((a) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pte_index(a)		(((a) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))
#define pgd_offset(mm, a)	((mm)->pgd + pgd_index(a))
#define pgd_offset_k(a)		pgd_offset(&init_mm, (a))
#define PGTABLE_VA_BASE		(PAGE_OFFSET - ((unsigned long)KERNEL_PGD_BOUNDARY << PGDIR_SHIFT))

/* The pte of @address in the page table @pmd points to. */
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long address)
{
	return (pte_t *)pmd_page_vaddr(*pmd) + pte_index(address);
}

#define pte_page(pte)		pfn_to_page(pte_pfn(pte))

/* [[pte_alloc_kernel]]: the page table, made if it is missing */
int __pte_alloc_kernel(pmd_t *pmd);

/* The pte of @address under @pmd, making its page table if the pmd is none; NULL without memory. */
#define pte_alloc_kernel(pmd, address)					\
	((unlikely(pmd_none(*(pmd))) && __pte_alloc_kernel(pmd)) ?	\
	 NULL : pte_offset_kernel(pmd, address))

/* [[lookup_address]]: the entry that maps an address, at any level */
enum pg_level { PG_LEVEL_NONE, PG_LEVEL_4K, PG_LEVEL_2M, PG_LEVEL_NUM };

pte_t *lookup_address(unsigned long address, unsigned int *level);
struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);

/* the TLB, as the rest of the kernel sees it */
#include <asm/tlbflush.h>

extern unsigned long tlb_single_page_flush_ceiling;
void flush_tlb_one_kernel(unsigned long addr);
void flush_tlb_all(void);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

/* the direct map and the page-fault report */
void kernel_physical_mapping_init(void);
void paging_init(void);
void dump_pagetable(unsigned long address);
void show_fault_oops(unsigned long address, unsigned long ec);

#endif /* _LINUX_PGTABLE_H */
