/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <string.h>
#include "../qemu.h"

#define BOOT(b, mem, append, input) \
	cr_assert_eq(qemu_boot(b, mem, append, input, 30), 0, "could not start QEMU")
#define EXPECT_OUTPUT(b, text) \
	cr_expect(strstr((b)->output, text), "expected \"%s\" in the output:\n%s", text, (b)->output)

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
/* boot tests of the self-tests */
Test(boot, selftest_prints_ktap_and_passes, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "2G", "", "selftest\n");
	cr_expect_eq(b.status, 0, "status %d, output:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "KTAP version 1\n1..");
	EXPECT_OUTPUT(&b, "ok 1 ");
	EXPECT_OUTPUT(&b, " int3_returns_through_the_idt\n");
	EXPECT_OUTPUT(&b, " direct_map_covers_lowmem\n");
	cr_expect(!strstr(b.output, "not ok"), "a self-test failed:\n%s", b.output);
	boot_free(&b);
}

Test(boot, selftest_on_the_command_line_runs_at_boot, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "selftest", NULL);
	cr_expect_eq(b.status, 0, "status %d, output:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "# selftest: pass:");
	boot_free(&b);
}
/* boot tests of the reports */
Test(boot, a_warning_reports_and_the_console_goes_on, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "lkdtm WARNING\nhalt\n");
	cr_expect_eq(b.status, 0, "status %d, output:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "WARNING: CPU: 0 PID: 0 at chapters/00-machine.nw:");
	EXPECT_OUTPUT(&b, "at chapters/00-machine.nw:");
	EXPECT_OUTPUT(&b, " lkdtm_WARNING+0x");
	EXPECT_OUTPUT(&b, "Call Trace:\n __warn+0x");
	EXPECT_OUTPUT(&b, "\n lkdtm_WARNING+0x");
	EXPECT_OUTPUT(&b, "\n cmd_lkdtm+0x");
	EXPECT_OUTPUT(&b, "reboot: System halted");
	boot_free(&b);
}

Test(boot, bug_panics_with_a_report, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "lkdtm BUG\n");
	cr_expect_eq(b.status, 2, "status %d, output:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "kernel BUG at chapters/00-machine.nw:");
	EXPECT_OUTPUT(&b, "Oops: BUG in lkdtm_BUG() [#1]");
	EXPECT_OUTPUT(&b, " cmd_lkdtm+0x");
	EXPECT_OUTPUT(&b, "Kernel panic - not syncing: Fatal exception\n");
	boot_free(&b);
}

Test(boot, a_null_dereference_gets_a_page_fault_oops, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "lkdtm EXCEPTION\n");
	cr_expect_eq(b.status, 2, "status %d, output:\n%s", b.status, b.output);
	EXPECT_OUTPUT(&b, "BUG: kernel NULL pointer dereference, address: 00000000\n");
	EXPECT_OUTPUT(&b, "#PF: supervisor write access in kernel mode\n");
	EXPECT_OUTPUT(&b, "#PF: error_code(0x0002) - not-present page\n");
	EXPECT_OUTPUT(&b, "Trap: vector 14 (page fault), error code 0x2\n");
	EXPECT_OUTPUT(&b, "EIP: lkdtm_EXCEPTION+0x");
	EXPECT_OUTPUT(&b, "CR0: ");
	EXPECT_OUTPUT(&b, "Call Trace:\n ? cmd_lkdtm+0x");
	EXPECT_OUTPUT(&b, "\n console_exec+0x");
	boot_free(&b);
}

Test(boot, other_exceptions_are_named, .timeout = 60)
{
	struct boot b;

	BOOT(&b, "64M", "", "lkdtm DIVIDE\n");
	cr_expect_eq(b.status, 2, "status %d", b.status);
	EXPECT_OUTPUT(&b, "divide error: 0000 [#1]\nTrap: vector 0 (divide error), error code 0x0\n");
	EXPECT_OUTPUT(&b, "EIP: lkdtm_DIVIDE+0x");
	boot_free(&b);
	BOOT(&b, "64M", "", "lkdtm UNMAPPED\n");
	EXPECT_OUTPUT(&b, "BUG: unable to handle page fault for address: fffffff0\n");
	EXPECT_OUTPUT(&b, "#PF: supervisor read access in kernel mode\n");
	boot_free(&b);
	BOOT(&b, "64M", "", "lkdtm INVALID_OPCODE\n");
	EXPECT_OUTPUT(&b, "invalid opcode: 0000 [#1]\nTrap: vector 6 (invalid opcode)");
	boot_free(&b);
}
