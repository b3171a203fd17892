/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
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
