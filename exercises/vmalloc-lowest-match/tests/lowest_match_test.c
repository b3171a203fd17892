#include <criterion/criterion.h>
#include <stdlib.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/vmalloc.h>
#include <asm/host.h>
#include "points.h"

static unsigned int seed;
static char report[1 << 14];

static void boot(void)
{
	host_boot(64ULL << 20);
	seed = (unsigned int)time(NULL);
	srand(seed);
}

static void check_trees(void)
{
	struct seq_file m = { .buf = report, .size = sizeof(report) };

	report[0] = '\0';
	cr_assert_eq(vmap_check(&m), 0, "seed %u: %s", seed, report);
}

Test(lowest_match, a_fresh_area_is_given_out_from_its_start, .description = POINTS(1))
{
	char *a, *b;

	boot();
	a = vmalloc(PAGE_SIZE);
	b = vmalloc(3 * PAGE_SIZE);
	cr_assert(a && b, "vmalloc failed");
	cr_expect_eq((unsigned long)a, VMALLOC_START, "the first area should start the vmalloc area");
	cr_expect_eq((unsigned long)b, VMALLOC_START + 2 * PAGE_SIZE,
		     "the second should follow the first and its guard page");
	check_trees();
}

/* Twenty one-page areas; free a random set, purge; each new one must take the lowest hole. */
Test(lowest_match, each_request_takes_the_lowest_hole_that_fits, .description = POINTS(2))
{
	bool used[64];				/* the first 64 pages of the area: in use? */
	char *area[20];

	boot();
	for (int i = 0; i < 64; i++)
		used[i] = i < 40;
	for (int i = 0; i < 20; i++) {
		area[i] = vmalloc(PAGE_SIZE);
		cr_assert_not_null(area[i]);
	}
	for (int i = 1; i < 19; i++)
		if (rand() % 2) {
			vfree(area[i]);
			used[2 * i] = used[2 * i + 1] = false;
		}
	vm_unmap_aliases();
	check_trees();
	for (int want = 3; want >= 1; want--) {
		int need = want + 1, j = 0;	/* the pages, with the guard page */
		char *p;

		while (j + need <= 64) {
			int k = 0;

			while (k < need && !used[j + k])
				k++;
			if (k == need)
				break;
			j += k + 1;
		}
		p = vmalloc(want * PAGE_SIZE);
		cr_assert_not_null(p, "seed %u: vmalloc(%d pages) failed", seed, want);
		cr_expect_eq((unsigned long)p, VMALLOC_START + j * PAGE_SIZE,
			     "seed %u: %d pages: expected page %d of the area, got page %ld", seed, want, j,
			     (long)(((unsigned long)p - VMALLOC_START) / PAGE_SIZE));
		for (int k = 0; k < need && j + k < 64; k++)
			used[j + k] = true;
		check_trees();
	}
}

Test(lowest_match, an_aligned_request_takes_the_lowest_aligned_fit, .description = POINTS(1))
{
	const unsigned long align = 64 * 1024;
	unsigned long n, end;
	char *p, *q;

	boot();
	n = 1 + (unsigned long)rand() % 8;
	p = vmalloc(n * PAGE_SIZE);
	cr_assert_not_null(p);
	end = (unsigned long)p + (n + 1) * PAGE_SIZE;		/* with its guard page */
	q = __vmalloc_node_range(PAGE_SIZE, align, VMALLOC_START, VMALLOC_END, GFP_KERNEL, PAGE_KERNEL,
				 0, NULL);
	cr_assert_not_null(q, "an aligned request failed");
	cr_expect_eq((unsigned long)q, ALIGN(end, align),
		     "seed %u: after a %lu-page area, expected the first 64 KiB boundary after it", seed, n);
	check_trees();
}

Test(lowest_match, a_random_workload_never_breaks_the_trees, .description = POINTS(1))
{
	char *live[32] = { NULL };

	boot();
	for (int op = 0; op < 20000; op++) {
		int i = rand() % 32;

		if (live[i]) {
			vfree(live[i]);
			live[i] = NULL;
		} else {
			live[i] = vmalloc(PAGE_SIZE * (1 + rand() % 16));
			cr_assert_not_null(live[i], "seed %u, op %d: vmalloc failed", seed, op);
		}
		if (op % 64 == 0)
			vm_unmap_aliases();
		check_trees();
	}
}
