/* Tangled from chapters/16-alignment.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/shell.h>
#include <asm/host.h>

/* host tests of the [[layout]] command */
static char *layout_of(const char *what)
{
	static char line[64], buf[8192];
	struct seq_file m = { .buf = buf, .size = sizeof(buf) };

	host_boot(64ULL << 20);
	snprintf(line, sizeof(line), "layout %s", what);
	console_exec(&m, line);
	return buf;
}

Test(layout, the_written_order_has_a_hole_and_the_aligned_order_none)
{
	char *out = layout_of("example");
	char *aligned = strstr(out, "struct aligned_order {");

	cr_assert_not_null(aligned, "expected both example structures:\n%s", out);
	*aligned = '\0';
	cr_expect(strstr(out, "bytes hole") != NULL, "expected a hole in struct written_order:\n%s", out);
	*aligned = 's';
	cr_expect(strstr(aligned, "bytes hole") == NULL, "expected no hole in struct aligned_order:\n%s", out);
}

Test(layout, struct_page_has_no_hole_and_fits_a_cache_line)
{
	char *out = layout_of("page");

	cr_expect(strstr(out, "struct page {") != NULL, "%s", out);
	cr_expect(strstr(out, "hole") == NULL, "expected no hole in struct page:\n%s", out);
	cr_expect(strstr(out, "cachelines: 1 */") != NULL, "expected one cache line:\n%s", out);
}

Test(layout, an_unknown_structure_gets_the_usage_line)
{
	char *out = layout_of("nosuch");

	cr_expect(strstr(out, "usage: layout types|example|page|zone|task_struct") != NULL, "%s", out);
	cr_expect(strstr(out, "{") == NULL, "expected nothing else printed:\n%s", out);
}
