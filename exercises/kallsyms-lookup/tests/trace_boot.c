#include <criterion/criterion.h>
#include <string.h>
#include "qemu.h"
#include "points.h"

Test(kallsyms_lookup_boot, a_warning_names_the_functions_of_its_call_trace,
     .description = POINTS(2), .timeout = 120)
{
	struct boot b;
	const char *report;

	cr_assert_eq(qemu_boot(&b, "128M", "", "lkdtm WARNING\nhalt\n", 90), 0);
	report = strstr(b.output, "Call Trace:");
	cr_expect(report && strstr(report, "\n lkdtm_WARNING+0x"),
		  "expected the call trace to name lkdtm_WARNING+0x.../0x...; the kernel said:\n%s",
		  report ? report : b.output);
	cr_expect(report && strstr(report, " cmd_lkdtm+0x"),
		  "expected cmd_lkdtm+0x.../0x... further down the call trace; the kernel said:\n%s",
		  report ? report : b.output);
	boot_free(&b);
}
