/* Tangled from chapters/05-getting-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/host.h>

#define PAIRS	1000000UL

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* time pairs of the buddy allocator and of [[malloc]] */
/* [[buddy_pair_ns]]: an [[alloc_pages]] and its [[__free_pages]] */
/* The mean time of PAIRS allocations and frees of @order, in ns. */
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

/* [[malloc_pair_ns]]: a [[malloc]] and its [[free]] */
/* The same for malloc(@size) and free. */
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
/* [[median]]: the middle of the rounds */
#define ROUNDS	7

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

/* [[main]]: the rounds, interleaved, then the medians side by side */
int main(void)
{
	double r[4][ROUNDS], b0, m0, b3, m3;

	host_boot(2ULL << 30);
	/* time every variant once in each round */
	for (int i = 0; i < ROUNDS; i++) {
		r[0][i] = buddy_pair_ns(0);
		r[1][i] = malloc_pair_ns(4096);
		r[2][i] = buddy_pair_ns(3);
		r[3][i] = malloc_pair_ns(32768);
	}
	b0 = median(r[0]);
	m0 = median(r[1]);
	b3 = median(r[2]);
	m3 = median(r[3]);
	/* print each median beside [[malloc]]'s, and their ratio */
	printf("page allocator on the host (-O2), median of %d rounds of %lu pairs, ns a pair:\n",
	       ROUNDS, PAIRS);
	printf("  alloc_pages+__free_pages order 0 %7.1f   glibc malloc(4096)+free  %7.1f   ratio %.2f\n",
	       b0, m0, b0 / m0);
	printf("  alloc_pages+__free_pages order 3 %7.1f   glibc malloc(32768)+free %7.1f   ratio %.2f\n",
	       b3, m3, b3 / m3);
	return 0;
}
