/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/arch.h>
#include <linux/shell.h>
#include <linux/selftest.h>

extern const struct selftest __start_selftests[], __stop_selftests[];

void selftest_fail(struct selftest_ctx *t, const char *file, int line, const char *fmt, ...)
{
	va_list args;

	printk(KERN_ERR "    # %s: EXPECTATION FAILED at %s:%d\n    ", t->name, file, line);
	va_start(args, fmt);
	vprintk(fmt, args);
	va_end(args);
	printk(KERN_CONT "\n");
	t->failures++;
}

/* [[run_selftests]]: KTAP, a line a test */
int run_selftests(void)
{
	int n = (int)(__stop_selftests - __start_selftests), failed = 0;

	printk(KERN_ERR "KTAP version 1\n1..%d\n", n);
	for (int i = 0; i < n; i++) {
		struct selftest_ctx t = { __start_selftests[i].name, 0 };

		__start_selftests[i].run(&t);
		printk(KERN_ERR "%sok %d %s\n", t.failures ? "not " : "", i + 1, t.name);
		failed += t.failures != 0;
	}
	printk(KERN_ERR "# selftest: pass:%d fail:%d\n", n - failed, failed);
	return failed;
}

static int cmd_selftest(struct seq_file *m, int argc, char **argv)
{
	(void)m, (void)argc, (void)argv;
	machine_exit(run_selftests() == 0 ? EXIT_OK : EXIT_TESTS_FAILED);
}
DEFINE_CONSOLE_COMMAND(selftest, "", "run the self-tests (KTAP), then exit with their verdict",
		       cmd_selftest);
