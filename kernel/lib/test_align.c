/* Tangled from chapters/16-alignment.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <linux/align.h>

/* self-test: rounding at the edges of an [[unsigned long]] */
SELFTEST(alignment_macros_at_the_kernel_word_size)
{
	unsigned long top = ~0UL, last = top - 0xfff, half = top / 2 + 1;

	EXPECT_EQ(t, ALIGN(0UL, 0x1000), 0);
	EXPECT_EQ(t, ALIGN(1UL, 0x1000), 0x1000);
	EXPECT_EQ(t, ALIGN(0xfffUL, 0x1000), 0x1000);
	EXPECT_EQ(t, ALIGN(0x1000UL, 0x1000), 0x1000);
	EXPECT_EQ(t, ALIGN(0x1001UL, 0x1000), 0x2000);
	EXPECT_EQ(t, ALIGN_DOWN(0x1fffUL, 0x1000), 0x1000);
	EXPECT_EQ(t, ALIGN_DOWN(0UL, 0x1000), 0);
	/* self-test: the top of the range wraps when rounded up */
	EXPECT_EQ(t, ALIGN(last, 0x1000), last);
	EXPECT_EQ(t, ALIGN(last + 1, 0x1000), 0);
	EXPECT_EQ(t, ALIGN(top, 0x1000), 0);
	EXPECT_EQ(t, ALIGN_DOWN(top, 0x1000), last);
	EXPECT_EQ(t, ALIGN(1UL, half), half);
	EXPECT_EQ(t, ALIGN(half + 1, half), 0);
	EXPECT_TRUE(t, IS_ALIGNED(last, 0x1000) && !IS_ALIGNED(top, 0x1000));
	EXPECT_TRUE(t, IS_ALIGNED(top, 1) && IS_ALIGNED(0UL, half));
}

/* self-test: rounding pointers and physical addresses */
SELFTEST(alignment_of_pointers_and_physical_addresses)
{
	static char page[2 * PAGE_SIZE] __aligned(PAGE_SIZE);
	phys_addr_t phys = 0x123456789ULL;

	EXPECT_TRUE(t, PTR_ALIGN(&page[1], 16) == &page[16]);
	EXPECT_TRUE(t, PTR_ALIGN_DOWN(&page[PAGE_SIZE - 1], PAGE_SIZE) == &page[0]);
	EXPECT_TRUE(t, PAGE_ALIGNED(page) && !PAGE_ALIGNED(&page[1]));
	EXPECT_TRUE(t, PAGE_ALIGNED(&page[PAGE_SIZE]));
	EXPECT_EQ(t, PAGE_ALIGN(phys), 0x123457000ULL);
	EXPECT_EQ(t, PAGE_ALIGN_DOWN(phys), 0x123456000ULL);
	EXPECT_TRUE(t, PAGE_ALIGNED(0x100000000ULL) && !PAGE_ALIGNED(phys));
}
