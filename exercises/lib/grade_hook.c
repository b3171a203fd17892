/*
 * Linked into every exercise's test program: after each test, append one
 * line to the file named by $GRADE_RESULTS describing it, as a JSON object
 * with the fields the grade report needs (gradetool.c reads them):
 *
 *	{"exercise":"buddy-merge","name":"buddy/merges_a_freed_pair","score":3,
 *	 "max_score":3,"visibility":"visible","output":"..."}
 *
 * The points come from the test's description (points.h). The output is
 * what went wrong: failed assertions with their file and line, a crash, a
 * timeout. Criterion runs this hook in its runner process, after the
 * test's own process has ended, so a test that crashes is still recorded.
 *
 * Before any test runs, every test without a timeout of its own gets
 * $GRADE_TEST_TIMEOUT seconds (60 by default), so that an endless loop in an
 * answer costs one test, not the run. (Criterion's own --timeout option does
 * not take effect in version 2.4.1.)
 */
#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <criterion/internal/ordered-set.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"

/* The points in a description "points:N[ hidden]"; -1 if there are none. */
static int parse_points(const char *description, int *hidden)
{
	const char *p = description ? strstr(description, "points:") : NULL;

	*hidden = description && strstr(description, "hidden") != NULL;
	return p ? atoi(p + 7) : -1;
}

/* What went wrong in the test, for the student. */
static void describe_failure(char *buf, size_t size, struct criterion_test_stats *stats)
{
	size_t len = 0;

	buf[0] = '\0';
	for (struct criterion_assert_stats *a = stats->asserts; a && len + 1 < size; a = a->next)
		if (!a->passed)
			len += (size_t)snprintf(buf + len, size - len, "%s:%u: %s\n",
						a->file ? a->file : "?", a->line,
						a->message ? a->message : "assertion failed");
	if (len + 1 >= size)
		return;
	if (stats->timed_out)
		snprintf(buf + len, size - len, "the test did not finish in time (an endless loop, or a hung kernel?)\n");
	else if (stats->crashed)
		snprintf(buf + len, size - len, "the test crashed (signal %d: %s)\n",
			 stats->signal, strsignal(stats->signal));
	else if (stats->exit_code != 0 && stats->test_status != CR_STATUS_PASSED)
		snprintf(buf + len, size - len, "the test exited with status %d\n", stats->exit_code);
}

ReportHook(POST_TEST)(struct criterion_test_stats *stats)
{
	const char *path = getenv("GRADE_RESULTS"), *exercise = getenv("GRADE_EXERCISE");
	int hidden, max = parse_points(stats->test->data->description, &hidden);
	int passed = stats->test_status == CR_STATUS_PASSED && !stats->crashed && !stats->timed_out;
	static char output[8192];
	FILE *f;

	if (!path || !(f = fopen(path, "a")))
		return;
	if (max < 0) {
		max = 0;
		snprintf(output, sizeof(output), "this test declares no points (.description = POINTS(n))\n");
	} else {
		describe_failure(output, sizeof(output), stats);
	}
	fputs("{\"exercise\":\"", f);
	json_body(f, exercise ? exercise : "?");
	fputs("\",\"name\":\"", f);
	json_body(f, stats->test->category);
	fputc('/', f);
	json_body(f, stats->test->name);
	fprintf(f, "\",\"score\":%d,\"max_score\":%d,\"visibility\":\"%s\",\"output\":\"",
		passed ? max : 0, max, hidden ? "after_published" : "visible");
	json_body(f, passed ? "" : output);
	fputs("\"}\n", f);
	fclose(f);
}

ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
	const char *env = getenv("GRADE_TEST_TIMEOUT");
	double timeout = env ? atof(env) : 60;

	FOREACH_SET(struct criterion_suite_set *suite, set->suites) {
		FOREACH_SET(struct criterion_test *test, suite->tests) {
			if (test->data->timeout == 0)
				test->data->timeout = timeout;
		}
	}
}
