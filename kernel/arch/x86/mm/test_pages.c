/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <linux/mm.h>
#include <asm/sections.h>

SELFTEST(struct_page_is_32_bytes_and_mem_map_covers_ram)
{
	EXPECT_EQ(t, sizeof(struct page), 32);
	EXPECT_EQ(t, max_mapnr, max_pfn);
	EXPECT_TRUE(t, pfn_to_page(max_pfn - 1) == mem_map + max_pfn - 1);
}

SELFTEST(kernel_image_and_mem_map_are_reserved)
{
	EXPECT_TRUE(t, PageReserved(virt_to_page(_text)));
	EXPECT_TRUE(t, PageReserved(virt_to_page(_end - 1)));
	EXPECT_TRUE(t, PageReserved(virt_to_page(mem_map)));
	EXPECT_TRUE(t, PageReserved(pfn_to_page(0)));
	EXPECT_TRUE(t, virt_to_page(page_address(virt_to_page(_text))) == virt_to_page(_text));
}
