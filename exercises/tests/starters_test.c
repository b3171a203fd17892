/*
 * The kernel a student starts from, with every exercise's starter in place,
 * must keep its console: each command the console has, typed at a fresh
 * boot, returns to the prompt without an oops or a panic, and the machine
 * halts when told. (A starter may refuse its part with a message; it may not
 * take the console down with it.) Run from the repository root by make test.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const commands[] = {
	"alloc 3", "alloc 2 dma", "alloc 4 highmem", "buddydemo", "buddyinfo", "cmdline",
	"democache fill 100", "dmesg", "free 100 0", "interrupts", "kmalloc 100",
	"kmalloc 5000 GFP_DMA", "kfree c0100000", "kmstress 2 100", "layout types", "layout page",
	"layout zone", "layout task_struct", "lkdtm WARNING", "mem", "memblock", "meminfo",
	"page 100", "pagetypeinfo", "ps", "shrinkers", "slabdump kmalloc-64", "slabinfo",
	"sleep 10", "spin 2 50", "stress 2000 1", "uptime", "whichflag", "zoneinfo", "hog",
	"selftest",
	/* and a session that fragments memory, then takes all of it */
	"alloc 3\nbuddydemo\nstress 2000 1\nkmstress 2 100\nspin 2 50\nhog\nhog free",
};

/* Run @cmd; its output. */
static char *run(const char *cmd, int *status)
{
	char *out = calloc(1, 1 << 20);
	FILE *p = popen(cmd, "r");
	size_t n;

	cr_assert_not_null(p);
	n = fread(out, 1, (1 << 20) - 1, p);
	out[n] = '\0';
	*status = pclose(p);
	return out;
}

Test(starters, every_console_command_keeps_the_console_with_every_starter_in, .timeout = 300)
{
	char dir[] = "/tmp/starters-XXXXXX", cmd[4096];
	size_t len;
	int status;
	char *out;

	cr_assert_not_null(mkdtemp(dir));
	len = (size_t)snprintf(cmd, sizeof(cmd), "build/tangle/tangle --out %s --src %s/src", dir, dir);
	len += (size_t)snprintf(cmd + len, sizeof(cmd) - len,
				" $(for f in exercises/*/starter.nw; do echo --answers $f; done) chapters/*.nw"
				" && make -s -f mk/kernel.mk SRC=%s/src/kernel OBJ=%s/kernel kernel 2>&1",
				dir, dir);
	out = run(cmd, &status);
	cr_assert_eq(status, 0, "the kernel with every starter does not build:\n%s", out);
	free(out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const char *tail;

		snprintf(cmd, sizeof(cmd), "printf '%%s\\nbuddyinfo\\nhalt\\n' '%s' | timeout 60 "
			 "qemu-system-i386 -kernel %s/kernel/vmlinux -m 512M -display none -serial stdio "
			 "-monitor none -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 2>&1",
			 commands[i], dir);
		out = run(cmd, &status);
		tail = strstr(out, "console: type 'help'");
		cr_expect(!strstr(out, "Oops") && !strstr(out, "Kernel panic") &&
			  !strstr(out, "NULL pointer dereference"),
			  "`%s` with the starters crashed the kernel:\n%s", commands[i], tail ? tail : out);
		cr_expect(strstr(out, "reboot: System halted") || strstr(out, "# selftest: "),
			  "the console did not come back after `%s`:\n%s", commands[i], tail ? tail : out);
		free(out);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	system(cmd);
}
