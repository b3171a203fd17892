#!/bin/sh
# Vet a kernel built with a student's answer before its tests run: the
# grader (exercises/grade.sh) calls this after the test program links.
#
# usage: exercises/lib/vet.sh DIR ANSWERS-FILE
#   DIR holds src/kernel (the tangle), host/ and kernel/ (its objects) and
#   tests (the linked test program). Prints one line for each thing found,
#   "answers/x.nw:LINE: what" when the answer's line can be told, and exits 1
#   if there is any.
#
# The portable kernel runs in the tests' own process, so its host objects
# (all but arch/host/, the host machine, which no exercise touches) may
#  * call only functions the kernel itself defines, and the few the
#    compiler calls for it (sanitizer hooks, memset/memcpy/memmove for
#    structure copies): no exit, _exit, abort, longjmp, fopen, Criterion;
#  * define no name that the test program's libraries or the tests define
#    (an answer's own criterion_send_assert would swallow failed checks);
#  * run nothing before main (no constructor, destructor or .init_array
#    entry but AddressSanitizer's own);
#  * put nothing in Criterion's sections (cr_*, crit_*: its tests and hooks);
#  * make no system call of their own (syscall, int, sysenter).
# And every object, host or x86, is compiled only from files of the tangle:
# an answer may not #include a test, or anything else outside the kernel.
set -u
dir=$1 answers=${2:-}
src=$dir/src/kernel
tmp=${TMPDIR:-/tmp}/vet.$$
found=0
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"

# say NAME WHAT: report WHAT, at the answer's first line naming NAME if any.
say() {
	at=
	[ -n "$answers" ] && [ -n "$1" ] && at=$(grep -n -w -F -- "$1" "$answers" 2>/dev/null | head -1 | cut -d: -f1)
	if [ -n "$at" ]; then
		echo "$answers:$at: $2"
	else
		echo "${answers:-the answer}: $2"
	fi
	found=1
}

portable=$(find "$dir/host" -name '*.o' ! -path "$dir/host/arch/host/*" ! -path "$dir/host/tests/*" | sort)
[ -n "$portable" ] || { echo "vet: no host objects under $dir/host" >&2; exit 2; }
allhost=$(find "$dir/host" -name '*.o' ! -path "$dir/host/tests/*" | sort)

# What the kernel defines (its host objects, and the x86 link: kallsyms's
# tables and the linker's _etext, which the host build declares weak), and
# the sections its objects have.
nm --defined-only $allhost "$dir/kernel/vmlinux" 2>/dev/null | awk 'NF == 3 {print $3}' | sort -u > "$tmp/defined"
for o in $portable; do readelf -SW "$o" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) .*/\1/p'; done | sort -u > "$tmp/sections"

# What the test program's libraries and its test objects define.
libs=$(ldd "$dir/tests" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}')
{ for l in $libs; do nm -D --defined-only "$l" 2>/dev/null | awk 'NF == 3 {print $3}' | sed 's/@.*//'; done
  nm --defined-only -g $(find "$dir/t" -name '*.o' 2>/dev/null) 2>/dev/null | awk 'NF == 3 {print $3}'
} | sort -u > "$tmp/foreign"

for o in $portable; do
	# Calls and references outside the kernel.
	nm -u "$o" | awk '{print $NF}' | sort -u | comm -23 - "$tmp/defined" | while IFS= read -r sym; do
		case $sym in
		__asan_*|__ubsan_*|memset|memcpy|memmove|_GLOBAL_OFFSET_TABLE_) continue ;;
		__start_*|__stop_*)
			# a section of the kernel's own, but none of Criterion's
			sec=${sym#__start_}; sec=${sec#__stop_}
			case $sec in cr_*|crit_*) ;; *) grep -qxF -- "$sec" "$tmp/sections" && continue ;; esac ;;
		esac
		say "$sym" "uses $sym, which is not the kernel's (an answer may use only the kernel's own functions and data)"
	done > "$tmp/out"
	# Names that are the libraries' or the tests'.
	nm --defined-only -g "$o" | awk 'NF == 3 {print $3}' | sort -u | comm -12 - "$tmp/foreign" |
	while IFS= read -r sym; do
		say "$sym" "defines $sym, which the test program already has (from its libraries or its tests)"
	done >> "$tmp/out"
	sym=$(nm --defined-only -g "$o" | awk 'NF == 3 {print $3}' | grep -E '^(cr|cri|criterion|grade)_' | head -1)
	[ -n "$sym" ] && say "$sym" "defines $sym, a name of the test framework" >> "$tmp/out"
	# Code run before main or after it, and Criterion's sections.
	readelf -SW "$o" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) *\([A-Z_]*\) .* \([0-9a-f]\{6\}\) [0-9a-f][0-9a-f] .*/\1 \2 \3/p' |
	while read -r name type size; do
		case $name:$type in
		.init_array.00099:INIT_ARRAY|.fini_array.00099:FINI_ARRAY)
			# AddressSanitizer's module constructor and destructor: one entry each.
			[ "$size" = 000008 ] && continue
			say constructor "adds a constructor or destructor (code run before main or after it)" ;;
		*:INIT_ARRAY|*:FINI_ARRAY|*:PREINIT_ARRAY|.ctors*|.dtors*)
			say constructor "adds a constructor or destructor (code run before main or after it)" ;;
		cr_*|crit_*)
			say section "puts something in $name, a section of the test framework" ;;
		esac
	done >> "$tmp/out"
	# System calls of its own.
	if objdump -d --no-show-raw-insn "$o" | grep -qE '	(syscall|sysenter|int )'; then
		say syscall "makes a system call of its own (syscall, sysenter or int)" >> "$tmp/out"
	fi
	if [ -s "$tmp/out" ]; then
		sed "s|\$| (in ${o#$dir/host/})|" "$tmp/out" | sed 's|\.c\.o)$|.c)|'
		found=1
	fi
done

# Every object is compiled only from the tangle's files.
for d in $(find "$dir/host" "$dir/kernel" -name '*.d' ! -path "$dir/host/arch/host/*" ! -path "$dir/host/tests/*" 2>/dev/null); do
	tr ' \\' '\n\n' < "$d" | sed -n 's/:$//; /^$/d; p' | while IFS= read -r f; do
		case $f in
		"$src"/*|"$dir"/host/*|"$dir"/kernel/*) ;;
		*) say "$(basename "$f")" "includes $f, which is not a file of the kernel's tangle" ;;
		esac
	done
done > "$tmp/deps"
if [ -s "$tmp/deps" ]; then sort -u "$tmp/deps"; found=1; fi
exit $found
