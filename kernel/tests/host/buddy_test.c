/* Tangled from chapters/05-getting-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/sched/debug.h>
#include <linux/selftest.h>
#include <linux/shell.h>
#include <linux/string.h>
#include <asm/host.h>

/* helpers for the buddy tests */
static struct held { struct page *page; unsigned int order; } held[40000];
static unsigned int nr_held;

static void zero_watermarks(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		memset(zone->_watermark, 0, sizeof(zone->_watermark));
		memset(zone->lowmem_reserve, 0, sizeof(zone->lowmem_reserve));
	}
}

/* Allocate every free page, in blocks of @order and then smaller. */
static void take_everything(unsigned int order)
{
	for (int o = (int)order; o >= 0; o--) {
		struct page *page;

		while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, (unsigned int)o)))
			held[nr_held++] = (struct held){ page, (unsigned int)o };
	}
}

static unsigned long first_free_pfn(const struct zone *zone, unsigned int order)
{
	const struct list_head *list = &zone->free_area[order].free_list[MIGRATE_UNMOVABLE];

	if (list_empty(list))
		return ~0UL;
	return page_to_pfn(list_first_entry(list, struct page, lru));
}

static int check_all(void)
{
	struct zone *zone;
	int errors = 0;

	for_each_zone(zone)
		errors += check_free_lists(zone);
	return errors;
}

/* host test of the worked example */
Test(buddy, splits_and_merges_as_in_the_worked_example)
{
	struct zone *zone;
	unsigned long b;
	struct page *p0, *p2;

	host_boot(64ULL << 20);
	zero_watermarks();
	take_everything(4);
	cr_assert_eq(held[0].order, 4);
	b = page_to_pfn(held[0].page);
	zone = page_zone(held[0].page);
	__free_pages(held[0].page, 4);
	cr_assert_eq(first_free_pfn(zone, 4), b, "the block of 16 is on the order-4 list");

	p0 = alloc_pages(GFP_KERNEL, 0);			/* step 1 */
	cr_assert_eq(page_to_pfn(p0), b);
	cr_expect_eq(first_free_pfn(zone, 3), b + 8);
	cr_expect_eq(first_free_pfn(zone, 2), b + 4);
	cr_expect_eq(first_free_pfn(zone, 1), b + 2);
	cr_expect_eq(first_free_pfn(zone, 0), b + 1);
	p2 = alloc_pages(GFP_KERNEL, 1);			/* step 2 */
	cr_assert_eq(page_to_pfn(p2), b + 2);
	__free_pages(p0, 0);					/* step 3 */
	cr_expect_eq(first_free_pfn(zone, 1), b, "0 and 1 joined into an order-1 block");
	cr_expect_eq(first_free_pfn(zone, 0), ~0UL);
	__free_pages(p2, 1);					/* step 4 */
	cr_expect_eq(first_free_pfn(zone, 4), b, "everything joined back");
	for (unsigned int o = 0; o < 4; o++)
		cr_expect_eq(zone->free_area[o].nr_free, 0, "order %u not empty", o);
	cr_expect_eq(check_all(), 0);
}
Test(buddy, buddydemo_prints_the_worked_example_and_gives_everything_back)
{
	static char buf[4096];
	struct seq_file m = { buf, sizeof(buf), 0 };
	char line[] = "buddydemo";
	static const char *const rows[] = {
		"\nstart                             +0/4\n",
		"\nalloc_pages(GFP_KERNEL, 0) = +0   +1/0 +2/1 +4/2 +8/3         [+0/0]\n",
		"\nalloc_pages(GFP_KERNEL, 1) = +2   +1/0 +4/2 +8/3              [+0/0] [+2/1]\n",
		"\n__free_pages(+0, 0)               +0/1 +4/2 +8/3              [+2/1]\n",
		"\n__free_pages(+2, 1)               +0/4\n",
	};
	const char *at = buf;
	unsigned long free_before;

	host_boot(64ULL << 20);
	free_before = nr_free_pages();
	cr_assert_eq(console_exec(&m, line), 0, "%s", buf);
	for (unsigned int i = 0; i < ARRAY_SIZE(rows); i++) {
		const char *row = strstr(at, rows[i]);

		cr_assert_not_null(row, "row %u, in order:%s\nnot found in:\n%s", i, rows[i], buf);
		at = row + 1;
	}
	cr_expect(strstr(buf, "buddyinfo restored\n"), "%s", buf);
	cr_expect_eq(nr_free_pages(), free_before);
	cr_expect_eq(min_wmark_pages(&NODE_DATA(0)->node_zones[ZONE_NORMAL]) > 0, true,
		     "the watermarks are restored");
	cr_expect_eq(check_all(), 0);
}

