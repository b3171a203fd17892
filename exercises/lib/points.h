/*
 * Points for graded tests. A test says what it is worth in its Criterion
 * description, which the grading hook (grade_hook.c) reads:
 *
 *	Test(buddy, merges_a_freed_pair, .description = POINTS(3)) { ... }
 *
 * Hidden tests (an exercise's hidden/ directory, never given to students)
 * use HIDDEN_POINTS: their results are kept from students until the grades
 * are published.
 *
 * This header also redefines Criterion's Test() so that a test earns its
 * points only when its body ran to its last line: the body becomes a
 * function of its own, and the test calls it between grade_test_begin()
 * and grade_test_end(). The end sends a mark to Criterion's runner, the
 * process that records results and runs no answer's code. A body left
 * early, by an answer calling exit(), _exit() or longjmp() or by
 * Criterion's own abort, never sends it, and the hook scores the test 0.
 * Include this header after <criterion/criterion.h> (it includes it).
 */
#ifndef EXERCISES_POINTS_H
#define EXERCISES_POINTS_H

#include <criterion/criterion.h>

#define POINTS(n)		"points:" #n
#define HIDDEN_POINTS(n)	"points:" #n " hidden"

/* What grade_test_end() sends; grade_hook.c looks for it. */
#define GRADE_END_MARK		"grade: the test ran to its end"

void grade_test_begin(void);
void grade_test_end(const char *file, unsigned int line);

#undef Test
#define Test(Category, Name, ...)						\
	static void CR_IDENTIFIER_(Category, Name, body)(void);			\
	CR_EXPAND(CR_TEST_BASE(Category, Name, ##__VA_ARGS__, .sentinel_ = 0))	\
	{									\
		grade_test_begin();						\
		CR_IDENTIFIER_(Category, Name, body)();				\
		grade_test_end(__FILE__, __LINE__);				\
	}									\
	static void CR_IDENTIFIER_(Category, Name, body)(void)

#endif
