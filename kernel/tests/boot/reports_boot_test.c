/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <string.h>
#include "../qemu.h"

/* boot tests of the reports */
Test(boot, a_warning_reports_and_the_console_goes_on, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "lkdtm WARNING\nhalt\n");
	cr_expect_eq(b.status, 0, "status %d, output:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "WARNING: CPU: 0 PID: 0 at chapters/01-reports.nw:");
	EXPECT_OUTPUT(&b, "at chapters/01-reports.nw:");
	EXPECT_OUTPUT(&b, " lkdtm_WARNING+0x");
	EXPECT_OUTPUT(&b, "Call Trace:\n __warn+0x");
	EXPECT_OUTPUT(&b, "\n lkdtm_WARNING+0x");
	EXPECT_OUTPUT(&b, "\n cmd_lkdtm+0x");
	EXPECT_OUTPUT(&b, "reboot: System halted");
	boot_free(&b);
}

Test(boot, bug_panics_with_a_report, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "lkdtm BUG\n");
	cr_expect_eq(b.status, 2, "status %d, output:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "kernel BUG at chapters/01-reports.nw:");
	EXPECT_OUTPUT(&b, "Oops: BUG in lkdtm_BUG() [#1]");
	EXPECT_OUTPUT(&b, " cmd_lkdtm+0x");
	EXPECT_OUTPUT(&b, "Kernel panic - not syncing: Fatal exception\n");
	boot_free(&b);
}

Test(boot, a_null_dereference_gets_a_page_fault_oops, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "lkdtm EXCEPTION\n");
	cr_expect_eq(b.status, 2, "status %d, output:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "BUG: kernel NULL pointer dereference, address: 00000000\n");
	EXPECT_OUTPUT(&b, "#PF: supervisor write access in kernel mode\n");
	EXPECT_OUTPUT(&b, "#PF: error_code(0x0002) - not-present page\n");
	EXPECT_OUTPUT(&b, "Trap: vector 14 (page fault), error code 0x2\n");
	EXPECT_OUTPUT(&b, "EIP: lkdtm_EXCEPTION+0x");
	EXPECT_OUTPUT(&b, "CR0: ");
	EXPECT_OUTPUT(&b, "Call Trace:\n ? cmd_lkdtm+0x");
	EXPECT_OUTPUT(&b, "\n console_exec+0x");
	boot_free(&b);
}

/* Each crash, and lines its oops must hold. */
static const struct {
	const char *input;
	const char *expect[2];
} exception_reports[] = {
	{ "lkdtm DIVIDE\n", { "divide error: 0000 [#1]\nTrap: vector 0 (divide error), error code 0x0\n",
			      "EIP: lkdtm_DIVIDE+0x" } },
	{ "lkdtm UNMAPPED\n", { "BUG: unable to handle page fault for address: fffffff0\n",
				"#PF: supervisor read access in kernel mode\n" } },
	{ "lkdtm INVALID_OPCODE\n", { "invalid opcode: 0000 [#1]\nTrap: vector 6 (invalid opcode)",
				      "EIP: arch_invalid_opcode+0x" } },
};

Test(boot, other_exceptions_are_named, .timeout = 120)
{
	for (size_t i = 0; i < sizeof(exception_reports) / sizeof(exception_reports[0]); i++) {
		struct boot b;

		BOOT(&b, "64M", "", exception_reports[i].input);
		cr_expect_eq(b.status, 2, "%s: status %d", exception_reports[i].input, b.status);
		for (int j = 0; j < 2; j++)
			EXPECT_OUTPUT(&b, exception_reports[i].expect[j]);
		boot_free(&b);
	}
}
