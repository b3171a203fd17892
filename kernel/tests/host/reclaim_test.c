/* Tangled from chapters/10-reclaim.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <asm/host.h>

/* helpers for the reclaim tests */
/* Run a console command; its output. */
static const char *run(const char *cmd)
{
	static char buf[4096];
	char line[64];
	struct seq_file m = { buf, sizeof(buf), 0 };

	snprintf(line, sizeof(line), "%s", cmd);
	cr_assert_eq(console_exec(&m, line), 0, "%s: %s", cmd, buf);
	return buf;
}

/*
 * Reclaim whatever boot left reclaimable, fill each demonstration cache with
 * @cached pages, and take the rest down to the min watermarks.
 */
static void fill_and_hog(unsigned long cached)
{
	while (try_to_free_pages(GFP_KERNEL, 0))
		;
	cr_assert_eq(demo_cache_fill(cached), 2 * cached);
	run("hog");
}

/* Take order-0 pages with @gfp until refused; how many. */
static unsigned long take_all(gfp_t gfp)
{
	static LIST_HEAD(taken);
	unsigned long n = 0;
	struct page *page;

	while ((page = alloc_page(gfp | __GFP_NOWARN))) {
		list_add(&page->lru, &taken);
		n++;
	}
	return n;
}

struct release {
	unsigned int ms;		/* free after this long */
	struct page *page;
	unsigned int order;
};

static int release_later(void *data)
{
	struct release *r = data;

	msleep(r->ms);
	__free_pages(r->page, r->order);
	return 0;
}

/* Free @page (of @order) from another thread, @ms from now. */
static void free_later(struct release *r, struct page *page, unsigned int order, unsigned int ms)
{
	*r = (struct release){ ms, page, order };
	cr_assert(!IS_ERR(kthread_run(release_later, r, "release")));
}

/* host tests of the shrinkers */
Test(reclaim, noio_and_nofs_skip_the_shrinkers_they_must_not_enter)
{
	host_boot(64ULL << 20);
	fill_and_hog(64);
	cr_expect_null(alloc_page(GFP_NOIO | __GFP_NORETRY | __GFP_NOWARN),
		       "GFP_NOIO: neither cache may be shrunk, so nothing is freed");
	cr_expect_eq(demo_cache_pages(0), 64, "GFP_NOIO wrote buffers out");
	cr_expect_eq(demo_cache_pages(1), 64, "GFP_NOIO dropped inodes");

	cr_expect_not_null(alloc_page(GFP_NOFS | __GFP_NORETRY | __GFP_NOWARN),
			   "GFP_NOFS may write buffers out");
	cr_expect_lt(demo_cache_pages(0), 64, "GFP_NOFS: the buffers were not shrunk");
	cr_expect_eq(demo_cache_pages(1), 64, "GFP_NOFS dropped inodes");
	cr_expect(strstr(run("shrinkers"), "demo-icache"), "shrinkers lists the caches");

	run("hog");
	cr_expect_not_null(alloc_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN));
	cr_expect_lt(demo_cache_pages(1), 64, "GFP_KERNEL: the inodes were not shrunk");
}

Test(reclaim, empty_slabs_are_given_back_to_any_request_that_may_sleep)
{
	struct kmem_cache *s;
	void *objects[200];
	unsigned long slabs;

	host_boot(64ULL << 20);
	while (try_to_free_pages(GFP_KERNEL, 0))
		;
	s = kmem_cache_create("test-2048", 2048, 0, 0, NULL);
	cr_assert_not_null(s);
	for (unsigned int i = 0; i < ARRAY_SIZE(objects); i++)
		cr_assert_not_null(objects[i] = kmem_cache_alloc(s, GFP_KERNEL));
	for (unsigned int i = 0; i < ARRAY_SIZE(objects); i++)
		kmem_cache_free(s, objects[i]);
	slabs = s->nr_slabs;
	cr_assert_geq(slabs, 2, "empty slabs kept for the next burst");
	run("hog");
	cr_expect_not_null(alloc_page(GFP_NOIO | __GFP_NORETRY | __GFP_NOWARN),
			   "the empty slabs need no I/O to be freed");
	cr_expect_lt(s->nr_slabs, slabs, "no empty slab was given back");
}

/* host tests of the retry policies */
Test(retry, noretry_fails_after_one_round_without_waiting)
{
	unsigned long start;

	host_boot(64ULL << 20);
	fill_and_hog(0);
	start = jiffies;
	cr_expect_null(alloc_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN));
	cr_expect_eq(jiffies, start, "__GFP_NORETRY waited %lu ticks", jiffies - start);
}

