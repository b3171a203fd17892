/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "../qemu.h"

#define RUNS 10

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* time one boot to its first byte and to its prompt */
/* Boot once; set @first and @prompt to milliseconds after the start. Returns 0 on success. */
static int time_boot(const char *mem, double *first, double *prompt)
{
	char buf[65536];
	size_t len = 0;
	int to, from, ok = -1;
	double start = now_ms();
	pid_t pid = qemu_start(mem, "", &to, &from);

	*first = 0;
	while (pid > 0 && len + 1 < sizeof(buf)) {
		/* read what came, noting the time of the first byte and of the prompt */
		ssize_t n = read(from, buf + len, sizeof(buf) - 1 - len);

		if (n <= 0)
			break;
		if (len == 0)
			*first = now_ms() - start;
		len += (size_t)n;
		buf[len] = '\0';
		if (strstr(buf, "mm> ")) {
			*prompt = now_ms() - start;
			ok = 0;
			break;
		}
	}
	/* kill the QEMU that was timed */
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(to);
		close(from);
	}
	return ok;
}

/* print the medians of ten boots */
static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	const char *mem = argc > 1 ? argv[1] : "2G";
	double first[RUNS], prompt[RUNS];

	for (int i = 0; i < RUNS; i++)
		if (time_boot(mem, &first[i], &prompt[i]) < 0) {
			fprintf(stderr, "boot-bench: boot %d never reached the prompt\n", i + 1);
			return 1;
		}
	/* sort the times and print the medians, and the kernel's share */
	qsort(first, RUNS, sizeof(double), compare);
	qsort(prompt, RUNS, sizeof(double), compare);
	printf("boot to prompt (-m %s, median of %d): %6.1f ms\n", mem, RUNS, prompt[RUNS / 2]);
	printf("  QEMU and firmware, to the first byte:   %6.1f ms (%.0f%%)\n", first[RUNS / 2],
	       100 * first[RUNS / 2] / prompt[RUNS / 2]);
	printf("  the kernel, first byte to prompt:      %6.1f ms (%.0f%%)\n",
	       prompt[RUNS / 2] - first[RUNS / 2],
	       100 * (prompt[RUNS / 2] - first[RUNS / 2]) / prompt[RUNS / 2]);
	return 0;
}
