/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>
#include "../qemu.h"

/* boot tests of the map and the console */
static struct boot_case console_cases[] = {
	/* the map of a 2 GiB machine, its split, its layout and [[mem]] */
	{ "prints_the_e820_map_and_halts_with_status_0", "2G", "console=ttyS0 hello=world",
	  "mem\nhalt\n", 0,
	  { "Command line: console=ttyS0 hello=world\n",
	    "BIOS-provided physical RAM map:\n"
	    "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
	    "BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n"
	    "BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved\n"
	    "BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable\n",
	    "1159MB HIGHMEM available.\n887MB LOWMEM available.\n",
	    "    lowmem  : 0xc0000000 - 0xf77fe000   ( 887 MB)\n",
	    "    pkmap   : 0xff800000 - 0xffc00000   (4096 kB)\n",
	    "mm> mem\ne820: [mem 0x0000000000000000-0x0000000000000fff] reserved\n"
	    "e820: [mem 0x0000000000001000-0x000000000009fbff] usable\n",
	    "e820: [mem 0x0000000000100000-0x000000007ffdffff] usable\n",
	    "mm> halt\nreboot: System halted\n" }, { NULL } },
	{ "a_small_machine_has_no_high_memory", "64M", "", "halt\n", 0,
	  { "63MB LOWMEM available.\n" }, { "HIGHMEM" } },
	{ "the_shell_answers_help_cmdline_and_unknown_commands", "128M", "quiet x=1",
	  "help\ncmdline\nfoo bar\ndmesg\nhalt\n", 0,
	  { "  selftest ", "mm> cmdline\nquiet x=1\n",
	    "foo: unknown command; type 'help' for the list\n",
	    "mm> dmesg\nMemory-book kernel version" }, { NULL } },
};
BOOT_CASES(console, console_cases)
