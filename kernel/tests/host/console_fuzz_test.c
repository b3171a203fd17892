/* Tangled from chapters/10-reclaim.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/shell.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/host.h>

unsigned long slab_objects_in_use(void);	/* mm/slab.h */

/* a fuzzed line for the console */
/* what a fuzzed line is made of: commands and arguments */
static const char *const fuzz_commands[] = {
	"alloc", "buddydemo", "buddyinfo", "cmdline", "democache", "dmesg", "help", "hog",
	"interrupts", "kfree", "kmalloc", "layout", "mem", "memblock", "meminfo",
	"page", "pagetypeinfo", "ps", "shrinkers", "slabdump", "slabinfo", "stress", "uptime",
	"whichflag", "zoneinfo", "nosuchcommand",
};
static const char *const fuzz_args[] = {
	"0", "1", "3", "10", "-1", "+5", "abc", "0x10", "0x", "0xfffffffff", "017", "1K", "4M",
	"2G", "7T", "99999999999999999999", "4294967296", "dma", "highmem", "free", "fill", "drop",
	"types", "page", "zone", "task_struct", "example", "kmalloc-64", "GFP_KERNEL",
	"GFP_ATOMIC|__GFP_ZERO", "GFP_DMA", "irq", "process", "spinlock", "c0100000", "",
};

/* [[fuzz_line]]: one line, of one of four kinds */
/* Append one fuzzed line, ended by '\n', to @buf at *@len. */
static void fuzz_line(char *buf, size_t *len)
{
	int kind = rand() % 10;

	if (kind < 5) {			/* a command and up to four arguments */
		const char *cmd = fuzz_commands[rand() % ARRAY_SIZE(fuzz_commands)];

		*len += (size_t)sprintf(buf + *len, "%s", cmd);
		for (int n = rand() % 5; n > 0; n--)
			*len += (size_t)sprintf(buf + *len, " %s", fuzz_args[rand() % ARRAY_SIZE(fuzz_args)]);
	} else if (kind < 7) {		/* printable words */
		for (int n = 1 + rand() % 40; n > 0; n--)
			buf[(*len)++] = (char)(' ' + rand() % 95);
	} else if (kind < 9) {		/* any bytes but the ends of lines */
		for (int n = 1 + rand() % 40; n > 0; n--) {
			char c = (char)(1 + rand() % 255);

			buf[(*len)++] = c == '\n' || c == '\r' ? 0x7f : c;
		}
	} else {			/* longer than the console's line */
		for (int n = 250 + rand() % 100; n > 0; n--)
			buf[(*len)++] = (char)('a' + rand() % 26);
	}
	buf[(*len)++] = '\n';
}

/* [[console]]: ten thousand fuzzed lines leave the kernel consistent */
#ifndef FUZZ_LINES
#define FUZZ_LINES	10000
#endif

Test(console, ten_thousand_fuzzed_lines_leave_the_kernel_consistent, .timeout = 300)
{
	static char input[10000 * 360 + 256];
	unsigned long before, after;
	unsigned int seed = 20261202;
	const char *out;
	struct zone *zone;
	size_t len = 0;
	int status;

	srand(seed);
	for (int i = 0; i < FUZZ_LINES; i++)
		fuzz_line(input, &len);
	strcpy(input + len, "\nhog free\ndemocache drop\nstress 2000 7\n");
	host_boot(256ULL << 20);
	host_console_reset();
	host_console_set_input(input);
	status = host_run(console_run);
	out = host_console_output();
	cr_assert_eq(status, -1, "the kernel stopped (status %d; seed %u); the end of its output:\n%s",
		     status, seed, out + (strlen(out) > 3000 ? strlen(out) - 3000 : 0));
	/* the kernel's own checks hold after the fuzz */
	for_each_zone(zone)
		cr_expect_eq(check_free_lists(zone), 0, "zone %s: its free lists disagree with its "
			     "counts after the fuzz (seed %u)", zone->name, seed);
	cr_expect(strstr(out, " 0 errors; buddyinfo restored\n"), "seed %u: the stress run after "
		  "the fuzz:\n%s", seed, strstr(out, "mm> stress 2000 7") ? strstr(out, "mm> stress 2000 7") : "");
	cr_assert(strstr(out, "mm> stress 2000 7\n"), "the console did not reach the end of its "
		  "input (seed %u)", seed);
	before = slab_objects_in_use();
	for (int i = 0; i < 1000; i++) {
		void *p = kmalloc((size_t)(1 + rand() % 4096), GFP_KERNEL);

		cr_assert_not_null(p);
		kfree(p);
	}
	after = slab_objects_in_use();
	cr_expect_eq(before, after, "kmalloc and kfree lost count of objects (seed %u)", seed);
}
