/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <string.h>
#include "../qemu.h"

/* boot tests of the map and the console */
Test(boot, prints_the_e820_map_and_halts_with_status_0, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "2G", "console=ttyS0 hello=world", "mem\nhalt\n");
	cr_expect_eq(b.status, 0, "status %d, output:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "Command line: console=ttyS0 hello=world\n");
	EXPECT_OUTPUT(&b, "BIOS-provided physical RAM map:\n"
		      "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
		      "BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n"
		      "BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved\n"
		      "BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable\n");
	EXPECT_OUTPUT(&b, "1159MB HIGHMEM available.\n887MB LOWMEM available.\n");
	EXPECT_OUTPUT(&b, "    lowmem  : 0xc0000000 - 0xf77fe000   ( 887 MB)\n");
	EXPECT_OUTPUT(&b, "    pkmap   : 0xff800000 - 0xffc00000   (4096 kB)\n");
	EXPECT_OUTPUT(&b, "mm> mem\ne820: [mem 0x0000000000000000-0x0000000000000fff] reserved\n"
		      "e820: [mem 0x0000000000001000-0x000000000009fbff] usable\n");
	EXPECT_OUTPUT(&b, "e820: [mem 0x0000000000100000-0x000000007ffdffff] usable\n");
	EXPECT_OUTPUT(&b, "mm> halt\nreboot: System halted\n");
	boot_free(&b);
}

Test(boot, a_small_machine_has_no_high_memory, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "halt\n");
	cr_expect_eq(b.status, 0, "status %d, output:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "63MB LOWMEM available.\n");
	cr_expect(!strstr(b.output, "HIGHMEM"), "64 MiB has no highmem:\n%s", b.output);
	boot_free(&b);
}

Test(boot, the_shell_answers_help_cmdline_and_unknown_commands, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "128M", "quiet x=1", "help\ncmdline\nfoo bar\ndmesg\nhalt\n");
	cr_expect_eq(b.status, 0, "status %d, output:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "  selftest ");
	EXPECT_OUTPUT(&b, "mm> cmdline\nquiet x=1\n");
	EXPECT_OUTPUT(&b, "foo: unknown command; type 'help' for the list\n");
	EXPECT_OUTPUT(&b, "mm> dmesg\nMemory-book kernel version");
	boot_free(&b);
}
