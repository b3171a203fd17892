#!/bin/sh
# Check a student tree (`make test` runs this after `make student`):
#  * no hidden test and no reference tangle (kernel/) is in it;
#  * no line of a reference solution is in it: for every chunk of every
#    exercise, each substantial line of the book's body that the starter does
#    not share, and that the book does not also have elsewhere, is searched
#    for in every file it holds (its build/ and kernel/ are its own);
#  * its own `make test` passes (building the kernel and the book; the tests
#    that need answers wait for them), it boots to its prompt, and its
#    `make grade` runs, with the handout's tests even after the student's
#    copies were edited, and scores 0.
set -u
dest=${1:-build/student}
TANGLE=build/tangle/tangle
fail=0
[ -d "$dest/.git" ] || { echo "check-student: $dest is not a git repository" >&2; exit 1; }
if find "$dest" -path "$dest/.git" -prune -o -path '*/hidden/*' -print | grep -q .; then
	echo "check-student: hidden tests were copied into $dest"; fail=1
fi
# (its kernel/ is its own tangle, of the starters, and git-ignored)
git -C "$dest" ls-files kernel | grep -q . && { echo "check-student: $dest holds kernel/, the reference tangle"; fail=1; }

strip() { sed 's/^[ \t]*//; s/[ \t]*$//' | awk 'length($0) >= 16'; }
for starter in exercises/*/starter.nw; do
	grep -o '^<<.*>>+\{0,1\}=$' "$starter" | sed 's/^<<//; s/>>+\{0,1\}=$//' | sort -u |
	while IFS= read -r name; do
		$TANGLE --chunk "$name" chapters/*.nw | strip | sort -u > /tmp/ref.$$
		awk -v n="$name" '/^<<.*>>\+?=$/ {c = ($0 == "<<" n ">>=" || $0 == "<<" n ">>+=")} /^@/ {c = 0} c' \
			"$starter" | strip | sort -u > /tmp/start.$$
		comm -23 /tmp/ref.$$ /tmp/start.$$ | while IFS= read -r line; do
			# a line the book also has outside this chunk is common code, not a clue
			[ "$(grep -rhF -- "$line" chapters | wc -l)" -gt 1 ] && continue
			if (cd "$dest" && git ls-files -z | xargs -0 grep -qF -- "$line"); then
				echo "check-student: a line of the solution to <<$name>> is in $dest: $line"
				echo leak >> /tmp/leak.$$
			fi
		done
	done
done
[ -f /tmp/leak.$$ ] && fail=1
rm -f /tmp/ref.$$ /tmp/start.$$ /tmp/leak.$$

# The student's own make test passes with the untouched starters: it builds
# the kernel and the book, and fails only for a test not in its list of
# tests that wait for answers (make student wrote it).
[ -s "$dest/exercises/waiting-tests.txt" ] || { echo "check-student: $dest has no exercises/waiting-tests.txt"; fail=1; }
if ! ( cd "$dest" && make --no-print-directory test > test.log 2>&1 ); then
	echo "check-student: make test fails in the student tree (see $dest/test.log):"; tail -5 "$dest/test.log"; fail=1
fi
grep '^make test:' "$dest/test.log"
if ! ( cd "$dest" && printf 'halt\n' | timeout 60 make -s run > run.log 2>&1 && grep -q 'mm> ' run.log ); then
	echo "check-student: the student tree does not boot to its prompt"; fail=1
fi
# The student's book builds with the untouched starters (make test built
# it): a run block or figure that needs an exercise done says so instead.
if ! grep -q 'student-missing' "$dest"/build/book/html/*.html; then
	echo "check-student: the student's book shows no block as waiting for an answer; are the starters in?"; fail=1
fi
# A student who edits a test changes nothing: the grader takes the handout's.
for t in "$dest"/exercises/*/tests/*.c; do
	printf '#include <criterion/criterion.h>\n#include "points.h"\nTest(edited, passes, .description = POINTS(100)) {}\n' > "$t"
done
( cd "$dest" && GRADE_JOBS=2 make -s grade > grade.log 2>&1 ) || { echo "check-student: make grade fails in the student tree"; fail=1; }
( cd "$dest" && git checkout -q -- exercises )
grep -q '^total 0/' "$dest/grade.log" || { echo "check-student: the untouched student tree should score 0"; fail=1; }
[ $fail -eq 0 ] && echo "check-student: $dest has no solution and no hidden test; its make test passes, it boots, makes its book and grades ($(grep '^total' "$dest/grade.log"))"
exit $fail
