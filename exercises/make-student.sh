#!/bin/sh
# Write the student distribution: `make student` runs this.
#
# build/student/ is a git repository holding the project as a student gets it:
#  * the chapters with every exercise's chunks replaced by their starters;
#  * answers/<slug>.nw, one file an exercise, which the student edits;
#  * the public tests, the grader and the build; no hidden tests, and no
#    kernel/ (the committed tangle holds the reference solutions), and no
#    tests of the grader itself (exercises/tests/, which hold a solution).
# Its first commit is tagged `handout`: the grader takes its tests from there,
# so a student's edits to the tests do not count.
set -eu
dest=${1:-build/student}

# A student tree with work in it (commits after the handout, or changes to
# its files not committed) is not replaced without being asked:
# STUDENT_FORCE=1 does.
if [ -d "$dest/.git" ] && [ "${STUDENT_FORCE:-0}" != 1 ]; then
	ahead=$(git -C "$dest" rev-list --count handout..HEAD 2>/dev/null || echo 0)
	dirty=$(git -C "$dest" status --porcelain --untracked-files=no 2>/dev/null | head -1)
	if [ "$ahead" != 0 ] || [ -n "$dirty" ]; then
		echo "student: $dest has work in it ($ahead commits after the handout${dirty:+, changes not committed});" \
		     "not replacing it. Move it away, or run again with STUDENT_FORCE=1 to replace it." >&2
		exit 1
	fi
fi
rm -rf "$dest"
mkdir -p "$dest"

# Everything the project has, committed or not (a new chapter or exercise
# counts before it is added), less what git ignores, the reference tangle
# and the hidden tests.
git ls-files --cached --others --exclude-standard |
	grep -v -e '^kernel/' -e '^exercises/[^/]*/hidden/' -e '^exercises/tests/' |
	while IFS= read -r f; do [ -f "$f" ] && printf '%s\n' "$f"; done |
	tar -cf - -T - | tar -xf - -C "$dest"

# The chapters, with starters in place of the solutions.
for conf in exercises/*/exercise.conf; do
	dir=${conf%/exercise.conf}
	slug=${dir#exercises/}
	chapter=chapters/$(sed -n 's/^chapter=//p' "$conf").nw
	[ -f "$chapter" ] || { echo "student: $conf names no chapter $chapter" >&2; exit 1; }
	awk -v chapter="$dest/$chapter" -f exercises/lib/substitute.awk "$dir/starter.nw" \
		"$dest/$chapter" > "$dest/$chapter.new"
	mv "$dest/$chapter.new" "$dest/$chapter"
	mkdir -p "$dest/answers"
	cp "$dir/starter.nw" "$dest/answers/$slug.nw"
done

# The student's tree tangles kernel/ from the chapters and their answers.
printf '/kernel/\n' >> "$dest/.gitignore"

# A README for the student, in place of the instructor's.
cat > "$dest/README.md" <<'TXT'
# Memory, Page by Page: your tree

This is the book's kernel with the exercises left for you. The chapters
(`chapters/*.nw`) are the book; where an exercise's code would be, they
hold a starter, and your version of it goes in `answers/<slug>.nw`.

```
make run      boot the kernel with your answers (type `help` at mm>, `halt` to leave)
make test     build and run the tests with your answers in place; a test that
              needs an answer you have not written yet waits for it (the
              list is exercises/waiting-tests.txt); only a test that passed
              with the starters and fails now makes make test fail
make book     the book, with each chapter's exercises at its end (build/book/)
make grade    grade your answers (EX=slug for one): a score a test, and why
make gdb      boot halted under gdb; break, list and step show chapter lines
make exercises  the exercises, their chapters and points
```

On a fresh Debian machine `make run` and `make test` first install the
packages they need. `kernel/` is written from the chapters and your
answers each time you build: edit `answers/`, not `kernel/`.

Grading runs the tests of the handout (the git tag `handout`), not copies
you may have changed. Until you write an answer, its exercise scores 0.
Commit your work as you go; `git diff handout` shows what you changed.
TXT
cat > "$dest/answers/README.md" <<'TXT'
# Your answers

One file an exercise: `<slug>.nw` holds the chunks the exercise asks you to
write, as noweb code chunks (`<<name>>=`). Edit only the code of those
chunks; `make run` builds the kernel with your answers in place, and
`make grade` (or `make grade EX=slug`) grades them. The statements are at
the end of each chapter of the book (`make book`).
TXT

# The tests that cannot pass until the answers are written: the student
# tree's make test runs once here, with the untouched starters, and lists
# them in exercises/waiting-tests.txt (see mk/waiting.sh). Its build/ stays,
# git-ignored, so the student's first build starts warm.
# STUDENT_WAITING=0 skips this (the list is then missing).
if [ "${STUDENT_WAITING:-1}" != 0 ]; then
	echo "student: running the student tree's tests with the starters (about 3 minutes)"
	( cd "$dest" && make --no-print-directory test WRITE_WAITING=1 > build.log 2>&1 ) || {
		echo "student: make test failed in $dest with the starters (see $dest/build.log):" >&2
		tail -5 "$dest/build.log" >&2; exit 1; }
	# The boot tests depend on timing: four more runs of them find those
	# that pass with the starters only some of the time.
	for run in 1 2 3 4; do
		( cd "$dest" && LSAN_OPTIONS=suppressions=$PWD/mk/lsan.supp:print_suppressions=0 \
			build/test/run-tests --jobs 2 --filter '*boot/*' --tap=build/test/again.tap \
			>/dev/null 2>&1 || true	# some fail: that is what is looked for
		  sh mk/waiting.sh --add build/test/again.tap exercises/waiting-tests.txt ) \
			>> "$dest/build.log"
	done
	grep '^make student:' "$dest/build.log"
	rm -f "$dest/build.log"
fi

( cd "$dest" &&
  git init -q &&
  git add -A &&
  git -c user.name=handout -c user.email=handout@localhost commit -q -m "Handout" &&
  git tag handout )
echo "student: wrote $dest (a git repository, tagged handout)"
