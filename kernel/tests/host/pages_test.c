/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <asm/host.h>

/* host tests of memblock */
static char fake_ram[4 << 20] __attribute__((aligned(4096)));

static void fresh_memblock(void)
{
	memblock.memory.cnt = 0;
	memblock.reserved.cnt = 0;
	host_phys_base = fake_ram;
	memblock_set_current_limit(sizeof(fake_ram));
}

Test(memblock, sorts_and_merges_overlapping_and_touching_ranges)
{
	fresh_memblock();
	memblock_add(0x300000, 0x100000);
	memblock_add(0x100000, 0x80000);
	memblock_add(0x180000, 0x80000);	/* touches the one before */
	memblock_add(0x280000, 0x100000);	/* overlaps the first */
	cr_assert_eq(memblock.memory.cnt, 2, "got %lu regions", memblock.memory.cnt);
	cr_expect_eq(memblock.memory.regions[0].base, 0x100000);
	cr_expect_eq(memblock.memory.regions[0].size, 0x100000);
	cr_expect_eq(memblock.memory.regions[1].base, 0x280000);
	cr_expect_eq(memblock.memory.regions[1].size, 0x180000);
}

Test(memblock, allocates_from_the_top_of_free_memory_and_reserves_it)
{
	char *a, *b;

	fresh_memblock();
	memblock_add(0, sizeof(fake_ram));
	memblock_reserve(sizeof(fake_ram) - 0x1000, 0x1000);	/* the top page is taken */
	memset(fake_ram + 0x3fe000, 0xaa, 0x1000);	/* what memblock must clear */
	a = memblock_alloc(100, 16);
	cr_assert_not_null(a);
	cr_expect_eq(__pa(a), 0x3fe000, "first allocation at %#lx", __pa(a));
	b = memblock_alloc(0x1000, 0x4000);
	cr_expect_eq(__pa(b), 0x3fc000, "aligned allocation at %#lx", __pa(b));
	cr_expect(memblock_overlaps(&memblock.reserved, 0x3fe000, 1));
	cr_expect_eq(((char *)a)[4095], 0, "memblock_alloc must zero whole pages");
}

Test(memblock, refuses_what_does_not_fit_below_the_limit)
{
	fresh_memblock();
	memblock_add(0, sizeof(fake_ram));
	memblock_set_current_limit(0x100000);
	host_console_reset();
	cr_expect_null(memblock_alloc(0x200000, PAGE_SIZE));
	cr_expect(strstr(host_console_output(), "memblock: cannot allocate 2097152 bytes below 0x100000"),
		  "%s", host_console_output());
	cr_expect_not_null(memblock_alloc(0x80000, PAGE_SIZE));
}

/* host tests of the page array */
Test(pages, conversions_go_both_ways)
{
	host_boot(2ULL << 30);
	for (unsigned long pfn = 1; pfn < max_pfn; pfn += 4099) {
		struct page *page = pfn_to_page(pfn);

		cr_assert_eq(page_to_pfn(page), pfn);
		if (!PageHighMem(page)) {
			cr_assert_eq(virt_to_page(page_address(page)), page, "pfn %#lx", pfn);
			cr_assert_eq(__pa(page_address(page)), pfn << PAGE_SHIFT);
		}
	}
	cr_expect(!PageHighMem(pfn_to_page(max_low_pfn - 1)));
	cr_expect(PageHighMem(pfn_to_page(max_low_pfn)));
}

Test(pages, boot_leaves_the_right_pages_reserved)
{
	host_boot(64ULL << 20);
	cr_expect(PageReserved(pfn_to_page(0)), "the first page");
	cr_expect(PageReserved(pfn_to_page(0xa0)), "the BIOS hole");
	cr_expect(PageReserved(pfn_to_page(0xff)), "the BIOS hole");
	cr_expect(PageReserved(virt_to_page(mem_map)), "mem_map itself");
	cr_expect(!PageReserved(pfn_to_page(0x100)), "free RAM at 1 MiB (no kernel image on the host)");
	cr_expect_eq(page_count(pfn_to_page(0)), 1, "reserved pages keep their boot reference");
}

Test(pages, a_high_page_has_no_address_until_one_is_recorded)
{
	struct page *page;
	char *where = (char *)0x12345000;

	host_boot(2ULL << 30);
	page = alloc_page(GFP_HIGHUSER);
	cr_assert_not_null(page);
	cr_assert(PageHighMem(page));
	cr_expect_null(page_address(page));
	set_page_address(page, where);
	cr_expect_eq(page_address(page), where);
	set_page_address(page, NULL);
	cr_expect_null(page_address(page));
	__free_pages(page, 0);
}
