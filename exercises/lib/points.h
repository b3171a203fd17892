/*
 * Points for graded tests. A test says what it is worth in its Criterion
 * description, which the grading hook (grade_hook.c) reads:
 *
 *	Test(buddy, merges_a_freed_pair, .description = POINTS(3)) { ... }
 *
 * Hidden tests (an exercise's hidden/ directory, never given to students)
 * use HIDDEN_POINTS: their results are kept from students until the grades
 * are published.
 */
#ifndef EXERCISES_POINTS_H
#define EXERCISES_POINTS_H

#define POINTS(n)		"points:" #n
#define HIDDEN_POINTS(n)	"points:" #n " hidden"

#endif
