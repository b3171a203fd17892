# book/book.mk -- weave chapters/*.nw into the HTML and PDF book.
#
# Included by the top Makefile; paths are relative to the repository root.
#
#   $(BOOK_HTML)       build/book/html/index.html: contents page, and with it
#                      a page per chapter (NN-slug.html), chunks.html,
#                      identifiers.html and book.css
#   $(BOOK_PDF)        build/book/book.pdf (LaTeX, log and aux files in
#                      build/book/tex/)
#   book-html, book-pdf  each one (the top Makefile's book weaves both, the
#                      pages in parallel)
#   $(BOOK_TEST_SRCS)  Criterion tests of the woven book (no main); run from
#                      the repository root after `make book`
#
# The pipeline: book/nwprep.awk turns our "<<name>>+=" into noweb's "=" (and
# checks continuations), noweave turns all chapters at once into noweb's
# markup stream, and pandoc reads that stream with book/noweb-reader.lua,
# once per HTML page and once for the PDF.

BOOK_CHAPTERS  := $(sort $(wildcard chapters/*.nw))
# Exercise statements, woven at the end of their chapters (exercises/README.md).
BOOK_EXERCISES := $(sort $(wildcard exercises/*/exercise.conf))
BOOK_DIR       := build/book
BOOK_HTML_DIR  := $(BOOK_DIR)/html
BOOK_TEX_DIR   := $(BOOK_DIR)/tex
BOOK_MARKUP    := $(BOOK_DIR)/markup.nwm
BOOK_HTML      := $(BOOK_HTML_DIR)/index.html
BOOK_PDF       := $(BOOK_DIR)/book.pdf
BOOK_TEST_SRCS := $(sort $(wildcard book/tests/*.c))

BOOK_FRONT     := book/front/preface.md book/front/reading.md
BOOK_META      := book/front/meta.yaml
BOOK_READER    := book/noweb-reader.lua
# The kernel the chapters' run blocks boot (book/runs.lua).
BOOK_KERNEL    := build/kernel/vmlinux
# The benchmarks whose tables bench blocks show (book/runs.lua).
BOOK_BENCHES   := $(shell sed -n 's|^<<kernel/tests/bench/\(.*\)\.c>>=$$|build/bench/\1|p' chapters/*.nw)
BOOK_SRCS      := book/book.mk book/nwprep.awk book/html/search.js book/html/book.js $(BOOK_READER) book/runs.lua book/figures.lua $(BOOK_FRONT) $(BOOK_META) \
                  book/html/page.html book/tex/book.latex book/tex/preamble.tex
BOOK_PAGES     := $(patsubst chapters/%.nw,$(BOOK_HTML_DIR)/%.html,$(BOOK_CHAPTERS)) \
                  $(BOOK_HTML_DIR)/checking.html $(BOOK_HTML_DIR)/answers.html \
                  $(BOOK_HTML_DIR)/chunks.html $(BOOK_HTML_DIR)/identifiers.html

# $(call book_need,program,debian-package)
book_need = @command -v $(1) >/dev/null 2>&1 || { \
  echo "book: $(1) is not installed; install the Debian package $(2) (make setup does)" >&2; \
  exit 1; }

BOOK_PANDOC = BOOK_REQUIRE_ENDINGS=1 BOOK_STUDENT=$(if $(wildcard answers/*.nw),1,0) BOOK_FRONT='$(BOOK_FRONT)' pandoc -f $(BOOK_READER) --metadata-file=$(BOOK_META)

.PHONY: book-html book-pdf book-clean
book-html: $(BOOK_HTML)
book-pdf: $(BOOK_PDF)
book-clean:
	rm -rf $(BOOK_DIR)

# The list of chapter files, rewritten only when it changes, so that adding
# or removing a chapter rebuilds the book.
$(BOOK_DIR)/chapters.list: book-always
	@mkdir -p $(@D)
	@echo '$(BOOK_CHAPTERS) $(BOOK_EXERCISES)' | cmp -s - $@ || echo '$(BOOK_CHAPTERS) $(BOOK_EXERCISES)' > $@
.PHONY: book-always
book-always:

# noweb markup of all chapters.  noweave reports some errors (an unescaped
# << in prose) on stderr but still exits 0, so any message fails the build.
$(BOOK_MARKUP): $(BOOK_CHAPTERS) $(BOOK_DIR)/chapters.list book/nwprep.awk book/book.mk \
		$(BOOK_EXERCISES) $(wildcard exercises/*/statement.md)
	$(call book_need,noweave,noweb)
	@rm -rf $(BOOK_DIR)/nw
	@mkdir -p $(BOOK_DIR)/nw/chapters $(BOOK_HTML_DIR)
ifneq ($(BOOK_CHAPTERS),)
	@rm -rf $(BOOK_DIR)/exercises && mkdir -p $(BOOK_DIR)/exercises
	@for conf in $$(for c in $(BOOK_EXERCISES); do \
	    printf '%s %s\n' "$$(sed -n 's/^order=//p' $$c)" $$c; done | sort -n -k1,1 | cut -d' ' -f2); do \
	  dir=$${conf%/exercise.conf}; ch=$$(sed -n 's/^chapter=//p' $$conf); \
	  { cat $$dir/statement.md; echo; } >> $(BOOK_DIR)/exercises/$$ch.md; \
	done
	@awk -v out=$(BOOK_DIR)/nw -v exdir=$(BOOK_DIR)/exercises -f book/nwprep.awk $(BOOK_CHAPTERS)
	@cd $(BOOK_DIR)/nw && noweave -n -t4 -index -backend cat $(BOOK_CHAPTERS) \
	    >../markup.tmp 2>../noweave.err; \
	  status=$$?; \
	  if [ $$status -ne 0 ] || [ -s ../noweave.err ]; then \
	    cat ../noweave.err >&2; \
	    echo "book: noweave failed on the chapters (lines as in chapters/*.nw)" >&2; \
	    exit 1; \
	  fi
	@mv $(BOOK_DIR)/markup.tmp $@
else
	@: > $@
endif

# One pandoc run per page (BOOK_PART = chapter stem, index, chunks or
# identifiers); each reads the whole stream so links across pages agree.
# The LaTeX weave goes first (order only): it boots the kernel for every run
# block and fills the cache, so pages woven in parallel find their outputs
# there instead of each booting the same blocks.
$(BOOK_HTML_DIR)/%.html: $(BOOK_MARKUP) $(BOOK_SRCS) $(BOOK_KERNEL) $(BOOK_BENCHES) | $(BOOK_TEX_DIR)/book.tex
	$(call book_need,pandoc,pandoc)
	@mkdir -p $(@D)
	@BOOK_MODE=html BOOK_PART=$* $(BOOK_PANDOC) -t html5 -s --mathml --wrap=none \
	    --template=book/html/page.html $(BOOK_MARKUP) -o $@

$(BOOK_HTML_DIR)/book.css: book/html/book.css
	@mkdir -p $(@D)
	@cp $< $@

$(BOOK_HTML_DIR)/search.js: book/html/search.js
	@mkdir -p $(@D)
	@cp $< $@

$(BOOK_HTML_DIR)/book.js: book/html/book.js
	@mkdir -p $(@D)
	@cp $< $@

# The search index is read from the woven pages, so it follows them.
$(BOOK_HTML_DIR)/search-index.js: $(BOOK_PAGES) book/search-index.awk
	@awk -f book/search-index.awk $(BOOK_PAGES) > $@.tmp && mv $@.tmp $@

# The contents page, last, so that it stands for the whole HTML book.  Pages
# of chapters that no longer exist are removed.
$(BOOK_HTML): $(BOOK_MARKUP) $(BOOK_SRCS) $(BOOK_PAGES) $(BOOK_HTML_DIR)/book.css $(BOOK_KERNEL) $(BOOK_BENCHES) \
		$(BOOK_HTML_DIR)/search.js $(BOOK_HTML_DIR)/book.js $(BOOK_HTML_DIR)/search-index.js
	@BOOK_MODE=html BOOK_PART=index $(BOOK_PANDOC) -t html5 -s --mathml --wrap=none \
	    --template=book/html/page.html $(BOOK_MARKUP) -o $@
	@rm -f $(filter-out $(BOOK_PAGES) $(BOOK_HTML),$(wildcard $(BOOK_HTML_DIR)/*.html))
	@echo "book: HTML in $(BOOK_HTML_DIR)/ (open $@)"

$(BOOK_TEX_DIR)/book.tex: $(BOOK_MARKUP) $(BOOK_SRCS) $(BOOK_KERNEL) $(BOOK_BENCHES)
	$(call book_need,pandoc,pandoc)
	@mkdir -p $(@D)
	@BOOK_MODE=latex BOOK_PART=book $(BOOK_PANDOC) -t latex -s \
	    --template=book/tex/book.latex -H book/tex/preamble.tex \
	    --top-level-division=chapter --number-sections -V secnumdepth=2 \
	    $(BOOK_MARKUP) -o $@

# xelatex runs in the repository root (so figure paths work as in HTML);
# everything it writes goes to build/book/tex/.
$(BOOK_PDF): $(BOOK_TEX_DIR)/book.tex
	$(call book_need,latexmk,latexmk)
	$(call book_need,xelatex,texlive-xetex)
	@latexmk -xelatex -interaction=nonstopmode -halt-on-error -file-line-error \
	    -outdir=$(BOOK_TEX_DIR) $< >$(BOOK_TEX_DIR)/latexmk.out 2>&1 || { \
	  grep -A3 -E '^(!|.*:[0-9]+: )' $(BOOK_TEX_DIR)/book.log >&2 || tail -20 $(BOOK_TEX_DIR)/latexmk.out >&2; \
	  echo "book: xelatex failed; see $(BOOK_TEX_DIR)/book.log" >&2; exit 1; }
	@if grep -q '^Missing character' $(BOOK_TEX_DIR)/book.log; then \
	  echo "book: warning: the PDF fonts lack these characters (see $(BOOK_TEX_DIR)/book.log):" >&2; \
	  grep '^Missing character' $(BOOK_TEX_DIR)/book.log | sort -u | head -10 >&2; fi
	@if grep -q '^Overfull \\hbox' $(BOOK_TEX_DIR)/book.log; then \
	  echo "book: warning: lines wider than the page (book.tex line numbers; see $(BOOK_TEX_DIR)/book.log):" >&2; \
	  grep -A1 '^Overfull \\hbox' $(BOOK_TEX_DIR)/book.log | head -20 >&2; fi
	@cp $(BOOK_TEX_DIR)/book.pdf $@
	@echo "book: PDF in $@"
