/*
 * Attacks on the grader, each an answer a student might write to earn
 * points without doing the work: each must score 0 on what it attacks,
 * with a message that says what happened. Run from the repository root by
 * `make test`; each grades one exercise in a scratch directory.
 *
 * Most attacks are on gfp-zone, whose chunk is gfp_zone(): the answer's
 * code runs in the tests' own process (the host build), on the first call.
 * Some run with GRADE_NO_VET=1, past the static check of vet.sh, to show
 * the check behind it: the test's end mark, which only a test body that
 * ran to its end sends to Criterion's runner.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GFP_ZONE_CHUNK "<<[[gfp_zone]]: the highest zone a request may use>>="
#define GFP_ZONE_HEAD "static inline enum zone_type gfp_zone(gfp_t flags)\n{\n"
#define WRONG_ZONE "\treturn ZONE_NORMAL;\n}\n"
/* A file outside the kernel that an answer includes (the test writes it). */
#define EXPECTED_H "/tmp/grader-attack-expected.h"

static const struct attack {
	const char *what;	/* for the messages */
	const char *slug;	/* the exercise attacked */
	const char *chunk;	/* the chunk's definition line */
	const char *code;	/* the answer's code */
	const char *env;	/* for the grader */
	const char *total;	/* the score it must get */
	const char *said;	/* and what the report must say */
} attacks[] = {
	{ "_exit through a weak declaration", "gfp-zone", GFP_ZONE_CHUNK,
	  GFP_ZONE_HEAD "\textern void _exit(int) __attribute__((weak));\n\n"
	  "\tif (_exit)\n\t\t_exit(0);\n" WRONG_ZONE,
	  "", "total 0/5", "uses _exit, which is not the kernel's" },
	{ "exit", "gfp-zone", GFP_ZONE_CHUNK,
	  GFP_ZONE_HEAD "\textern void exit(int) __attribute__((weak));\n\n\tif (exit)\n\t\texit(0);\n" WRONG_ZONE,
	  "", "total 0/5", "uses exit, which is not the kernel's" },
	{ "abort", "gfp-zone", GFP_ZONE_CHUNK,
	  GFP_ZONE_HEAD "\textern void abort(void) __attribute__((weak));\n\n\tif (abort)\n\t\tabort();\n" WRONG_ZONE,
	  "", "total 0/5", "uses abort, which is not the kernel's" },
	{ "raise(SIGKILL)", "gfp-zone", GFP_ZONE_CHUNK,
	  GFP_ZONE_HEAD "\textern int raise(int) __attribute__((weak));\n\n\tif (raise)\n\t\traise(9);\n" WRONG_ZONE,
	  "", "total 0/5", "uses raise, which is not the kernel's" },
	{ "longjmp out of the test (Criterion's abort)", "gfp-zone", GFP_ZONE_CHUNK,
	  GFP_ZONE_HEAD "\textern void criterion_abort_test(void) __attribute__((weak));\n\n"
	  "\tif (criterion_abort_test)\n\t\tcriterion_abort_test();\n" WRONG_ZONE,
	  "", "total 0/5", "uses criterion_abort_test, which is not the kernel's" },
	{ "a constructor", "gfp-zone", GFP_ZONE_CHUNK,
	  "static volatile int early_ran;\n\n"
	  "__attribute__((constructor)) static void early(void)\n{\n\tearly_ran = 1;\n}\n\n"
	  GFP_ZONE_HEAD WRONG_ZONE,
	  "", "total 0/5", "adds a constructor or destructor" },
	{ "writing to the tests' files", "gfp-zone", GFP_ZONE_CHUNK,
	  GFP_ZONE_HEAD "\textern void *fopen(const char *, const char *) __attribute__((weak));\n\n"
	  "\tif (fopen)\n\t\tfopen(\"exercises/gfp-zone/tests/gfp_zone_test.c\", \"w\");\n" WRONG_ZONE,
	  "", "total 0/5", "uses fopen, which is not the kernel's" },
	{ "its own criterion_send_assert, to swallow failed checks", "gfp-zone", GFP_ZONE_CHUNK,
	  "struct criterion_assert_stats;\nvoid criterion_send_assert(struct criterion_assert_stats *s);\n"
	  "__attribute__((weak)) void criterion_send_assert(struct criterion_assert_stats *s)\n{\n}\n\n"
	  GFP_ZONE_HEAD WRONG_ZONE,
	  "", "total 0/5", "defines criterion_send_assert, which the test program already has" },
	{ "a system call of its own", "gfp-zone", GFP_ZONE_CHUNK,
	  GFP_ZONE_HEAD "#ifdef __x86_64__\n\tasm volatile(\"syscall\" : : \"a\"(231), \"D\"(0));\n#endif\n"
	  WRONG_ZONE,
	  "", "total 0/5", "makes a system call of its own" },
	{ "including a test", "gfp-zone", GFP_ZONE_CHUNK,
	  "#include \"" EXPECTED_H "\"\n" GFP_ZONE_HEAD WRONG_ZONE,
	  "", "total 0/5", "which is not a file of the kernel's tangle" },
	/* Past the static check: the kernel's own way out, and the end mark. */
	{ "machine_exit(0), the kernel's own way out", "gfp-zone", GFP_ZONE_CHUNK,
	  "#include <linux/arch.h>\n" GFP_ZONE_HEAD "\tmachine_exit(EXIT_OK);\n" WRONG_ZONE,
	  "", "total 0/5", "the test's process ended (exit status 0) before the test reached its end" },
	{ "_exit, unvetted", "gfp-zone", GFP_ZONE_CHUNK,
	  GFP_ZONE_HEAD "\textern void _exit(int) __attribute__((weak));\n\n"
	  "\tif (_exit)\n\t\t_exit(0);\n" WRONG_ZONE,
	  "GRADE_NO_VET=1", "total 0/5", "the test's process ended (exit status 0) before the test reached its end" },
	{ "longjmp out of the test, unvetted", "gfp-zone", GFP_ZONE_CHUNK,
	  GFP_ZONE_HEAD "\textern void criterion_abort_test(void) __attribute__((weak));\n\n"
	  "\tif (criterion_abort_test)\n\t\tcriterion_abort_test();\n" WRONG_ZONE,
	  "GRADE_NO_VET=1", "total 0/5", "the test did not reach its end, yet no check failed" },
	{ "raise(SIGKILL), unvetted", "gfp-zone", GFP_ZONE_CHUNK,
	  GFP_ZONE_HEAD "\textern int raise(int) __attribute__((weak));\n\n"
	  "\tif (raise)\n\t\traise(9);\n" WRONG_ZONE,
	  "GRADE_NO_VET=1", "total 0/5", "the test crashed (signal 9" },
	/* Not an attack, a mistake: the report gives the sanitizer's line in the answer. */
	{ "a null pointer dereferenced (UBSan's message)", "page-address",
	  "<<[[page_address]]: arithmetic for lowmem, a lookup for highmem>>=",
	  "void *page_address(const struct page *page)\n{\n"
	  "\treturn (void *)((const struct page *)NULL)->flags;\n}\n",
	  "", "total 0/6", "answers/page-address.nw:5:44: runtime error: member access within null pointer" },
	/*
	 * Printing the expected output: buddyinfo's lines, made once from the
	 * free lists and then replayed. The host tests ask once per boot and
	 * get the truth; the boot test changes the free lists in a way it draws
	 * at random, and the replay does not follow.
	 */
	{ "printing the expected output (a replay of the first)", "buddyinfo",
	  "<<[[buddyinfo_show]]: a line for each zone, a count for each order>>=",
	  "void buddyinfo_show(struct seq_file *m)\n{\n"
	  "\tstatic char once[MAX_NR_ZONES][128];\n\tstatic int lines;\n\tstruct zone *zone;\n\n"
	  "\tif (!lines)\n\t\tfor_each_zone(zone) {\n"
	  "\t\t\tchar *s = once[lines];\n\t\t\tint len;\n\n"
	  "\t\t\tif (!populated_zone(zone))\n\t\t\t\tcontinue;\n"
	  "\t\t\tlen = snprintf(s, 128, \"Node 0, zone %8s \", zone->name);\n"
	  "\t\t\tfor (int order = 0; order < MAX_ORDER; order++)\n"
	  "\t\t\t\tlen += snprintf(s + len, 128 - len, \"%6lu \", zone->free_area[order].nr_free);\n"
	  "\t\t\tsnprintf(s + len, 128 - len, \"\\n\");\n\t\t\tlines++;\n\t\t}\n"
	  "\tfor (int i = 0; i < lines; i++)\n\t\tseq_printf(m, \"%s\", once[i]);\n}\n",
	  "", "0/2   buddyinfo_boot/the_lines_follow_allocations_the_test_draws_at_random",
	  "buddyinfo said" },
};

