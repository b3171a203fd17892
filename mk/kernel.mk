# Build rules for the tangled sources in build/src/kernel, run after tangling
# (the top Makefile calls this file), so that the globs below see the tangle.
#
#   kernel     build/kernel/vmlinux, the x86-32 kernel (two links: kallsyms)
#   host-objs  the portable kernel built for the host, with ASan and UBSan
#   build/test/run-tests  every Criterion test in one program

SRC ?= build/src/kernel
OBJ ?= build/kernel
HOBJ ?= build/host
find_srcs = $(shell find $(1) \( -name '*.c' -o -name '*.S' \) ! -name '*.lds.S' 2>/dev/null | sort)

# Portable code: everything but the machines, the scripts and the tests.
PORTABLE := $(filter-out $(SRC)/arch/% $(SRC)/scripts/% $(SRC)/tests/%,$(call find_srcs,$(SRC)))
X86_SRCS := $(PORTABLE) $(call find_srcs,$(SRC)/arch/x86)
HOST_SRCS := $(filter %.c,$(PORTABLE) $(call find_srcs,$(SRC)/arch/host))
TEST_SRCS := $(filter-out $(SRC)/tests/bench/%,$(call find_srcs,$(SRC)/tests))
BENCH_SRCS := $(call find_srcs,$(SRC)/tests/bench)
BENCH_BINS := $(patsubst $(SRC)/tests/bench/%.c,build/bench/%,$(BENCH_SRCS))

# ---- x86-32 -----------------------------------------------------------------------
CC32 := gcc -m32
KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-ffreestanding -fno-pic -fno-pie -fno-stack-protector -fno-builtin \
	-fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-strict-aliasing \
	-fno-delete-null-pointer-checks -fno-tree-loop-distribute-patterns \
	-fno-asynchronous-unwind-tables -march=i686 -mgeneral-regs-only \
	-I$(SRC)/include -I$(SRC)/arch/x86/include -MMD -MP
LDFLAGS32 := -m elf_i386 -nostdlib -z max-page-size=0x1000 -z noexecstack --build-id=none
LIBGCC := $(shell $(CC32) -print-libgcc-file-name)

X86_OBJS := $(patsubst $(SRC)/%,$(OBJ)/%.o,$(X86_SRCS))

.PHONY: kernel host-objs bench
kernel: $(OBJ)/vmlinux

$(OBJ)/%.c.o: $(SRC)/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC32) $(KCFLAGS) -c $< -o $@

