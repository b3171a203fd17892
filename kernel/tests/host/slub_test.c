/* Tangled from chapters/08-slabs.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/poison.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/host.h>

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

/* host tests of [[meminfo]]'s slab lines */
/* The figure meminfo prints after @label, in kB; ~0 if the line is missing. */
static unsigned long meminfo_kb(const char *label)
{
	static char buf[4096];
	struct seq_file m = { buf, sizeof(buf), 0 };
	const char *p;

	meminfo_show(&m);
	p = strstr(buf, label);
	if (!p)
		return ~0UL;
	for (p += strlen(label); *p == ' '; p++)
		;
	return simple_strtoul(p, NULL, 10);
}

Test(slab, meminfo_slab_is_sreclaimable_plus_sunreclaim_and_follows_a_reclaimable_cache)
{
	unsigned long rec, slab;
	struct kmem_cache *r;
	void *a;

	host_boot(64ULL << 20);
	rec = meminfo_kb("\nSReclaimable:");
	slab = meminfo_kb("\nSlab:");
	cr_expect_eq(slab, rec + meminfo_kb("\nSUnreclaim:"), "Slab = SReclaimable + SUnreclaim");
	cr_expect_eq(slab, (slab_stat[NR_SLAB_RECLAIMABLE] + slab_stat[NR_SLAB_UNRECLAIMABLE]) * 4);
	r = kmem_cache_create("test_reclaim_meminfo", 512, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	cr_assert_not_null(r);
	a = kmem_cache_alloc(r, GFP_KERNEL);
	cr_expect_eq(meminfo_kb("\nSReclaimable:"), rec + (4UL << r->order), "one slab of %u pages",
		     1u << r->order);
	cr_expect_eq(meminfo_kb("\nSlab:"), meminfo_kb("\nSReclaimable:") + meminfo_kb("\nSUnreclaim:"));
	kmem_cache_free(r, a);
	kmem_cache_shrink(r);
	kmem_cache_destroy(r);
	cr_expect_eq(meminfo_kb("\nSReclaimable:"), rec, "the slab went back");
	cr_expect_eq(meminfo_kb("\nSlab:"), slab);
}

/* host tests of the debugging checks */
static struct kmem_cache *debug64;

/* Boot with slub_debug on, and make a cache of 64-byte objects, which it checks. */
static void boot_debug(void)
{
	slub_debug_setup("");
	host_boot(64ULL << 20);
	debug64 = kmem_cache_create("test_64", 64, 0, 0, NULL);
	cr_assert(debug64 && (debug64->flags & SLAB_DEBUG_FLAGS) == SLAB_DEBUG_FLAGS);
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
	p = kmem_cache_alloc(debug64, GFP_KERNEL);
	p[64] = 0;					/* one byte too far */
	kmem_cache_free(debug64, p);
	cr_expect(strstr(host_console_output(), "BUG test_64: Redzone overwritten"), "%s",
		  host_console_output());
	cr_expect(strstr(host_console_output(), "INFO: Allocated in "), "%s", host_console_output());
	cr_expect(strstr(host_console_output(), "writing_past_the_end_is_caught"), "the caller:\n%s",
		  host_console_output());
	cr_expect_eq(in_use("test_64"), 1, "the object was left alone");
}

Test(slab_debug, using_an_object_after_free_is_caught_at_the_next_alloc)
{
	u8 *p;

	boot_debug();
	p = kmem_cache_alloc(debug64, GFP_KERNEL);
	kmem_cache_free(debug64, p);
	cr_expect_eq(p[0], POISON_FREE);
	cr_expect_eq(p[63], POISON_END);
	p[10] = 1;					/* use after free */
	cr_expect_null(kmem_cache_alloc(debug64, GFP_KERNEL), "the poisoned object is not handed out");
	cr_expect(strstr(host_console_output(), "BUG test_64: Poison overwritten"), "%s",
		  host_console_output());
	cr_expect(strstr(host_console_output(), "INFO: Freed in "), "%s", host_console_output());
}

Test(slab_debug, a_double_free_is_caught)
{
	void *p, *q;

	boot_debug();
	p = kmem_cache_alloc(debug64, GFP_KERNEL);
	q = kmem_cache_alloc(debug64, GFP_KERNEL);
	kmem_cache_free(debug64, p);
	kmem_cache_free(debug64, q);
	kmem_cache_free(debug64, p);					/* not at the head of the list */
	cr_expect(strstr(host_console_output(), "BUG test_64: Object already free"), "%s",
		  host_console_output());
	cr_expect_eq(in_use("test_64"), 0);
}

Test(slab, an_immediate_double_free_is_caught_without_debugging)
{
	struct kmem_cache *s;
	void *p;

	host_boot(64ULL << 20);
	s = kmem_cache_create("test_64", 64, 0, 0, NULL);
	host_console_reset();
	p = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, p);
	kmem_cache_free(s, p);
	cr_expect(strstr(host_console_output(), "BUG test_64: Object already free"), "%s",
		  host_console_output());
	cr_expect_eq(kmem_cache_alloc(s, GFP_KERNEL), p);
	cr_expect_neq(kmem_cache_alloc(s, GFP_KERNEL), p, "handed out once, not twice");
}

