/*
 * Linked into every exercise's test program. Two halves, in two processes:
 *
 * In each test's own process (Criterion's worker, where the answer's code
 * runs): grade_test_begin() and grade_test_end(), which points.h's Test()
 * calls around the test's body. The beginning sends this test's sanitizer
 * reports to a file of its own, under $GRADE_SANLOG; the end sends the
 * mark GRADE_END_MARK to the runner, as a passed assertion.
 *
 * In Criterion's runner (the parent, which runs no test and no answer):
 * after each test (or its crash), one line is appended to the results file describing
 * it, as a JSON object with the fields the grade report needs (gradetool.c
 * reads them):
 *
 *	{"exercise":"buddy-merge","name":"buddy/merges_a_freed_pair","score":3,
 *	 "max_score":3,"visibility":"visible","output":"..."}
 *
 * A test scores its points (from its description, points.h) only if it
 * passed, did not crash or time out, and its end mark arrived: a test
 * whose process ended early, or whose body was left by a longjmp, scores 0
 * and says so. The output is what went wrong: failed assertions with their
 * file and line, the first line of a sanitizer's report, a crash, a
 * timeout; a kernel call trace without names gets them from addr2line.
 *
 * The results file ($GRADE_RESULTS) is opened before any test runs and the
 * variable removed from the environment, so a test's process does not
 * learn where it is. Every test without a timeout of its own gets
 * $GRADE_TEST_TIMEOUT seconds (60 by default), so that an endless loop in
 * an answer costs one test, not the run. (Criterion's own --timeout option
 * does not take effect in version 2.4.1.)
 */
#include <criterion/criterion.h>
#include <criterion/event.h>
#include <criterion/hooks.h>
#include <criterion/internal/ordered-set.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "json.h"
#include "points.h"

/* ---- in the test's process ------------------------------------------------ */

/*
 * Send the sanitizers' reports to PATH.<pid> instead of stderr. GCC links
 * AddressSanitizer and UBSan as two libraries, each with its own report
 * file and its own __sanitizer_set_report_path, so both are told.
 */
static void set_report_path(const char *path)
{
	static const char *const libs[] = { "libasan.so.8", "libubsan.so.1", "libasan.so", "libubsan.so" };

	for (size_t i = 0; i < sizeof(libs) / sizeof(libs[0]); i++) {
		void *h = dlopen(libs[i], RTLD_LAZY | RTLD_NOLOAD);
		void (*set)(const char *) = h ? (void (*)(const char *))dlsym(h, "__sanitizer_set_report_path") : NULL;

		if (set)
			set(path);
	}
}

/* The file that holds the sanitizer reports of the test @t, without the pid. */
static void sanitizer_log(char *buf, size_t size, const char *dir, const struct criterion_test *t)
{
	snprintf(buf, size, "%s/%s.%s", dir, t->category, t->name);
}

void grade_test_begin(void)
{
	const char *dir = getenv("GRADE_SANLOG");
	static char path[4096];

	if (dir && criterion_current_test) {
		sanitizer_log(path, sizeof(path), dir, criterion_current_test);
		set_report_path(path);
	}
}

void grade_test_end(const char *file, unsigned int line)
{
	struct criterion_assert_stats mark = {
		.message = GRADE_END_MARK, .passed = true, .file = file, .line = line,
	};

	criterion_send_assert(&mark);
}

/* ---- in the runner ------------------------------------------------------------ */

static FILE *results;		/* opened before the first test, see PRE_ALL */
static char sanlog[2048];	/* $GRADE_SANLOG, read before the first test */

/* The points in a description "points:N[ hidden]"; -1 if there are none. */
static int parse_points(const char *description, int *hidden)
{
	const char *p = description ? strstr(description, "points:") : NULL;

	*hidden = description && strstr(description, "hidden") != NULL;
	return p ? atoi(p + 7) : -1;
}

/* How many end marks arrived from the test's process. */
static int end_marks(struct criterion_test_stats *stats)
{
	int n = 0;

	for (struct criterion_assert_stats *a = stats->asserts; a; a = a->next)
		n += a->passed && a->message && !strcmp(a->message, GRADE_END_MARK);
	return n;
}

