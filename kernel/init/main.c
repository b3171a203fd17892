/* Tangled from chapters/02-memory-map.nw, chapters/05-getting-pages.nw, chapters/09-kmalloc.nw, chapters/10-reclaim.nw, chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/arch.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/shell.h>
#include <linux/selftest.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

/* the boot banner */
const char kernel_banner[] = "Memory-book kernel version 0.1 (gcc version " __VERSION__ ")";

/* kernel command-line parameters */
static bool boot_selftest;

/* Act on the parameters in @cmdline that the kernel knows; ignore the rest. Boot only. */
static void parse_params(const char *cmdline)
{
	for (const char *p = cmdline; p && *p; ) {
		while (*p == ' ')
			p++;
		/* act on the parameter at [[p]] */
		if (strncmp(p, "loglevel=", 9) == 0)
			console_loglevel = (int)simple_strtoul(p + 9, NULL, 10);
		else if (strncmp(p, "selftest", 8) == 0 && (p[8] == ' ' || p[8] == '\0'))
			boot_selftest = true;
		/* kernel parameters of later chapters */
		else if (strncmp(p, "slub_debug", 10) == 0 && (p[10] == ' ' || p[10] == '\0' ||
							       p[10] == '=')) {
			char letters[8] = "";

			for (unsigned int i = 0; i < sizeof(letters) - 1 && p[10] == '=' &&
			     p[11 + i] && p[11 + i] != ' '; i++)
				letters[i] = p[11 + i];
			slub_debug_setup(letters);
		}
		while (*p && *p != ' ')
			p++;
	}
}
static const char *saved_command_line = "";

static int cmd_cmdline(struct seq_file *m, int argc, char **argv)
{
	(void)argc, (void)argv;
	seq_printf(m, "%s\n", saved_command_line);
	return 0;
}
DEFINE_CONSOLE_COMMAND(cmdline, "", "the kernel command line (/proc/cmdline)", cmd_cmdline);
/* Keep @cmdline for the cmdline command; it must live as long as the kernel. */
static void save_command_line(const char *cmdline)
{
	saved_command_line = cmdline;
}

/* [[start_kernel]]: from the machine's setup to the console */
/* linux/init.h. Boot only; does not return. */
void start_kernel(void)
{
	char *command_line;

	/* the machine, the command line and the memory manager */
	pr_notice("%s on %s\n", kernel_banner, arch_name);
	setup_arch(&command_line);
	pr_notice("Kernel command line: %s\n", command_line);
	parse_params(command_line);
	save_command_line(command_line);
	mm_core_init();
	start_contexts();
	if (boot_selftest)
		machine_exit(run_selftests() == 0 ? EXIT_OK : EXIT_TESTS_FAILED);
	pr_info("console: type 'help' for the list of commands\n");
	console_run();
	machine_exit(EXIT_OK);
}

/* linux/init.h. Boot only, once, after setup_arch(). */
void mm_core_init(void)
{
	/* initialize the memory manager */
	memblock_free_all();
	init_per_zone_wmark_min();
	kmem_cache_init();
	kmem_cache_init_late();
	demo_cache_init();
	vmalloc_init();
}
