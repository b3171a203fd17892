#!/bin/sh
# Grade the exercises: `make grade` runs this (EX=slug for one).
#
# usage: exercises/grade.sh [--reference | --starter | --check] [SLUG...]
#
#   (default)    each exercise with the student's answers/<slug>.nw if there is
#                one, else with the book's own chunks (the reference solution)
#   --reference  with the book's chunks
#   --starter    with each exercise's starter
#   --check      both: fails unless every reference scores full marks and every
#                starter scores zero (so no test passes without the student's work)
#
# Every run starts from a clean build under build/grade/ and uses pristine
# tests: in a student tree, those of the git tag `handout`; else the working
# tree's. Results: build/grade/results.json (Gradescope), build/grade/junit.xml.
# Environment: GRADE_OUT (build/grade), GRADE_ANSWERS_DIR (answers),
# GRADE_TIMEOUT (600 s for one exercise's tests), GRADE_TEST_TIMEOUT (60 s a
# test), GRADE_JOBS (2); GRADE_NO_VET=1 skips the answer's vetting (to test
# the defenses behind it: never when grading).
set -u
mode=default
case "${1:-}" in
--reference|--starter|--check) mode=${1#--}; shift ;;
esac
out=${GRADE_OUT:-build/grade}
answers_dir=${GRADE_ANSWERS_DIR:-answers}
TANGLE=build/tangle/tangle
TIMEOUT=${GRADE_TIMEOUT:-600}		# the whole test program of one exercise
TEST_TIMEOUT=${GRADE_TEST_TIMEOUT:-60}	# each test
JOBS=${GRADE_JOBS:-2}

die() { echo "grade: $*" >&2; exit 2; }

# What a Criterion run passes to its children through the environment (its
# options, and BoxFort's BXFI_MAP, which tells a program it is a test worker)
# must not reach the exercises' own Criterion programs, when the grader itself
# runs inside a test.
for v in $(env | sed -n 's/^\(CRITERION_[A-Z_]*\|BXFI_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done

# ---- the exercises and their pristine tests ------------------------------------
pristine=exercises
if git rev-parse -q --verify refs/tags/handout >/dev/null 2>&1; then
	pristine=$out/pristine/exercises
	rm -rf "$out/pristine" && mkdir -p "$out/pristine"
	git archive handout exercises | tar -x -C "$out/pristine" || die "cannot read the handout's tests"
fi
if [ $# -gt 0 ]; then
	slugs="$*"
else
	slugs=$(for d in "$pristine"/*/exercise.conf; do basename "$(dirname "$d")"; done)
fi
[ -n "$slugs" ] || die "no exercises under $pristine/"
LIB=$pristine/lib	# the grading hook, points.h, vet.sh, gradetool: the handout's too
[ -x "$TANGLE" ] || die "$TANGLE is missing: run make first"
mkdir -p "$out"
GRADETOOL=$out/gradetool
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o "$GRADETOOL.$$" "$LIB/gradetool.c" &&
	mv "$GRADETOOL.$$" "$GRADETOOL" || die "cannot build gradetool"
CHAPTERS=$(ls chapters/*.nw | sort)

# ---- one exercise ---------------------------------------------------------------
# grade_one SLUG ANSWERS-FILE-OR-EMPTY RESULTS-FILE: build and test, append records.
grade_one() {
	slug=$1 answers=$2 results=$3
	ex=$pristine/$slug dir=$out/$slug
	[ -f "$ex/exercise.conf" ] || die "no exercise $slug (no $ex/exercise.conf)"
	title=$(sed -n 's/^title=//p' "$ex/exercise.conf")
	tests=$(ls "$ex"/tests/*.c "$ex"/hidden/*.c 2>/dev/null)
	declared=$(cat $tests | grep -o 'POINTS([0-9]*)' | tr -dc '0-9\n' | awk '{s+=$1} END {print s+0}')
	rm -rf "$dir" && mkdir -p "$dir"
	# The files the tests are made of, with their sha256 sums, go into the
	# results: an instructor can see that they are the handout's.
	base=$(dirname "$pristine")
	(cd "$base" && sha256sum $(for f in $tests "$LIB"/*.c "$LIB"/*.h "$LIB"/*.sh; do
		[ "$base" = . ] && echo "$f" || echo "${f#$base/}"; done)) > "$dir.sums"
	"$GRADETOOL" header "$slug" "$title" "$declared" "$dir.sums" >> "$results"
	rm -f "$dir.sums"
	log=$dir/build.log
	# A failed build scores zero, with the compiler's messages (not make's chatter).
	fail() {
		grep -v -e '^  [A-Z][A-Z]* ' -e '^make' "$log" > "$log.errors"
		"$GRADETOOL" record "$slug" "$1" "$declared" "$log.errors" >> "$results"
	}

	# Tangle the book with the answers in place of the reference chunks.
	if ! $TANGLE --out "$dir/tree" --src "$dir/src" ${answers:+--answers "$answers"} $CHAPTERS > "$log" 2>&1; then
		fail "build: the answer does not tangle"; return
	fi
	# Build the kernel for the host (the tests' machine) and for x86-32.
	if ! make -s -j"$JOBS" -f mk/kernel.mk SRC="$dir/src/kernel" OBJ="$dir/kernel" \
		HOBJ="$dir/host" host-objs kernel >> "$log" 2>&1; then
		fail "build: the kernel does not compile"; return
	fi
	# Build the test program: the exercise's tests, the grading hook, the host kernel.
	hcflags=$(make -s -f mk/kernel.mk SRC="$dir/src/kernel" print-HCFLAGS)
	objs=""
	for t in $tests "$LIB/grade_hook.c"; do
		o=$dir/t/$(basename "$t" .c).o
		mkdir -p "$dir/t"
		case $t in
		*_boot.c|*grade_hook.c) flags="-std=gnu11 -O1 -g -Wall -Wextra -Werror -I$dir/src/kernel/tests" ;;
		*) flags="$hcflags" ;;
		esac
		gcc $flags -I"$LIB" -c "$t" -o "$o" >> "$log" 2>&1 || { fail "build: the tests do not compile against the answer"; return; }
		objs="$objs $o"
	done
	gcc -std=gnu11 -O1 -g -c "$dir/src/kernel/tests/qemu.c" -o "$dir/t/qemu.o" >> "$log" 2>&1
	if ! gcc -fsanitize=address,undefined -rdynamic -o "$dir/tests" $objs "$dir/t/qemu.o" \
		$(find "$dir/host" -name '*.o' | sort) -lcriterion -ldl >> "$log" 2>&1; then
		fail "build: the test program does not link"; return
	fi
	# The answer's code may use only the kernel, and not reach the tests'
	# process around it (see exercises/lib/vet.sh): else the exercise scores 0.
	log=$dir/vet.log
	if [ "${GRADE_NO_VET:-0}" != 1 ] && ! sh "$LIB/vet.sh" "$dir" "$answers" > "$log" 2>&1; then
		fail "build: the answer does what no answer may (the grader does not run its tests)"; return
	fi
	# Run the tests, each with its points; a hung kernel or endless loop is cut off.
	# Each test's sanitizer report goes to a file of its own under san/.
	mkdir -p "$dir/san"
	GRADE_RESULTS=$results GRADE_EXERCISE=$slug GRADE_TEST_TIMEOUT=$TEST_TIMEOUT \
	GRADE_SANLOG=$dir/san \
	KERNEL=$dir/kernel/vmlinux \
	LSAN_OPTIONS=suppressions=$PWD/mk/lsan.supp:print_suppressions=0 \
		timeout "$TIMEOUT" "$dir/tests" --jobs "$JOBS" > "$dir/run.log" 2>&1
	status=$?
	if [ $status -eq 124 ]; then
		echo "the tests did not finish in $TIMEOUT s (an endless loop, or a hung kernel?)" > "$dir/run.log.timeout"
		"$GRADETOOL" record "$slug" "timeout" 0 "$dir/run.log.timeout" >> "$results"
	fi
}

# ---- a whole run -------------------------------------------------------------------
# run MODE: grade every exercise in MODE; prints the report; echoes nothing else.
run() {
	results=$out/results-$1.jsonl.$$	# one a run, so that two runs cannot mix
	: > "$results"
	for slug in $slugs; do
		case $1 in
		reference) answers= ;;
		starter) answers=$pristine/$slug/starter.nw ;;
		default) answers=; [ -f "$answers_dir/$slug.nw" ] && answers=$answers_dir/$slug.nw ;;
		esac
		grade_one "$slug" "$answers" "$results"
	done
	"$GRADETOOL" report "$out" "$results"
	mv "$results" "$out/results-$1.jsonl"
}

case $mode in
default|reference|starter)
	run "$mode"
	;;
check)
	run starter > "$out/starter.txt" || die "the starter run failed"
	starter_total=$(sed -n 's/^total \([0-9]*\)\/.*/\1/p' "$out/starter.txt")
	run reference | tee "$out/reference.txt"
	ref=$(sed -n 's/^total \([0-9]*\)\/\([0-9]*\)$/\1 \2/p' "$out/reference.txt")
	set -- $ref
	echo "grade check: reference solutions $1/$2, starters $starter_total/$2"
	grep -E '^[a-z0-9-]+: ' "$out/starter.txt" >/dev/null
	if [ "$1" != "$2" ] || [ "$2" = 0 ]; then
		echo "grade check: FAIL: a reference solution lost points (see above)"; exit 1
	fi
	if grep -q '"name":"build:' "$out/results-starter.jsonl"; then
		echo "grade check: FAIL: a starter does not build (the kernel must build with every starter):"
		grep -o '"exercise":"[^"]*","name":"build:[^"]*"' "$out/results-starter.jsonl"; exit 1
	fi
	if [ "$starter_total" != 0 ]; then
		echo "grade check: FAIL: a starter earns points, so a test passes without the student's work:"
		grep -E '^  +[1-9][0-9]*/' "$out/starter.txt"; exit 1
	fi
	;;
esac
