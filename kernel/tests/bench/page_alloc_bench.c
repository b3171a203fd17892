/* Tangled from chapters/03-getting-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/host.h>

#define PAIRS	2000000UL

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* time pairs of the buddy allocator and of [[malloc]] */
static double buddy_pair_ns(unsigned int order)
{
	double t0 = now_ns();

	for (unsigned long i = 0; i < PAIRS; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		__asm__ __volatile__("" : : "r"(page) : "memory");
		__free_pages(page, order);
	}
	return (now_ns() - t0) / PAIRS;
}

static double malloc_pair_ns(size_t size)
{
	double t0 = now_ns();

	for (unsigned long i = 0; i < PAIRS; i++) {
		void *p = malloc(size);

		__asm__ __volatile__("" : : "r"(p) : "memory");
		free(p);
	}
	return (now_ns() - t0) / PAIRS;
}
/* print each figure beside its comparison */
int main(void)
{
	double b0, m0, b3, m3;

	host_boot(2ULL << 30);
	b0 = buddy_pair_ns(0);
	m0 = malloc_pair_ns(4096);
	b3 = buddy_pair_ns(3);
	m3 = malloc_pair_ns(32768);
	printf("page allocator on the host (-O2), %lu pairs each, ns a pair:\n", PAIRS);
	printf("  alloc_pages+__free_pages order 0 %7.1f   glibc malloc(4096)+free  %7.1f   ratio %.2f\n",
	       b0, m0, b0 / m0);
	printf("  alloc_pages+__free_pages order 3 %7.1f   glibc malloc(32768)+free %7.1f   ratio %.2f\n",
	       b3, m3, b3 / m3);
	return 0;
}
