#!/bin/sh
# The verdict of `make test` in a student tree, where some tests cannot pass
# until the student's answers are written.
#
# usage: mk/waiting.sh --write TAP LIST   (make student) record in LIST the
#                                          tests that fail with the starters
#        mk/waiting.sh TAP LIST           (make test) fail only for a test
#                                          that fails and is not in LIST
#
# TAP is the test program's --tap output ("ok - suite::name", "not ok - ...").
set -u
export LC_ALL=C
write=0
[ "${1:-}" = --write ] && { write=1; shift; }
[ $# -eq 2 ] || { echo "usage: mk/waiting.sh [--write] TAP LIST" >&2; exit 2; }
tap=$1 list=$2
[ -s "$tap" ] || { echo "make test: the test program wrote no results ($tap)" >&2; exit 1; }
plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tap" | head -1)
ran=$(grep -c -e '^ok - ' -e '^not ok - ' "$tap")
[ -n "$plan" ] && [ "$ran" = "$plan" ] ||
	{ echo "make test: FAIL: the test program stopped early ($ran of ${plan:-?} tests reported)"; exit 1; }

failed=$(sed -n 's/^not ok - \([^ ]*\).*/\1/p' "$tap" | sort -u)
passed=$(grep -c '^ok - ' "$tap")

if [ $write -eq 1 ]; then
	{
		echo "# Tests that fail with the untouched starters (written by make student)."
		echo "# make test counts them as waiting for your answers, not as failures;"
		echo "# each passes once the exercises it needs are done."
		[ -n "$failed" ] && printf '%s\n' "$failed"
	} > "$list"
	echo "make student: $(printf '%s' "$failed" | grep -c .) tests wait for the students' answers ($list)"
	exit 0
fi

[ -f "$list" ] || { echo "make test: no $list (it comes with the handout)" >&2; exit 1; }
sorted=${TMPDIR:-/tmp}/waiting.$$
grep -v '^#' "$list" | sort -u > "$sorted"
broken=$(printf '%s\n' "$failed" | grep . | comm -23 - "$sorted")
still=$(printf '%s\n' "$failed" | grep . | comm -12 - "$sorted")
nwait=$(grep -c . "$sorted")
rm -f "$sorted"
nstill=$(printf '%s\n' "$still" | grep -c .)
nbroken=$(printf '%s\n' "$broken" | grep -c .)

echo
echo "make test: $passed passed; $nstill of the $nwait tests that need your answers still wait for them" \
     "(they failed with the starters: $list)"
if [ "$nbroken" -gt 0 ]; then
	echo "make test: FAIL: $nbroken tests that passed with the starters fail now:"
	printf '  %s\n' $broken
	exit 1
fi
exit 0
