/*
 * Tests of `make student` (exercises/make-student.sh), each in a scratch
 * clone of the project so that the repository's own tree is not touched:
 * files not yet committed reach the student tree, and a student tree with
 * work in it is not replaced without being asked.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char scratch[64], script[600];

/* Run @cmd in the scratch directory; its output in *out (malloc'd); its status. */
static int run(const char *cmd, char **out)
{
	char *full;
	FILE *p;
	size_t n;

	*out = calloc(1, 1 << 16);
	cr_assert(asprintf(&full, "cd %s && { %s; } 2>&1", scratch, cmd) > 0);
	p = popen(full, "r");
	cr_assert_not_null(p);
	n = fread(*out, 1, (1 << 16) - 1, p);
	(*out)[n] = '\0';
	free(full);
	return WEXITSTATUS(pclose(p));
}

/* A scratch clone of the project, in scratch/repo. */
static void setup(void)
{
	char cmd[1100], *out;

	strcpy(scratch, "/tmp/student-test-XXXXXX");
	cr_assert_not_null(mkdtemp(scratch));
	char cwd[512];

	cr_assert_not_null(getcwd(cwd, sizeof(cwd)));
	snprintf(script, sizeof(script), "%s/exercises/make-student.sh", cwd);	/* this tree's, committed or not */
	snprintf(cmd, sizeof(cmd), "git clone -q '%s' repo", cwd);
	cr_assert_eq(run(cmd, &out), 0, "%s", out);
	free(out);
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", scratch);
	system(cmd);
}

/*
 * The command that runs this tree's make-student.sh in the clone, into
 * scratch/student, without its run of the student tree's tests
 * (STUDENT_WAITING=0): check-student.sh runs those on the real one.
 */
static const char *make_student(const char *env)
{
	static char cmd[800];

	snprintf(cmd, sizeof(cmd), "cd repo && STUDENT_WAITING=0 %ssh '%s' ../student", env, script);
	return cmd;
}

TestSuite(student, .init = setup, .fini = teardown, .timeout = 120);

Test(student, a_chapter_not_yet_committed_reaches_the_student_tree)
{
	char *out;

	cr_assert_eq(run("printf '@ # A demo\\n' > repo/chapters/17-demo.nw && "
			 "mkdir -p repo/build && touch repo/build/ignored.o", &out), 0, "%s", out);
	free(out);
	cr_assert_eq(run(make_student(""), &out), 0, "%s", out);
	free(out);
	cr_expect(access(strcat(strcpy((char[128]){ 0 }, scratch), "/student/chapters/17-demo.nw"), F_OK) == 0,
		  "the new chapter is missing from the student tree");
	cr_expect(access(strcat(strcpy((char[128]){ 0 }, scratch), "/student/build/ignored.o"), F_OK) != 0,
		  "an ignored file reached the student tree");
	/* the README is the student's, not the instructor's */
	cr_assert_eq(run("cat student/README.md", &out), 0);
	cr_expect(strstr(out, "answers/<slug>.nw") && strstr(out, "make grade"), "%s", out);
	cr_expect(!strstr(out, "make student") && !strstr(out, "Adding a chapter"),
		  "the student's README describes the instructor's tree:\n%s", out);
	free(out);
}

Test(student, a_student_tree_with_work_in_it_is_not_replaced)
{
	char *out;

	cr_assert_eq(run(make_student(""), &out), 0, "%s", out);
	free(out);
	cr_assert_eq(run("cd student && echo mine >> answers/README.md && git -c user.name=s "
			 "-c user.email=s@x commit -qam work", &out), 0, "%s", out);
	free(out);
	cr_expect_neq(run(make_student(""), &out), 0,
		      "the student's tree was replaced: %s", out);
	cr_expect(strstr(out, "has work in it (1 commits after the handout"), "%s", out);
	free(out);
	cr_expect_eq(run("cd student && git log --oneline | grep -c work", &out), 0, "the commit is gone: %s", out);
	free(out);
	cr_expect_eq(run(make_student("STUDENT_FORCE=1 "), &out), 0, "%s", out);
	free(out);
	cr_expect_neq(run("cd student && git log --oneline | grep -q work", &out), 0, "STUDENT_FORCE=1 replaces it");
	free(out);
}
