/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/shell.h>
#include <linux/init.h>
#include <linux/multiboot.h>
#include <asm/host.h>

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

/* host tests of the console's numbers */
Test(shell, an_over_long_line_is_refused_and_a_long_message_keeps_its_newline)
{
	static char input[1024];
	const char *out;
	int status;

	memset(input, 'y', 300);
	input[300] = '\n';
	memset(input + 301, 'x', 254);
	strcpy(input + 555, "\nfree abc def\nhalt\n");
	host_console_reset();
	host_console_set_input(input);
	status = host_run(start_kernel);
	out = host_console_output();
	cr_expect_eq(status, EXIT_OK, "%s", out);
	cr_expect(strstr(out, "\nconsole: line too long (more than 255 characters); ignored\nmm> "), "%s", out);
	cr_expect(!strstr(out, "yyyy: unknown command"), "a cut line was run: %s", out);
	cr_expect(strstr(out, "...\nmm> free abc def\nfree: invalid PFN 'abc'"),
		  "the cut message must end its line: %s", out);
}

Test(shell, ctrl_c_drops_the_line_being_typed_and_keeps_what_follows)
{
	const char *out;

	host_console_reset();
	host_console_set_input("bogus\003zzz\nhalt\n");
	cr_expect_eq(host_run(start_kernel), EXIT_OK, "%s", host_console_output());
	out = host_console_output();
	cr_expect(strstr(out, "mm> bogus^C\nmm> zzz\nzzz: unknown command"), "%s", out);
	cr_expect(!strstr(out, "boguszzz"), "%s", out);
}

Test(shell, a_command_sees_ctrl_c_and_the_bytes_around_it_are_kept)
{
	const char *out;

	host_console_reset();
	host_console_set_input("ab\003cd\n");
	cr_expect(console_interrupted(), "a Ctrl-C is waiting");
	cr_expect(!console_interrupted(), "it was consumed");
	console_run();
	out = host_console_output();
	cr_expect(strstr(out, "^C\nmm> abcd\nabcd: unknown command"), "%s", out);
}

Test(kstrtoul, takes_the_whole_string_or_nothing)
{
	static const struct { const char *s; unsigned int base; int rc; unsigned long v; } cases[] = {
		{ "42", 0, 0, 42 }, { "+42", 10, 0, 42 }, { "0x1f", 0, 0, 31 }, { "017", 0, 0, 15 },
		{ "1f", 16, 0, 31 }, { "0x1f", 16, 0, 31 }, { "7\n", 10, 0, 7 }, { "4294967295", 10, 0, 4294967295UL },
		{ "", 0, -EINVAL, 0 }, { "abc", 10, -EINVAL, 0 }, { "-1", 0, -EINVAL, 0 },
		{ "12x", 0, -EINVAL, 0 }, { "0x", 0, -EINVAL, 0 }, { "7\n\n", 10, -EINVAL, 0 },
		{ "1 2", 10, -EINVAL, 0 }, { "99999999999999999999", 10, -ERANGE, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned long v = 12345;
		int rc = kstrtoul(cases[i].s, cases[i].base, &v);

		cr_expect_eq(rc, cases[i].rc, "kstrtoul(\"%s\", %u) returned %d", cases[i].s, cases[i].base, rc);
		cr_expect_eq(v, rc ? 12345 : cases[i].v, "kstrtoul(\"%s\") gave %lu", cases[i].s, v);
	}
	if (sizeof(long) == 4)
		cr_expect_eq(kstrtoul("4294967296", 10, &(unsigned long){ 0 }), -ERANGE);
}

Test(console_number, checks_the_range_and_reads_the_suffixes)
{
	char buf[512] = "";
	struct seq_file m = { buf, sizeof(buf), 0 };
	unsigned long v = 7;

	cr_expect_eq(console_number(&m, "cmd", "N", "3", 1, 5, false, &v), 0);
	cr_expect_eq(v, 3);
	cr_expect_eq(console_number(&m, "cmd", "SIZE", "4K", 0, 1UL << 20, true, &v), 0);
	cr_expect_eq(v, 4096);
	cr_expect_eq(console_number(&m, "cmd", "SIZE", "1M", 0, 1UL << 20, true, &v), 0);
	cr_expect_eq(v, 1UL << 20);
	cr_expect_str_eq(buf, "", "no complaint for good numbers: %s", buf);
	cr_expect_eq(console_number(&m, "cmd", "N", "6", 1, 5, false, &v), -EINVAL);
	cr_expect_str_eq(buf, "cmd: invalid N '6' (expected a number from 1 to 5)\n");
	cr_expect_eq(v, 1UL << 20, "a refused number leaves the value alone");
	m.count = 0;
	cr_expect_eq(console_number(&m, "cmd", "N", "4K", 0, 1UL << 20, false, &v), -EINVAL,
		     "a suffix only where a size is asked for");
	cr_expect_eq(console_number(&m, "cmd", "SIZE", "2M", 0, 1UL << 20, true, &v), -EINVAL);
	cr_expect_eq(console_number(&m, "cmd", "SIZE", "5G", 0, 0xffffffffUL, true, &v), -EINVAL,
		     "5 GiB is more than 32 bits hold");
	cr_expect_eq(console_number(&m, "cmd", "SIZE", "K", 0, ~0UL, true, &v), -EINVAL);
}

/* Run @line on the console; what it printed, in @buf. */
static int run_line(char *buf, size_t size, const char *line)
{
	struct seq_file m = { buf, size, 0 };
	char copy[256];

	buf[0] = '\0';
	snprintf(copy, sizeof(copy), "%s", line);
	return console_exec(&m, copy);
}

Test(console_number, every_command_refuses_a_bad_number_and_changes_nothing)
{
	static const char *const bad[] = {
		"alloc abc", "alloc -1", "alloc 99999999999999999999", "alloc 11", "free abc def",
		"free 1 99", "free 99999999 0", "page xyz", "page -1", "kmalloc abc", "kmalloc -5",
		"kmalloc 5M", "kfree zz", "sleep -1", "sleep 1x", "stress 99999999999 1", "stress 0",
		"stress 10 -3", "spin 0", "spin 9", "spin 2 0", "kmstress 0", "kmstress 2 -1",
		"democache fill x", "democache fill 0",
	};
	static char before[8192], after[8192], slabs[8192], out[512];

	host_boot(64ULL << 20);
	run_line(before, sizeof(before), "buddyinfo");
	run_line(slabs, sizeof(slabs), "slabinfo");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		cr_expect_eq(run_line(out, sizeof(out), bad[i]), -1, "'%s' was taken: %s", bad[i], out);
		cr_expect(strstr(out, ": invalid ") && out[strlen(out) - 1] == '\n',
			  "'%s' printed no 'invalid' line: %s", bad[i], out);
	}
	run_line(after, sizeof(after), "buddyinfo");
	cr_expect_str_eq(after, before, "the free lists changed");
	run_line(after, sizeof(after), "slabinfo");
	cr_expect_str_eq(after, slabs, "the slab caches changed");
}
