#!/bin/sh
# List the exercises: `make exercises` runs this.
printf '%-16s %-22s %6s  %s\n' EXERCISE CHAPTER POINTS STATUS
for conf in exercises/*/exercise.conf; do
	dir=${conf%/exercise.conf}
	slug=${dir#exercises/}
	chapter=$(sed -n 's/^chapter=//p' "$conf")
	points=$(cat "$dir"/tests/*.c "$dir"/hidden/*.c 2>/dev/null | grep -o 'POINTS([0-9]*)' |
		 tr -dc '0-9\n' | awk '{s+=$1} END {print s+0}')
	if [ ! -d answers ]; then
		status="reference solution in the book (instructor tree)"
	elif [ ! -f "answers/$slug.nw" ]; then
		status="no answers/$slug.nw"
	elif cmp -s "answers/$slug.nw" "$dir/starter.nw"; then
		status="not started (answers/$slug.nw is the starter)"
	else
		status="in progress (answers/$slug.nw)"
	fi
	printf '%-16s %-22s %6s  %s\n' "$slug" "$chapter" "$points" "$status"
done
