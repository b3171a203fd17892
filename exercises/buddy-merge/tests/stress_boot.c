#include <criterion/criterion.h>
#include <string.h>
#include "qemu.h"
#include "points.h"

Test(buddy_merge_boot, stress_restores_buddyinfo_in_the_kernel, .description = POINTS(2),
     .timeout = 120)
{
	struct boot b;

	cr_assert_eq(qemu_boot(&b, "512M", "", "stress 20000 3\nhalt\n", 90), 0);
	cr_expect(strstr(b.output, "0 errors; buddyinfo restored"), "the kernel said:\n%s",
		  strstr(b.output, "mm> stress") ? strstr(b.output, "mm> stress") : b.output);
	boot_free(&b);
}
