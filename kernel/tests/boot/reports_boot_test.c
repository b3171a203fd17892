/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>
#include "../qemu.h"

/* boot tests of the reports */
static struct boot_case report_cases[] = {
	{ "a_warning_reports_and_the_console_goes_on", "64M", "", "lkdtm WARNING\nhalt\n", 0,
	  { "WARNING: CPU: 0 PID: 0 at chapters/01-reports.nw:", "at chapters/01-reports.nw:",
	    " lkdtm_WARNING+0x", "Call Trace:\n __warn+0x", "\n lkdtm_WARNING+0x",
	    "\n cmd_lkdtm+0x", "reboot: System halted" }, { "addr2line", NULL } },
	{ "bug_panics_with_a_report", "64M", "", "lkdtm BUG\n", 2,
	  { "kernel BUG at chapters/01-reports.nw:", "Oops: BUG in lkdtm_BUG() [#1]",
	    " cmd_lkdtm+0x", "Kernel panic - not syncing: Fatal exception\n" }, { NULL } },
	{ "a_null_dereference_gets_a_page_fault_oops", "64M", "", "lkdtm EXCEPTION\n", 2,
	  { "BUG: kernel NULL pointer dereference, address: 00000000\n",
	    "#PF: supervisor write access in kernel mode\n",
	    "#PF: error_code(0x0002) - not-present page\n",
	    "Trap: vector 14 (page fault), error code 0x2\n", "EIP: lkdtm_EXCEPTION+0x",
	    "CR0: ", "Call Trace:\n ? cmd_lkdtm+0x", "\n console_exec+0x" }, { NULL } },
	/* boot cases of the other exceptions */
	{ "a_division_by_zero_is_named", "64M", "", "lkdtm DIVIDE\n", 2,
	  { "divide error: 0000 [#1]\nTrap: vector 0 (divide error), error code 0x0\n",
	    "EIP: lkdtm_DIVIDE+0x" }, { NULL } },
	{ "an_unmapped_read_is_named", "64M", "", "lkdtm UNMAPPED\n", 2,
	  { "BUG: unable to handle page fault for address: fffffff0\n",
	    "#PF: supervisor read access in kernel mode\n" }, { NULL } },
	{ "an_invalid_opcode_is_named", "64M", "", "lkdtm INVALID_OPCODE\n", 2,
	  { "invalid opcode: 0000 [#1]\nTrap: vector 6 (invalid opcode)",
	    "EIP: arch_invalid_opcode+0x" }, { NULL } },
};
BOOT_CASES(reports, report_cases)