/* host tests of zone selection */
static enum zone_type zone_of(gfp_t gfp)
{
	struct page *page = alloc_pages(gfp, 0);
	enum zone_type z;

	cr_assert_not_null(page);
	z = (enum zone_type)page_zonenum(page);
	__free_pages(page, 0);
	return z;
}

Test(buddy, each_zone_modifier_picks_its_zone)
{
	host_boot(2ULL << 30);
	cr_expect_eq(zone_of(GFP_DMA), ZONE_DMA);
	cr_expect_eq(zone_of(GFP_KERNEL), ZONE_NORMAL);
	cr_expect_eq(zone_of(GFP_KERNEL | __GFP_DMA32), ZONE_NORMAL);
	cr_expect_eq(zone_of(GFP_HIGHUSER), ZONE_HIGHMEM);
	cr_expect_eq(zone_of(GFP_HIGHUSER | __GFP_MOVABLE), ZONE_HIGHMEM, "movable is empty");
}

Test(buddy, requests_fall_back_to_lower_zones_only)
{
	struct zone *normal;
	struct page *page;

	host_boot(64ULL << 20);
	cr_expect_eq(zone_of(GFP_HIGHUSER), ZONE_NORMAL);
	normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)) && page_zonenum(page) == ZONE_NORMAL)
		;
	cr_assert_not_null(page, "GFP_KERNEL should fall back to DMA");
	cr_expect_eq(page_zonenum(page), ZONE_DMA);
	cr_expect(zone_page_state(normal, NR_FREE_PAGES) <= low_wmark_pages(normal),
		  "left Normal with %lu free, above its low mark %lu",
		  zone_page_state(normal, NR_FREE_PAGES), low_wmark_pages(normal));
	while ((page = alloc_pages(GFP_DMA | __GFP_NOWARN, 0)))
		cr_assert_eq(page_zonenum(page), ZONE_DMA, "GFP_DMA got a page from above 16 MiB");
}

static void ask_for_dma_and_highmem(void)
{
	alloc_pages(__GFP_DMA | __GFP_HIGHMEM, 0);
}

Test(buddy, dma_and_highmem_together_is_a_bug)
{
	host_boot(64ULL << 20);
	host_console_reset();
	cr_expect_eq(host_run(ask_for_dma_and_highmem), EXIT_PANIC);
	cr_expect(strstr(host_console_output(), "kernel BUG at chapters/05-getting-pages.nw:"),
		  "%s", host_console_output());
}

/* host tests of failure and misuse */
Test(buddy, failure_is_reported_with_the_zones_state)
{
	const char *out;

	host_boot(64ULL << 20);
	while (alloc_pages(GFP_KERNEL | __GFP_NOWARN, 10))
		;
	host_console_reset();
	cr_expect_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 10));
	cr_expect_str_eq(host_console_output(), "", "__GFP_NOWARN printed something");
	cr_expect_null(alloc_pages(GFP_KERNEL, 10));
	out = host_console_output();
	cr_expect(strstr(out, "swapper: page allocation failure: order:10, mode:0xd0(GFP_KERNEL), "
			 "nodemask=(null)\n"), "%s", out);
	cr_expect(strstr(out, "Call Trace:\n"), "%s", out);
	cr_expect(strstr(out, "Node 0 Normal free:"), "%s", out);
	cr_expect(strstr(out, " 0*4096kB = "), "no order-10 block is left:\n%s", out);
}

