/* Tangled from chapters/01-reports.nw, chapters/07-threads.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/arch.h>
#include <linux/kallsyms.h>
#include <linux/sched.h>

unsigned int warn_count;

/* [[dump_stack]]: print the call trace */
/* [[print_trace_entry]]: one line of the trace, at most 32 */
struct trace_walk { int depth; bool unnamed; };

static bool print_trace_entry(void *cookie, unsigned long addr)
{
	struct trace_walk *walk = cookie;
	unsigned long size, offset;

	if (!kallsyms_lookup(addr, &size, &offset))
		walk->unnamed = true;
	printk(KERN_CONT " %pS\n", (void *)addr);
	return ++walk->depth < 32;
}

/* [[show_stack]] and [[dump_stack]]: the trace from a frame */
/*
 * Print the call trace starting at frame @frame (0: the caller of this
 * function). A nonzero @guess is a return address found on the stack but
 * not in the chain of frames; it is printed first, marked "?" as Linux
 * marks addresses it is not sure of. Any context; no lock.
 */
void show_stack(unsigned long frame, unsigned long guess)
{
	struct trace_walk walk = { 0 };
	unsigned long size, offset;

	printk(KERN_EMERG "Call Trace:\n");
	if (guess) {
		walk.unnamed = !kallsyms_lookup(guess, &size, &offset);
		printk(KERN_CONT " ? %pS\n", (void *)guess);
	}
	arch_stack_walk(print_trace_entry, &walk, frame);
	if (walk.unnamed)
		printk(KERN_CONT " (no name for an address: addr2line -f -e build/kernel/vmlinux ADDRESS)\n");
}

/* [[dump_stack]]: the trace from the caller */

/* linux/printk.h; noinline, so that the trace starts at its caller. */
noinline void dump_stack(void)
{
	show_stack(0, 0);
}

/* [[print_context]]: the CPU, task and taint line */
static unsigned long tainted_mask;	/* bit n: TAINT n has happened; only ever set */

/* linux/bug.h. Any context; no lock (one CPU, and a bit is only ever set). */
void add_taint(unsigned int flag)
{
	tainted_mask |= 1UL << flag;
}

/* [[report_task]]: who is running, for a report */
/* The running task's pid and name, for a report. Any context. */
static void report_task(int *pidp, const char **commp)
{
	const char *comm = "swapper";
	int pid = 0;

	/* the running task's pid and name */
	pid = current->pid;
	comm = current->comm;
	*pidp = pid;
	*commp = comm;
}

/* [[print_context]]: the task, then the taint letters in their columns */
/* linux/sched/debug.h: print "CPU: 0 PID: n Comm: name" and the taint. Any context. */
void print_context(void)
{
	static const char letters[TAINT_FLAGS_COUNT + 1] = "G    B   W        ";
	char buf[TAINT_FLAGS_COUNT + 1];
	const char *comm;
	int pid;

	report_task(&pid, &comm);
	for (int i = 0; i < TAINT_FLAGS_COUNT; i++)
		buf[i] = (i == 0 || (tainted_mask & (1UL << i))) ? letters[i] : ' ';
	buf[TAINT_FLAGS_COUNT] = '\0';
	for (int i = TAINT_FLAGS_COUNT - 1; i > 0 && buf[i] == ' '; i--)
		buf[i] = '\0';
	printk(KERN_EMERG "CPU: 0 PID: %d Comm: %s %s%s\n", pid, comm,
	       tainted_mask ? "Tainted: " : "Not tainted", tainted_mask ? buf : "");
}

/* [[panic]]: stop the kernel with a message */
/* linux/bug.h. Any context; the message is cut at 255 bytes. Does not return. */
void panic(const char *fmt, ...)
{
	static char msg[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", msg);
	machine_exit(EXIT_PANIC);
}

/* [[__bug]] and [[__warn]]: the reports of [[BUG]] and [[WARN]] */
/* [[__bug]]: report and stop */
/* linux/bug.h: the report of BUG() at @file:@line in @func, then panic(). */
void __bug(const char *file, int line, const char *func)
{
	printk(KERN_EMERG "------------[ cut here ]------------\n");
	printk(KERN_EMERG "kernel BUG at %s:%d!\n", file, line);
	printk(KERN_EMERG "Oops: BUG in %s() [#1]\n", func);
	print_context();
	dump_stack();
	panic("Fatal exception");
}

/* [[__warn]]: report and carry on, tainted */
/* linux/bug.h; noinline, so that _RET_IP_ is in the function that made the check. */
noinline void __warn(const char *file, int line, const char *func, const char *fmt, ...)
{
	unsigned long caller = _RET_IP_;
	char where[KSYM_SYMBOL_LEN];
	const char *comm;
	int pid;

	printk(KERN_WARNING "------------[ cut here ]------------\n");
	if (fmt) {
		va_list args;

		va_start(args, fmt);
		vprintk(fmt, args);
		va_end(args);
	}
	/* name the place of the check: its symbol, or else [[func]] */
	if (!kallsyms_lookup(caller, &(unsigned long){0}, &(unsigned long){0}))
		snprintf(where, sizeof(where), "%s", func);
	else
		sprint_symbol(where, caller);
	report_task(&pid, &comm);
	printk(KERN_WARNING "WARNING: CPU: 0 PID: %d at %s:%d %s\n", pid, file, line, where);
	print_context();
	dump_stack();
	printk(KERN_WARNING "---[ end trace 0000000000000000 ]---\n");
	warn_count++;
	add_taint(TAINT_WARN);
}