$(OBJ)/%.S.o: $(SRC)/%.S
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(CC32) $(KCFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(OBJ)/vmlinux.lds: $(SRC)/arch/x86/kernel/vmlinux.lds.S
	@mkdir -p $(@D)
	@$(CC32) -E -P -Ui386 -D__ASSEMBLY__ -I$(SRC)/include -I$(SRC)/arch/x86/include -x c $< -o $@

$(OBJ)/scripts/kallsyms: $(SRC)/scripts/kallsyms.c
	@mkdir -p $(@D)
	@gcc -std=gnu11 -O2 -Wall -Wextra -o $@ $<

# kallsyms: link once with an empty table, list the text symbols, link again.
# The table is the last thing in .rodata, after all text, so no code moves.
$(OBJ)/vmlinux: $(X86_OBJS) $(OBJ)/vmlinux.lds $(OBJ)/scripts/kallsyms
	@echo "  LD      $@"
	@$(OBJ)/scripts/kallsyms < /dev/null > $(OBJ)/kallsyms0.S
	@$(CC32) -c -x assembler $(OBJ)/kallsyms0.S -o $(OBJ)/kallsyms0.o
	@ld $(LDFLAGS32) -T $(OBJ)/vmlinux.lds -o $@.tmp $(X86_OBJS) $(OBJ)/kallsyms0.o $(LIBGCC)
	@nm -n $@.tmp | $(OBJ)/scripts/kallsyms > $(OBJ)/kallsyms.S
	@$(CC32) -c -x assembler $(OBJ)/kallsyms.S -o $(OBJ)/kallsyms.o
	@ld $(LDFLAGS32) -T $(OBJ)/vmlinux.lds -o $@ $(X86_OBJS) $(OBJ)/kallsyms.o $(LIBGCC)
	@nm -n $@.tmp | grep -i ' t ' > $(OBJ)/text0.syms; nm -n $@ | grep -i ' t ' > $(OBJ)/text1.syms; \
	cmp -s $(OBJ)/text0.syms $(OBJ)/text1.syms || { echo "kallsyms: code moved between links" >&2; rm -f $@; exit 1; }
	@rm -f $@.tmp

# ---- the host -------------------------------------------------------------------------
SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
HCFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter $(SAN) \
	-fno-omit-frame-pointer -fno-strict-aliasing -fno-builtin \
	-I$(SRC)/include -I$(SRC)/arch/host/include -MMD -MP
HOST_OBJS := $(patsubst $(SRC)/%,$(HOBJ)/%.o,$(HOST_SRCS))
TEST_OBJS := $(patsubst $(SRC)/%,$(HOBJ)/%.o,$(TEST_SRCS))

host-objs: $(HOST_OBJS)

$(HOBJ)/%.c.o: $(SRC)/%.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<"
	@gcc $(HCFLAGS) -c $< -o $@

# Boot tests and their QEMU harness are plain host programs: no kernel headers
# (the kernel's linux/*.h would shadow the system's). Host tests (tests/host)
# use the kernel's headers like the rest of the host build.
$(HOBJ)/tests/%.c.o: $(SRC)/tests/%.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<"
	@gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror $(SAN) -MMD -MP -c $< -o $@

$(HOBJ)/tests/host/%.c.o: $(SRC)/tests/host/%.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<"
	@gcc $(HCFLAGS) -c $< -o $@

# Tests of the tools (tangler, book) live outside the tangle.
EXTRA_TEST_SRCS ?=
EXTRA_TEST_OBJS := $(patsubst %.c,build/test/%.o,$(EXTRA_TEST_SRCS))
build/test/%.o: %.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<"
	@gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror $(SAN) -MMD -MP -c $< -o $@

build/test/run-tests: $(HOST_OBJS) $(TEST_OBJS) $(EXTRA_TEST_OBJS)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@gcc $(SAN) -rdynamic -o $@ $^ -lcriterion -ldl

-include $(shell find $(OBJ) $(HOBJ) $(BOBJ) build/test -name '*.d' 2>/dev/null)

# ---- benchmarks: one program a file in tests/bench, each run in turn ----------------
bench: $(BENCH_BINS)
	@for b in $(BENCH_BINS); do echo "== $$b"; $$b || exit 1; done

# Benchmarks link the portable kernel built for speed: -O2, no sanitizers.
BOBJ := build/host-bench
BENCH_HOST_OBJS := $(patsubst $(SRC)/%,$(BOBJ)/%.o,$(HOST_SRCS))
BCFLAGS := $(filter-out $(SAN) -O1,$(HCFLAGS)) -O2

$(BOBJ)/%.c.o: $(SRC)/%.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $< (bench)"
	@gcc $(BCFLAGS) -c $< -o $@

$(BOBJ)/tests/qemu.o: $(SRC)/tests/qemu.c
	@mkdir -p $(@D)
	@gcc -std=gnu11 -O2 -g -Wall -Wextra -Werror -c $< -o $@

build/bench/%: $(SRC)/tests/bench/%.c $(BOBJ)/tests/qemu.o $(BENCH_HOST_OBJS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<"
	@gcc $(BCFLAGS) -rdynamic -o $@ $^ -ldl
.SECONDARY:

# `make -f mk/kernel.mk print-HCFLAGS` prints a variable (the grader uses it).
print-%:
	@echo '$($*)'
