/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/arch.h>
#include <linux/errno.h>
#include <linux/shell.h>
#include <linux/string.h>

extern const struct console_cmd __start_console_cmds[], __stop_console_cmds[];

/* the bytes typed ahead, and Ctrl-C */
#define CONSOLE_AHEAD	512
static char ahead[CONSOLE_AHEAD];
static unsigned int ahead_read, ahead_written;	/* only grow; the difference waits */

/* [[console_getc]]: a byte read ahead, or the line's next */
/* The next byte typed: one read ahead first. Process context. */
static int console_getc(void)
{
	if (ahead_read != ahead_written)
		return (unsigned char)ahead[ahead_read++ % CONSOLE_AHEAD];
	return arch_console_getc();
}

/* [[console_interrupted]]: read what waits, looking for Ctrl-C */
/* linux/shell.h: the Ctrl-C is consumed and echoed as ^C; none is seen past a full ring. */
bool console_interrupted(void)
{
	int c;

	while (ahead_written - ahead_read < CONSOLE_AHEAD && (c = arch_console_poll()) >= 0) {
		if (c == CTRL_C) {
			arch_console_write("^C\n", 3);
			return true;
		}
		ahead[ahead_written++ % CONSOLE_AHEAD] = (char)c;
	}
	return false;
}

/* [[console_readline]]: read a line, echoing and editing */
#define CONSOLE_LINE_MAX	256

/* Read one line into @buf; returns its length, or -1 at the end of the console. Process context. */
static int console_readline(char *buf, size_t size)
{
	static int last;
	size_t n = 0;
	bool too_long = false;

	for (;;) {
		int c = console_getc();

		if (c < 0)
			return n ? (int)n : -1;
		if (c == CTRL_C) {
			arch_console_write("^C\n", 3);	/* the line is dropped */
			buf[0] = '\0';
			return 0;
		}
		/* end the line at CR, LF or the pair, skipping the LF of a pair */
		if (c == '\n' && last == '\r') {
			last = 0;
			continue;		/* the second half of CR LF */
		}
		last = c;
		if (c == '\r' || c == '\n') {
			arch_console_write("\n", 1);
			break;
		}
		/* erase on backspace, keep and echo a printable character */
		if ((c == 0x7f || c == '\b') && n > 0) {
			n--;
			arch_console_write("\b \b", 3);
		} else if (c >= ' ' && c < 0x7f && n + 1 < size) {
			buf[n++] = (char)c;
			arch_console_write(&buf[n - 1], 1);
		} else if (c >= ' ' && c < 0x7f) {
			too_long = true;		/* not kept: the line will be refused */
		}
	}
	buf[n] = '\0';
	/* refuse a line longer than [[buf]] holds */
	if (too_long) {
		static const char msg[] = "console: line too long (more than 255 characters); ignored\n";

		arch_console_write(msg, sizeof(msg) - 1);
		buf[0] = '\0';
		return 0;
	}
	return (int)n;
}

/* [[console_exec]]: split a line and run its command */
#define CONSOLE_MAX_ARGS	16

/* [[find_command]]: the command of a name */
/* The command called @name, or NULL. */
static const struct console_cmd *find_command(const char *name)
{
	for (const struct console_cmd *c = __start_console_cmds; c < __stop_console_cmds; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* [[console_exec]]: the words of the line, then the command of the first */
/* linux/shell.h: an empty line does nothing and returns 0. */
int console_exec(struct seq_file *m, char *line)
{
	char *argv[CONSOLE_MAX_ARGS];
	int argc = 0;
	const struct console_cmd *cmd;

	/* cut [[line]] into words at blanks, in place */
	for (char *p = line; *p && argc < CONSOLE_MAX_ARGS; ) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (*p)
			argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	if (argc == 0)
		return 0;
	cmd = find_command(argv[0]);
	if (!cmd) {
		seq_printf(m, "%s: unknown command; type 'help' for the list\n", argv[0]);
		return -1;
	}
	return cmd->run(m, argc, argv);
}

/* [[console_run]]: the prompt loop */
/* linux/shell.h: returns only at the end of the console (never, on x86). */
void console_run(void)
{
	struct seq_file console = { 0 };
	char line[CONSOLE_LINE_MAX];

	for (;;) {
		arch_console_write("mm> ", 4);
		if (console_readline(line, sizeof(line)) < 0)
			break;
		console_exec(&console, line);
	}
}

/* [[console_number]]: a number in its range, or a line that says why not */
/* linux/shell.h. */
int console_number(struct seq_file *m, const char *cmd, const char *what, const char *arg,
		   unsigned long min, unsigned long max, bool size, unsigned long *val)
{
	char digits[24];
	size_t len = arg ? strlen(arg) : 0;
	unsigned int shift = 0;
	unsigned long v;

	/* copy the digits of [[arg]], less a size's suffix and its [[shift]] */
	if (size && len > 1 && strchr("KMG", arg[len - 1]))
		shift = arg[len - 1] == 'K' ? 10 : arg[len - 1] == 'M' ? 20 : 30, len--;
	if (!arg || len == 0 || len >= sizeof(digits))
		goto invalid;
	memcpy(digits, arg, len);
	digits[len] = '\0';
	if (kstrtoul(digits, 0, &v) < 0 || v > (~0UL >> shift) ||
	    (v << shift) < min || (v << shift) > max)
		goto invalid;
	*val = v << shift;
	return 0;
invalid:
	seq_printf(m, "%s: invalid %s '%s' (expected a number from %lu to %lu%s)\n", cmd, what,
		   arg ? arg : "", min, max, size ? ", K, M or G after it for KiB, MiB, GiB" : "");
	return -EINVAL;
}

/* the shell's own commands */
/* [[help]]: the commands in alphabetical order, in columns */
static int cmd_help(struct seq_file *m, int argc, char **argv)
{
	const char *last = "";
	int name_w = 0, usage_w = 0;	/* the widest name and usage: the columns */

	(void)argc, (void)argv;
	for (const struct console_cmd *c = __start_console_cmds; c < __stop_console_cmds; c++) {
		name_w = max(name_w, (int)strlen(c->name));
		usage_w = max(usage_w, (int)strlen(c->usage));
	}
	for (;;) {		/* print the smallest name greater than the last one */
		const struct console_cmd *next = NULL;

		for (const struct console_cmd *c = __start_console_cmds; c < __stop_console_cmds; c++)
			if (strcmp(c->name, last) > 0 && (!next || strcmp(c->name, next->name) < 0))
				next = c;
		if (!next)
			return 0;
		seq_printf(m, "  %-*s %-*s %s\n", name_w, next->name, usage_w, next->usage, next->help);
		last = next->name;
	}
}
DEFINE_CONSOLE_COMMAND(help, "", "list the commands", cmd_help);

/* [[halt]] and [[dmesg]] */
/* [[halt]]: Linux's last line, then leave the machine */
static int cmd_halt(struct seq_file *m, int argc, char **argv)
{
	(void)m, (void)argc, (void)argv;
	pr_emerg("reboot: System halted\n");
	machine_exit(EXIT_OK);
}
DEFINE_CONSOLE_COMMAND(halt, "", "stop the machine (QEMU exits with status 0)", cmd_halt);

/* [[dmesg]]: the log buffer */
static int cmd_dmesg(struct seq_file *m, int argc, char **argv)
{
	(void)m, (void)argc, (void)argv;
	log_buf_dump();
	return 0;
}
DEFINE_CONSOLE_COMMAND(dmesg, "", "print the kernel log", cmd_dmesg);