/*
 * Append to @buf the first line of the test's sanitizer report, if it has
 * one: UBSan's "file:line:col: runtime error: ...", or else the report's
 * SUMMARY line (AddressSanitizer's, LeakSanitizer's), which names the
 * answer's file and line.
 */
static size_t sanitizer_message(char *buf, size_t size, struct criterion_test_stats *stats)
{
	char base[4096], pattern[4200], line[1024], first[1024] = "", summary[1024] = "";
	glob_t g;

	if (!sanlog[0])
		return 0;
	sanitizer_log(base, sizeof(base), sanlog, stats->test);
	snprintf(pattern, sizeof(pattern), "%s.*", base);
	if (glob(pattern, 0, NULL, &g) != 0)
		return 0;
	for (size_t i = 0; i < g.gl_pathc && !first[0]; i++) {
		FILE *f = fopen(g.gl_pathv[i], "r");

		while (f && fgets(line, sizeof(line), f)) {
			if (!first[0] && strstr(line, "runtime error:"))
				snprintf(first, sizeof(first), "%s", line);
			else if (!summary[0] && !strncmp(line, "SUMMARY: ", 9))
				snprintf(summary, sizeof(summary), "%s", line + 9);
		}
		if (f)
			fclose(f);
	}
	globfree(&g);
	if (!first[0] && !summary[0])
		return 0;
	return (size_t)snprintf(buf, size, "%s%s(the whole report: %s.<pid>)\n",
				first[0] ? first : summary,
				strchr(first[0] ? first : summary, '\n') ? "" : "\n", base);
}

/*
 * Copy @msg into @buf, naming the functions of a kernel call trace whose
 * frames are bare addresses (" 0xc0100fdc", as the kernel prints them when
 * kallsyms finds no name): addr2line reads them from $KERNEL's debug
 * information, and each such frame gets "  <- name at file:line".
 */
static size_t copy_naming_frames(char *buf, size_t size, const char *msg)
{
	const char *kernel = getenv("KERNEL");
	size_t len = 0;

	for (const char *s = msg; *s && len + 1 < size;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		unsigned long addr;
		char rest, fn[256] = "", where[512] = "";

		len += (size_t)snprintf(buf + len, size - len, "%.*s", (int)n, s);
		if (kernel && n < 64 && sscanf(s, " 0x%8lx%c", &addr, &rest) == 2 && rest == '\n') {
			char cmd[4500];
			FILE *p;

			snprintf(cmd, sizeof(cmd), "addr2line -f -e '%s' 0x%lx 2>/dev/null", kernel, addr);
			if ((p = popen(cmd, "r"))) {
				if (fgets(fn, sizeof(fn), p) && fgets(where, sizeof(where), p) && fn[0] != '?') {
					fn[strcspn(fn, "\n")] = '\0';
					where[strcspn(where, "\n")] = '\0';
					len += (size_t)snprintf(buf + len, size - len, "  <- %s at %s (addr2line)",
								fn, where);
				}
				pclose(p);
			}
		}
		if (len + 1 < size && nl)
			buf[len++] = '\n', buf[len] = '\0';
		s = nl ? nl + 1 : s + n;
	}
	return len < size ? len : size - 1;
}

