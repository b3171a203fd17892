/* Tangled from chapters/16-alignment.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <linux/align.h>
#include <linux/cache.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/unaligned.h>

/* self-test: a buddy block is aligned to its size */
SELFTEST(buddy_blocks_are_aligned_to_their_size)
{
	for (unsigned int order = 0; order <= 6; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		EXPECT_TRUE(t, page != NULL);
		if (!page)
			continue;
		EXPECT_TRUE(t, IS_ALIGNED(page_to_pfn(page), 1UL << order));
		__free_pages(page, order);
	}
}

/* self-test: [[kmalloc]] keeps its alignment promises */
SELFTEST(kmalloc_aligns_powers_of_two_to_their_size)
{
	for (size_t size = 8; size <= 4096; size *= 2) {
		void *a = kmalloc(size, GFP_KERNEL), *b = kmalloc(size, GFP_KERNEL);

		EXPECT_TRUE(t, a && b);
		EXPECT_TRUE(t, IS_ALIGNED((unsigned long)a, size));
		EXPECT_TRUE(t, IS_ALIGNED((unsigned long)b, size));
		kfree(a);
		kfree(b);
	}
	for (size_t size = 1; size <= 300; size++) {
		void *p = kmalloc(size, GFP_KERNEL);

		EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, __alignof__(unsigned long long)));
		kfree(p);
	}
}

/* self-test: a cache-aligned cache's objects start on lines */
SELFTEST(hwcache_aligned_objects_start_on_cache_lines)
{
	struct kmem_cache *s = kmem_cache_create("test-hwalign", 40, 0, SLAB_HWCACHE_ALIGN, NULL);
	void *objs[8];

	EXPECT_TRUE(t, s != NULL);
	if (!s)
		return;
	for (int i = 0; i < 8; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		EXPECT_TRUE(t, IS_ALIGNED((unsigned long)objs[i], L1_CACHE_BYTES));
	}
	for (int i = 0; i < 8; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
}

/* self-test: unaligned values survive [[get_unaligned]] and [[put_unaligned]] */
SELFTEST(unaligned_values_round_trip)
{
	static unsigned char buf[16] __aligned(8);
	u32 *odd32 = (u32 *)(buf + 1);
	u64 *odd64 = (u64 *)(buf + 3);

	put_unaligned(0x12345678u, odd32);
	EXPECT_EQ(t, get_unaligned(odd32), 0x12345678u);
	EXPECT_EQ(t, buf[1], 0x78);			/* little-endian, byte by byte */
	put_unaligned(0x1122334455667788ULL, odd64);
	EXPECT_TRUE(t, get_unaligned(odd64) == 0x1122334455667788ULL);
}