Test(buddy, impossible_requests_are_refused_with_a_warning)
{
	struct page *page;
	unsigned long addr;

	host_boot(2ULL << 30);
	host_console_reset();
	cr_expect_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
	cr_expect(strstr(host_console_output(), "WARNING: "), "%s", host_console_output());
	host_console_reset();
	cr_expect_eq(__get_free_pages(GFP_HIGHUSER, 0), 0);
	cr_expect(strstr(host_console_output(), "__GFP_HIGHMEM pages have no kernel address"),
		  "%s", host_console_output());
	page = alloc_page(GFP_KERNEL);
	memset(page_address(page), 0x5a, PAGE_SIZE);
	__free_pages(page, 0);
	addr = get_zeroed_page(GFP_KERNEL);
	cr_assert_eq(virt_to_page((void *)addr), page, "the same page comes back first");
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		cr_assert_eq(((unsigned char *)addr)[i], 0, "byte %lu not zeroed", i);
	free_page(addr);
}
static void expect_bad_page(void (*misuse)(struct page *), unsigned int order, const char *why)
{
	char before[2048], after[2048];
	struct seq_file m = { before, sizeof(before), 0 };
	struct page *page = alloc_pages(GFP_KERNEL, order);

	misuse(page);		/* may free the block first; the report comes after */
	buddyinfo_show(&m);
	host_console_reset();
	misuse(NULL);
	cr_expect(strstr(host_console_output(), "BUG: Bad page state in process swapper"),
		  "no report for \"%s\":\n%s", why, host_console_output());
	cr_expect(strstr(host_console_output(), why), "expected \"%s\" in:\n%s", why,
		  host_console_output());
	m = (struct seq_file){ after, sizeof(after), 0 };
	buddyinfo_show(&m);
	cr_expect_str_eq(after, before, "the misuse changed the free lists");
	cr_expect_eq(check_all(), 0);
}

static struct page *victim;
static void double_free(struct page *p) { if (p) { victim = p; __free_pages(p, 0); } else __free_pages(victim, 0); }
static void wrong_order(struct page *p) { if (p) victim = p; else __free_pages(victim, 1); }
static void reserved(struct page *p) { if (p) { victim = p; __free_pages(p, 0); } else __free_pages(pfn_to_page(0), 0); }
static void negative(struct page *p) { if (p) { victim = p; __free_pages(p, 1); } else put_page(victim + 1); }

Test(buddy, misuse_is_reported_and_loses_nothing)
{
	host_boot(64ULL << 20);
	expect_bad_page(double_free, 0, "freeing a free page (double free)");
	expect_bad_page(wrong_order, 2, "freed with order 1, allocated with order 2");
	expect_bad_page(reserved, 0, "freeing a reserved page");
	expect_bad_page(negative, 1, "page_count going negative");
	host_console_reset();
	print_context();
	cr_expect(strstr(host_console_output(), "Tainted: G    B"), "%s", host_console_output());
}

/* host test of the random workload */
Test(buddy, a_million_random_steps_keep_every_invariant, .timeout = 300)
{
	host_boot(1ULL << 30);
	cr_expect_eq(page_alloc_stress(NULL, 1000000, 12345), 0, "%s", host_console_output());
	cr_expect(strstr(host_console_output(), "0 errors; buddyinfo restored"), "%s",
		  host_console_output());
}

Test(buddy, the_portable_self_tests_pass_on_the_host)
{
	host_boot(2ULL << 30);
	cr_expect_eq(run_selftests(), 0, "%s", host_console_output());
}
