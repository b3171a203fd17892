/* Tangled from chapters/08-slabs.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../qemu.h"

/* test one [[slabdump]]: its slots, free list and counts agree */
/* Check the dump that starts at @at: slots, free list and counts agree. */
static void check_dump(const char *at, const char *cache)
{
	static unsigned int place_of[4096];		/* a slot's place in the free list; 0: used */
	unsigned int objects, inuse, free, slot, place, seen_free = 0, n = 0;
	char state[8];
	const char *p;

	cr_assert(at, "no slabdump of %s", cache);
	p = strstr(at, "\nslot offset address  state\n");
	cr_assert(p, "no slot table for %s:\n%s", cache, at);
	for (p = strchr(p + 1, '\n') + 1; sscanf(p, "%u %*x %*x %7s", &slot, state) == 2;
	     p = strchr(p, '\n') + 1) {
		cr_assert(slot == n++ && slot < 4096, "slots in order: %u", slot);
		place_of[slot] = 0;
		if (!strcmp(state, "free")) {
			cr_assert_eq(sscanf(p, "%*u %*x %*x free %u", &place), 1);
			place_of[slot] = place;
			seen_free++;
		} else
			cr_assert_str_eq(state, "used");
	}
	cr_assert(!strncmp(p, "freelist:", 9), "%s", p);
	for (p += 9, n = 0; *p == ' '; n++) {
		slot = (unsigned int)strtoul(p, (char **)&p, 10);
		cr_assert(slot < 4096 && place_of[slot] == n + 1,
			  "%s: free list entry %u is slot %u, whose place is %u", cache, n + 1, slot,
			  slot < 4096 ? place_of[slot] : 0);
	}
	cr_expect_eq(n, seen_free, "the free list visits every free slot once");
	p = strstr(at, "\nobjects ");
	cr_assert(p && sscanf(p, "\nobjects %u: in use %u, free %u", &objects, &inuse, &free) == 3);
	cr_expect_eq(inuse + free, objects, "in use %u + free %u = objects %u", inuse, free, objects);
	cr_expect_eq(free, seen_free);
}

/* boot tests of [[slabdump]] */
Test(slub_boot, slabdump_walks_the_free_list_and_refuses_a_bad_name, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "slabdump kmem_cache\nkmalloc 512\nkmalloc 512\nslabdump kmalloc-512\n"
	     "slabdump\nslabdump nosuch\nslabdump kmalloc-96\nhalt\n");
	cr_assert_eq(b.status, 0, "%s", b.output);
	check_dump(strstr(b.output, "mm> slabdump kmem_cache\n"), "kmem_cache");
	check_dump(strstr(b.output, "mm> slabdump kmalloc-512\n"), "kmalloc-512");
	EXPECT_OUTPUT(&b, "\nobjects 8: in use 2, free 6\n");
	EXPECT_OUTPUT(&b, "mm> slabdump\nusage: slabdump CACHE");
	EXPECT_OUTPUT(&b, "mm> slabdump nosuch\nslabdump: no cache nosuch\nmm> ");
	EXPECT_OUTPUT(&b, "kmem_cache_cpu: page (null), freelist (null): no CPU slab yet\n");
	/* what the prose of the slabdump section reads off the figure */
	EXPECT_OUTPUT(&b, "kmem_cache kmem_cache: object_size 88, size 128, objects 32, order 0\n");
	EXPECT_OUTPUT(&b, "\n  26 0x0d00 ");
	EXPECT_OUTPUT(&b, " free 1\n  27 0x0d80 ");
	EXPECT_OUTPUT(&b, "\nobjects 32: in use 26, free 6\n");
	boot_free(&b);
}
