/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <string.h>
#include "../qemu.h"

Test(pgtable_boot, ptdump_pagewalk_and_the_flush_counts_on_x86, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "ptdump\npagewalk 0xc3fdf000\ntlbflush 0xd0000000 0xd0022000\n"
			    "tlbflush 0xd0000000 0xd0003000\nvmstat\nselftest\nhalt\n");
	cr_expect_eq(b.status, 0, "status %d:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "0xc0000000-0xc3c00000          60M     RW         PSE     GLB x  pmd\n");
	EXPECT_OUTPUT(&b, "0xc3c00000-0xc3fe0000        3968K     RW                 GLB x  pte\n");
	EXPECT_OUTPUT(&b, "pte  991  03fdf163      RW                 GLB x  -> 4K page, pfn 03fdf\n");
	EXPECT_OUTPUT(&b, "phys 03fdf000, pfn 03fdf\n");
	EXPECT_OUTPUT(&b, "nr_tlb_local_flush_all 1\nnr_tlb_local_flush_one 3\n");
	boot_free(&b);
}
