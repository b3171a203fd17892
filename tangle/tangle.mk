# tangle/tangle.mk: the tangler, included by the top Makefile (run from the repository root).
#
#   build/tangle/tangle      the tangler itself, built with the host compiler
#   TANGLE_BIN               its path, for rules that run it
#   TANGLE_TEST_SRCS         its Criterion tests, linked into the one test binary;
#                            they run $(TANGLE_BIN) (or $$TANGLE), so the test run
#                            needs TANGLE_TEST_DEPS built first
#
# Usage: tangle [--out DIR] [--src DIR] [--check] [--list-roots]
#               [--replace NAME=FILE]... [--answers FILE.nw]... chapters/*.nw
#        tangle --chunk NAME chapters/*.nw      (the raw text of one chunk)

HOSTCC ?= gcc
TANGLE_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -g

TANGLE_BIN := build/tangle/tangle
TANGLE_TEST_SRCS := tangle/tests/tangle_test.c
TANGLE_TEST_DEPS := $(TANGLE_BIN)

build/tangle/tangle: tangle/tangle.c tangle/tangle.mk
	@mkdir -p $(@D)
	$(HOSTCC) $(TANGLE_CFLAGS) -o $@ tangle/tangle.c
