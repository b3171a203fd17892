/* Tangled from chapters/09-kmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/mm.h>
#include <linux/poison.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/host.h>

/* host tests of the size classes */
static size_t expected_class(size_t size)
{
	static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048,
					   4096, 8192 };

	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++)
		if (size <= classes[i])
			return classes[i];
	return 0;
}

Test(kmalloc, every_size_goes_to_the_smallest_class_that_holds_it)
{
	host_boot(64ULL << 20);
	for (size_t size = 1; size <= 8192; size++) {
		void *p = kmalloc(size, GFP_KERNEL);

		cr_assert_not_null(p, "kmalloc(%zu)", size);
		cr_assert_eq(ksize(p), expected_class(size), "kmalloc(%zu) has ksize %zu", size, ksize(p));
		cr_assert(IS_ALIGNED((unsigned long)p, size >= 8 ? 8 : sizeof(void *)));
		kfree(p);
	}
}

Test(kmalloc, zero_null_large_and_overflowing_requests)
{
	void *big, *p;

	host_boot(64ULL << 20);
	cr_expect_eq(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	cr_expect_eq(ksize(NULL), 0);
	big = kmalloc(20000, GFP_KERNEL);
	cr_assert_not_null(big);
	cr_expect_eq(ksize(big), 32768, "an order-3 compound page");
	cr_expect(PageHead(virt_to_page(big)) && PageTail(virt_to_page(big) + 7));
	cr_expect_eq(compound_head(virt_to_page((char *)big + 20000)), virt_to_page(big));
	kfree(big);
	cr_expect(!PageHead(virt_to_page(big)) && !PageTail(virt_to_page(big) + 7));
	cr_expect_null(kmalloc_array(SIZE_MAX / 2, 3, GFP_KERNEL), "n * size overflows");
	p = kcalloc(100, 8, GFP_KERNEL);
	cr_assert_not_null(p);
	for (int i = 0; i < 800; i++)
		cr_assert_eq(((u8 *)p)[i], 0);
	kfree(p);
	cr_expect_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
}

Test(kmalloc, krealloc_keeps_the_contents_and_reuses_room_to_spare)
{
	char *p = NULL, *q;

	host_boot(64ULL << 20);
	p = krealloc(NULL, 70, GFP_KERNEL);
	memset(p, 'x', 70);
	cr_expect_eq(krealloc(p, 90, GFP_KERNEL), p, "96 bytes hold 90");
	q = krealloc(p, 500, GFP_KERNEL);
	cr_assert_not_null(q);
	for (int i = 0; i < 70; i++)
		cr_assert_eq(q[i], 'x');
	cr_expect_eq(ksize(q), 512);
	cr_expect_eq(krealloc(q, 0, GFP_KERNEL), ZERO_SIZE_PTR);
}

Test(kmalloc, highmem_is_refused_with_a_warning)
{
	host_boot(64ULL << 20);
	host_console_reset();
	cr_expect_null(kmalloc(64, GFP_HIGHUSER));
	cr_expect(strstr(host_console_output(), "__GFP_HIGHMEM pages have no kernel address"),
		  "%s", host_console_output());
}

/* host tests of [[kfree]]'s checks */
Test(slab, freeing_what_kmalloc_never_returned_is_caught)
{
	static char not_a_slab[64];
	char *p;

	host_boot(64ULL << 20);
	host_console_reset();
	kfree(not_a_slab);
	cr_expect(strstr(host_console_output(), "not an address kmalloc can return"), "%s",
		  host_console_output());
	p = kmalloc(64, GFP_KERNEL);
	kfree(p + 8);
	cr_expect(strstr(host_console_output(), "BUG kmalloc-64: Invalid object pointer"), "%s",
		  host_console_output());
	kfree(page_address(alloc_pages(GFP_KERNEL, 0)));
	cr_expect(strstr(host_console_output(), "the page is not a slab"), "%s", host_console_output());
	kfree(p);
}

/* host tests of the contexts of an allocation */
static void *from_irq;
static gfp_t irq_gfp;

static irqreturn_t allocate_in_irq(int irq, void *dev)
{
	from_irq = kmalloc(100, irq_gfp);
	return IRQ_HANDLED;
}

Test(kmalloc, gfp_kernel_in_an_interrupt_is_reported_gfp_atomic_is_not)
{
	host_boot(64ULL << 20);
	request_irq(6, allocate_in_irq, 0, "alloc", NULL);
	host_console_reset();
	irq_gfp = GFP_ATOMIC;
	host_raise_irq(6);
	cr_expect_not_null(from_irq);
	cr_expect(!strstr(host_console_output(), "BUG:"), "%s", host_console_output());
	kfree(from_irq);
	irq_gfp = GFP_KERNEL;
	host_raise_irq(6);
	cr_expect(strstr(host_console_output(), "BUG: sleeping function called from invalid context"),
		  "%s", host_console_output());
	cr_expect(strstr(host_console_output(), "in_atomic(): 1, irqs_disabled(): 1"), "%s",
		  host_console_output());
	kfree(from_irq);
}

/* host test of a random kmalloc workload */
Test(kmalloc, a_random_workload_keeps_every_byte_and_gives_every_page_back, .timeout = 60)
{
	static struct { u8 *p; size_t size; u8 fill; } held[2000];
	u64 x = 88172645463325252ULL;
	unsigned long free_before;
	struct kmem_cache *s;

	host_boot(256ULL << 20);
	host_console_reset();
	free_before = nr_free_pages();
	for (int step = 0; step < 200000; step++) {
		unsigned int i;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		i = (unsigned int)(x % ARRAY_SIZE(held));
		if (held[i].p) {
			for (size_t b = 0; b < held[i].size; b++)
				cr_assert_eq(held[i].p[b], held[i].fill, "step %d: object %u byte %zu", step,
					     i, b);
			kfree(held[i].p);
			held[i].p = NULL;
		} else {
			held[i].size = (x >> 20) % 4 ? 1 + (x >> 32) % 512 : 1 + (x >> 32) % 20000;
			held[i].fill = (u8)(x >> 56);
			held[i].p = kmalloc(held[i].size, GFP_KERNEL);
			cr_assert_not_null(held[i].p);
			memset(held[i].p, held[i].fill, held[i].size);
		}
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(held); i++)
		kfree(held[i].p);
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	cr_expect(!strstr(host_console_output(), "BUG"), "%s", host_console_output());
	cr_expect_eq(nr_free_pages(), free_before, "pages not given back: %ld",
		     (long)(free_before - nr_free_pages()));
}