Test(retry, a_small_request_waits_for_memory_another_thread_frees)
{
	struct release r;
	struct page *held, *page;
	unsigned long start;

	host_boot(64ULL << 20);
	held = alloc_page(GFP_KERNEL);
	free_later(&r, held, 0, 50);		/* the thread's stack, before memory is gone */
	fill_and_hog(0);
	start = jiffies;
	page = alloc_page(GFP_KERNEL);
	cr_expect_eq(page, held, "the page freed by the other thread");
	cr_expect_geq(jiffies - start, 5, "it got the page before it was freed?");
	cr_expect_leq(jiffies - start, 7, "it was not woken when the page was freed: %lu ticks",
		      jiffies - start);
}

Test(retry, a_small_request_gives_up_after_16_rounds_without_progress)
{
	unsigned long start;

	host_boot(64ULL << 20);
	fill_and_hog(0);
	host_console_reset();
	start = jiffies;
	cr_expect_null(alloc_page(GFP_KERNEL));
	cr_expect_eq(jiffies - start, 15 * (HZ / 50), "15 waits of HZ/50 between 16 rounds");
	cr_expect(strstr(host_console_output(), "page allocation failure: order:0, mode:0xd0(GFP_KERNEL)"),
		  "the failure is reported:\n%s", host_console_output());
}

Test(retry, a_costly_request_fails_at_once_unless_it_says_repeat)
{
	struct release r;
	struct page *held, *page;
	unsigned long start;

	host_boot(64ULL << 20);
	held = alloc_pages(GFP_KERNEL, 4);
	fill_and_hog(0);
	start = jiffies;
	cr_expect_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4));
	cr_expect_eq(jiffies, start, "an order-4 request waited without __GFP_REPEAT");

	run("hog free");
	free_later(&r, held, 4, 50);
	fill_and_hog(0);
	start = jiffies;
	page = alloc_pages(GFP_KERNEL | __GFP_REPEAT, 4);
	cr_expect_not_null(page, "__GFP_REPEAT kept trying until the block was freed");
	cr_expect_geq(jiffies - start, 5, "it got a block before one was freed?");
}

Test(retry, nofail_waits_longer_than_16_rounds)
{
	struct release r;
	struct page *held;
	unsigned long start;

	host_boot(64ULL << 20);
	held = alloc_page(GFP_KERNEL);
	free_later(&r, held, 0, 1000);
	fill_and_hog(0);
	start = jiffies;
	cr_expect_eq(alloc_page(GFP_KERNEL | __GFP_NOFAIL), held);
	cr_expect_geq(jiffies - start, HZ, "woken after a second, when the page was freed");
}

Test(retry, nofail_above_order_1_or_without_wait_is_warned_about)
{
	host_boot(64ULL << 20);
	host_console_reset();
	cr_expect_not_null(alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 2));
	cr_expect(strstr(host_console_output(), "WARNING:"), "%s", host_console_output());
}

/* host tests of the reserves */
Test(reserves, each_kind_of_request_goes_as_deep_as_its_flags_allow)
{
	unsigned long nowait, atomic_nomemalloc, atomic, memalloc, start;

	host_boot(64ULL << 20);
	fill_and_hog(0);
	cr_expect_eq(take_all(GFP_NOWAIT | __GFP_NOMEMALLOC), 0, "hog went down to min");
	start = jiffies;
	nowait = take_all(GFP_NOWAIT);
	atomic_nomemalloc = take_all(GFP_ATOMIC | __GFP_NOMEMALLOC);
	atomic = take_all(GFP_ATOMIC);
	cr_expect_eq(jiffies, start, "a request without __GFP_WAIT waited");
	cr_expect_gt(nowait, 0, "GFP_NOWAIT: ALLOC_HARDER goes below min");
	cr_expect_gt(atomic_nomemalloc, 0, "__GFP_HIGH goes to half of min");
	cr_expect_gt(atomic, 0, "GFP_ATOMIC: __GFP_HIGH and ALLOC_HARDER together go further");
	cr_expect_gt(nr_free_pages(), 0, "GFP_ATOMIC leaves 3/8 of min");

	current->flags |= PF_MEMALLOC;
	cr_expect_eq(take_all(GFP_KERNEL | __GFP_NOMEMALLOC), 0,
		     "__GFP_NOMEMALLOC: no reserves, even for a reclaiming task");
	memalloc = take_all(GFP_KERNEL);
	current->flags &= ~PF_MEMALLOC;
	cr_expect_gt(memalloc, 0);
	cr_expect_eq(nr_free_pages(), 0, "PF_MEMALLOC ignores every watermark");
}
