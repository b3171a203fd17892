#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <asm/host.h>
#include "points.h"

/* A small stand-in for physical memory, as in the chapter's own tests; lists emptied. */
static char fake_ram[4 << 20] __attribute__((aligned(4096)));

static void fresh_memblock(void)
{
	memblock.memory.cnt = 0;
	memblock.reserved.cnt = 0;
	host_phys_base = fake_ram;
	memblock_set_current_limit(sizeof(fake_ram));
}

/* The regions of @type as text, "[start, end) [start, end) ..." (a static buffer). */
static const char *regions(const struct memblock_type *type)
{
	static char buf[8][2048];
	static int next;
	char *s = buf[next++ % 8];
	int len = 0;

	s[0] = '\0';
	for (unsigned long i = 0; i < type->cnt && len < 1900; i++)
		len += snprintf(s + len, 2048 - len, "%s[0x%llx, 0x%llx)", i ? " " : "",
				(unsigned long long)type->regions[i].base,
				(unsigned long long)(type->regions[i].base + type->regions[i].size));
	return s;
}

#define expect_regions(type, want) \
	cr_expect(strcmp(regions(type), want) == 0, "%s list: expected %s, saw %s", \
		  (type)->name, want, regions(type))

Test(memblock_merge, touching_ranges_become_one, .description = POINTS(1))
{
	fresh_memblock();
	memblock_add(0x1000, 0x1000);
	memblock_add(0x2000, 0x1000);
	expect_regions(&memblock.memory, "[0x1000, 0x3000)");
	memblock_add(0x0, 0x1000);			/* touching from below */
	expect_regions(&memblock.memory, "[0x0, 0x3000)");
}

Test(memblock_merge, overlapping_ranges_become_one, .description = POINTS(1))
{
	fresh_memblock();
	memblock_add(0x1000, 0x2000);
	memblock_add(0x2000, 0x3000);
	expect_regions(&memblock.memory, "[0x1000, 0x5000)");
	memblock_add(0x800, 0x1000);
	expect_regions(&memblock.memory, "[0x800, 0x5000)");
	memblock_add(0x800, 0x4800);			/* the same range again */
	expect_regions(&memblock.memory, "[0x800, 0x5000)");
}

Test(memblock_merge, a_range_inside_another_disappears, .description = POINTS(2))
{
	fresh_memblock();
	memblock_add(0x1000, 0x8000);
	memblock_add(0x2000, 0x1000);			/* inside, after it in the list */
	expect_regions(&memblock.memory, "[0x1000, 0x9000)");
	memblock_add(0x1000, 0x10);			/* inside, at the same base */
	expect_regions(&memblock.memory, "[0x1000, 0x9000)");
	fresh_memblock();
	memblock_add(0x3000, 0x100);
	memblock_add(0x2000, 0x4000);			/* around it, before it in the list */
	expect_regions(&memblock.memory, "[0x2000, 0x6000)");
}

Test(memblock_merge, a_range_over_several_merges_them_all, .description = POINTS(2))
{
	fresh_memblock();
	memblock_add(0x8000, 0x1000);
	memblock_add(0x1000, 0x1000);
	memblock_add(0x5000, 0x1000);
	memblock_add(0x3000, 0x1000);
	memblock_add(0xa000, 0x1000);
	expect_regions(&memblock.memory,
		       "[0x1000, 0x2000) [0x3000, 0x4000) [0x5000, 0x6000) [0x8000, 0x9000) [0xa000, 0xb000)");
	memblock_add(0x1800, 0x4000);			/* from inside the first to inside the third */
	expect_regions(&memblock.memory, "[0x1000, 0x6000) [0x8000, 0x9000) [0xa000, 0xb000)");
	memblock_add(0x6000, 0x4000);			/* touches three at once */
	expect_regions(&memblock.memory, "[0x1000, 0xb000)");
}

Test(memblock_merge, unrelated_ranges_stay_apart, .description = POINTS(1))
{
	fresh_memblock();
	memblock_add(0x1000, 0x1000);
	memblock_add(0x2001, 0xfff);			/* one byte of gap */
	memblock_add(0x3000, 0x1000);			/* touches the one before */
	memblock_add(0x10000, 0x1000);
	expect_regions(&memblock.memory, "[0x1000, 0x2000) [0x2001, 0x4000) [0x10000, 0x11000)");
}

Test(memblock_merge, reserved_ranges_and_allocations_merge_the_same_way,
     .description = POINTS(1))
{
	fresh_memblock();
	memblock_reserve(0x1000, 0x1000);
	memblock_reserve(0x2000, 0x1000);
	memblock_reserve(0x1800, 0x100);
	expect_regions(&memblock.reserved, "[0x1000, 0x3000)");
	memblock_add(0, sizeof(fake_ram));
	for (int i = 0; i < 5; i++)
		cr_assert_not_null(memblock_alloc(PAGE_SIZE, PAGE_SIZE));
	expect_regions(&memblock.reserved, "[0x1000, 0x3000) [0x3fb000, 0x400000)");
	expect_regions(&memblock.memory, "[0x0, 0x400000)");
}

Test(memblock_merge, memblock_total_counts_each_byte_once, .description = POINTS(1))
{
	fresh_memblock();
	memblock_add(0x100000, 0x200000);
	memblock_add(0x200000, 0x200000);		/* 1 MiB of it again */
	memblock_add(0x100000, 0x100000);		/* and again */
	memblock_add(0x500000, 0x1000);
	cr_expect_eq(memblock_total(&memblock.memory), 0x301000,
		     "expected %#x bytes of memory, saw %#llx (%s)", 0x301000,
		     (unsigned long long)memblock_total(&memblock.memory), regions(&memblock.memory));
}

/* A tiny linear congruential generator: the same ranges on every run. */
static unsigned int rnd(unsigned int *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

Test(memblock_merge, a_hundred_random_ranges_give_their_union, .description = POINTS(3))
{
	static bool in[1024];			/* which 16-byte units are covered */
	unsigned int seed = 2024;
	char want[2048];
	int len = 0;

	fresh_memblock();
	for (int k = 0; k < 100; k++) {
		unsigned int start = rnd(&seed) % 1000, units = 1 + rnd(&seed) % 12;

		memblock_add(0x10000 + start * 16, units * 16);
		for (unsigned int u = start; u < start + units; u++)
			in[u] = true;
	}
	want[0] = '\0';
	for (unsigned int u = 0; u < 1024; u++) {
		unsigned int end = u;

		if (!in[u])
			continue;
		while (end < 1024 && in[end])
			end++;
		len += snprintf(want + len, sizeof(want) - len, "%s[0x%x, 0x%x)", len ? " " : "",
				0x10000 + u * 16, 0x10000 + end * 16);
		u = end;
	}
	expect_regions(&memblock.memory, want);
}
