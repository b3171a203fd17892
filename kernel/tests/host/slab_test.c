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

/* host tests of caches and slabs */
static struct kmem_cache *cache;
static unsigned int ctor_calls;

static void ctor(void *object)
{
	ctor_calls++;
	memset(object, 0x42, 40);
}

Test(slab, objects_are_distinct_and_empty_slabs_go_back)
{
	static void *objects[5000];
	unsigned long free_before;

	host_boot(64ULL << 20);
	cache = kmem_cache_create("test_40", 40, 0, 0, NULL);
	cr_assert_not_null(cache);
	cr_expect_eq(cache->size, 40);
	cr_expect_eq(cache->objects, PAGE_SIZE / 40);
	free_before = nr_free_pages();
	for (int i = 0; i < 5000; i++) {
		objects[i] = kmem_cache_alloc(cache, GFP_KERNEL);
		cr_assert_not_null(objects[i]);
		memset(objects[i], i & 0xff, 40);
	}
	for (int i = 0; i < 5000; i++)
		for (int b = 0; b < 40; b++)
			cr_assert_eq(((u8 *)objects[i])[b], i & 0xff, "object %d was overwritten", i);
	cr_expect_eq(cache->nr_slabs, (5000 + cache->objects - 1) / cache->objects);
	for (int i = 0; i < 5000; i++)
		kmem_cache_free(cache, objects[i]);
	cr_expect_leq(cache->nr_slabs, cache->min_partial + 1, "%lu slabs left", cache->nr_slabs);
	kmem_cache_shrink(cache);
	cr_expect_eq(cache->nr_slabs, 0);
	cr_expect_eq(nr_free_pages(), free_before, "every slab went back");
	kmem_cache_destroy(cache);
}

Test(slab, the_slab_order_asks_for_eight_objects_and_little_waste)
{
	static const struct { unsigned int size, order, objects; } want[] = {
		{ 96, 0, 42 }, { 512, 0, 8 }, { 1024, 1, 8 }, { 2048, 2, 8 }, { 4096, 3, 8 },
		{ 8192, 3, 4 }, { 1000, 1, 8 }, { 3000, 3, 10 },
	};

	host_boot(64ULL << 20);
	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		struct kmem_cache *s = kmem_cache_create("test_order", want[i].size, 0, 0, NULL);

		cr_assert_not_null(s);
		cr_expect_eq(s->order, want[i].order, "%u-byte objects: order %u, expected %u",
			     want[i].size, s->order, want[i].order);
		cr_expect_eq(s->objects, want[i].objects, "%u-byte objects: %u a slab, expected %u",
			     want[i].size, s->objects, want[i].objects);
		kmem_cache_destroy(s);
	}
}

