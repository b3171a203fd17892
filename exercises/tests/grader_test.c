/*
 * Tests of the grader itself (exercises/grade.sh and its report), run from
 * the repository root by `make test`. Each grades the buddy-merge exercise
 * in a scratch output directory, with an answer written for the test.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char scratch[64];

/* A scratch directory with answers/buddy-merge.nw holding @body as the chunk. */
static void write_answer(const char *body)
{
	char path[512];
	FILE *f;

	strcpy(scratch, "/tmp/grader-test-XXXXXX");
	cr_assert_not_null(mkdtemp(scratch));
	snprintf(path, sizeof(path), "mkdir -p %s/answers %s/out", scratch, scratch);
	cr_assert_eq(system(path), 0);
	snprintf(path, sizeof(path), "%s/answers/buddy-merge.nw", scratch);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fprintf(f, "@ A test's answer.\n<<[[__free_one_page]]: free a block, merging with its buddies>>=\n%s@\n",
		body);
	fclose(f);
}

/* Run the grader on buddy-merge with the scratch answers; return what it printed. */
static char *grade(const char *env)
{
	char cmd[1024], *out = malloc(1 << 20);
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "GRADE_OUT=%s/out GRADE_ANSWERS_DIR=%s/answers %s "
		 "sh exercises/grade.sh buddy-merge 2>&1", scratch, scratch, env);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	n = fread(out, 1, (1 << 20) - 1, p);
	out[n] = '\0';
	pclose(p);
	return out;
}

static char *slurp(const char *name)
{
	char path[512], *buf = calloc(1, 1 << 20);
	FILE *f;

	snprintf(path, sizeof(path), "%s/out/%s", scratch, name);
	f = fopen(path, "r");
	cr_assert_not_null(f, "%s was not written", path);
	fread(buf, 1, (1 << 20) - 1, f);
	fclose(f);
	return buf;
}

static void cleanup(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", scratch);
	system(cmd);
}

Test(grader, a_compile_error_scores_zero_with_the_message_at_the_answer, .timeout = 120)
{
	char *out, *json;

	write_answer("static void __free_one_page(struct page *page, unsigned long pfn,\n"
		     "\t\t\t    struct zone *zone, unsigned int order)\n"
		     "{\n\tthis is not C;\n}\n");
	out = grade("");
	cr_expect(strstr(out, "total 0/12"), "expected 0/12:\n%s", out);
	cr_expect(strstr(out, "build: the kernel does not compile"), "%s", out);
	cr_expect(strstr(out, "answers/buddy-merge.nw:6:"), "the message should point at line 6 "
		  "of the answer:\n%s", out);
	json = slurp("results.json");
	cr_expect(strstr(json, "\"score\": 0,"), "%s", json);
	cr_expect(strstr(json, "buddy-merge.nw:6:"), "%s", json);
	free(out);
	free(json);
	cleanup();
}

Test(grader, an_endless_loop_is_cut_off_and_reported, .timeout = 180)
{
	char *out;

	write_answer("static void __free_one_page(struct page *page, unsigned long pfn,\n"
		     "\t\t\t    struct zone *zone, unsigned int order)\n"
		     "{\n\tfor (;;)\n\t\t;\n}\n");
	out = grade("GRADE_TEST_TIMEOUT=5");
	cr_expect(strstr(out, "total 0/12"), "expected 0/12:\n%s", out);
	cr_expect(strstr(out, "did not finish in time"), "the timeout should be reported:\n%s", out);
	free(out);
	cleanup();
}

Test(grader, a_correct_answer_scores_full_marks_in_both_reports, .timeout = 180)
{
	char *out, *json, *xml;

	write_answer("static void __free_one_page(struct page *page, unsigned long pfn,\n"
		     "\t\t\t    struct zone *zone, unsigned int order)\n"
		     "{\n"
		     "\twhile (order < MAX_ORDER - 1) {\n"
		     "\t\tunsigned long buddy_pfn = pfn ^ (1UL << order);\n"
		     "\t\tstruct page *buddy = pfn_to_page(buddy_pfn);\n\n"
		     "\t\tif (!zone_spans_pfn(zone, buddy_pfn) || !page_is_buddy(page, buddy, order))\n"
		     "\t\t\tbreak;\n"
		     "\t\tdel_page_from_free_list(buddy, zone, order);\n"
		     "\t\tpfn = min(pfn, buddy_pfn);\n"
		     "\t\tpage = pfn_to_page(pfn);\n"
		     "\t\torder++;\n"
		     "\t}\n"
		     "\tadd_to_free_list(page, zone, order, false);\n"
		     "}\n");
	out = grade("");
	cr_expect(strstr(out, "total 12/12"), "expected 12/12:\n%s", out);
	cr_expect(strstr(out, "  subtotal 12/12"), "%s", out);
	json = slurp("results.json");
	cr_expect(strstr(json, "\"score\": 12,"), "%s", json);
	cr_expect(strstr(json, "\"max_score\": 4, \"visibility\": \"visible\""), "%s", json);
	xml = slurp("junit.xml");
	cr_expect(strstr(xml, "<testsuite name=\"buddy-merge\">"), "%s", xml);
	cr_expect(strstr(xml, "<property name=\"points\" value=\"4/4\"/>"), "%s", xml);
	cr_expect(!strstr(xml, "<failure"), "%s", xml);
	free(out);
	free(json);
	free(xml);
	cleanup();
}
