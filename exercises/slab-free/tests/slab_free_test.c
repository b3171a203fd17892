#include <criterion/criterion.h>
#include <stdio.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/poison.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/host.h>
#include "points.h"

/*
 * The tests make a cache of their own and fill its first slab, so that the
 * next allocation takes a second slab as the CPU slab: the objects of the
 * first are then on a slab that is not the CPU's, and freeing one of them is
 * the work of __slab_free.
 */

static struct page *slab_of(const void *object)
{
	return compound_head(virt_to_page(object));
}

/* The free pointer of a free @object: the word at s->offset. */
static void *next_free(const struct kmem_cache *s, const void *object)
{
	return *(void *const *)((const char *)object + s->offset);
}

static bool on_partial_list(struct kmem_cache *s, struct page *page)
{
	struct page *p;
	unsigned long n = 0;

	list_for_each_entry(p, &s->partial, lru) {
		if (p == page)
			return true;
		if (++n > s->nr_partial + 1000)
			break;
	}
	return false;
}

/* The length of @page's free list, or ~0U if it is longer than the slab. */
static unsigned int free_list_length(const struct kmem_cache *s, const struct page *page)
{
	unsigned int n = 0;

	for (void *p = page->freelist; p; p = next_free(s, p))
		if (++n > page->objects)
			return ~0U;
	return n;
}

static char partial_list_error[256];
#define WHY(...)	(snprintf(partial_list_error, sizeof(partial_list_error), __VA_ARGS__), \
			 partial_list_error)

/*
 * Whether the partial list of @s is what it should be: every slab on it is a
 * slab of @s with free objects, its free list as long as its count says, and
 * there are nr_partial of them. NULL if so, else what is wrong.
 */
static const char *check_partial_list(struct kmem_cache *s)
{
	unsigned long n = 0;
	struct page *page;

	list_for_each_entry(page, &s->partial, lru) {
		unsigned int len, free;

		if (++n > s->nr_partial + 1000)
			return WHY("the partial list is longer than nr_partial (%lu), or loops",
				   s->nr_partial);
		if (!PageSlab(page) || page->slab_cache != s)
			return WHY("partial slab %lu is not a slab of %s (given back to the page "
				   "allocator while still on the list?)", n, s->name);
		if (page == s->cpu_slab.page)
			return WHY("the CPU slab is on the partial list");
		if (!page->freelist || page->inuse >= page->objects)
			return WHY("partial slab %lu has no free object (inuse %u of %u): a full "
				   "slab belongs on no list", n, page->inuse, page->objects);
		len = free_list_length(s, page);
		free = page->objects - page->inuse;
		if (len != free)
			return WHY("partial slab %lu: inuse is %u of %u objects, so %u should be "
				   "free, but its free list has %d", n, page->inuse, page->objects,
				   free, len == ~0U ? -1 : (int)len);
	}
	if (n != s->nr_partial)
		return WHY("nr_partial is %lu but %lu slabs are on the partial list",
			   s->nr_partial, n);
	return NULL;
}

/* A new cache of @size-byte objects whose first slab is full and not the CPU's. */
static struct kmem_cache *cache_with_a_full_slab(const char *name, unsigned int size,
						 void **objects, unsigned int *n)
{
	struct kmem_cache *s = kmem_cache_create(name, size, 0, 0, NULL);
	struct page *first;

	cr_assert_not_null(s, "kmem_cache_create(%s) failed", name);
	*n = s->objects;
	for (unsigned int i = 0; i <= *n; i++) {
		objects[i] = kmem_cache_alloc(s, GFP_KERNEL);
		cr_assert_not_null(objects[i], "kmem_cache_alloc %u failed", i);
	}
	first = slab_of(objects[0]);
	cr_assert(first != s->cpu_slab.page && first != slab_of(objects[*n]) &&
		  first->inuse == *n && !first->freelist && s->nr_partial == 0,
		  "setting up: %u objects should fill the first slab, and the next one come from "
		  "a second slab", *n);
	return s;
}

