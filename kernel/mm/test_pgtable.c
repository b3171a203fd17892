/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/pgtable.h>
#include <linux/selftest.h>
#include <linux/vm_event_item.h>

SELFTEST(direct_map_is_large_pages_then_a_page_table)
{
	unsigned int level;
	pte_t *pte = lookup_address(PAGE_OFFSET, &level);
	unsigned long last = (unsigned long)high_memory - PAGE_SIZE;

	EXPECT_TRUE(t, pte && pte_present(*pte) && pte_pfn(*pte) == 0);
	EXPECT_EQ(t, level, (max_low_pfn >= PTRS_PER_PTE ? PG_LEVEL_2M : PG_LEVEL_4K));
	pte = lookup_address(last, &level);
	EXPECT_TRUE(t, pte && pte_present(*pte));
	EXPECT_EQ(t, vmalloc_to_pfn((void *)last), max_low_pfn - 1);
	EXPECT_EQ(t, level, (max_low_pfn % PTRS_PER_PTE ? PG_LEVEL_4K : PG_LEVEL_2M));
}

SELFTEST(a_page_mapped_twice_is_one_page)
{
	unsigned long addr = VMALLOC_END - PAGE_SIZE, before = vm_events[NR_TLB_LOCAL_FLUSH_ONE];
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	pte_t *pte;

	EXPECT_TRUE(t, page != NULL);
	if (!page)
		return;
	pte = pte_alloc_kernel(pmd_offset(pgd_offset_k(addr), addr), addr);
	EXPECT_TRUE(t, pte && pte_none(*pte));
	if (!pte) {
		__free_pages(page, 0);
		return;
	}
	set_pte_at(&init_mm, addr, pte, pfn_pte(page_to_pfn(page), PAGE_KERNEL));
	*(volatile u32 *)addr = 0x5a5aa5a5;
	EXPECT_EQ(t, *(u32 *)lowmem_page_address(page), 0x5a5aa5a5);
	EXPECT_TRUE(t, vmalloc_to_page((void *)addr) == page);
	pte_clear(&init_mm, addr, pte);
	flush_tlb_kernel_range(addr, addr + PAGE_SIZE);
	EXPECT_EQ(t, vm_events[NR_TLB_LOCAL_FLUSH_ONE], before + 1);
	EXPECT_TRUE(t, vmalloc_to_page((void *)addr) == NULL);
	__free_pages(page, 0);
}

SELFTEST(more_than_the_ceiling_is_one_full_flush)
{
	unsigned long one = vm_events[NR_TLB_LOCAL_FLUSH_ONE], all = vm_events[NR_TLB_LOCAL_FLUSH_ALL];
	unsigned long top = VMALLOC_END, ceil = tlb_single_page_flush_ceiling << PAGE_SHIFT;

	flush_tlb_kernel_range(top - ceil, top);
	EXPECT_EQ(t, vm_events[NR_TLB_LOCAL_FLUSH_ONE], one + tlb_single_page_flush_ceiling);
	EXPECT_EQ(t, vm_events[NR_TLB_LOCAL_FLUSH_ALL], all);
	flush_tlb_kernel_range(top - ceil - PAGE_SIZE, top);
	EXPECT_EQ(t, vm_events[NR_TLB_LOCAL_FLUSH_ALL], all + 1);
}