/* What went wrong in the test, for the student. */
static void describe_failure(char *buf, size_t size, struct criterion_test_stats *stats, int marks)
{
	size_t len = 0;

	buf[0] = '\0';
	for (struct criterion_assert_stats *a = stats->asserts; a && len + 1 < size; a = a->next)
		if (!a->passed) {
			len += (size_t)snprintf(buf + len, size - len, "%s:%u: ",
						a->file ? a->file : "?", a->line);
			if (len + 1 < size)
				len += copy_naming_frames(buf + len, size - len,
							  a->message ? a->message : "assertion failed");
			if (len + 1 < size)
				len += (size_t)snprintf(buf + len, size - len, "\n");
		}
	if (len + 1 < size)
		len += sanitizer_message(buf + len, size - len, stats);
	if (len + 1 >= size)
		return;
	if (stats->timed_out)
		snprintf(buf + len, size - len, "the test did not finish in time (an endless loop, or a hung kernel?)\n");
	else if (stats->crashed)
		snprintf(buf + len, size - len, "the test crashed (signal %d: %s)\n",
			 stats->signal, strsignal(stats->signal));
	else if (stats->test_status != CR_STATUS_PASSED && stats->exit_code != 0)
		snprintf(buf + len, size - len, "the test exited with status %d\n", stats->exit_code);
	else if (stats->test_status != CR_STATUS_PASSED)
		;	/* its failed assertions say why */
	else if (marks == 0 && stats->test->data->kind_ != CR_TEST_NORMAL)
		snprintf(buf + len, size - len, "this test is a ParameterizedTest or a Theory, which sends "
			 "no end mark: a graded test must be a Test() (points.h), so it scores 0\n");
	else if (marks == 0 && stats->elapsed_time == 0)
		snprintf(buf + len, size - len, "the test's process ended (exit status %d) before the test "
			 "reached its end: the code it tests ended the process (exit, _exit, ...), so it "
			 "scores 0\n", stats->exit_code);
	else if (marks == 0)
		snprintf(buf + len, size - len, "the test did not reach its end, yet no check failed: the "
			 "code it tests left it early (a longjmp?), so it scores 0\n");
	else if (marks > 1)
		snprintf(buf + len, size - len, "the test reported its end %d times: something other than "
			 "the test sent the mark, so it scores 0\n", marks);
}

/*
 * Record the test of @stats, once: Criterion reports POST_TEST for a test
 * that ended, and only TEST_CRASH for one whose process died of a signal.
 */
static void record(struct criterion_test_stats *stats)
{
	static const struct criterion_test *done[4096];
	static size_t ndone;
	const char *exercise = getenv("GRADE_EXERCISE");
	int hidden, max = parse_points(stats->test->data->description, &hidden);
	int marks = end_marks(stats);
	int passed = stats->test_status == CR_STATUS_PASSED && !stats->crashed &&
		     !stats->timed_out && marks == 1;
	static char output[16384];

	if (!results)
		return;
	for (size_t i = 0; i < ndone; i++)
		if (done[i] == stats->test)
			return;
	if (ndone < sizeof(done) / sizeof(done[0]))
		done[ndone++] = stats->test;
	if (max < 0) {
		max = 0;
		snprintf(output, sizeof(output), "this test declares no points (.description = POINTS(n))\n");
	} else {
		describe_failure(output, sizeof(output), stats, marks);
	}
	fputs("{\"exercise\":\"", results);
	json_body(results, exercise ? exercise : "?");
	fputs("\",\"name\":\"", results);
	json_body(results, stats->test->category);
	fputc('/', results);
	json_body(results, stats->test->name);
	fprintf(results, "\",\"score\":%d,\"max_score\":%d,\"visibility\":\"%s\",\"output\":\"",
		passed ? max : 0, max, hidden ? "after_published" : "visible");
	json_body(results, passed ? "" : output);
	fputs("\"}\n", results);
	fflush(results);
}

ReportHook(POST_TEST)(struct criterion_test_stats *stats)
{
	record(stats);
}

ReportHook(TEST_CRASH)(struct criterion_test_stats *stats)
{
	stats->crashed = true;
	record(stats);
}

ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
	const char *path = getenv("GRADE_RESULTS"), *dir = getenv("GRADE_SANLOG");
	const char *env = getenv("GRADE_TEST_TIMEOUT");
	double timeout = env ? atof(env) : 60;
	int fd;

	/* The runner keeps the results file open; its tests never see its name. */
	if (path && (fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)) >= 0)
		results = fdopen(fd, "a");
	unsetenv("GRADE_RESULTS");
	if (dir)
		snprintf(sanlog, sizeof(sanlog), "%s", dir);
	FOREACH_SET(struct criterion_suite_set *suite, set->suites) {
		FOREACH_SET(struct criterion_test *test, suite->tests) {
			if (test->data->timeout == 0)
				test->data->timeout = timeout;
		}
	}
}
