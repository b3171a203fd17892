# nwprep.awk -- make chapters/*.nw acceptable to noweave.
#
# Usage: awk -v out=DIR -f book/nwprep.awk chapters/00-a.nw chapters/01-b.nw ...
#
# Writes each input FILE to DIR/FILE with every continuation line
# "<<name>>+=" turned into noweb's own "<<name>>=" (noweb continues a chunk
# when it sees a second "=" for the same name).  Lines are neither added nor
# removed, so a line number in DIR/FILE is a line number in FILE.
#
# Because noweb cannot tell a continuation from an accidental second
# definition, the distinction is checked here, across all chapters in the
# order given, and the run fails (exit 1) naming FILE:LINE when
#   * "<<name>>=" defines a name that already has a definition, or
#   * "<<name>>+=" continues a name that has no definition before it.

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	failed = 1
}

FNR == 1 {
	if (outfile != "")
		close(outfile)
	outfile = out "/" FILENAME
}

/^<<.*>>\+=[ \t]*$/ {
	name = $0
	sub(/^<</, "", name)
	sub(/>>\+=[ \t]*$/, "", name)
	if (!(name in defined))
		fail("<<" name ">>+= continues a chunk that has no <<" name ">>= before it")
	print "<<" name ">>=" > outfile
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
}

{ print > outfile }

END { exit failed }
