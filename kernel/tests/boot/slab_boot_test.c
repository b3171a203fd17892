/* Tangled from chapters/09-kmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "../qemu.h"

static void kmalloc_at(const char *mem)
{
	unsigned long active, total;
	const char *line;
	struct boot b;

	cr_assert_eq(qemu_boot(&b, mem, "", "kmalloc 70\nkmalloc 20000\nkmalloc 100 GFP_DMA\n"
			       "slabinfo\nhalt\n", 50), 0);
	cr_assert_eq(b.status, 0, "%s", b.output);
	cr_expect(strstr(b.output, ", ksize 96, kmalloc-96\n"), "%s", b.output);
	cr_expect(strstr(b.output, ", ksize 32768, pages\n"), "%s", b.output);
	cr_expect(strstr(b.output, ", ksize 128, dma-kmalloc-128\n"), "%s", b.output);
	line = strstr(b.output, "\nkmalloc-96 ");
	cr_assert(line && sscanf(line + 11, "%lu %lu", &active, &total) == 2, "%s", b.output);
	cr_expect_eq(active, 1);
	cr_expect_eq(total, 42, "42 objects of 96 bytes in a page");
	boot_free(&b);
}

Test(slab_boot, kmalloc_and_slabinfo_at_64M, .timeout = 60) { kmalloc_at("64M"); }
Test(slab_boot, kmalloc_and_slabinfo_at_2G, .timeout = 60) { kmalloc_at("2G"); }

/* A bad kfree is reported with the address as it was given (%px), and the caller. */
Test(slab_boot, a_bad_kfree_names_the_address_and_the_caller, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "kfree 12345\nhalt\n");
	cr_expect_eq(b.status, 0, "%s", b.output);
	EXPECT_OUTPUT(&b, "BUG: kfree(00012345) from cmd_kfree+0x");
	boot_free(&b);
}
