/* Tangled from chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <string.h>
#include "../qemu.h"

Test(vmalloc_boot, buffers_their_pages_and_the_trees_on_x86, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "vmalloc 16K\nvmalloc 100000\nvmallocinfo\nvfree 0xc47e0000\n"
			    "vfree 0xc47e0000\nvmallocinfo\nvmapcheck\nmeminfo\nselftest\nhalt\n");
	cr_expect_eq(b.status, 0, "status %d:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "vmalloc: 0xc47e0000, 4 pages at pfns ");
	EXPECT_OUTPUT(&b, "0xc47e0000-0xc47e5000   20480 cmd_vmalloc+");
	EXPECT_OUTPUT(&b, " pages=4 vmalloc\n");
	EXPECT_OUTPUT(&b, "Trying to vfree() nonexistent vm area (");
	EXPECT_OUTPUT(&b, "0xc47e0000-0xc47e5000   20480 unpurged vm_area\n");
	EXPECT_OUTPUT(&b, "vmapcheck: ok\n");
	EXPECT_OUTPUT(&b, "VmallocUsed:         100 kB\n");
	EXPECT_OUTPUT(&b, "ok ");
	boot_free(&b);
}

Test(vmalloc_boot, an_overrun_oopses_on_the_guard_page_on_x86, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "lkdtm VMALLOC_LINEAR_OVERFLOW\n");
	cr_expect_eq(b.status, 2, "status %d:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "BUG: unable to handle page fault for address: c47e4000\n");
	EXPECT_OUTPUT(&b, "the address is 0 bytes past the end of the 16384-byte area allocated by "
			  "lkdtm_VMALLOC_LINEAR_OVERFLOW+");
	EXPECT_OUTPUT(&b, "*pte = 00000000 \n");
	boot_free(&b);
}