Test(slab_free, a_full_slab_joins_the_partial_list_and_its_objects_are_reused,
     .description = POINTS(2))
{
	void *objects[2 * 4096 / 64 + 2];
	struct kmem_cache *s;
	struct page *slab;
	const char *why;
	unsigned int n;
	void *p;

	host_boot(64ULL << 20);
	s = cache_with_a_full_slab("slab_free_64", 64, objects, &n);
	slab = slab_of(objects[0]);

	kmem_cache_free(s, objects[5]);
	cr_assert_eq(slab->inuse, n - 1, "freeing one object of a full slab of %u: inuse should be "
		     "%u, is %u", n, n - 1, slab->inuse);
	cr_assert_eq(slab->freelist, objects[5], "the freed object should be the first of its "
		     "slab's free list (page->freelist %p, the object %p)", slab->freelist,
		     objects[5]);
	cr_assert_null(next_free(s, objects[5]), "the slab was full: the free list should end "
		       "after the freed object");
	cr_assert(on_partial_list(s, slab), "a full slab that gets an object back has a free "
		  "object: it should be on the cache's partial list");
	cr_assert_eq(s->nr_partial, 1, "one slab on the partial list: nr_partial should be 1, "
		     "is %lu", s->nr_partial);

	kmem_cache_free(s, objects[9]);
	cr_assert_eq(slab->inuse, n - 2, "after a second free, inuse should be %u, is %u", n - 2,
		     slab->inuse);
	cr_assert_eq(slab->freelist, objects[9], "the object freed last should be the first of "
		     "the free list");
	cr_assert_eq(next_free(s, objects[9]), objects[5], "the free list should be the object "
		     "freed last, then the one freed before it");
	cr_assert_eq(s->nr_partial, 1, "the slab was already on the partial list: nr_partial "
		     "should stay 1, is %lu (added twice?)", s->nr_partial);
	why = check_partial_list(s);
	cr_assert_null(why, "%s", why);

	/* Use up the CPU slab: the next allocations come from the partial slab. */
	for (unsigned int i = n + 1; i < 2 * n; i++)
		objects[i] = kmem_cache_alloc(s, GFP_KERNEL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	cr_expect_eq(p, objects[9], "with the CPU slab used up, the next allocation should take "
		     "the partial slab and return the object freed last (%p); it returned %p",
		     objects[9], p);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	cr_expect_eq(p, objects[5], "and then the object freed first (%p); it returned %p",
		     objects[5], p);
	cr_expect_eq(s->nr_partial, 0, "the partial slab became the CPU slab: nr_partial should "
		     "be 0, is %lu", s->nr_partial);
}

Test(slab_free, empty_slabs_go_back_to_the_page_allocator, .description = POINTS(2))
{
	enum { SLABS = 40 };
	static void *objects[SLABS * 4096 / 256];
	unsigned long free_before, shrunk;
	struct kmem_cache *s;
	unsigned int total;
	const char *why;

	host_boot(64ULL << 20);
	s = kmem_cache_create("slab_free_256", 256, 0, 0, NULL);
	cr_assert_not_null(s);
	free_before = nr_free_pages();
	total = SLABS * s->objects;
	cr_assert_leq(total, ARRAY_SIZE(objects));
	for (unsigned int i = 0; i < total; i++) {
		objects[i] = kmem_cache_alloc(s, GFP_KERNEL);
		cr_assert_not_null(objects[i]);
	}
	cr_assert_eq(s->nr_slabs, SLABS, "setting up: %u objects should take %d slabs, took %lu",
		     total, SLABS, s->nr_slabs);

	/* Every other object: each slab but the CPU's goes from full to partial. */
	for (unsigned int i = 0; i < total; i += 2)
		kmem_cache_free(s, objects[i]);
	cr_assert_eq(s->nr_partial, SLABS - 1, "after freeing half of the objects of each slab, "
		     "the %d slabs that are not the CPU's should be on the partial list; "
		     "nr_partial is %lu", SLABS - 1, s->nr_partial);
	why = check_partial_list(s);
	cr_assert_null(why, "after freeing every other object: %s", why);

	/* The rest, backwards: each slab becomes empty. */
	for (unsigned int i = total - 1; i < total; i -= 2)
		kmem_cache_free(s, objects[i]);
	why = check_partial_list(s);
	cr_assert_null(why, "after freeing every object: %s", why);
	cr_expect_eq(s->nr_partial, s->min_partial, "a cache keeps min_partial (%u) empty slabs "
		     "on its partial list as spares, and gives the others back (slab_empty decides "
		     "which); it has %lu", s->min_partial, s->nr_partial);
	cr_assert_leq(s->nr_slabs, s->min_partial + 1, "with every object free, the cache should "
		      "keep at most its min_partial (%u) spare slabs and the CPU slab; it still "
		      "has %lu of %d slabs (an empty slab should go to slab_empty)",
		      s->min_partial, s->nr_slabs, SLABS);
	shrunk = kmem_cache_shrink(s);
	cr_expect_eq(s->nr_slabs, 0, "kmem_cache_shrink gave back %lu pages, but %lu slabs are "
		     "left: their objects were not all counted free", shrunk, s->nr_slabs);
	cr_expect_eq(nr_free_pages(), free_before, "every page of the cache's slabs should be back "
		     "in the page allocator; %ld are missing",
		     (long)(free_before - nr_free_pages()));
	host_console_reset();
	kmem_cache_destroy(s);
	cr_expect(!strstr(host_console_output(), "still has objects"), "destroying the cache "
		  "after freeing every object:\n%s", host_console_output());
}

/* Objects in use in @s as slabinfo counts them, or ~0UL if a free list loops. */
static unsigned long counted_in_use(struct kmem_cache *s)
{
	unsigned long free = 0, n = 0;
	struct page *page;

	list_for_each_entry(page, &s->partial, lru)
		free += page->objects - page->inuse;
	for (void *p = s->cpu_slab.freelist; p; p = next_free(s, p))
		if (++n > s->total_objects)
			return ~0UL;
	return s->total_objects - free - n;
}

#define CTOR_BYTE	0x5c
#define CTOR_SIZE	100
#define PLAIN_SIZE	48

static void ctor(void *object)
{
	memset(object, CTOR_BYTE, CTOR_SIZE);
}

/* The objects the random workload holds: slot i is of cache i % 2. */
static struct { u8 *p; u8 fill; } held[800];
static struct kmem_cache *caches[2];	/* a plain cache and one with a constructor */
static unsigned long holding[2];

static void check_before_free(int step, unsigned int i)
{
	if (i % 2)
		return;
	for (unsigned int b = 0; b < PLAIN_SIZE; b++)
		cr_assert_eq(held[i].p[b], held[i].fill, "step %d: an object in use was "
			     "overwritten at byte %u (is it also on a free list?)", step, b);
}

static void check_after_alloc(int step, unsigned int i)
{
	struct kmem_cache *s = caches[i % 2];

	for (unsigned int j = 0; j < ARRAY_SIZE(held); j++)
		cr_assert(j == i || held[j].p != held[i].p, "step %d: %s handed out %p, which is "
			  "already in use", step, s->name, held[i].p);
	if (i % 2)
		for (unsigned int b = 0; b < CTOR_SIZE; b++)
			cr_assert_eq(held[i].p[b], CTOR_BYTE, "step %d: an object of a cache with "
				     "a constructor lost its constructed state at byte %u (its "
				     "free pointer is at s->offset, %u)", step, b, s->offset);
}

/* The counts of cache @c agree with what the workload holds. */
static void check_counts(int step, unsigned int c)
{
	struct kmem_cache *s = caches[c];
	const char *why = check_partial_list(s);
	unsigned long counted = counted_in_use(s);
	struct page *page;

	cr_assert_null(why, "step %d, cache %s: %s", step, s->name, why);
	cr_assert_eq(counted, holding[c], "step %d, cache %s: %lu objects are in use, but the "
		     "cache counts %lu (its objects less the free ones of its partial slabs and "
		     "its CPU slab)", step, s->name, holding[c], counted);
	list_for_each_entry(page, &s->partial, lru) {
		unsigned int mine = 0;

		for (unsigned int j = c; j < ARRAY_SIZE(held); j += 2)
			mine += held[j].p && slab_of(held[j].p) == page;
		cr_assert_eq(page->inuse, mine, "step %d, cache %s: a partial slab has %u of its "
			     "objects in use, but its inuse is %u", step, s->name, mine,
			     page->inuse);
	}
}

Test(slab_free, a_random_workload_keeps_every_count_exact, .description = POINTS(2),
     .timeout = 60)
{
	u64 x = 0x9e3779b97f4a7c15ULL;
	unsigned long free_before;

	host_boot(64ULL << 20);
	caches[0] = kmem_cache_create("slab_free_48", PLAIN_SIZE, 0, 0, NULL);
	caches[1] = kmem_cache_create("slab_free_ctor", CTOR_SIZE, 0, 0, ctor);
	cr_assert(caches[0] && caches[1]);
	cr_assert_neq(caches[1]->offset, 0, "a constructed object keeps its free pointer after it");
	free_before = nr_free_pages();
	host_console_reset();
	for (int step = 1; step <= 60000; step++) {
		unsigned int i, c;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		i = (unsigned int)(x % ARRAY_SIZE(held));
		c = i % 2;
		if (held[i].p) {
			check_before_free(step, i);
			kmem_cache_free(caches[c], held[i].p);
			held[i].p = NULL;
			holding[c]--;
		} else {
			held[i].p = kmem_cache_alloc(caches[c], GFP_KERNEL);
			cr_assert_not_null(held[i].p, "step %d: kmem_cache_alloc(%s) failed", step,
					   caches[c]->name);
			check_after_alloc(step, i);
			if (!c) {
				held[i].fill = (u8)(x >> 56);
				memset(held[i].p, held[i].fill, PLAIN_SIZE);
			}
			holding[c]++;
		}
		if (step % 2000 == 0) {
			check_counts(step, 0);
			check_counts(step, 1);
		}
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(held); i++)
		if (held[i].p)
			kmem_cache_free(caches[i % 2], held[i].p);
	for (unsigned int c = 0; c < 2; c++) {
		kmem_cache_shrink(caches[c]);
		cr_expect_eq(caches[c]->nr_slabs, 0, "cache %s: with every object freed and the "
			     "cache shrunk, %lu slabs are left", caches[c]->name,
			     caches[c]->nr_slabs);
	}
	cr_expect_eq(nr_free_pages(), free_before, "pages not given back: %ld",
		     (long)(free_before - nr_free_pages()));
	cr_expect(!strstr(host_console_output(), "BUG"), "%s", host_console_output());
}

Test(slab_free, a_double_free_at_the_head_of_a_slab_list_is_caught, .description = POINTS(1))
{
	void *objects[2 * 4096 / 64 + 2];
	struct kmem_cache *s;
	struct page *slab;
	const char *why;
	unsigned int n;
	void *p;

	host_boot(64ULL << 20);
	s = cache_with_a_full_slab("slab_free_twice", 64, objects, &n);
	slab = slab_of(objects[0]);
	kmem_cache_free(s, objects[3]);
	cr_assert_eq(slab->freelist, objects[3], "freeing an object of a full slab should put "
		     "it at the head of the slab's free list (page->freelist is %p, the object %p)",
		     slab->freelist, objects[3]);
	host_console_reset();
	kmem_cache_free(s, objects[3]);				/* again */
	cr_expect(strstr(host_console_output(), "BUG slab_free_twice: Object already free"),
		  "freeing the object at the head of its slab's free list again should be reported "
		  "(slab_double_free); the console said:\n%s", host_console_output());
	cr_assert_eq(next_free(s, objects[3]), NULL, "after the double free, the object's free "
		     "pointer points to %p: the free list loops or is corrupted",
		     next_free(s, objects[3]));
	cr_assert_eq(slab->inuse, n - 1, "a double free must change nothing: inuse should stay "
		     "%u, is %u", n - 1, slab->inuse);
	cr_assert_eq(slab->freelist, objects[3], "a double free must change nothing: the free list "
		     "should still start with the object");
	cr_assert_eq(s->nr_partial, 1, "a double free must change nothing: nr_partial should stay "
		     "1, is %lu", s->nr_partial);
	why = check_partial_list(s);
	cr_assert_null(why, "%s", why);
	for (unsigned int i = n + 1; i < 2 * n; i++)
		objects[i] = kmem_cache_alloc(s, GFP_KERNEL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	cr_expect_eq(p, objects[3], "the object freed (once) should be handed out again");
	p = kmem_cache_alloc(s, GFP_KERNEL);
	cr_expect_neq(p, objects[3], "the object freed twice was handed out twice");
}

Test(slab_free, a_debugging_cache_checks_each_free_first, .description = POINTS(1))
{
	struct kmem_cache *s;
	struct page *slab;
	u8 *p, *q, *r;

	host_boot(64ULL << 20);
	s = kmem_cache_create("slab_free_debug", 64, 0, SLAB_DEBUG_FLAGS, NULL);
	cr_assert_not_null(s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	q = kmem_cache_alloc(s, GFP_KERNEL);
	r = kmem_cache_alloc(s, GFP_KERNEL);
	cr_assert(p && q && r);
	slab = slab_of(p);
	cr_assert(slab_of(q) == slab && slab_of(r) == slab && slab->inuse == 3 && !s->cpu_slab.page,
		  "setting up: a debugging cache hands out objects one at a time from its slabs");
	memset(p, 0x11, 64);
	memset(q, 0x22, 64);
	memset(r, 0x33, 64);
	host_console_reset();

	kmem_cache_free(s, p);
	cr_assert(!strstr(host_console_output(), "BUG"), "a correct free was reported (check the "
		  "object before you put it on the free list):\n%s", host_console_output());
	cr_assert_eq(slab->inuse, 2, "inuse should be 2 after a free, is %u", slab->inuse);
	cr_assert_eq(slab->freelist, p, "the freed object should head the free list");
	for (unsigned int b = 0; b < 63; b++)
		cr_assert_eq(p[b], POISON_FREE, "a freed object of a poisoning cache should be "
			     "poisoned (free_debug_processing); byte %u is %#x", b, p[b]);
	cr_assert_eq(p[63], POISON_END);
	kmem_cache_free(s, q);
	cr_assert_eq(slab->freelist, q);

	kmem_cache_free(s, p);					/* not at the head */
	cr_expect(strstr(host_console_output(), "BUG slab_free_debug: Object already free"),
		  "a double free in a debugging cache should be reported; the console said:\n%s",
		  host_console_output());
	cr_expect_eq(slab->inuse, 1, "the double free should change nothing: inuse 1, is %u",
		     slab->inuse);
	cr_expect_eq(slab->freelist, q, "the double free should change nothing: the list should "
		     "still start with the object freed last");

	host_console_reset();
	r[64] = 0;						/* one byte too far */
	kmem_cache_free(s, r);
	cr_expect(strstr(host_console_output(), "BUG slab_free_debug: Redzone overwritten"),
		  "writing past the end of an object should be reported at its free; the console "
		  "said:\n%s", host_console_output());
	cr_expect_eq(slab->inuse, 1, "an object that fails the checks is left alone: inuse should "
		     "stay 1, is %u", slab->inuse);
	cr_expect_eq(slab->freelist, q, "an object that fails the checks is left alone: it should "
		     "not be on the free list");
}
