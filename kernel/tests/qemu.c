/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include "qemu.h"

/* start QEMU with its serial line on two pipes */
int qemu_start(const char *mem, const char *append, int *to, int *from)
{
	const char *kernel = getenv("KERNEL") ? getenv("KERNEL") : "build/kernel/vmlinux";
	int in[2], out[2];
	pid_t pid;

	if (pipe(in) < 0 || pipe(out) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		/* in the child: die with the parent, wire the pipes, become QEMU */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		execlp("qemu-system-i386", "qemu-system-i386", "-kernel", kernel, "-m", mem,
		       "-append", append, "-display", "none", "-serial", "stdio",
		       "-monitor", "none", "-no-reboot", "-device",
		       "isa-debug-exit,iobase=0xf4,iosize=0x04", (char *)NULL);
		perror("qemu-system-i386");
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	*to = in[1];
	*from = out[0];
	return pid;
}

/* collect the output until QEMU exits or the deadline passes */
/* [[drop_carriage_returns]]: the output as a Unix program prints it */
/* Remove the '\r's from the @n new bytes after the @len kept ones; return the new length. */
static size_t drop_carriage_returns(char *buf, size_t len, size_t n)
{
	size_t kept = len;

	for (size_t i = len; i < len + n; i++)
		if (buf[i] != '\r')
			buf[kept++] = buf[i];
	return kept;
}

/* [[collect]]: read until the end of the output or the deadline */
/*
 * Read @fd until its end or @timeout seconds, setting @timed_out when the
 * deadline ended it. Returns the text, without '\r', in a malloc()ed buffer.
 */
static char *collect(int fd, int timeout, int *timed_out)
{
	size_t len = 0, cap = 65536;
	char *buf = malloc(cap);
	time_t deadline = time(NULL) + timeout;

	*timed_out = 0;
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		int left = (int)(deadline - time(NULL));
		ssize_t n;

		/* wait for more output, or stop at the deadline or at its end */
		if (left <= 0 || poll(&p, 1, left * 1000) == 0) {
			*timed_out = 1;
			break;
		}
		if (len + 4096 > cap)
			buf = realloc(buf, cap *= 2);
		n = read(fd, buf + len, 4096);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len = drop_carriage_returns(buf, len, (size_t)n);
	}
	buf[len] = '\0';
	return buf;
}

/* [[qemu_boot]]: start, feed, collect, and map the status */
int qemu_boot(struct boot *b, const char *mem, const char *append, const char *input,
	      int timeout)
{
	int to, from, timed_out, wstatus = 0;
	pid_t pid = qemu_start(mem, append, &to, &from);

	if (pid < 0)
		return -1;
	b->pid = pid;
	signal(SIGPIPE, SIG_IGN);
	if (input && write(to, input, strlen(input)) < 0)
		perror("writing to QEMU's serial line");
	b->output = collect(from, timeout, &timed_out);
	if (timed_out)
		kill(pid, SIGKILL);
	waitpid(pid, &wstatus, 0);
	close(to);
	close(from);
	/* the kernel's status from QEMU's, as [[scripts/run-qemu]] reads it */
	if (timed_out)
		b->status = -1;
	else if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) >= 33 && WEXITSTATUS(wstatus) % 2)
		b->status = (WEXITSTATUS(wstatus) - 33) / 2;
	else
		b->status = 100 + WEXITSTATUS(wstatus);	/* QEMU failed, or reset */
	return 0;
}

/* [[boot_free]]: the output of a boot */
/* Free what qemu_boot() allocated in @b. */
void boot_free(struct boot *b)
{
	free(b->output);
}
