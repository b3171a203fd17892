#!/bin/sh
# The verdict of `make test` in a student tree, where some tests cannot pass
# until the student's answers are written.
#
# usage: mk/waiting.sh --write TAP LIST   (make student) record in LIST the
#                                          tests that fail with the starters
#        mk/waiting.sh --add TAP LIST     add the failures of another run
#        mk/waiting.sh TAP LIST           (make test) fail only for a test
#                                          that fails and is not in LIST
#
# TAP is the test program's --tap output ("ok - suite::name", "not ok - ...").
# Some tests depend on timing (a stress run of a second, say), and with the
# starters they may pass one run and fail the next: make student adds the
# failures of a few more runs of the boot tests, and make test runs a test
# that failed against the list twice more (the program in $WAITING_RERUN)
# and counts it as passed if it passes once, saying so.
set -u
export LC_ALL=C
write=0
[ "${1:-}" = --write ] && { write=1; shift; }
[ "${1:-}" = --add ] && { write=2; shift; }
[ $# -eq 2 ] || { echo "usage: mk/waiting.sh [--write | --add] TAP LIST" >&2; exit 2; }
tap=$1 list=$2
[ -s "$tap" ] || { echo "make test: the test program wrote no results ($tap)" >&2; exit 1; }
plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tap" | head -1)
ran=$(grep -c -e '^ok - ' -e '^not ok - ' "$tap")
[ -n "$plan" ] && [ "$ran" = "$plan" ] ||
	{ echo "make test: FAIL: the test program stopped early ($ran of ${plan:-?} tests reported)"; exit 1; }

failed=$(sed -n 's/^not ok - \([^ ]*\).*/\1/p' "$tap" | sort -u)
passed=$(grep -c '^ok - ' "$tap")

if [ $write -eq 2 ]; then
	added=$(printf '%s\n' "$failed" | grep . | grep -vxF -f "$list")
	[ -n "$added" ] && printf '%s\n' "$added" >> "$list"
	echo "make student: $(printf '%s' "$added" | grep -c .) more tests that failed on another run"
	exit 0
fi
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
# A test that fails against the list gets two more runs on its own.
flaky=
if [ -n "$broken" ] && [ -n "${WAITING_RERUN:-}" ]; then
	again=
	for t in $broken; do
		if $WAITING_RERUN --filter "$(echo "$t" | sed 's|::|/|')" >/dev/null 2>&1 ||
		   $WAITING_RERUN --filter "$(echo "$t" | sed 's|::|/|')" >/dev/null 2>&1; then
			flaky="$flaky $t"
		else
			again="$again $t"
		fi
	done
	broken=$(printf '%s\n' $again)
fi
nstill=$(printf '%s\n' "$still" | grep -c .)
nbroken=$(printf '%s\n' "$broken" | grep -c .)

echo
echo "make test: $passed passed; $nstill of the $nwait tests that need your answers still wait for them" \
     "(they failed with the starters: $list)"
for t in $flaky; do
	echo "make test: $t failed, then passed when run again (it depends on timing)"
done
if [ "$nbroken" -gt 0 ]; then
	echo "make test: FAIL: $nbroken tests that passed with the starters fail now:"
	printf '  %s\n' $broken
	exit 1
fi
exit 0
