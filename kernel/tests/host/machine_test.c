/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/shell.h>
#include <linux/init.h>
#include <linux/sched/debug.h>
#include <asm/multiboot.h>
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
/* host tests of the memory map */
static const char qemu_2g_map[] =
	"BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
	"BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n"
	"BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved\n"
	"BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable\n"
	"BIOS-e820: [mem 0x000000007ffe0000-0x000000007fffffff] reserved\n"
	"BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved\n";

Test(e820, parses_and_prints_qemus_2g_map_as_linux_does)
{
	static char mmap[512];
	struct multiboot_info mbi = { .flags = MULTIBOOT_INFO_MEM_MAP };
	static struct e820_table t;

	mbi.mmap_length = host_multiboot_mmap(mmap, sizeof(mmap), 2ULL << 30);
	cr_assert_eq(e820__from_multiboot(&t, &mbi, mmap, mbi.mmap_length), 6);
	host_console_reset();
	e820__print_table(&t, "BIOS-e820");
	cr_expect_str_eq(host_console_output(), qemu_2g_map, "printed:\n%s", host_console_output());
	cr_expect_eq(e820__end_of_ram_pfn(&t, ~0UL), 0x7ffe0);
	cr_expect_eq(e820__total(&t, E820_TYPE_RAM), 0x9fc00 + 0x7fee0000ULL);
}

static struct e820_table *table_of(const u64 (*r)[3], int n)
{
	static struct e820_table t;

	t.nr_entries = 0;
	for (int i = 0; i < n; i++)
		e820__range_add(&t, r[i][0], r[i][1], (enum e820_type)r[i][2]);
	e820__update_table(&t);
	return &t;
}

#define EXPECT_RANGE(t, i, a, s, ty) do {					\
	cr_expect_eq((t)->entries[i].addr, (u64)(a), "entry %d: addr %#llx, expected %#llx", \
		     i, (unsigned long long)(t)->entries[i].addr, (unsigned long long)(a)); \
	cr_expect_eq((t)->entries[i].size, (u64)(s), "entry %d: size %#llx, expected %#llx", \
		     i, (unsigned long long)(t)->entries[i].size, (unsigned long long)(s)); \
	cr_expect_eq((t)->entries[i].type, ty, "entry %d: type %d, expected %d", \
		     i, (t)->entries[i].type, ty);				\
} while (0)

Test(e820, overlap_goes_to_the_larger_type)
{
	static const u64 r[][3] = { { 0x800, 0x1800, 2 }, { 0, 0x1000, 1 } };
	struct e820_table *t = table_of(r, 2);

	cr_assert_eq(t->nr_entries, 2);
	EXPECT_RANGE(t, 0, 0, 0x800, E820_TYPE_RAM);
	EXPECT_RANGE(t, 1, 0x800, 0x1800, E820_TYPE_RESERVED);
}

Test(e820, sorts_merges_neighbours_and_drops_empty_ranges)
{
	static const u64 r[][3] = {
		{ 0x200000, 0x100000, 1 }, { 0x100000, 0x100000, 1 }, { 0x5000, 0, 2 },
		{ 0, 0x1000, 1 }, { 0x300000, 0x1000, 4 }, { 0x100000, 0x80000, 1 },
	};
	struct e820_table *t = table_of(r, 6);

	cr_assert_eq(t->nr_entries, 3, "got %u entries", t->nr_entries);
	EXPECT_RANGE(t, 0, 0, 0x1000, E820_TYPE_RAM);
	EXPECT_RANGE(t, 1, 0x100000, 0x200000, E820_TYPE_RAM);
	EXPECT_RANGE(t, 2, 0x300000, 0x1000, E820_TYPE_NVS);
}

