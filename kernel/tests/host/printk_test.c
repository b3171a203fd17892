/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sched/debug.h>
#include <asm/host.h>

/* a helper to check one format */
#define CHECK_FORMAT(want, fmt, ...) do {					\
	char buf[256];								\
	int len = snprintf(buf, sizeof(buf), fmt, ##__VA_ARGS__);		\
	cr_expect_str_eq(buf, want, "format \"%s\": expected \"%s\", got \"%s\"", \
			 fmt, want, buf);					\
	cr_expect_eq(len, (int)strlen(want), "format \"%s\": returned %d, expected %zu", \
		     fmt, len, strlen(want));					\
} while (0)

/* host tests of formatting */
Test(vsnprintf, formats_integers_like_c)
{
	CHECK_FORMAT("0 -1 4294967295", "%d %i %u", 0, -1, 4294967295u);
	CHECK_FORMAT("[   42][42   ][00042][+42][ 42]", "[%5d][%-5d][%05d][%+d][% d]", 42, 42, 42, 42, 42);
	CHECK_FORMAT("ff FF 0xff 0XFF 777 0777", "%x %X %#x %#X %o %#o", 255u, 255u, 255u, 255u, 511u, 511u);
	CHECK_FORMAT("-9223372036854775808 18446744073709551615", "%lld %llu",
		     (long long)(-9223372036854775807LL - 1), 18446744073709551615ULL);
	CHECK_FORMAT("-128 255 -32768 65535", "%hhd %hhu %hd %hu", -128, 255, -32768, 65535);
	CHECK_FORMAT("[  007][7]", "[%5.3d][%.0d]", 7, 7);
	CHECK_FORMAT("[]", "[%.0d]", 0);
	CHECK_FORMAT("0x000000000009fc00", "%#018llx", 0x9fc00ULL);
	CHECK_FORMAT("0x0000000000000000 0x0", "%#018llx %#x", 0ULL, 0u);	/* Linux, not C */
	CHECK_FORMAT("12345 -3", "%zu %td", (size_t)12345, (ptrdiff_t)-3);
}

Test(vsnprintf, formats_strings_chars_and_stars)
{
	const char *volatile null_string = NULL;
	const char *volatile unknown = "100%% %y";	/* not a literal: gcc would refuse %y */

	CHECK_FORMAT("(null)", "%s", null_string);
	CHECK_FORMAT("[  abc][abc  ][ab]", "[%5s][%-5s][%.2s]", "abc", "abc", "abc");
	CHECK_FORMAT("[x][  y][z  ]", "[%c][%3c][%-3c]", 'x', 'y', 'z');
	CHECK_FORMAT("[   ab][ab   ]", "[%*.*s][%*s]", 5, 2, "abc", -5, "ab");
	CHECK_FORMAT("100% %y", unknown);
}

Test(vsnprintf, formats_pointers_at_full_width)
{
	char want[32];

	snprintf(want, sizeof(want), "%0*lx", (int)(2 * sizeof(void *)), 0xbeefUL);
	CHECK_FORMAT(want, "%p", (void *)0xbeefUL);
	CHECK_FORMAT(want, "%px", (void *)0xbeefUL);
	snprintf(want, sizeof(want), "(%0*lx)", (int)(2 * sizeof(void *)), 0x12345UL);
	CHECK_FORMAT(want, "(%px)", (void *)0x12345UL);
}

Test(vsnprintf, truncates_and_reports_the_full_length)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	cr_expect_eq(snprintf(buf, 5, "%s", "abcdefgh"), 8);
	cr_expect_str_eq(buf, "abcd");
	cr_expect_eq(buf[5], 'x', "wrote past the size it was given");
	cr_expect_eq(snprintf(NULL, 0, "%d", -1234), 5);
	cr_expect_eq(scnprintf(buf, 5, "%s", "abcdefgh"), 4);
	cr_expect_eq(scnprintf(buf, 0, "%s", "abc"), 0);
}

/* host tests of [[printk]] */
Test(printk, strips_the_level_and_filters_by_console_loglevel)
{
	host_console_reset();
	console_loglevel = 5;
	printk(KERN_ERR "error %d\n", 1);
	printk(KERN_INFO "hidden\n");
	printk("default level\n");
	pr_notice("notice ");
	pr_cont("continued\n");
	pr_info("info ");
	pr_cont("stays hidden\n");
	cr_expect_str_eq(host_console_output(), "error 1\ndefault level\n",
			 "console got:\n%s", host_console_output());
	console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
}

Test(printk, keeps_every_message_in_the_log_buffer)
{
	console_loglevel = 0;
	pr_debug("a debug line\n");
	console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
	host_console_reset();
	log_buf_dump();
	cr_expect(strstr(host_console_output(), "a debug line\n"), "dmesg lacks the line:\n%s",
		  host_console_output());
}

/* host tests of the reports */
static noinline int warn_if_negative(int x)
{
	return WARN_ON(x < 0);
}

Test(reports, warn_on_reports_the_check_and_carries_on)
{
	const char *out;

	host_console_reset();
	cr_expect_eq(warn_if_negative(1), 0);
	cr_expect_str_eq(host_console_output(), "", "a false WARN_ON printed:\n%s",
			 host_console_output());
	cr_expect_eq(warn_if_negative(-1), 1);
	out = host_console_output();
	cr_expect(strstr(out, "------------[ cut here ]------------\n"), "%s", out);
	cr_expect(strstr(out, "WARNING: CPU: 0 PID: 0 at chapters/01-reports.nw:"), "%s", out);
	cr_expect(strstr(out, "warn_if_negative"), "the report does not name the function:\n%s", out);
	cr_expect(strstr(out, "Call Trace:\n"), "%s", out);
	cr_expect(strstr(out, "---[ end trace"), "%s", out);
	cr_expect_eq(warn_count, 1);
	host_console_reset();
	print_context();
	cr_expect(strstr(host_console_output(), "Tainted: G        W"), "%s", host_console_output());
}

/* (On the host the C library's frames have no names either; the boot test of a
 * warning checks that a whole trace of named frames has no such line.) */
Test(reports, a_frame_without_a_name_ends_the_trace_with_how_to_name_it)
{
	const char *out;

	host_console_reset();
	show_stack(0, 0x10);		/* no function is at 0x10 */
	out = host_console_output();
	cr_expect(strstr(out, "Call Trace:\n ? 0x"), "%s", out);
	cr_expect(strstr(out, " (no name for an address: addr2line -f -e build/kernel/vmlinux ADDRESS)\n"),
		  "%s", out);
}

static void call_bug(void)
{
	BUG_ON(1 + 1 == 2);
}

Test(reports, bug_reports_and_panics)
{
	int status;
	const char *out;

	host_console_reset();
	status = host_run(call_bug);
	out = host_console_output();
	cr_expect_eq(status, EXIT_PANIC, "status %d", status);
	cr_expect(strstr(out, "kernel BUG at chapters/01-reports.nw:"), "%s", out);
	cr_expect(strstr(out, "Oops: BUG in call_bug() [#1]"), "%s", out);
	cr_expect(strstr(out, "Kernel panic - not syncing: Fatal exception\n"), "%s", out);
}
