/* Tangled from chapters/09-kmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/host.h>

/* the timed loops: [[kmalloc]], a cache, and a user-space allocator */
#define PAIRS	2000000UL
#define ROUNDS	7

/* [[now_ns]]: the monotonic clock, in ns */
static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static struct kmem_cache *cache64;

/* [[kmalloc_ns]] and [[cache_ns]]: pairs on the kernel's allocator */
static noinline double kmalloc_ns(size_t size)
{
	double t0 = now_ns();

	for (unsigned long i = 0; i < PAIRS; i++) {
		void *p = kmalloc(size, GFP_KERNEL);

		__asm__ __volatile__("" : : "r"(p) : "memory");
		kfree(p);
	}
	return (now_ns() - t0) / PAIRS;
}

static noinline double cache_ns(size_t size)
{
	double t0 = now_ns();

	for (unsigned long i = 0; i < PAIRS; i++) {
		void *p = kmem_cache_alloc(cache64, GFP_KERNEL);

		__asm__ __volatile__("" : : "r"(p) : "memory");
		kmem_cache_free(cache64, p);
	}
	return (now_ns() - t0) / PAIRS;
}

/* [[user_ns]]: pairs on a user-space allocator */
/* A user-space allocator: its malloc and free, or NULL if not installed. */
struct user_allocator {
	const char *name;
	void *(*alloc)(size_t);
	void (*free)(void *);
};

static noinline double user_ns(const struct user_allocator *a, size_t size)
{
	double t0 = now_ns();

	for (unsigned long i = 0; i < PAIRS; i++) {
		void *p = a->alloc(size);

		__asm__ __volatile__("" : : "r"(p) : "memory");
		a->free(p);
	}
	return (now_ns() - t0) / PAIRS;
}

/* jemalloc and mimalloc, reached through [[dlopen]] */
static void *je_handle;
static void *(*je_mallocx)(size_t, int);
static void (*je_dallocx)(void *, int);
static void *je_malloc(size_t n) { return je_mallocx(n, 0); }
static void je_free(void *p) { je_dallocx(p, 0); }

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

/* [[main]]: time each size on each allocator, and print the table */
int main(int argc, char **argv)
{
	static const size_t sizes[] = { 8, 64, 256, 4096 };
	struct user_allocator users[3] = { { "glibc", malloc, free } };
	unsigned int nusers = 1;
	void *mi;

	if (!getenv("GLIBC_TUNABLES")) {	/* room for jemalloc's thread-local data */
		setenv("GLIBC_TUNABLES", "glibc.rtld.optional_static_tls=65536", 1);
		execv("/proc/self/exe", argv);
	}
	host_boot(256ULL << 20);
	cache64 = kmem_cache_create("bench_64", 64, 0, 0, NULL);
	/* load jemalloc and mimalloc if they are installed */
	je_handle = dlopen("libjemalloc.so.2", RTLD_NOW | RTLD_LOCAL);
	if (je_handle && (je_mallocx = (void *(*)(size_t, int))dlsym(je_handle, "mallocx")) &&
	    (je_dallocx = (void (*)(void *, int))dlsym(je_handle, "dallocx")))
		users[nusers++] = (struct user_allocator){ "jemalloc", je_malloc, je_free };
	mi = dlopen("libmimalloc.so.2", RTLD_NOW | RTLD_LOCAL);
	if (mi && dlsym(mi, "mi_malloc") && dlsym(mi, "mi_free"))
		users[nusers++] = (struct user_allocator){ "mimalloc",
			(void *(*)(size_t))dlsym(mi, "mi_malloc"), (void (*)(void *))dlsym(mi, "mi_free") };
	/* print the table's head, a row a size, and its foot */
	printf("ns per allocation and free, the median of %d interleaved rounds of %lu pairs\n",
	       ROUNDS, PAIRS);
	printf("%-22s %9s", "", "kernel");
	for (unsigned int u = 0; u < nusers; u++)
		printf(" %9s", users[u].name);
	printf("   kernel / fastest\n");
	for (unsigned int row = 0; row <= ARRAY_SIZE(sizes); row++) {
		size_t size = row < ARRAY_SIZE(sizes) ? sizes[row] : 64;
		double k[ROUNDS], t[3][ROUNDS], best = 0;
		char label[32];

		/* time [[ROUNDS]] rounds of the row, the kernel's and each allocator's */
		for (int r = 0; r < ROUNDS; r++) {
			k[r] = row < ARRAY_SIZE(sizes) ? kmalloc_ns(size) : cache_ns(size);
			for (unsigned int u = 0; u < nusers; u++)
				t[u][r] = user_ns(&users[u], size);
		}
		/* print the row: each median, and the kernel's over the fastest */
		snprintf(label, sizeof(label), row < ARRAY_SIZE(sizes) ? "kmalloc(%zu)" :
			 "kmem_cache_alloc(%zu)", size);
		printf("%-22s %9.1f", label, median(k));
		for (unsigned int u = 0; u < nusers; u++) {
			double m = median(t[u]);

			printf(" %9.1f", m);
			if (!best || m < best)
				best = m;
		}
		printf("   %.2f\n", median(k) / best);
	}
	if (nusers < 3)
		printf("(jemalloc or mimalloc not installed: make setup installs libjemalloc2 and "
		       "libmimalloc2.0)\n");
	return 0;
}
