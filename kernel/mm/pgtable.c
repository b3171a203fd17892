/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/pgtable.h>
#include <linux/string.h>

/* the kernel's page directory and address space */
pgd_t swapper_pg_dir[PTRS_PER_PGD] __aligned(PAGE_SIZE);

struct mm_struct init_mm = {
	.pgd = swapper_pg_dir,
	.page_table_lock = __SPIN_LOCK_UNLOCKED,
};

/* [[__pte_alloc_kernel]]: a zeroed page table, unless someone was first */
/**
 * __pte_alloc_kernel - give the none pmd @pmd of init_mm a page table
 * @pmd: a pmd of swapper_pg_dir
 *
 * Context: process context; may sleep. Return: 0, also when another caller
 * populated @pmd first; -ENOMEM when no page could be had.
 */
int __pte_alloc_kernel(pmd_t *pmd)
{
	pte_t *new = (pte_t *)__get_free_page(GFP_KERNEL | __GFP_ZERO);

	if (!new)
		return -ENOMEM;
	spin_lock(&init_mm.page_table_lock);
	if (likely(pmd_none(*pmd))) {
		pmd_populate_kernel(&init_mm, pmd, new);
		new = NULL;
	}
	spin_unlock(&init_mm.page_table_lock);
	if (new)
		free_page((unsigned long)new);
	return 0;
}

/* [[kernel_physical_mapping_init]]: lowmem in 4 MiB pages where it can be */
/**
 * kernel_physical_mapping_init - map lowmem at PAGE_OFFSET in swapper_pg_dir
 *
 * Every whole 4 MiB of lowmem gets a large pmd; a partial last one gets a page
 * table, from memblock. Nothing below PAGE_OFFSET is mapped.
 * Context: boot only, once max_low_pfn is known; the caller loads the directory.
 */
void kernel_physical_mapping_init(void)
{
	unsigned long pfn;

	memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
	for (pfn = 0; pfn < max_low_pfn; pfn += PTRS_PER_PTE) {
		unsigned long addr = (unsigned long)__va(PFN_PHYS(pfn));
		pmd_t *pmd = pmd_offset(pgd_offset_k(addr), addr);

		if (pfn + PTRS_PER_PTE <= max_low_pfn)
			set_pmd(pmd, pfn_pmd(pfn, PAGE_KERNEL_LARGE));
		else
			/* map the pages of the last, partial 4 MiB one by one */
			{
				pte_t *pte = memblock_alloc(PAGE_SIZE, PAGE_SIZE);

				if (!pte)
					panic("no memory for the page table of the end of lowmem");
				pmd_populate_kernel(&init_mm, pmd, pte);
				for (unsigned long i = 0; pfn + i < max_low_pfn; i++)
					set_pte(pte + i, pfn_pte(pfn + i, PAGE_KERNEL));
			}
	}
}

/* [[lookup_address]]: the walk, stopping at the level that maps */
/**
 * lookup_address - the entry of swapper_pg_dir that maps @address
 * @address: any kernel address
 * @level: set to the entry's level, PG_LEVEL_NONE when NULL is returned
 *
 * Context: any. Return: the pte, or a large or non-present pmd as a pte_t *;
 * NULL when the pmd is none. The entry itself may be none.
 */
pte_t *lookup_address(unsigned long address, unsigned int *level)
{
	pgd_t *pgd = pgd_offset_k(address);
	pmd_t *pmd;

	*level = PG_LEVEL_NONE;
	if (pgd_none(*pgd))
		return NULL;
	pmd = pmd_offset(pgd, address);
	if (pmd_none(*pmd))
		return NULL;
	*level = PG_LEVEL_2M;
	if (pmd_large(*pmd) || !pmd_present(*pmd))
		return (pte_t *)pmd;
	*level = PG_LEVEL_4K;
	return pte_offset_kernel(pmd, address);
}

/* [[vmalloc_to_page]] and [[vmalloc_to_pfn]]: the page behind an address */
/* The page mapped at kernel address @addr, or NULL when none is. Any context. */
struct page *vmalloc_to_page(const void *addr)
{
	unsigned long a = (unsigned long)addr, pfn;
	unsigned int level;
	pte_t *pte = lookup_address(a, &level);

	if (!pte || !pte_present(*pte))
		return NULL;
	pfn = pte_pfn(*pte);
	if (level == PG_LEVEL_2M)
		pfn += (a & ~PMD_MASK) >> PAGE_SHIFT;
	return pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;
}

/* The frame number behind @addr; 0 when nothing is mapped there. Any context. */
unsigned long vmalloc_to_pfn(const void *addr)
{
	struct page *page = vmalloc_to_page(addr);

	return page ? page_to_pfn(page) : 0;
}
