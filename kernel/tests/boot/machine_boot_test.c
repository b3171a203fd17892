/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>
#include "../qemu.h"

/* boot tests of the harness */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

Test(harness, a_kernel_that_never_exits_is_killed_at_the_deadline, .timeout = 30)
{
	struct boot b;

	cr_assert_eq(qemu_boot(&b, "64M", "", "help\n", 2), 0);
	cr_expect_eq(b.status, -1, "expected a timeout, got status %d", b.status);
	EXPECT_OUTPUT(&b, "mm> help\n");
	cr_expect(kill(b.pid, 0) == -1 && errno == ESRCH, "QEMU (pid %d) is still there", b.pid);
	boot_free(&b);
}

Test(harness, qemu_dies_with_the_process_that_started_it, .timeout = 30)
{
	int report[2], to, from, qemu = 0;
	pid_t child;

	cr_assert_eq(pipe(report), 0);
	child = fork();
	if (child == 0) {		/* a test process that starts QEMU, then dies */
		int pid = qemu_start("64M", "", &to, &from);

		if (write(report[1], &pid, sizeof(pid)) != sizeof(pid))
			_exit(1);
		sleep(1);
		_exit(0);
	}
	cr_assert_eq(read(report[0], &qemu, sizeof(qemu)), (ssize_t)sizeof(qemu));
	cr_assert_gt(qemu, 0);
	waitpid(child, NULL, 0);
	for (int i = 0; i < 50 && kill(qemu, 0) == 0; i++)
		usleep(100 * 1000);	/* QEMU is a child of init now; wait for its end */
	cr_expect(kill(qemu, 0) == -1, "QEMU (pid %d) outlived the process that started it", qemu);
}

/* boot tests of the self-tests */
static struct boot_case selftest_cases[] = {
	{ "selftest_prints_ktap_and_passes", "2G", "", "selftest\n", 0,
	  { "KTAP version 1\n1..", "ok 1 ", " int3_returns_through_the_idt\n",
	    " direct_map_covers_lowmem\n" },
	  { "not ok" } },
	{ "selftest_on_the_command_line_runs_at_boot", "64M", "selftest", NULL, 0,
	  { "# selftest: pass:" }, { NULL } },
};
BOOT_CASES(selftests, selftest_cases)
