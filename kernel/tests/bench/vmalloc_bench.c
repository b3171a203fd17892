/* Tangled from chapters/12-vmalloc.nw, chapters/09-kmalloc.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vm_event_item.h>
#include <linux/vmalloc.h>
#include <asm/host.h>

#define PAIRS	20000UL
#define ROUNDS	7

/* [[now_ns]]: the monotonic clock, in ns */
static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* the median of the rounds */
static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v)
{
	qsort(v, ROUNDS, sizeof(double), compare);
	return v[ROUNDS / 2];
}

/* The ns of one pair, the median of ROUNDS rounds of PAIRS pairs of @alloc and @release. */
static double pairs_ns(void *(*alloc)(size_t), void (*release)(void *))
{
	double v[ROUNDS];

	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_ns();

		for (unsigned long i = 0; i < PAIRS; i++) {
			void *p = alloc(16384);

			__asm__ __volatile__("" : : "r"(p) : "memory");
			release(p);
		}
		v[r] = (now_ns() - t0) / PAIRS;
	}
	return median(v);
}

/* The ptes a vmalloc(16K) sets: the mapped pages of its area, guard page included in the count. */
static unsigned long ptes_of_one(void)
{
	char *p = vmalloc(16384);
	struct vm_struct *vm = find_vm_area(p);
	unsigned long n = 0;

	for (unsigned long off = 0; vm && off < vm->size; off += PAGE_SIZE)
		n += vmalloc_to_page(p + off) != NULL;
	vfree(p);
	return n;
}

static void *v_alloc(size_t n) { return vmalloc(n); }
static void v_free(void *p) { vfree(p); }
static void *k_alloc(size_t n) { return kmalloc(n, GFP_KERNEL); }
static void k_free(void *p) { kfree(p); }
static void *g_alloc(size_t n) { return (void *)__get_free_pages(GFP_KERNEL, 2); }
static void g_free(void *p) { free_pages((unsigned long)p, 2); }

int main(void)
{
	static void *live[10000];
	static const unsigned int lives[] = { 10, 1000, 10000 };
	double first = 0;

	host_boot(512ULL << 20);
	printf("ns per 16 KiB allocation and free, the median of %d rounds of %lu pairs\n",
	       ROUNDS, PAIRS);
	printf("%-28s %9s %12s %12s %10s\n", "", "ns", "ptes/pair", "flushes/pair", "vs first");
	for (unsigned int k = 0, n = 0; k < ARRAY_SIZE(lives); k++) {
		unsigned long flushes, ptes = ptes_of_one();
		double ns;
		char label[40];

		for (; n < lives[k]; n++)
			if (!(live[n] = vmalloc(PAGE_SIZE)))
				return 1;
		flushes = vm_events[NR_TLB_LOCAL_FLUSH_ALL] + vm_events[NR_TLB_LOCAL_FLUSH_ONE];
		ns = pairs_ns(v_alloc, v_free);
		flushes = vm_events[NR_TLB_LOCAL_FLUSH_ALL] + vm_events[NR_TLB_LOCAL_FLUSH_ONE] - flushes;
		if (!first)
			first = ns;
		snprintf(label, sizeof(label), "vmalloc, %u areas live", lives[k]);
		printf("%-28s %9.1f %12lu %12.4f %10.2f\n", label, ns, ptes,
		       (double)flushes / (PAIRS * ROUNDS), ns / first);
	}
	printf("%-28s %9.1f %12d %12d\n", "kmalloc(16K)", pairs_ns(k_alloc, k_free), 0, 0);
	printf("%-28s %9.1f %12d %12d\n", "__get_free_pages(order 2)", pairs_ns(g_alloc, g_free), 0, 0);
	printf("%-28s %9.1f %12d %12d\n", "glibc malloc", pairs_ns(malloc, free), 0, 0);
	printf("lazy unmapping: %lu purges flushed %lu freed areas, %.0f areas a flush\n",
	       vmap_purges, vmap_purged_areas, vmap_purges ? (double)vmap_purged_areas / vmap_purges : 0);
	return 0;
}