ParameterizedTestParameters(attacks, score_zero_with_a_message)
{
	static int index[sizeof(attacks) / sizeof(attacks[0])];

	for (size_t i = 0; i < sizeof(attacks) / sizeof(attacks[0]); i++)
		index[i] = (int)i;
	return cr_make_param_array(int, index, sizeof(attacks) / sizeof(attacks[0]));
}

ParameterizedTest(int *i, attacks, score_zero_with_a_message, .timeout = 240)
{
	const struct attack *a = &attacks[*i];
	char scratch[] = "/tmp/grader-attack-XXXXXX", path[512], cmd[2048];
	char *out = calloc(1, 1 << 20);
	FILE *f, *p;
	size_t n;

	cr_assert_not_null(mkdtemp(scratch));
	f = fopen(EXPECTED_H, "w");
	cr_assert_not_null(f);
	fputs("/* what a test expects */\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/answers %s/out", scratch, scratch);
	cr_assert_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/answers/%s.nw", scratch, a->slug);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fprintf(f, "@ An attack: %s.\n%s\n%s@\n", a->what, a->chunk, a->code);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "GRADE_OUT=%s/out GRADE_ANSWERS_DIR=%s/answers GRADE_TEST_TIMEOUT=60 %s "
		 "sh exercises/grade.sh %s 2>&1", scratch, scratch, a->env, a->slug);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	n = fread(out, 1, (1 << 20) - 1, p);
	pclose(p);
	out[n] = '\0';
	cr_expect(strstr(out, a->total), "%s: expected %s; the grader said:\n%s", a->what, a->total, out);
	cr_expect(strstr(out, a->said), "%s: expected the report to say \"%s\"; it said:\n%s",
		  a->what, a->said, out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", scratch);
	system(cmd);
	free(out);
}
