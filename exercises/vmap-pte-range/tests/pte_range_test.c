#include <criterion/criterion.h>
#include <stdlib.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <asm/host.h>
#include "points.h"

static unsigned int seed;

static void boot(void)
{
	host_boot(64ULL << 20);
	seed = (unsigned int)time(NULL);
	srand(seed);
}

Test(pte_range, every_page_is_mapped_to_its_page_with_page_kernel, .description = POINTS(2))
{
	unsigned long n;
	char *p;
	struct vm_struct *vm;

	boot();
	n = 1 + (unsigned long)rand() % 40;
	p = vmalloc(n * PAGE_SIZE);
	cr_assert_not_null(p);
	vm = find_vm_area(p);
	cr_assert_not_null(vm);
	for (unsigned long i = 0; i < n; i++) {
		unsigned int level;
		pte_t *pte = lookup_address((unsigned long)p + i * PAGE_SIZE, &level);

		cr_assert(pte && level == PG_LEVEL_4K && pte_present(*pte),
			  "seed %u: page %lu of %lu is not mapped", seed, i, n);
		cr_assert_eq(pte_pfn(*pte), page_to_pfn(vm->pages[i]),
			     "seed %u: page %lu maps pfn %#x, expected %#lx", seed, i, pte_pfn(*pte),
			     page_to_pfn(vm->pages[i]));
		cr_assert_eq(pte_flags(*pte), __PAGE_KERNEL, "seed %u: page %lu has flags %#x", seed, i,
			     pte_flags(*pte));
	}
	cr_expect(vmalloc_to_page(p + n * PAGE_SIZE) == NULL, "the guard page must stay unmapped");
}

Test(pte_range, writes_through_the_mapping_reach_the_pages, .description = POINTS(1))
{
	unsigned long n;
	unsigned char *p;
	struct vm_struct *vm;
	int value;

	boot();
	n = 2 + (unsigned long)rand() % 8;
	p = vmalloc(n * PAGE_SIZE);
	cr_assert_not_null(p);
	vm = find_vm_area(p);
	cr_assert(vm && lookup_address((unsigned long)p, &(unsigned int){0}) &&
		  pte_present(*lookup_address((unsigned long)p, &(unsigned int){0})),
		  "the first page is not mapped");
	value = rand() & 0xff;
	for (unsigned long i = 0; i < n; i++)
		p[i * PAGE_SIZE + 7] = (unsigned char)(value + i);
	for (unsigned long i = 0; i < n; i++)
		cr_expect_eq(((unsigned char *)page_address(vm->pages[i]))[7], (unsigned char)(value + i),
			     "seed %u: page %lu did not receive the write", seed, i);
}

Test(pte_range, an_area_across_a_page_table_boundary_is_mapped_whole, .description = POINTS(2))
{
	unsigned long first, n = 1100;		/* more than one page table's 1024 */
	char *p;

	boot();
	p = vmalloc(n * PAGE_SIZE);
	cr_assert_not_null(p);
	first = ((unsigned long)p >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
	cr_expect_gt(first + n, PTRS_PER_PTE, "the area should cross into a second page table");
	for (unsigned long i = 0; i < n; i++)
		cr_assert_not_null(vmalloc_to_page(p + i * PAGE_SIZE), "page %lu of %lu is not mapped", i, n);
}
