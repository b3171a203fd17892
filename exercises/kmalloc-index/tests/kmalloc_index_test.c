#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/host.h>
#include "points.h"

/* The size of the objects of the cache at @index, or 0. */
static size_t class_of(unsigned int index)
{
	if (index == 1)
		return 96;
	if (index == 2)
		return 192;
	if (index >= 3 && index <= 13)
		return (size_t)1 << index;
	return 0;
}

/* The smallest class that holds @size, worked out the slow way. */
static size_t smallest_class(size_t size)
{
	static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048,
					   4096, 8192 };

	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++)
		if (size <= classes[i])
			return classes[i];
	return 0;
}

Test(kmalloc_index, the_edges_of_the_classes, .description = POINTS(1))
{
	cr_expect_eq(kmalloc_index(0), 0, "kmalloc_index(0): expected 0 (no cache)");
	cr_expect_eq(kmalloc_index(1), 3, "kmalloc_index(1): expected 3 (kmalloc-8)");
	cr_expect_eq(kmalloc_index(8), 3, "kmalloc_index(8): expected 3 (kmalloc-8)");
	cr_expect_eq(kmalloc_index(9), 4, "kmalloc_index(9): expected 4 (kmalloc-16)");
	cr_expect_eq(kmalloc_index(8192), 13, "kmalloc_index(8192): expected 13 (kmalloc-8192)");
}

Test(kmalloc_index, the_classes_of_96_and_192_bytes, .description = POINTS(2))
{
	for (size_t size = 65; size <= 256; size++) {
		unsigned int want = size <= 96 ? 1 : size <= 128 ? 7 : size <= 192 ? 2 : 8;

		cr_assert_eq(kmalloc_index(size), want, "kmalloc_index(%zu): expected %u (kmalloc-%zu), "
			     "got %u", size, want, class_of(want), kmalloc_index(size));
	}
}

Test(kmalloc_index, every_size_gets_the_smallest_class_that_holds_it, .description = POINTS(2))
{
	for (size_t size = 1; size <= 8192; size++) {
		unsigned int got = kmalloc_index(size);

		cr_assert_eq(class_of(got), smallest_class(size),
			     "kmalloc_index(%zu) = %u, the cache of %zu-byte objects; the smallest "
			     "that holds it is kmalloc-%zu", size, got, class_of(got),
			     smallest_class(size));
	}
}

Test(kmalloc_index, kmalloc_gives_the_class_it_chose, .description = POINTS(1))
{
	static const size_t sizes[] = { 5, 40, 70, 100, 150, 300, 3000, 5000 };

	host_boot(64ULL << 20);
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *p = kmalloc(sizes[i], GFP_KERNEL);

		cr_assert_not_null(p);
		cr_expect_eq(ksize(p), smallest_class(sizes[i]), "ksize(kmalloc(%zu)) = %zu, expected %zu",
			     sizes[i], ksize(p), smallest_class(sizes[i]));
		kfree(p);
	}
}
