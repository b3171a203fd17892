/* Tangled from chapters/01-reports.nw, chapters/07-threads.nw, chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/arch.h>
#include <linux/shell.h>

/* the headers the crashes need */
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>

/* the crashes */
#define UNMAPPED_ADDRESS	(~0UL - 15)

/* crashes the kernel checks for: [[BUG]] and [[WARNING]] */
static noinline void lkdtm_BUG(void)
{
	BUG();
}

static noinline void lkdtm_WARNING(void)
{
	WARN_ON(1);
}

/* crashes the CPU catches: bad addresses, division by zero, a bad opcode */
/* bad addresses: a write to [[NULL]], a read of the unmapped top page */
static noinline void lkdtm_EXCEPTION(void)
{
	*(volatile int *)NULL = 0;
}

static noinline void lkdtm_UNMAPPED(void)
{
	(void)*(volatile int *)UNMAPPED_ADDRESS;
}

/* a division by zero and an undefined instruction */
static noinline void lkdtm_DIVIDE(void)
{
	volatile int one = 1, zero = 0, result;

	result = one / zero;
	(void)result;
}

static noinline void lkdtm_INVALID_OPCODE(void)
{
	arch_invalid_opcode();
}
static noinline void lkdtm_ATOMIC_SLEEP(void)
{
	preempt_disable();
	msleep(1);
	preempt_enable();
}
static noinline void lkdtm_VMALLOC_LINEAR_OVERFLOW(void)
{
	char *p = vzalloc(16384);

	pr_info("Attempting vmalloc linear overflow ...\n");
	if (p)
		p[16384] = 1;
	vfree(p);
}

/* [[crashtypes]]: each crash under its name */
static const struct {
	const char *name;
	void (*fn)(void);
} crashtypes[] = {
	{ "BUG", lkdtm_BUG },
	{ "WARNING", lkdtm_WARNING },
	{ "EXCEPTION", lkdtm_EXCEPTION },
	{ "UNMAPPED", lkdtm_UNMAPPED },
	{ "DIVIDE", lkdtm_DIVIDE },
	{ "INVALID_OPCODE", lkdtm_INVALID_OPCODE },
	/* crash types of later chapters */
	{ "ATOMIC_SLEEP", lkdtm_ATOMIC_SLEEP },
	{ "VMALLOC_LINEAR_OVERFLOW", lkdtm_VMALLOC_LINEAR_OVERFLOW },
};

/* [[cmd_lkdtm]]: find the crash by name and cause it */
/* The console's lkdtm TYPE: cause the crash; -1, with the list of types, for a bad TYPE. */
static int cmd_lkdtm(struct seq_file *m, int argc, char **argv)
{
	for (size_t i = 0; argc == 2 && i < ARRAY_SIZE(crashtypes); i++)
		if (strcmp(argv[1], crashtypes[i].name) == 0) {
			pr_info("lkdtm: Performing direct entry %s\n", crashtypes[i].name);
			crashtypes[i].fn();
			return 0;
		}
	seq_printf(m, "usage: lkdtm TYPE, where TYPE is one of:");
	for (size_t i = 0; i < ARRAY_SIZE(crashtypes); i++)
		seq_printf(m, " %s", crashtypes[i].name);
	seq_printf(m, "\n");
	return -1;
}
DEFINE_CONSOLE_COMMAND(lkdtm, "TYPE", "crash the kernel on purpose (see its reports)", cmd_lkdtm);
