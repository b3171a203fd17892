# nwprep.awk -- make chapters/*.nw acceptable to noweave.
#
# Usage: awk -v out=DIR -f book/nwprep.awk chapters/00-a.nw chapters/01-b.nw ...
#
# Writes each input FILE to DIR/FILE with every continuation line
# "<<name>>+=" turned into noweb's own "<<name>>=" (noweb continues a chunk
# when it sees a second "=" for the same name).  Lines are neither added nor
# removed, so a line number in DIR/FILE is a line number in FILE.
#
# In documentation, noweb rejects a bare "<<" ("unescaped << in
# documentation chunk") although prose and Markdown code spans need it
# (`v << 1`).  Documentation has no chunk uses, so every "<<" there that is
# not already written "@<<" is escaped as "@<<" (noweave prints "<<").
#
# Identifiers that tests define (`@ %def` after a chunk under kernel/tests/,
# or one named as tests: "host tests of ...", "helpers for the buddy tests") are left out of noweb's
# index: names such as `run` or `held` in a test would otherwise be taken for
# uses wherever the kernel's code has a word of the same spelling. The
# kernel's own self-tests ("[[run_selftests]]") keep theirs.
#
# Because noweb cannot tell a continuation from an accidental second
# definition, the distinction is checked here, across all chapters in the
# order given, and the run fails (exit 1) naming FILE:LINE when
#   * "<<name>>=" defines a name that already has a definition, or
#   * "<<name>>+=" continues a name that has no definition before it.

# s with every "<<" not preceded by "@" written "@<<"
function escape_docs(s,    out, i) {
	out = ""
	while ((i = index(s, "<<")) > 0) {
		if (i > 1 && substr(s, i - 1, 1) == "@")
			out = out substr(s, 1, i + 1)
		else
			out = out substr(s, 1, i - 1) "@<<"
		s = substr(s, i + 2)
	}
	return out s
}

function is_test_chunk(name) {
	return name ~ /^kernel\/tests\// || name ~ /(^|\/)test_/ || name ~ /(host|boot) test/ ||
	       name ~ /(^|[^A-Za-z])tests([^A-Za-z]|$)/
}

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	failed = 1
}

# The statements of a chapter's exercises, if the Makefile gathered any into
# exercises/CHAPTER.md (variable exdir), follow the chapter as a last section
# of documentation, so they add lines after the chapter's own and move none.
function append_exercises(file,    base, md, line) {
	if (exdir == "" || file == "")
		return
	base = file
	sub(/^.*\//, "", base)
	sub(/\.nw$/, "", base)
	md = exdir "/" base ".md"
	if ((getline line < md) <= 0)
		return
	print "@ ## Exercises" > outfile
	do
		print escape_docs(line) > outfile
	while ((getline line < md) > 0)
	close(md)
}

FNR == 1 {
	if (outfile != "") {
		append_exercises(prevfile)
		close(outfile)
	}
	outfile = out "/" FILENAME
	prevfile = FILENAME
	in_docs = 1
}

/^<<.*>>\+=[ \t]*$/ {
	name = $0
	sub(/^<</, "", name)
	sub(/>>\+=[ \t]*$/, "", name)
	if (!(name in defined))
		fail("<<" name ">>+= continues a chunk that has no <<" name ">>= before it")
	chunk = name
	print "<<" name ">>=" > outfile
	in_docs = 0
	next
}

/^<<.*>>=[ \t]*$/ {
	name = $0
	sub(/^<</, "", name)
	sub(/>>=[ \t]*$/, "", name)
	if (name in defined)
		fail("<<" name ">>= defines the chunk a second time (first at " \
		     defined[name] "); write <<" name ">>+= to continue it")
	else
		defined[name] = FILENAME ":" FNR
	chunk = name
	in_docs = 0
	print > outfile
	next
}

# "@" alone or "@ text" starts documentation; "@ %def ..." ends code only.
/^@$/ || /^@[ \t]/ {
	if ($0 ~ /^@[ \t]+%def/) {
		print (is_test_chunk(chunk) ? "@" : $0) > outfile
	} else {
		print "@" escape_docs(substr($0, 2)) > outfile
	}
	in_docs = 1
	next
}

in_docs { print escape_docs($0) > outfile; next }

{ print > outfile }

END {
	if (outfile != "")
		append_exercises(prevfile)
	exit failed
}
