# substitute.awk -- put the starters of exercises in place of the book's chunks.
#
# usage: awk -v chapter=CHAPTER.nw -f substitute.awk STARTER.nw... CHAPTER.nw > OUT.nw
#   (every file but the last is a starter; the last is the chapter)
#
# Each chunk a starter defines replaces the chunk of that name in the
# chapter: its first definition gets the starter's body, its continuations
# (+=) disappear, so that the student's copy of the book holds the starter
# where the reference solution was, and no line of the solution.

# Starters: remember each chunk's body.
FILENAME != chapter && /^<<.*>>\+?=[ \t]*$/ {
	name = $0; sub(/^<</, "", name); sub(/>>\+?=[ \t]*$/, "", name)
	cur = name; body[cur] = body[cur]; next
}
FILENAME != chapter && (/^@$/ || /^@[ \t]/) { cur = ""; next }
FILENAME != chapter { if (cur != "") body[cur] = body[cur] $0 "\n"; next }

# The chapter.
/^<<.*>>\+?=[ \t]*$/ {
	name = $0; sub(/^<</, "", name); sub(/>>\+?=[ \t]*$/, "", name)
	skipping = 0
	if (name in body) {
		skipping = 1
		if ($0 !~ /\+=[ \t]*$/) { print; printf "%s", body[name] }
		next
	}
}
(/^@$/ || /^@[ \t]/) { skipping = 0 }
!skipping { print }