Test(slab, slab_pages_are_counted_reclaimable_or_not)
{
	struct kmem_cache *r, *u;
	unsigned long rec, unrec;
	void *a, *b;

	host_boot(64ULL << 20);
	r = kmem_cache_create("test_reclaimable", 1024, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	u = kmem_cache_create("test_unreclaimable", 1024, 0, 0, NULL);
	cr_assert(r && u);
	rec = slab_stat[NR_SLAB_RECLAIMABLE];
	unrec = slab_stat[NR_SLAB_UNRECLAIMABLE];
	a = kmem_cache_alloc(r, GFP_KERNEL);
	cr_expect_eq(slab_stat[NR_SLAB_RECLAIMABLE], rec + (1UL << r->order));
	cr_expect_eq(slab_stat[NR_SLAB_UNRECLAIMABLE], unrec);
	b = kmem_cache_alloc(u, GFP_KERNEL);
	cr_expect_eq(slab_stat[NR_SLAB_UNRECLAIMABLE], unrec + (1UL << u->order));
	kmem_cache_free(r, a);
	kmem_cache_free(u, b);
	kmem_cache_shrink(r);
	kmem_cache_shrink(u);
	cr_expect_eq(slab_stat[NR_SLAB_RECLAIMABLE], rec, "a freed slab is no longer counted");
	cr_expect_eq(slab_stat[NR_SLAB_UNRECLAIMABLE], unrec);
	kmem_cache_destroy(r);
	kmem_cache_destroy(u);
}

Test(slab, a_constructor_runs_once_an_object)
{
	u8 *p;

	host_boot(64ULL << 20);
	cache = kmem_cache_create("test_ctor", 40, 0, 0, ctor);
	cr_assert_neq(cache->offset, 0, "the free pointer cannot be in a constructed object");
	p = kmem_cache_alloc(cache, GFP_KERNEL);
	cr_expect_eq(ctor_calls, cache->objects, "the whole slab was constructed");
	for (int b = 0; b < 40; b++)
		cr_expect_eq(p[b], 0x42);
	kmem_cache_free(cache, p);
	p = kmem_cache_alloc(cache, GFP_KERNEL);
	for (int b = 0; b < 40; b++)
		cr_expect_eq(p[b], 0x42, "freed objects keep their constructed state");
	cr_expect_eq(ctor_calls, cache->objects);
	kmem_cache_free(cache, p);
	kmem_cache_destroy(cache);
}

Test(slab, destroying_a_cache_with_objects_out_is_reported)
{
	void *p;

	host_boot(64ULL << 20);
	cache = kmem_cache_create("test_leak", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	cr_expect_eq(cache->size, 128, "aligned to the cache line");
	p = kmem_cache_alloc(cache, GFP_KERNEL);
	host_console_reset();
	kmem_cache_destroy(cache);
	cr_expect(strstr(host_console_output(),
			 "kmem_cache_destroy test_leak: Slab cache still has objects"), "%s",
		  host_console_output());
	kmem_cache_free(cache, p);
	kmem_cache_destroy(cache);
}

/* host tests of the debugging checks */
static void boot_debug(void)
{
	slub_debug_setup("");
	host_boot(64ULL << 20);
	host_console_reset();
}

static unsigned long in_use(const char *name)
{
	struct kmem_cache *s;
	unsigned long free = 0;

	list_for_each_entry(s, &slab_caches, list)
		if (!strcmp(s->name, name)) {
			struct page *page;

			list_for_each_entry(page, &s->partial, lru)
				free += page->objects - page->inuse;
			return s->total_objects - free;
		}
	return ~0UL;
}

Test(slab_debug, writing_past_the_end_is_caught_at_free)
{
	u8 *p;

	boot_debug();
	p = kmalloc(64, GFP_KERNEL);
	p[64] = 0;					/* one byte too far */
	kfree(p);
	cr_expect(strstr(host_console_output(), "BUG kmalloc-64: Redzone overwritten"), "%s",
		  host_console_output());
	cr_expect(strstr(host_console_output(), "INFO: Allocated in "), "%s", host_console_output());
	cr_expect(strstr(host_console_output(), "writing_past_the_end_is_caught"), "the caller:\n%s",
		  host_console_output());
	cr_expect_eq(in_use("kmalloc-64"), 1, "the object was left alone");
}

Test(slab_debug, using_an_object_after_free_is_caught_at_the_next_alloc)
{
	u8 *p;

	boot_debug();
	p = kmalloc(64, GFP_KERNEL);
	kfree(p);
	cr_expect_eq(p[0], POISON_FREE);
	cr_expect_eq(p[63], POISON_END);
	p[10] = 1;					/* use after free */
	cr_expect_null(kmalloc(64, GFP_KERNEL), "the poisoned object is not handed out");
	cr_expect(strstr(host_console_output(), "BUG kmalloc-64: Poison overwritten"), "%s",
		  host_console_output());
	cr_expect(strstr(host_console_output(), "INFO: Freed in "), "%s", host_console_output());
}

Test(slab_debug, a_double_free_is_caught)
{
	void *p, *q;

	boot_debug();
	p = kmalloc(64, GFP_KERNEL);
	q = kmalloc(64, GFP_KERNEL);
	kfree(p);
	kfree(q);
	kfree(p);					/* not at the head of the list */
	cr_expect(strstr(host_console_output(), "BUG kmalloc-64: Object already free"), "%s",
		  host_console_output());
	cr_expect_eq(in_use("kmalloc-64"), 0);
}

Test(slab, an_immediate_double_free_is_caught_without_debugging)
{
	void *p;

	host_boot(64ULL << 20);
	host_console_reset();
	p = kmalloc(64, GFP_KERNEL);
	kfree(p);
	kfree(p);
	cr_expect(strstr(host_console_output(), "BUG kmalloc-64: Object already free"), "%s",
		  host_console_output());
	cr_expect_eq(kmalloc(64, GFP_KERNEL), p);
	cr_expect_neq(kmalloc(64, GFP_KERNEL), p, "handed out once, not twice");
}

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
