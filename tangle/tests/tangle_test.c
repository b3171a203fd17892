/*
 * Tests of the tangler, tangle/tangle.c.
 *
 * Each test writes small chapters into a scratch directory under /tmp, runs
 * build/tangle/tangle there (the path is taken from the repository root, the
 * test's working directory; $TANGLE overrides it) with --out out --src src,
 * and checks its exit status, what it printed and the files it wrote.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char scratch[] = "/tmp/tangle-test-XXXXXX";
static char tangle_path[PATH_MAX];

/* Find the tangler and make this test's scratch directory; fails the test if either cannot be done. */
static void make_scratch(void)
{
	const char *t = getenv("TANGLE") ? getenv("TANGLE") : "build/tangle/tangle";

	cr_assert(realpath(t, tangle_path), "expected the tangler at %s (make build/tangle/tangle), but: %s",
		  t, strerror(errno));
	cr_assert(mkdtemp(scratch), "cannot make a scratch directory: %s", strerror(errno));
}

/* nftw callback: remove one entry of the scratch tree. */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Remove this test's scratch directory and everything in it. */
static void remove_scratch(void)
{
	if (strstr(scratch, "XXXXXX") == NULL)
		nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(tangle, .init = make_scratch, .fini = remove_scratch);

/* The path of name inside the scratch directory (a static buffer). */
static const char *in_scratch(const char *name)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/%s", scratch, name);
	return path;
}

/* Write text to the scratch file name, making its directories. */
static void put(const char *name, const char *text)
{
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s", in_scratch(name));
	for (char *s = path + strlen(scratch) + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(path, 0755);
			*s = '/';
		}
	FILE *f = fopen(path, "w");
	cr_assert(f, "cannot write %s: %s", path, strerror(errno));
	fputs(text, f);
	fclose(f);
}

/* The contents of the scratch file name (to free), or NULL if it cannot be read. */
static char *slurp(const char *name)
{
	FILE *f = fopen(in_scratch(name), "r");
	char *text = NULL;
	size_t cap = 0;

	if (!f)
		return NULL;
	ssize_t n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	if (n < 0) {
		free(text);
		return strdup("");
	}
	return text;
}