Test(e820, refuses_a_map_entry_with_a_bad_size)
{
	struct multiboot_mmap_entry e[2] = {
		{ 20, 0, 0x9fc00, 1 }, { 7, 0x100000, 0x100000, 1 },
	};
	struct multiboot_info mbi = { .flags = MULTIBOOT_INFO_MEM_MAP };
	static struct e820_table t;

	host_console_reset();
	cr_expect_eq(e820__from_multiboot(&t, &mbi, e, sizeof(e)), -1);
	cr_expect(strstr(host_console_output(), "entry at offset 24 has bad size 7"),
		  "message was: %s", host_console_output());
	host_console_reset();
	cr_expect_eq(e820__from_multiboot(&t, &mbi, e, sizeof(e) - 1), -1);
	cr_expect(strstr(host_console_output(), "entry at offset 24 runs past the map's 47 bytes"),
		  "message was: %s", host_console_output());
}

Test(e820, falls_back_on_the_two_counters_without_a_map)
{
	struct multiboot_info mbi = { .flags = MULTIBOOT_INFO_MEMORY, .mem_lower = 639,
				      .mem_upper = 64512 };
	static struct e820_table t;

	cr_assert_eq(e820__from_multiboot(&t, &mbi, NULL, 0), 2);
	EXPECT_RANGE(&t, 0, 0, 639 << 10, E820_TYPE_RAM);
	EXPECT_RANGE(&t, 1, 1 << 20, 64512 << 10, E820_TYPE_RAM);
	mbi.flags = 0;
	cr_expect_eq(e820__from_multiboot(&t, &mbi, NULL, 0), -1);
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
	cr_expect(strstr(out, "WARNING: CPU: 0 PID: 0 at chapters/00-machine.nw:"), "%s", out);
	cr_expect(strstr(out, "warn_if_negative"), "the report does not name the function:\n%s", out);
	cr_expect(strstr(out, "Call Trace:\n"), "%s", out);
	cr_expect(strstr(out, "---[ end trace"), "%s", out);
	cr_expect_eq(warn_count, 1);
	host_console_reset();
	print_context();
	cr_expect(strstr(host_console_output(), "Tainted: G        W"), "%s", host_console_output());
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
	cr_expect(strstr(out, "kernel BUG at chapters/00-machine.nw:"), "%s", out);
	cr_expect(strstr(out, "Oops: BUG in call_bug() [#1]"), "%s", out);
	cr_expect(strstr(out, "Kernel panic - not syncing: Fatal exception\n"), "%s", out);
}
/* host tests of the shell and of booting */
Test(shell, runs_commands_and_refuses_unknown_ones)
{
	char buf[4096] = "";
	struct seq_file m = { buf, sizeof(buf), 0 };
	char help[] = "help", bogus[] = "frobnicate now", lk[] = "lkdtm";

	cr_expect_eq(console_exec(&m, help), 0);
	cr_expect(strstr(buf, "  halt "), "help lacks halt:\n%s", buf);
	cr_expect(strstr(buf, "  selftest "), "help lacks selftest:\n%s", buf);
	cr_expect(strstr(buf, "  cmdline ") < strstr(buf, "  halt "), "help is not sorted:\n%s", buf);
	m.count = 0;
	cr_expect_eq(console_exec(&m, bogus), -1);
	cr_expect_str_eq(buf, "frobnicate: unknown command; type 'help' for the list\n");
	m.count = 0;
	cr_expect_eq(console_exec(&m, lk), -1);
	cr_expect(strstr(buf, "usage: lkdtm TYPE"), "%s", buf);
}

Test(boot, the_portable_kernel_boots_on_the_host_and_halts)
{
	const char *out;
	int status;

	host_console_reset();
	host_console_set_input("cmdline\nhalt\n");
	status = host_run(start_kernel);
	out = host_console_output();
	cr_expect_eq(status, EXIT_OK, "status %d, output:\n%s", status, out);
	cr_expect(strstr(out, "Memory-book kernel version"), "%s", out);
	cr_expect(strstr(out, qemu_2g_map), "the map differs:\n%s", out);
	cr_expect(strstr(out, "mm> cmdline\nconsole=host\nmm> halt\nreboot: System halted\n"),
		  "%s", out);
}
