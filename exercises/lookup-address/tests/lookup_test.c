#include <criterion/criterion.h>
#include <stdlib.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/pgtable.h>
#include <asm/host.h>
#include "points.h"

static unsigned int seed;

static void boot(void)
{
	host_boot(64ULL << 20);
	seed = (unsigned int)time(NULL);
	srand(seed);
}

Test(lookup_address, a_lowmem_address_is_found_in_its_4m_page, .description = POINTS(1))
{
	boot();
	for (int i = 0; i < 100; i++) {
		unsigned long off = ((unsigned long)rand() << 2) % (60UL << 20);
		unsigned long addr = PAGE_OFFSET + off;
		unsigned int level = 99;
		pte_t *pte = lookup_address(addr, &level);

		cr_assert_eq(level, PG_LEVEL_2M, "seed %u: address %#lx: expected PG_LEVEL_2M, got level %u",
			     seed, addr - PGTABLE_VA_BASE, level);
		cr_assert(pte == (pte_t *)pmd_offset(pgd_offset_k(addr), addr),
			  "seed %u: address %#lx: expected its pmd", seed, addr - PGTABLE_VA_BASE);
		cr_assert_eq(pte_pfn(*pte), (off >> PAGE_SHIFT) & ~(PTRS_PER_PTE - 1UL));
	}
}

Test(lookup_address, the_end_of_lowmem_is_found_in_its_page_table, .description = POINTS(1))
{
	boot();
	for (int i = 0; i < 100; i++) {
		unsigned long pfn = 0x3c00 + (unsigned long)rand() % (max_low_pfn - 0x3c00);
		unsigned long addr = (unsigned long)__va(PFN_PHYS(pfn)) + (unsigned long)rand() % PAGE_SIZE;
		unsigned int level = 99;
		pte_t *pte = lookup_address(addr, &level);
		pmd_t *pmd = pmd_offset(pgd_offset_k(addr), addr);

		cr_assert_eq(level, PG_LEVEL_4K, "seed %u: address %#lx: expected PG_LEVEL_4K, got level %u",
			     seed, addr - PGTABLE_VA_BASE, level);
		cr_assert(pte == pte_offset_kernel(pmd, addr), "seed %u: address %#lx: expected its pte",
			  seed, addr - PGTABLE_VA_BASE);
		cr_assert_eq(pte_pfn(*pte), pfn, "seed %u: pfn %#lx: the pte found maps pfn %#lx",
			     seed, pfn, pte_pfn(*pte));
	}
}

Test(lookup_address, a_mapped_address_has_an_entry_and_one_without_a_page_table_none, .description = POINTS(1))
{
	unsigned int level = 99;
	unsigned long addr;
	pte_t *pte;

	boot();
	cr_assert_not_null(lookup_address(PAGE_OFFSET, &level), "PAGE_OFFSET is mapped, yet no entry");
	addr = PAGE_OFFSET + (200UL << 20) + (unsigned long)rand() % (100UL << 20);
	level = 99;
	pte = lookup_address(addr, &level);
	cr_expect_null(pte, "seed %u: address %#lx: its pmd is none, so expected NULL", seed,
		       addr - PGTABLE_VA_BASE);
	cr_expect_eq(level, PG_LEVEL_NONE, "seed %u: expected PG_LEVEL_NONE, got %u", seed, level);
}

static unsigned long mapped;
static volatile int seen;

static void read_mapped(void) { seen = *(volatile int *)mapped; }

Test(lookup_address, the_hosts_mmu_follows_a_new_pte, .description = POINTS(2))
{
	struct page *page;
	pte_t *pte;
	unsigned int level = 99;
	int status, value;

	boot();
	mapped = VMALLOC_END - PAGE_SIZE * (1 + (unsigned long)rand() % 64);
	page = alloc_page(GFP_KERNEL);
	cr_assert_not_null(page);
	value = rand();
	*(int *)page_address(page) = value;
	pte = pte_alloc_kernel(pmd_offset(pgd_offset_k(mapped), mapped), mapped);
	cr_assert_not_null(pte);
	set_pte_at(&init_mm, mapped, pte, pfn_pte(page_to_pfn(page), PAGE_KERNEL));
	cr_expect(lookup_address(mapped, &level) == pte && level == PG_LEVEL_4K,
		  "seed %u: address %#lx: expected the pte just set, at PG_LEVEL_4K", seed,
		  mapped - PGTABLE_VA_BASE);
	status = host_run(read_mapped);
	cr_expect_eq(status, -1, "seed %u: reading %#lx through the new pte oopsed:\n%s", seed,
		     mapped - PGTABLE_VA_BASE, host_console_output());
	cr_expect_eq(seen, value, "seed %u: read %#x through the pte, expected %#x", seed, seen, value);
}