/* Run the tangler in the scratch directory with args (NULL-ended); return its exit status. */
static int run_tangle(const char *const *args)
{
	char *argv[64];
	int n = 0, status;

	argv[n++] = tangle_path;
	while (*args && n < 63)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	pid_t pid = fork();
	cr_assert(pid >= 0, "cannot fork: %s", strerror(errno));
	if (pid == 0) {
		if (chdir(scratch) < 0)
			_exit(126);
		dup2(open("stdout.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644), 1);
		dup2(open("stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644), 2);
		execv(tangle_path, argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define TANGLE(...) run_tangle((const char *const[]){ __VA_ARGS__, NULL })

/* Assert that the tangler exited with status expected. */
static void expect_status(int seen, int expected)
{
	char *err = slurp("stderr.txt");

	cr_assert_eq(seen, expected, "expected the tangler to exit with %d, but it exited with %d; stderr:\n%s",
		     expected, seen, err ? err : "");
	free(err);
}

/* Assert that the scratch file name holds exactly expected. */
static void expect_file(const char *name, const char *expected)
{
	char *seen = slurp(name);

	cr_assert(seen, "expected %s to be written, but it does not exist", name);
	cr_assert_str_eq(seen, expected, "%s: expected\n-----\n%s-----\nbut it holds\n-----\n%s-----",
			 name, expected, seen);
	free(seen);
}

/* Assert that the tangler printed exactly expected on stderr. */
static void expect_stderr(const char *expected)
{
	char *seen = slurp("stderr.txt");

	cr_assert_str_eq(seen, expected, "expected on stderr\n-----\n%s-----\nbut saw\n-----\n%s-----",
			 expected, seen);
	free(seen);
}

/* Assert that the tangler's stderr contains expected. */
static void expect_stderr_has(const char *expected)
{
	char *seen = slurp("stderr.txt");

	cr_assert(strstr(seen, expected), "expected stderr to contain\n%s\nbut it was\n-----\n%s-----",
		  expected, seen);
	free(seen);
}

/* Assert that the scratch path name does not exist. */
static void expect_absent(const char *name)
{
	struct stat st;

	cr_assert(lstat(in_scratch(name), &st) < 0, "expected %s not to be written, but it exists", name);
}

/* The permission bits of the scratch file name. */
static int mode_of(const char *name)
{
	struct stat st;

	cr_assert(stat(in_scratch(name), &st) == 0, "expected %s to exist", name);
	return st.st_mode & 07777;
}

/* The modification time (seconds) of the scratch file name. */
static time_t mtime_of(const char *name)
{
	struct stat st;

	cr_assert(stat(in_scratch(name), &st) == 0, "expected %s to exist", name);
	return st.st_mtime;
}

/* Set the modification time of the scratch file name to t. */
static void set_mtime(const char *name, time_t t)
{
	struct timespec times[2] = { { t, 0 }, { t, 0 } };

	cr_assert(utimensat(AT_FDCWD, in_scratch(name), times, 0) == 0, "cannot set the mtime of %s", name);
}

/* ------------------------------------------------------ a good tangle */

/* Two chapters: a root in the first, continued and used across both. */
static void put_hello_chapters(void)
{
	put("a.nw",
	    "@ # Hello\n"					/* 1 */
	    "Prose with [[code]] and <<not a use>> in it.\n"	/* 2 */
	    "<<kernel/hello.c>>=\n"				/* 3 */
	    "#include \"hello.h\"\n"				/* 4 */
	    "<<helpers>>\n"					/* 5 */
	    "\n"						/* 6 */
	    "int main(void)\n"					/* 7 */
	    "{\n"						/* 8 */
	    "\t<<say hello>>\n"					/* 9 */
	    "\treturn <<exit code>>;\n"				/* 10 */
	    "}\n"						/* 11 */
	    "@ %def main\n"					/* 12 */
	    "<<say hello>>=\n"					/* 13 */
	    "puts(\"hello\");\n"				/* 14 */
	    "<<helpers>>=\n"					/* 15 */
	    "static int twice(int x)\n"				/* 16 */
	    "{\n"						/* 17 */
	    "\treturn 2 * x;\n"					/* 18 */
	    "}\n"						/* 19 */
	    "@\n"						/* 20 */
	    "<<exit code>>=\n"					/* 21 */
	    "twice(0)\n"					/* 22 */
	    "@\n");						/* 23 */
	put("b.nw",
	    "@ # More\n"					/* 1 */
	    "<<say hello>>+=\n"					/* 2 */
	    "if (twice(1) != 2)\n"				/* 3 */
	    "\t<<complain>>\n"					/* 4 */
	    "@\n"						/* 5 */
	    "<<complain>>=\n"					/* 6 */
	    "puts(\"bad\");\n"					/* 7 */
	    "@\n"						/* 8 */
	    "<<kernel/hello.h>>=\n"				/* 9 */
	    "int puts(const char *);\n"				/* 10 */
	    "@\n");						/* 11 */
}

Test(tangle, good_tangle_writes_clean_copy_with_header_and_chunk_names)
{
	put_hello_chapters();
	expect_status(TANGLE("--out", "out", "--src", "src", "a.nw", "b.nw"), 0);
	expect_stderr("");
	expect_file("out/kernel/hello.c",
		    "/* Tangled from a.nw, b.nw by tangle/tangle.c; edit the chapters, not this file. */\n"
		    "#include \"hello.h\"\n"
		    "\n"
		    "/* helpers */\n"
		    "static int twice(int x)\n"
		    "{\n"
		    "\treturn 2 * x;\n"
		    "}\n"
		    "\n"
		    "int main(void)\n"
		    "{\n"
		    "\t/* say hello */\n"
		    "\tputs(\"hello\");\n"
		    "\tif (twice(1) != 2)\n"
		    "\t\t/* complain */\n"
		    "\t\tputs(\"bad\");\n"
		    "\treturn twice(0);\n"
		    "}\n");
	expect_file("out/kernel/hello.h",
		    "/* Tangled from b.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "int puts(const char *);\n");
	cr_assert_eq(mode_of("out/kernel/hello.c"), 0644, "expected mode 0644, saw %o", mode_of("out/kernel/hello.c"));
}

Test(tangle, good_tangle_writes_compiler_copy_with_line_directives)
{
	put_hello_chapters();
	expect_status(TANGLE("--out", "out", "--src", "src", "a.nw", "b.nw"), 0);
	expect_file("src/kernel/hello.c",
		    "/* Tangled from a.nw, b.nw by tangle/tangle.c; edit the chapters, not this file. */\n"
		    "#line 4 \"a.nw\"\n"
		    "#include \"hello.h\"\n"
		    "#line 16 \"a.nw\"\n"
		    "static int twice(int x)\n"
		    "{\n"
		    "\treturn 2 * x;\n"
		    "}\n"
		    "\n"
		    "#line 7 \"a.nw\"\n"
		    "int main(void)\n"
		    "{\n"
		    "#line 14 \"a.nw\"\n"
		    "\tputs(\"hello\");\n"
		    "#line 3 \"b.nw\"\n"
		    "\tif (twice(1) != 2)\n"
		    "#line 7 \"b.nw\"\n"
		    "\t\tputs(\"bad\");\n"
		    "#line 10 \"a.nw\"\n"
		    "\treturn twice(0);\n"
		    "}\n");
	expect_file("src/kernel/hello.h",
		    "/* Tangled from b.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "#line 10 \"b.nw\"\n"
		    "int puts(const char *);\n");
}

Test(tangle, indented_use_indents_every_line_of_its_expansion)
{
	put("x.nw",
	    "<<kernel/i.c>>=\n"
	    "void f(void)\n"
	    "{\n"
	    "    <<outer>>\n"
	    "}\n"
	    "@\n"
	    "<<outer>>=\n"
	    "if (x) {\n"
	    "\t<<inner>>   \n"
	    "}\n"
	    "@\n"
	    "<<inner>>=\n"
	    "a();\n"
	    "\n"
	    "b();\n"
	    "@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "x.nw"), 0);
	expect_file("out/kernel/i.c",
		    "/* Tangled from x.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "void f(void)\n"
		    "{\n"
		    "    /* outer */\n"
		    "    if (x) {\n"
		    "    \t/* inner */\n"
		    "    \ta();\n"
		    "\n"
		    "    \tb();\n"
		    "    }\n"
		    "}\n");
}

Test(tangle, a_chunk_name_comment_stands_at_the_indentation_of_its_code)
{
	put("x.nw",
	    "<<kernel/i.c>>=\n"
	    "void f(void)\n"
	    "{\n"
	    "<<the body>>\n"
	    "}\n"
	    "<<the rest>>\n"
	    "@\n"
	    "<<the body>>=\n"
	    "\n"
	    "\tint x = 0;\n"
	    "@\n"
	    "<<the rest>>=\n"
	    "int y;\n"
	    "@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "x.nw"), 0);
	expect_file("out/kernel/i.c",
		    "/* Tangled from x.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "void f(void)\n"
		    "{\n"
		    "\t/* the body */\n"
		    "\n"
		    "\tint x = 0;\n"
		    "}\n"
		    "\n"
		    "/* the rest */\n"
		    "int y;\n");
}

/* The parts of a file stand apart as hand-written functions would: a blank
 * line before each at column 0, none after a blank line, none between a part
 * and the first part inside it, none inside a function. */
Test(tangle, parts_of_a_file_are_set_apart_by_a_blank_line)
{
	put("x.nw",
	    "<<kernel/p.c>>=\n"
	    "int a;\n"
	    "<<the b's>>\n"
	    "\n"
	    "<<c>>\n"
	    "@\n"
	    "<<the b's>>=\n"
	    "<<b>>\n"
	    "int b2;\n"
	    "@\n"
	    "<<b>>=\n"
	    "int b;\n"
	    "@\n"
	    "<<c>>=\n"
	    "void c(void)\n"
	    "{\n"
	    "\t<<in c>>\n"
	    "}\n"
	    "@\n"
	    "<<in c>>=\n"
	    "a = 1;\n"
	    "@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "x.nw"), 0);
	expect_file("out/kernel/p.c",
		    "/* Tangled from x.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "int a;\n"
		    "\n"
		    "/* the b's */\n"
		    "/* b */\n"
		    "int b;\n"
		    "int b2;\n"
		    "\n"
		    "/* c */\n"
		    "void c(void)\n"
		    "{\n"
		    "\t/* in c */\n"
		    "\ta = 1;\n"
		    "}\n");
}

static bool exists(const char *name)
{
	return access(in_scratch(name), F_OK) == 0;
}

/* A root that no chapter has any more loses its files at the next tangle, in
 * both copies, with the directories it leaves empty; a file the tangler did
 * not write is kept. */
Test(tangle, a_removed_root_loses_its_files)
{
	put("a.nw", "<<kernel/keep.c>>=\nint keep;\n@\n<<kernel/old/gone.c>>=\nint gone;\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "a.nw"), 0);
	cr_assert(exists("out/kernel/old/gone.c") && exists("src/kernel/old/gone.c"));
	put("out/kernel/mine.c", "/* written by hand */\n");
	put("a.nw", "<<kernel/keep.c>>=\nint keep;\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "a.nw"), 0);
	cr_expect(!exists("out/kernel/old/gone.c"), "the clean copy of a removed root stays");
	cr_expect(!exists("src/kernel/old/gone.c"), "the compiler's copy of a removed root stays");
	cr_expect(!exists("out/kernel/old"), "the directory it leaves empty stays");
	cr_expect(exists("out/kernel/keep.c") && exists("out/kernel/mine.c"),
		  "a root that remains, or a file the tangler did not write, was removed");
	expect_stderr_has("tangle: removed out/kernel/old/gone.c: no chapter tangles it now");
}

Test(tangle, an_include_after_code_is_reported_at_its_line)
{
	put("x.nw",
	    "<<kernel/inc.c>>=\n"
	    "#include <a.h>\n"
	    "/* a comment */\n"
	    "int x;\n"
	    "<<more>>\n"
	    "@\n"
	    "<<more>>=\n"
	    "#include <b.h>\n"
	    "int y;\n"
	    "@\n"
	    "<<kernel/ok.h>>=\n"
	    "int z;\n"
	    "#include <c.h>\n"
	    "@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "x.nw"), 1);
	expect_stderr_has("x.nw:8: error: #include after code in kernel/inc.c");
	expect_absent("out/kernel/inc.c");
}

Test(tangle, inline_use_keeps_text_around_it_and_aligns_later_lines)
{
	put("y.nw",
	    "<<kernel/y.c>>=\n"			/* 1 */
	    "int v[] = { <<values>> };\n"	/* 2 */
	    "\tx = <<sum>>;\n"			/* 3 */
	    "@\n"				/* 4 */
	    "<<values>>=\n"			/* 5 */
	    "1, 2\n"				/* 6 */
	    "<<sum>>=\n"			/* 7 */
	    "a +\n"				/* 8 */
	    "\tb\n"				/* 9 */
	    "@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "y.nw"), 0);
	expect_file("out/kernel/y.c",
		    "/* Tangled from y.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "int v[] = { 1, 2 };\n"
		    "\tx = a +\n"
		    "\t    \tb;\n");
	expect_file("src/kernel/y.c",
		    "/* Tangled from y.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "#line 2 \"y.nw\"\n"
		    "int v[] = { 1, 2 };\n"
		    "\tx = a +\n"
		    "#line 9 \"y.nw\"\n"
		    "\t    \tb;\n");
}

Test(tangle, header_names_every_contributing_chapter_root_chapter_first)
{
	put("a.nw", "<<greeting>>=\nint hello;\n@\n");
	put("b.nw", "<<kernel/g.h>>=\n<<greeting>>\n@\n");
	put("c.nw", "<<kernel/other.h>>=\nint other;\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "a.nw", "b.nw", "c.nw"), 0);
	expect_file("out/kernel/g.h",
		    "/* Tangled from b.nw, a.nw by tangle/tangle.c; edit the chapters, not this file. */\n"
		    "/* greeting */\n"
		    "int hello;\n");
	expect_file("out/kernel/other.h",
		    "/* Tangled from c.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "int other;\n");
}

Test(tangle, escapes_and_unpaired_brackets_stay_literal)
{
	put("e.nw",
	    "<<kernel/e.c>>=\n"
	    "int a = 1 @<< 2;\n"
	    "int b = 8 @>> 1;\n"
	    "int c = 1 << 3;\n"
	    "@@ is not the end of the chunk\n"
	    "@not the end either\n"
	    "@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "e.nw"), 0);
	expect_file("out/kernel/e.c",
		    "/* Tangled from e.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "int a = 1 << 2;\n"
		    "int b = 8 >> 1;\n"
		    "int c = 1 << 3;\n"
		    "@ is not the end of the chunk\n"
		    "@not the end either\n");
}

Test(tangle, code_ends_at_at_line_next_definition_or_end_of_file)
{
	put("p.nw",
	    "<<kernel/p.c>>=\n"
	    "one\n"
	    "<<more>>=   \n"
	    "two\n"
	    "@ prose with <<not a use>>\n"
	    "<<nor is this>>\n"
	    " <<indented>>= is prose too\n"
	    "<<kernel/p.c>>+=\n"
	    "<<more>>");
	expect_status(TANGLE("--out", "out", "--src", "src", "p.nw"), 0);
	expect_file("out/kernel/p.c",
		    "/* Tangled from p.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "one\n"
		    "\n"
		    "/* more */\n"
		    "two\n");
}

Test(tangle, comment_syntax_and_mode_follow_the_file_type)
{
	put("s.nw",
	    "<<kernel/tools/run.sh>>=\n#!/bin/sh\n<<say it>>\n@\n"
	    "<<say it>>=\necho hi\n@\n"
	    "<<kernel/init.lua>>=\n<<lua body>>\n@\n"
	    "<<lua body>>=\nprint(1)\n@\n"
	    "<<kernel/Makefile>>=\n<<make rules>>\n@\n"
	    "<<make rules>>=\nall:\n@\n"
	    "<<kernel/arch/x86/kernel.lds>>=\n<<sections>>\n@\n"
	    "<<sections>>=\nSECTIONS { }\n@\n"
	    "<<kernel/arch/x86/kernel.lds.S>>=\n<<entry>>\n@\n"
	    "<<entry>>=\nENTRY(start)\n@\n");			/* lines 29-31 */
	expect_status(TANGLE("--out", "out", "--src", "src", "s.nw"), 0);
	expect_file("out/kernel/tools/run.sh",
		    "#!/bin/sh\n"
		    "# Tangled from s.nw by tangle/tangle.c; edit the chapter, not this file.\n"
		    "\n"
		    "# say it\n"
		    "echo hi\n");
	expect_file("src/kernel/tools/run.sh",
		    "#!/bin/sh\n"
		    "# Tangled from s.nw by tangle/tangle.c; edit the chapter, not this file.\n"
		    "echo hi\n");
	cr_assert_eq(mode_of("out/kernel/tools/run.sh"), 0755, "expected a script to get mode 0755, saw %o",
		     mode_of("out/kernel/tools/run.sh"));
	expect_file("out/kernel/init.lua",
		    "-- Tangled from s.nw by tangle/tangle.c; edit the chapter, not this file.\n"
		    "-- lua body\n"
		    "print(1)\n");
	expect_file("out/kernel/Makefile",
		    "# Tangled from s.nw by tangle/tangle.c; edit the chapter, not this file.\n"
		    "# make rules\n"
		    "all:\n");
	expect_file("src/kernel/arch/x86/kernel.lds",
		    "/* Tangled from s.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "SECTIONS { }\n");
	expect_file("src/kernel/arch/x86/kernel.lds.S",
		    "/* Tangled from s.nw by tangle/tangle.c; edit the chapter, not this file. */\n"
		    "#line 30 \"s.nw\"\n"
		    "ENTRY(start)\n");
}

Test(tangle, list_roots_prints_each_root_path)
{
	put_hello_chapters();
	expect_status(TANGLE("--list-roots", "a.nw", "b.nw"), 0);
	expect_file("stdout.txt", "kernel/hello.c\nkernel/hello.h\n");
	expect_absent("kernel");
}

/* ------------------------------------------------------------- errors */

Test(tangle, undefined_chunk_is_reported_at_its_use)
{
	put("u.nw", "<<kernel/u.c>>=\nint x;\n<<set up the widget>>\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "u.nw"), 1);
	expect_stderr("u.nw:3: error: chunk <<set up the widget>> is used but never defined\n");
}

Test(tangle, unused_chunk_is_reported_at_its_definition)
{
	put("u.nw",
	    "<<kernel/u.c>>=\n"
	    "<<set up the widget>>\n"
	    "@\n"
	    "<<set up the widgets>>=\n"
	    "x\n"
	    "@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "u.nw"), 1);
	expect_stderr("u.nw:2: error: chunk <<set up the widget>> is used but never defined\n"
		      "u.nw:4: error: chunk <<set up the widgets>> is defined but never used "
		      "(a typo in its name, or a use that was forgotten?)\n");
}

Test(tangle, second_definition_is_reported_at_the_second_naming_the_first)
{
	put("d.nw",
	    "<<kernel/d.c>>=\n<<body>>\n@\n"
	    "<<body>>=\na\n@\n"
	    "<<body>>=\nb\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "d.nw"), 1);
	expect_stderr("d.nw:7: error: chunk <<body>> is already defined at d.nw:4; continue it with <<body>>+=\n");
}

Test(tangle, two_roots_for_one_path_are_reported)
{
	put("r1.nw", "<<kernel/r.c>>=\nint a;\n@\n");
	put("r2.nw", "@ again\n<<kernel/r.c>>=\nint b;\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "r1.nw", "r2.nw"), 1);
	expect_stderr("r2.nw:2: error: chunk <<kernel/r.c>> is already defined at r1.nw:1; "
		      "continue it with <<kernel/r.c>>+=\n");
}

Test(tangle, continuation_before_any_definition_is_reported)
{
	put("c.nw",
	    "<<kernel/c.c>>=\n<<body>>\n@\n"
	    "<<body>>+=\na\n@\n"
	    "<<body>>=\nb\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "c.nw"), 1);
	expect_stderr("c.nw:4: error: chunk <<body>> is continued with += but no earlier <<body>>= defines it\n");
}

Test(tangle, root_that_is_not_a_path_under_kernel_is_reported)
{
	put("b.nw",
	    "<<src/x.c>>=\n"		/* 1 */
	    "@\n"
	    "<<kernel/../x.c>>=\n"	/* 3 */
	    "<</kernel/x.c>>=\n"	/* 4 */
	    "<<kernel/a b.c>>=\n"	/* 5 */
	    "<<kernel//x.c>>=\n"	/* 6 */
	    "<<kernel/dir/>>=\n"	/* 7 */
	    "<<kernel/ok.c>>=\n"
	    "int ok;\n"
	    "<<kernel/x$.c>>=\n");	/* 10 */
	expect_status(TANGLE("--out", "out", "--src", "src", "b.nw"), 1);
	expect_stderr("b.nw:1: error: root chunk <<src/x.c>> is not a path under kernel/\n"
		      "b.nw:3: error: root chunk <<kernel/../x.c>> is not a path under kernel/\n"
		      "b.nw:4: error: root chunk <</kernel/x.c>> is not a path under kernel/\n"
		      "b.nw:5: error: root chunk <<kernel/a b.c>> is not a path under kernel/\n"
		      "b.nw:6: error: root chunk <<kernel//x.c>> is not a path under kernel/\n"
		      "b.nw:7: error: root chunk <<kernel/dir/>> is not a path under kernel/\n"
		      "b.nw:10: error: root chunk <<kernel/x$.c>> is not a path under kernel/\n");
	expect_absent("out");
}

Test(tangle, root_used_inside_another_chunk_is_reported)
{
	put("x.nw",
	    "<<kernel/a.c>>=\n"
	    "int a;\n"
	    "<<kernel/b.h>>\n"
	    "@\n"
	    "<<kernel/b.h>>=\n"
	    "int b;\n"
	    "@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "x.nw"), 1);
	expect_stderr("x.nw:3: error: root chunk <<kernel/b.h>> is used inside <<kernel/a.c>>; "
		      "a file's chunk cannot be part of another chunk\n");
}

Test(tangle, cycle_of_uses_is_reported_with_its_chain)
{
	put("cy.nw",
	    "<<kernel/a.c>>=\n<<first>>\n@\n"
	    "<<first>>=\n<<second>>\n@\n"
	    "<<second>>=\n<<first>>\n@\n"	/* 7-9 */
	    "<<self>>=\n<<self>>\n@\n");	/* 10-12 */
	expect_status(TANGLE("--out", "out", "--src", "src", "cy.nw"), 1);
	expect_stderr("cy.nw:8: error: chunk <<first>> uses itself: <<first>> -> <<second>> -> <<first>>\n"
		      "cy.nw:11: error: chunk <<self>> uses itself: <<self>> -> <<self>>\n");
}

Test(tangle, errors_in_every_file_are_all_reported_in_file_order)
{
	put("m.nw",
	    "<<kernel/m.c>>=\n<<typo one>>\n@\n"	/* 2 */
	    "<<stray>>=\nx\n@\n"			/* 4 */
	    "<<kernel/m.c>>+=\n<<typo two>>\n@\n");	/* 8 */
	put("n.nw", "@ prose\n<<kernel/m.c>>+=\n<<typo three>>\n@\n");	/* 3 */
	expect_status(TANGLE("--out", "out", "--src", "src", "m.nw", "n.nw"), 1);
	expect_stderr("m.nw:2: error: chunk <<typo one>> is used but never defined\n"
		      "m.nw:4: error: chunk <<stray>> is defined but never used "
		      "(a typo in its name, or a use that was forgotten?)\n"
		      "m.nw:8: error: chunk <<typo two>> is used but never defined\n"
		      "n.nw:3: error: chunk <<typo three>> is used but never defined\n");
}

Test(tangle, nothing_is_written_when_any_chunk_has_an_error)
{
	put("ok.nw", "<<kernel/ok.c>>=\nint ok;\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "ok.nw"), 0);
	put("ok.nw", "<<kernel/ok.c>>=\nint changed;\n@\n<<kernel/new.c>>=\nint n;\n@\n");
	put("bad.nw", "<<kernel/bad.c>>=\n<<missing>>\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "ok.nw", "bad.nw"), 1);
	expect_stderr("bad.nw:2: error: chunk <<missing>> is used but never defined\n");
	expect_file("out/kernel/ok.c",
		    "/* Tangled from ok.nw by tangle/tangle.c; edit the chapter, not this file. */\nint ok;\n");
	expect_absent("out/kernel/new.c");
	expect_absent("src/kernel/new.c");
	expect_absent("out/kernel/bad.c");
}

/* --------------------------------------------------------------- cpif */

Test(tangle, unchanged_file_keeps_its_mtime_and_changed_one_is_rewritten)
{
	put("a.nw", "<<kernel/a.c>>=\nint a;\n@\n");
	put("b.nw", "<<kernel/b.c>>=\nint b;\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "a.nw", "b.nw"), 0);
	set_mtime("out/kernel/a.c", 1000000000);
	set_mtime("src/kernel/a.c", 1000000000);
	set_mtime("out/kernel/b.c", 1000000000);
	set_mtime("src/kernel/b.c", 1000000000);
	put("b.nw", "<<kernel/b.c>>=\nint b2;\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "a.nw", "b.nw"), 0);
	cr_assert_eq(mtime_of("out/kernel/a.c"), 1000000000, "expected unchanged out/kernel/a.c to keep its mtime");
	cr_assert_eq(mtime_of("src/kernel/a.c"), 1000000000, "expected unchanged src/kernel/a.c to keep its mtime");
	cr_assert_neq(mtime_of("out/kernel/b.c"), 1000000000, "expected changed out/kernel/b.c to be rewritten");
	cr_assert_neq(mtime_of("src/kernel/b.c"), 1000000000, "expected changed src/kernel/b.c to be rewritten");
	expect_file("out/kernel/b.c",
		    "/* Tangled from b.nw by tangle/tangle.c; edit the chapter, not this file. */\nint b2;\n");
}

/* -------------------------------------------------------------- check */

Test(tangle, check_passes_silently_on_a_fresh_tangle)
{
	put_hello_chapters();
	expect_status(TANGLE("--out", "out", "--src", "src", "a.nw", "b.nw"), 0);
	expect_status(TANGLE("--check", "--out", "out", "a.nw", "b.nw"), 0);
	expect_stderr("");
	expect_file("stdout.txt", "");
}

Test(tangle, check_reports_an_edited_file_with_a_diff)
{
	put_hello_chapters();
	expect_status(TANGLE("--out", "out", "--src", "src", "a.nw", "b.nw"), 0);
	char *text = slurp("out/kernel/hello.c");
	char *at = strstr(text, "puts(\"hello\")");
	memcpy(at, "puts(\"HELLO\")", 13);
	put("out/kernel/hello.c", text);
	free(text);
	set_mtime("out/kernel/hello.c", 1000000000);

	expect_status(TANGLE("--check", "--out", "out", "a.nw", "b.nw"), 1);
	expect_stderr_has("tangle: kernel/hello.c differs from what the chapters tangle to\n");
	expect_stderr_has("\n-\tputs(\"HELLO\");\n+\tputs(\"hello\");\n");
	char *err = slurp("stderr.txt");
	cr_assert(!strstr(err, "hello.h"), "expected only hello.c to be reported, but stderr was\n%s", err);
	free(err);
	cr_assert_eq(mtime_of("out/kernel/hello.c"), 1000000000, "expected --check to leave the file alone");
}

Test(tangle, check_reports_a_file_that_no_chapter_produces)
{
	put_hello_chapters();
	expect_status(TANGLE("--out", "out", "--src", "src", "a.nw", "b.nw"), 0);
	put("out/kernel/lib/stray.c", "int stray;\n");
	expect_status(TANGLE("--check", "--out", "out", "a.nw", "b.nw"), 1);
	expect_stderr("tangle: kernel/lib/stray.c is not produced by any chapter\n");
}

Test(tangle, check_writes_nothing_and_reports_missing_files)
{
	put_hello_chapters();
	expect_status(TANGLE("--check", "--out", "out", "--src", "src", "a.nw", "b.nw"), 1);
	expect_stderr_has("tangle: kernel/hello.c differs from what the chapters tangle to\n");
	expect_stderr_has("tangle: kernel/hello.h differs from what the chapters tangle to\n");
	expect_absent("out");
	expect_absent("src");
}

/* ------------------------------------------------------------ replace */

/* A chapter whose chunk <<compute the answer>> an exercise replaces. */
static void put_exercise(void)
{
	put("q.nw",
	    "<<kernel/q.c>>=\n"			/* 1 */
	    "int f(void)\n"			/* 2 */
	    "{\n"				/* 3 */
	    "\t<<compute the answer>>\n"	/* 4 */
	    "}\n"				/* 5 */
	    "@\n"
	    "<<compute the answer>>=\n"		/* 7 */
	    "return 41;\n"
	    "@\n"
	    "<<compute the answer>>+=\n"
	    "/* never reached */\n"
	    "@\n");
}

Test(tangle, replace_substitutes_the_chunk_body_and_points_lines_at_the_file)
{
	put_exercise();
	put("student.c", "int a = 42;\nreturn a;\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--replace", "compute the answer=student.c", "q.nw"), 0);
	expect_file("out/kernel/q.c",
		    "/* Tangled from q.nw, student.c by tangle/tangle.c; edit the chapters, not this file. */\n"
		    "int f(void)\n"
		    "{\n"
		    "\t/* compute the answer */\n"
		    "\tint a = 42;\n"
		    "\treturn a;\n"
		    "}\n");
	expect_file("src/kernel/q.c",
		    "/* Tangled from q.nw, student.c by tangle/tangle.c; edit the chapters, not this file. */\n"
		    "#line 2 \"q.nw\"\n"
		    "int f(void)\n"
		    "{\n"
		    "#line 1 \"student.c\"\n"
		    "\tint a = 42;\n"
		    "\treturn a;\n"
		    "#line 5 \"q.nw\"\n"
		    "}\n");
}

Test(tangle, replace_of_a_chunk_that_does_not_exist_is_an_error)
{
	put_exercise();
	put("student.c", "return 42;\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--replace", "compute the answr=student.c", "q.nw"), 1);
	expect_stderr("tangle: error: --replace compute the answr=student.c: the chapters define no chunk "
		      "<<compute the answr>>\n");
	expect_absent("out");
}

Test(tangle, replacement_text_using_an_undefined_chunk_is_reported_at_its_line)
{
	put_exercise();
	put("student.c", "int a;\n<<helper>>\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--replace", "compute the answer=student.c", "q.nw"), 1);
	expect_stderr("student.c:2: error: chunk <<helper>> is used but never defined\n");
}

/* ----------------------------------------------------------- compiler */

/* The line of text that starts with prefix (to free), or NULL. */
static char *line_starting(const char *text, const char *prefix)
{
	for (const char *s = text; s && *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL)
		if (strncmp(s, prefix, strlen(prefix)) == 0)
			return strndup(s, strcspn(s, "\n"));
	return NULL;
}

Test(tangle, gcc_reports_an_error_in_a_chunk_at_its_chapter_line)
{
	put("g.nw",
	    "@ # Mistakes on purpose\n"				/* 1 */
	    "<<kernel/g.c>>=\n"					/* 2 */
	    "<<helpers>>\n"					/* 3 */
	    "int main(void)\n"					/* 4 */
	    "{\n"						/* 5 */
	    "\treturn first_mistake;\n"				/* 6 */
	    "}\n"						/* 7 */
	    "@\n"
	    "<<helpers>>=\n"
	    "static int ok(void) { return 0; }\n"		/* 10 */
	    "@\n");
	put("h.nw",
	    "@ # More\n"
	    "<<helpers>>+=\n"
	    "static int bad(void) { return second_mistake; }\n"	/* 3 */
	    "@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "g.nw", "h.nw"), 0);

	char *cmd = NULL;
	cr_assert(asprintf(&cmd, "cd %s && gcc -std=gnu11 -c src/kernel/g.c -o g.o 2>gcc.txt", scratch) > 0);
	cr_assert_neq(system(cmd), 0, "expected gcc to fail on the deliberate mistakes");
	free(cmd);
	char *out = slurp("gcc.txt");
	char *first = line_starting(out, "g.nw:6:"), *second = line_starting(out, "h.nw:3:");
	cr_assert(first && strstr(first, "first_mistake"),
		  "expected gcc to report first_mistake at g.nw:6, but it said\n%s", out);
	cr_assert(second && strstr(second, "second_mistake"),
		  "expected gcc to report second_mistake at h.nw:3, but it said\n%s", out);
	free(first);
	free(second);
	free(out);
}

/* ------------------------------------------------------------ answers */

/*
 * A chapter with exercises: <<compute the answer>> (two parts, whose reference
 * text alone uses <<double it>>) and <<helpers>>, both used by the root.
 */
static void put_quiz(void)
{
	put("q.nw",
	    "@ # Quiz\n"				/* 1 */
	    "<<kernel/q.c>>=\n"				/* 2 */
	    "<<helpers>>\n"				/* 3 */
	    "int f(int x)\n"				/* 4 */
	    "{\n"					/* 5 */
	    "\t<<compute the answer>>\n"		/* 6 */
	    "}\n"					/* 7 */
	    "@\n"					/* 8 */
	    "<<compute the answer>>=\n"			/* 9 */
	    "int y = <<double it>>;\n"			/* 10 */
	    "@ More of the reference.\n"		/* 11 */
	    "<<compute the answer>>+=\n"		/* 12 */
	    "return y + <<the one>>;\n"			/* 13 */
	    "@\n"					/* 14 */
	    "<<double it>>=\n"				/* 15 */
	    "2 * x\n"					/* 16 */
	    "@\n"					/* 17 */
	    "<<helpers>>=\n"				/* 18 */
	    "static int one(void) { return <<the one>>; }\n" /* 19 */
	    "@\n"					/* 20 */
	    "<<the one>>=\n"				/* 21 */
	    "1\n"					/* 22 */
	    "@\n");					/* 23 */
}

/* A student's answers to put_quiz's two exercises. */
static void put_good_answers(void)
{
	put("answers/x.nw",
	    "@ Exercise q. Write the body of each chunk below.\n"	/* 1 */
	    "<<compute the answer>>=\n"					/* 2 */
	    "int z = x + one();\n"					/* 3 */
	    "@ Notes of the student are ignored, <<even this>>.\n"	/* 4 */
	    "<<not a use>>\n"						/* 5 */
	    "<<compute the answer>>+=\n"				/* 6 */
	    "return z * <<the one>>;\n"					/* 7 */
	    "@\n"							/* 8 */
	    "<<helpers>>=\n"						/* 9 */
	    "static int one(void)\n"					/* 10 */
	    "{\n"							/* 11 */
	    "\treturn <<the one>>;\n"					/* 12 */
	    "}\n"							/* 13 */
	    "@\n");							/* 14 */
}

Test(tangle, answers_replace_whole_chunks_and_the_header_names_the_answers_file)
{
	put_quiz();
	put_good_answers();
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/x.nw", "q.nw"), 0);
	expect_stderr("");
	expect_file("out/kernel/q.c",
		    "/* Tangled from q.nw and answers/x.nw by tangle/tangle.c; edit the chapters, not this file. */\n"
		    "/* helpers */\n"
		    "static int one(void)\n"
		    "{\n"
		    "\treturn 1;\n"
		    "}\n"
		    "int f(int x)\n"
		    "{\n"
		    "\t/* compute the answer */\n"
		    "\tint z = x + one();\n"
		    "\treturn z * 1;\n"
		    "}\n");
	expect_file("src/kernel/q.c",
		    "/* Tangled from q.nw and answers/x.nw by tangle/tangle.c; edit the chapters, not this file. */\n"
		    "#line 10 \"answers/x.nw\"\n"
		    "static int one(void)\n"
		    "{\n"
		    "\treturn 1;\n"
		    "}\n"
		    "#line 4 \"q.nw\"\n"
		    "int f(int x)\n"
		    "{\n"
		    "#line 3 \"answers/x.nw\"\n"
		    "\tint z = x + one();\n"
		    "#line 7 \"answers/x.nw\"\n"
		    "\treturn z * 1;\n"
		    "#line 7 \"q.nw\"\n"
		    "}\n");
}

Test(tangle, answers_combine_with_replace_and_a_chunk_replaced_into_disuse_is_no_error)
{
	put_quiz();
	put("answers/x.nw", "@ Only one.\n<<compute the answer>>=\nreturn x;\n@\n");
	put("helpers.c", "static int one(void) { return 1; }\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--replace", "helpers=helpers.c",
			     "--answers", "answers/x.nw", "q.nw"), 0);
	expect_stderr("");
	expect_file("out/kernel/q.c",
		    "/* Tangled from q.nw, helpers.c and answers/x.nw by tangle/tangle.c; edit the chapters, not this file. */\n"
		    "/* helpers */\n"
		    "static int one(void) { return 1; }\n"
		    "int f(int x)\n"
		    "{\n"
		    "\t/* compute the answer */\n"
		    "\treturn x;\n"
		    "}\n");
}

Test(tangle, uses_in_replaced_bodies_make_no_false_cycle)
{
	put_quiz();
	/* The reference <<compute the answer>> uses <<double it>>; the answers undo that. */
	put("answers/x.nw",
	    "<<compute the answer>>=\nreturn 0;\n@\n"
	    "<<double it>>=\n<<compute the answer>>\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/x.nw", "q.nw"), 0);
	expect_stderr("");
}

Test(tangle, answer_to_a_chunk_the_book_does_not_have_is_reported)
{
	put_quiz();
	put("answers/x.nw", "@ Typo.\n<<compute the answr>>=\nreturn 0;\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/x.nw", "q.nw"), 1);
	expect_stderr("answers/x.nw:2: error: chunk <<compute the answr>> is not a chunk of the book; "
		      "an answer can only replace one\n");
	expect_absent("out");
}

Test(tangle, answer_that_is_a_root_is_reported)
{
	put_quiz();
	put("answers/x.nw",
	    "<<kernel/q.c>>=\nint q;\n@\n"		/* 1 */
	    "<<kernel/new.c>>=\nint n;\n@\n");	/* 4 */
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/x.nw", "q.nw"), 1);
	expect_stderr("answers/x.nw:1: error: chunk <<kernel/q.c>> is a file (a root chunk); an answer cannot "
		      "create or replace a whole file, only the body of one of the book's chunks\n"
		      "answers/x.nw:4: error: chunk <<kernel/new.c>> is a file (a root chunk); an answer cannot "
		      "create or replace a whole file, only the body of one of the book's chunks\n");
	expect_absent("out");
}

Test(tangle, answer_defined_twice_or_continued_first_is_reported)
{
	put_quiz();
	put("answers/x.nw",
	    "<<compute the answer>>=\nreturn 1;\n@\n"	/* 1 */
	    "<<compute the answer>>=\nreturn 2;\n@\n"	/* 4 */
	    "<<helpers>>+=\nint h;\n@\n");		/* 7 */
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/x.nw", "q.nw"), 1);
	expect_stderr("answers/x.nw:4: error: chunk <<compute the answer>> is already defined at answers/x.nw:1; "
		      "continue it with <<compute the answer>>+=\n"
		      "answers/x.nw:7: error: chunk <<helpers>> is continued with += but no earlier <<helpers>>= "
		      "in answers/x.nw defines it; an answer replaces the whole chunk, so it begins with <<helpers>>=\n");
}

Test(tangle, undefined_chunk_used_in_an_answer_is_reported_at_its_line)
{
	put_quiz();
	put("answers/x.nw", "@ Answer.\n<<compute the answer>>=\nint a;\nreturn <<helper>>;\n@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/x.nw", "q.nw"), 1);
	expect_stderr("answers/x.nw:4: error: chunk <<helper>> is used but never defined\n");
}

Test(tangle, cycle_made_by_an_answer_is_reported_at_the_answer)
{
	put_quiz();
	put("answers/x.nw",
	    "@ Answers.\n"
	    "<<the one>>=\n"
	    "<<helpers>>\n"			/* 3 */
	    "@\n"
	    "<<compute the answer>>=\n"
	    "int a;\n"
	    "<<compute the answer>>\n");	/* 7 */
	/* An answered chunk defined before its user: the search closes the cycle in the book. */
	put("r.nw", "<<X>>=\nx\n@\n<<Y>>=\n<<X>>\n@\n<<kernel/r.c>>=\n<<Y>>\n@\n");
	put("answers/r.nw", "@ a\n<<X>>=\nint a;\n<<Y>>\n");	/* 4 */
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/x.nw", "q.nw"), 1);
	expect_stderr("answers/x.nw:3: error: chunk <<helpers>> uses itself: <<helpers>> -> <<the one>> -> <<helpers>>\n"
		      "answers/x.nw:7: error: chunk <<compute the answer>> uses itself: "
		      "<<compute the answer>> -> <<compute the answer>>\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/r.nw", "r.nw"), 1);
	expect_stderr("answers/r.nw:4: error: chunk <<Y>> uses itself: <<Y>> -> <<X>> -> <<Y>>\n");
	expect_absent("out");
}

Test(tangle, chunk_replaced_twice_is_reported_naming_both)
{
	put_quiz();
	put("answers/a.nw", "@ a\n<<helpers>>=\nint a;\n@\n");		/* 2 */
	put("answers/b.nw", "@ b\n@ more\n<<helpers>>=\nint b;\n@\n");	/* 3 */
	put("helpers.c", "int c;\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/a.nw",
			     "--answers", "answers/b.nw", "q.nw"), 1);
	expect_stderr("answers/b.nw:3: error: chunk <<helpers>> is replaced twice, by --answers answers/a.nw "
		      "(at answers/a.nw:2) and by --answers answers/b.nw; a chunk can be replaced only once\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/a.nw",
			     "--replace", "helpers=helpers.c", "q.nw"), 1);
	expect_stderr("tangle: error: --replace helpers=helpers.c: chunk <<helpers>> is replaced twice, by "
		      "--answers answers/a.nw (at answers/a.nw:2) and by --replace helpers=helpers.c; "
		      "a chunk can be replaced only once\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--replace", "helpers=helpers.c",
			     "--answers", "answers/a.nw", "q.nw"), 1);
	expect_stderr("answers/a.nw:2: error: chunk <<helpers>> is replaced twice, by --replace helpers=helpers.c "
		      "and by --answers answers/a.nw; a chunk can be replaced only once\n");
	expect_absent("out");
}

Test(tangle, every_answers_error_is_reported_and_nothing_is_written)
{
	put_quiz();
	expect_status(TANGLE("--out", "out", "--src", "src", "q.nw"), 0);
	set_mtime("out/kernel/q.c", 1000000000);
	put("answers/x.nw",
	    "<<compute the answr>>=\nreturn 0;\n@\n"	/* 1 */
	    "<<helpers>>=\n<<helper>>\n@\n");		/* 4, 5 */
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/x.nw",
			     "--answers", "answers/missing.nw", "q.nw"), 1);
	expect_stderr("tangle: error: --answers answers/missing.nw: cannot read answers/missing.nw: "
		      "No such file or directory\n"
		      "answers/x.nw:1: error: chunk <<compute the answr>> is not a chunk of the book; "
		      "an answer can only replace one\n"
		      "answers/x.nw:5: error: chunk <<helper>> is used but never defined\n");
	cr_assert_eq(mtime_of("out/kernel/q.c"), 1000000000, "expected out/kernel/q.c to be left alone");
}

Test(tangle, gcc_reports_an_error_in_an_answer_at_the_answers_file_line)
{
	put_quiz();
	put("answers/x.nw",
	    "@ Exercise q.\n"				/* 1 */
	    "<<compute the answer>>=\n"			/* 2 */
	    "int z = x + one();\n"			/* 3 */
	    "@ A note.\n"				/* 4 */
	    "<<compute the answer>>+=\n"		/* 5 */
	    "return z + mistake_in_answer;\n"		/* 6 */
	    "@\n");
	expect_status(TANGLE("--out", "out", "--src", "src", "--answers", "answers/x.nw", "q.nw"), 0);

	char *cmd = NULL;
	cr_assert(asprintf(&cmd, "cd %s && gcc -std=gnu11 -c src/kernel/q.c -o q.o 2>gcc.txt", scratch) > 0);
	cr_assert_neq(system(cmd), 0, "expected gcc to fail on the deliberate mistake");
	free(cmd);
	char *out = slurp("gcc.txt");
	char *line = line_starting(out, "answers/x.nw:6:");
	cr_assert(line && strstr(line, "mistake_in_answer"),
		  "expected gcc to report mistake_in_answer at answers/x.nw:6, but it said\n%s", out);
	free(line);
	free(out);
}

/* -------------------------------------------------------------- chunk */

Test(tangle, chunk_prints_the_raw_body_of_every_part)
{
	put_quiz();
	put("e.nw", "<<escaped>>=\nint a = 1 @<< 2;\n@@ <<the one>>\n@\n");
	put_good_answers();
	expect_status(TANGLE("--chunk", "compute the answer", "q.nw", "e.nw"), 0);
	expect_file("stdout.txt", "int y = <<double it>>;\nreturn y + <<the one>>;\n");
	expect_stderr("");
	expect_status(TANGLE("--chunk=escaped", "q.nw", "e.nw"), 0);
	expect_file("stdout.txt", "int a = 1 @<< 2;\n@@ <<the one>>\n");
	expect_absent("kernel");
}

Test(tangle, chunk_of_an_unknown_name_is_an_error)
{
	put_quiz();
	expect_status(TANGLE("--chunk", "compute the answr", "q.nw"), 1);
	expect_file("stdout.txt", "");
	expect_stderr("tangle: error: --chunk compute the answr: the chapters define no chunk <<compute the answr>>\n");
	expect_status(TANGLE("--chunk", "the answer", "--answers", "answers/x.nw", "q.nw"), 2);
}
