/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_SHELL_H
#define _LINUX_SHELL_H

#include <linux/compiler.h>
#include <linux/seq_file.h>

/* [[console_cmd]]: a command, its help, and the function that runs it */
struct console_cmd {
	const char *name;
	const char *usage;	/* the arguments, for help */
	const char *help;	/* one line */
	/* Run with the words of the line; return 0, or -1 after printing why. */
	int (*run)(struct seq_file *m, int argc, char **argv);
};

/* [[DEFINE_CONSOLE_COMMAND]]: a command in the linker's table */
#define DEFINE_CONSOLE_COMMAND(cname, usage_, help_, fn)			\
	static const struct console_cmd __console_cmd_##cname			\
	__used __section("console_cmds") __aligned(sizeof(void *)) =		\
		{ #cname, usage_, help_, fn }

/* running commands: [[console_exec]] and [[console_run]] */
/*
 * Run one command line, cut into words in place, writing to @m. Returns the
 * command's result, or -1 (with a message) if it is unknown. Context: may
 * sleep if the command does; runs with the console to itself.
 */
int console_exec(struct seq_file *m, char *line);
/* Read and run commands until the console ends. Context: process, may sleep. */
void console_run(void);
#define CTRL_C		0x03
/* Has Ctrl-C been typed since the last call? For long commands, between steps;
 * the other bytes waiting are kept for the shell. Never sleeps. */
bool console_interrupted(void);
/**
 * console_number - @arg, argument @what of @cmd, as a number from @min to @max
 * into *@val (set only on success); with @size, a K, M or G suffix too.
 * Context: the console's commands. Return: 0; -EINVAL after printing why to @m.
 */
int console_number(struct seq_file *m, const char *cmd, const char *what, const char *arg,
		   unsigned long min, unsigned long max, bool size, unsigned long *val);

#endif
