# The one entry point. `make help` lists the targets.
#
# Everything generated goes to build/, except kernel/, the committed tangle
# of chapters/*.nw (never edited by hand: `make tangle` rewrites it).

MEM ?= 2G
SMP ?= 2
APPEND ?= console=ttyS0
CHAPTERS := $(sort $(wildcard chapters/*.nw))
KERNEL := build/kernel/vmlinux
TESTBIN := build/test/run-tests

.PHONY: FORCE all help setup tangle check-drift kernel host run gdb book html pdf test test-build grade bench clean \
	exercises grade-check student student-check
.DEFAULT_GOAL := all

all: kernel html

help:
	@echo "make            tangle, build the kernel and the HTML book"
	@echo "make run        boot in QEMU on the serial console (MEM=$(MEM) SMP=$(SMP) APPEND='$(APPEND)')"
	@echo "make gdb        boot halted with gdb attached; source lines are chapter lines"
	@echo "make book       HTML and PDF into build/book/"
	@echo "make test       every check: tangle, drift, host tests, boot tests, book"
	@echo "make test-build the test program alone: build/test/run-tests --filter 'suite/*'"
	@echo "make setup      install the Debian packages this needs"
	@echo "make bench      benchmarks, each beside a comparison measured in the same run"
	@echo "make exercises  list the exercises, their points and status"
	@echo "make grade      grade the exercises (EX=slug for one); writes build/grade/results.json"
	@echo "make student    write the student distribution to build/student/"

include mk/setup.mk
include tangle/tangle.mk
-include book/book.mk

# ---- tangling ---------------------------------------------------------------
# The tangler writes only files whose text changed, so make rebuilds only
# the objects a changed chunk reaches.
# In a student tree (make student), answers/*.nw replace the exercises' chunks.
ANSWERS := $(sort $(wildcard answers/*.nw))
build/.tangled: $(TANGLE_BIN) $(CHAPTERS) $(ANSWERS) | setup-quiet
	$(TANGLE_BIN) --out . --src build/src $(addprefix --answers ,$(ANSWERS)) $(CHAPTERS)
	@touch $@

tangle: build/.tangled

# The drift check: kernel/ must be exactly what the chapters tangle to.
# It runs before anything is tangled, so it sees kernel/ as committed.
check-drift: $(TANGLE_BIN)
ifneq ($(ANSWERS),)
	@echo "drift check: skipped in a student tree (kernel/ is tangled with your answers)"
else
	@$(TANGLE_BIN) --check --out . $(CHAPTERS) || { \
	  echo "drift check: kernel/ is not what chapters/*.nw tangle to;" \
	       "run 'make tangle' and commit kernel/ with the chapters (never edit kernel/ by hand)" >&2; \
	  exit 1; }
	@echo "drift check: kernel/ is what chapters/*.nw tangle to"
endif

# ---- the kernel and the host library ----------------------------------------
# Sources are found in the tangle, so a new chapter needs no change here:
# mk/kernel.mk runs after tangling and globs build/src/kernel.
kernel: build/.tangled
	@$(MAKE) --no-print-directory -f mk/kernel.mk kernel

# The book boots the kernel (its run blocks), so the book's rules name the file.
$(KERNEL): build/.tangled FORCE
	@$(MAKE) --no-print-directory -f mk/kernel.mk kernel
FORCE:

# The book's benchmarks are built by one sub-make, all at once: a sub-make
# each, run in parallel under -j, would compile the objects they share at
# the same time and link half-written ones.
ifneq ($(BOOK_BENCHES),)
$(BOOK_BENCHES) &: build/.tangled FORCE
	@$(MAKE) --no-print-directory -f mk/kernel.mk $(BOOK_BENCHES)
endif

host: build/.tangled
	@$(MAKE) --no-print-directory -f mk/kernel.mk host-objs

# ---- running ----------------------------------------------------------------
run: kernel | setup-quiet
	@MEM=$(MEM) SMP=$(SMP) APPEND="$(APPEND)" sh kernel/scripts/run-qemu $(KERNEL)

# QEMU waits for gdb on :1234 with its serial line in a file (watch it with
# `tail -f build/gdb-serial.log`); gdb runs here. GDBFLAGS adds gdb options
# (for example GDBFLAGS="-batch -x cmds.gdb").
GDBFLAGS ?=
gdb: kernel | setup-quiet
	@echo "gdb: QEMU halted at the first instruction; serial output in build/gdb-serial.log"
	@qemu-system-i386 -kernel $(KERNEL) -m $(MEM) -smp $(SMP) -append "$(APPEND)" \
		-display none -serial file:build/gdb-serial.log -monitor none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -s -S & \
	qemu=$$!; \
	gdb -q -ex 'set confirm off' -ex 'set pagination off' -ex 'target remote :1234' \
		$(GDBFLAGS) $(KERNEL); \
	kill $$qemu 2>/dev/null; wait $$qemu 2>/dev/null; true

# ---- the book -----------------------------------------------------------------
# The pages are woven in parallel, one pandoc a page (BOOK_JOBS=1 to not).
BOOK_JOBS ?= $(shell nproc 2>/dev/null || echo 1)
html:
	@$(MAKE) --no-print-directory -j$(BOOK_JOBS) $(BOOK_HTML)
pdf: $(BOOK_PDF)
book:
	@$(MAKE) --no-print-directory -j$(BOOK_JOBS) $(BOOK_HTML) $(BOOK_PDF)
	@echo "book: build/book/html/index.html and build/book/book.pdf"

# ---- tests --------------------------------------------------------------------
# In a student tree, the tests that fail with the untouched starters (listed
# by make student in $(WAITING)) wait for the answers: make test fails only
# for a test that passed at the handout and fails now (mk/waiting.sh).
WAITING := exercises/waiting-tests.txt
# One Criterion program holds every test (host, boot, tangler, book), so the
# run ends with one Synthesis line. It runs from the repository root.
test: | setup-quiet
	@$(MAKE) --no-print-directory check-drift
	@$(MAKE) --no-print-directory kernel
	@$(MAKE) --no-print-directory book
ifeq ($(ANSWERS),)
	@$(MAKE) --no-print-directory grade-check
	@$(MAKE) --no-print-directory student-check
endif
	@$(MAKE) --no-print-directory test-build
	@pgrep -f 'qemu-system-i38[6]' > build/test/qemu-before || true
ifeq ($(ANSWERS),)
	LSAN_OPTIONS=suppressions=$(CURDIR)/mk/lsan.supp:print_suppressions=0 $(TESTBIN) --jobs 2
else
	@rm -f build/test/results.tap
	-LSAN_OPTIONS=suppressions=$(CURDIR)/mk/lsan.supp:print_suppressions=0 $(TESTBIN) --jobs 2 \
		--tap=build/test/results.tap
	@WAITING_RERUN="env LSAN_OPTIONS=suppressions=$(CURDIR)/mk/lsan.supp:print_suppressions=0 $(TESTBIN)" \
		sh mk/waiting.sh $(if $(WRITE_WAITING),--write) build/test/results.tap $(WAITING)
endif
	@pgrep -f 'qemu-system-i38[6]' > build/test/qemu-after || true; \
	left=$$(comm -13 build/test/qemu-before build/test/qemu-after); \
	if [ -n "$$left" ]; then echo "FAIL: the tests left QEMU running: pids $$left"; exit 1; fi

# The test program alone (run it with --filter 'suite/*' for a part).
test-build:
	@$(MAKE) --no-print-directory -f mk/kernel.mk $(TESTBIN) \
		EXTRA_TEST_SRCS="$(TANGLE_TEST_SRCS) $(BOOK_TEST_SRCS) $(wildcard exercises/tests/*.c)"

bench: kernel
	@$(MAKE) --no-print-directory -f mk/kernel.mk bench

# ---- exercises ------------------------------------------------------------------
# Adding an exercise is adding exercises/<slug>/ (see exercises/README.md);
# nothing here names one.
exercises:
	@sh exercises/list.sh

grade: $(TANGLE_BIN) | setup-quiet
	@sh exercises/grade.sh $(EX)

grade-check: $(TANGLE_BIN) | setup-quiet
	@sh exercises/grade.sh --check

student: $(TANGLE_BIN)
	@sh exercises/make-student.sh

student-check: student
	@sh exercises/check-student.sh

clean:
	rm -rf build
