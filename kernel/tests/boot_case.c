/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <string.h>
#include "qemu.h"

void boot_check(const struct boot_case *c)
{
	struct boot b;

	cr_assert_eq(qemu_boot(&b, c->mem, c->append, c->input, 30), 0,
		     "%s: could not start QEMU", c->name);
	cr_expect_eq(b.status, c->status, "%s: status %d, expected %d; output:\n%s",
		     c->name, b.status, c->status, b.output);
	for (size_t i = 0; i < sizeof(c->expect) / sizeof(c->expect[0]) && c->expect[i]; i++)
		cr_expect(strstr(b.output, c->expect[i]), "%s: expected \"%s\" in the output:\n%s",
			  c->name, c->expect[i], b.output);
	for (size_t i = 0; i < sizeof(c->absent) / sizeof(c->absent[0]) && c->absent[i]; i++)
		cr_expect(!strstr(b.output, c->absent[i]), "%s: \"%s\" in the output:\n%s",
			  c->name, c->absent[i], b.output);
	boot_free(&b);
}
