# search-index.awk -- the client-side search index of the HTML book.
#
# usage: awk -f book/search-index.awk build/book/html/*.html > search-index.js
#
# Reads the woven pages and writes one JavaScript array, SEARCH_INDEX, of
# entries [text, kind, href]: every section heading, every chunk name (from
# chunks.html), every identifier (from identifiers.html, linked to its first
# definition) and every glossary term with its Chinese name.

function strip(s) {
	gsub(/<[^>]*>/, "", s)
	gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
	gsub(/&#39;/, "'", s); gsub(/&amp;/, "\\&", s)
	gsub(/^[ \t]+|[ \t]+$/, "", s)
	return s
}
function js(s) {
	gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s)
	return "\"" s "\""
}
function emit(text, kind, href) {
	if (text == "" || href == "" || seen[kind SUBSEP text SUBSEP href]++)
		return
	printf "%s[%s,%s,%s]\n", n++ ? "," : "", js(text), js(kind), js(href)
}
BEGIN { print "var SEARCH_INDEX = [" }
FNR == 1 { page = FILENAME; sub(/^.*\//, "", page) }

# Headings of chapter pages: <h2 ... id="x">...</h2>, on one line.
page != "chunks.html" && page != "identifiers.html" && match($0, /<h[1-4][^>]* id="[^"]*"[^>]*>.*<\/h[1-4]>/) {
	h = substr($0, RSTART, RLENGTH)
	match(h, / id="[^"]*"/)
	id = substr(h, RSTART + 5, RLENGTH - 6)
	text = h; sub(/<span class="header-section-number">[^<]*<\/span>/, "", text)
	emit(strip(text), "section", page "#" id)
}

# Identifiers: <li><code>NAME</code>: <strong><a href="P#ID" ...
page == "identifiers.html" && /^<li><code>/ {
	name = $0; sub(/^<li><code>/, "", name); sub(/<\/code>.*$/, "", name)
	href = $0; sub(/^[^"]*href="/, "", href); sub(/".*$/, "", href)
	emit(strip(name), "identifier", href)
}

# Chunks: every link whose title is a chunk name, in chunks.html.
page == "chunks.html" {
	s = $0
	while (match(s, /<a href="[^"]*"[^>]*>[^<]*<\/a>/)) {
		a = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
		href = a; sub(/^<a href="/, "", href); sub(/".*$/, "", href)
		if (href ~ /#NW/ && a ~ /⟨/)
			emit(strip(a), "chunk", href)
	}
}

# Glossary terms: <dt><strong>term</strong> (中文)</dt>
page ~ /glossary/ && /<dt>/ {
	emit(strip($0), "term", page)
}
END { print "];" }
