#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/host.h>
#include "points.h"

/* Fill @pfns with every 997th lowmem pfn and the last one; return how many. */
static unsigned int lowmem_pfns(unsigned long *pfns)
{
	unsigned int n = 0;

	for (unsigned long pfn = 0; pfn < max_low_pfn; pfn += 997)
		pfns[n++] = pfn;
	pfns[n++] = max_low_pfn - 1;
	return n;
}

static unsigned long pfns[1024];

Test(page_address, a_lowmem_page_is_at_va_of_its_physical_address, .description = POINTS(2))
{
	unsigned int n;

	host_boot(2ULL << 30);
	n = lowmem_pfns(pfns);
	for (unsigned int i = 0; i < n; i++) {
		unsigned long pfn = pfns[i];
		void *want = __va(PFN_PHYS(pfn)), *seen = page_address(pfn_to_page(pfn));

		cr_assert_eq(seen, want, "pfn %#lx: expected %p (__va of %#llx), saw %p", pfn, want,
			     (unsigned long long)PFN_PHYS(pfn), seen);
	}
}

Test(page_address, virt_to_page_undoes_page_address, .description = POINTS(1))
{
	struct page *page;
	unsigned int n;

	host_boot(2ULL << 30);
	n = lowmem_pfns(pfns);
	for (unsigned int i = 0; i < n; i++) {
		page = pfn_to_page(pfns[i]);
		cr_assert_eq(virt_to_page(page_address(page)), page, "virt_to_page(page_address(page)): "
			     "expected the page of pfn %#lx, saw that of pfn %#lx", pfns[i],
			     page_to_pfn(virt_to_page(page_address(page))));
	}
}

Test(page_address, a_high_page_has_an_address_only_while_one_is_recorded,
     .description = POINTS(2))
{
	struct page *page, *other;
	char *where = (char *)0x12345000, *there = (char *)0x6789a000;

	host_boot(2ULL << 30);
	page = pfn_to_page(max_low_pfn + 5);		/* high pages, in one hash slot */
	other = pfn_to_page(max_low_pfn + 5 + 128);
	cr_assert(PageHighMem(page) && PageHighMem(other), "expected pfns %#lx and %#lx to be high",
		  page_to_pfn(page), page_to_pfn(other));
	cr_expect_null(page_address(page), "a high page no one mapped has no address; saw %p",
		       page_address(page));
	set_page_address(page, where);
	set_page_address(other, there);
	cr_expect_eq(page_address(page), where, "expected the recorded %p, saw %p", where,
		     page_address(page));
	cr_expect_eq(page_address(other), there, "another page of the same slot: expected %p, "
		     "saw %p", there, page_address(other));
	set_page_address(page, NULL);
	cr_expect_null(page_address(page), "after set_page_address(page, NULL) expected NULL, saw %p",
		       page_address(page));
	cr_expect_eq(page_address(other), there, "forgetting one page must keep the other's "
		     "address: expected %p, saw %p", there, page_address(other));
	set_page_address(other, NULL);
}

Test(page_address, get_free_page_and_get_zeroed_page_return_usable_addresses,
     .description = POINTS(1))
{
	unsigned long addr, zeroed;

	host_boot(64ULL << 20);
	addr = __get_free_page(GFP_KERNEL);
	cr_assert_neq(addr, 0, "__get_free_page(GFP_KERNEL) returned 0");
	cr_expect_eq(page_address(virt_to_page(addr)), (void *)addr,
		     "expected the address of the page, %p, saw %#lx",
		     page_address(virt_to_page(addr)), addr);
	memset((void *)addr, 0xa5, PAGE_SIZE);
	free_page(addr);
	zeroed = get_zeroed_page(GFP_KERNEL);
	cr_assert_neq(zeroed, 0, "get_zeroed_page(GFP_KERNEL) returned 0");
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		cr_assert_eq(((unsigned char *)zeroed)[i], 0, "byte %lu of a zeroed page is %#x", i,
			     ((unsigned char *)zeroed)[i]);
	free_page(zeroed);
}
