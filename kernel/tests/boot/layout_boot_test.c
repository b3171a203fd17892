/* Tangled from chapters/16-alignment.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <string.h>
#include "../qemu.h"

Test(layout_boot, x86_32_aligns_long_long_to_4_in_structures, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "layout types\nlayout page\nhalt\n");
	cr_expect_eq(b.status, 0, "status %d:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "long long               8         4             8\n");
	EXPECT_OUTPUT(&b, "void *                  4         4             4\n");
	EXPECT_OUTPUT(&b, "/* size: 32, alignment: 4, cachelines: 1 */\n");
	boot_free(&b);
}
