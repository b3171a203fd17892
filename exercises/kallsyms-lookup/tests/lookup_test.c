#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/string.h>
#include "points.h"

/*
 * A pretend kernel text and its symbol table. These strong definitions take
 * the place of the kernel's weak ones, as the generated table does in the
 * kernel image. The text is a hidden buffer that holds no host symbol, so a
 * lookup the table does not answer finds nothing on the host either.
 */
__attribute__((visibility("hidden"), aligned(64))) char fake_text[0x400];
__asm__(".globl _etext\n\t.hidden _etext\n\t.set _etext, fake_text + 0x400");
extern char _etext[];

#define NSYMS 9
static const unsigned long starts[NSYMS] = {
	0x010, 0x040, 0x044, 0x100, 0x180, 0x1c0, 0x300, 0x3e0, 0x3f0,
};
const unsigned long kallsyms_num_syms = NSYMS;
const unsigned long kallsyms_addresses[NSYMS] = {
	(unsigned long)&fake_text[0x010], (unsigned long)&fake_text[0x040],
	(unsigned long)&fake_text[0x044], (unsigned long)&fake_text[0x100],
	(unsigned long)&fake_text[0x180], (unsigned long)&fake_text[0x1c0],
	(unsigned long)&fake_text[0x300], (unsigned long)&fake_text[0x3e0],
	(unsigned long)&fake_text[0x3f0],
};
const char kallsyms_names[] =
	"start_kernel\0setup_arch\0e820__memory_setup\0mem_init\0free_area_init\0"
	"__free_pages\0alloc_pages\0lkdtm_BUG\0lkdtm_WARNING";
const unsigned int kallsyms_offsets[NSYMS] = { 0, 13, 24, 43, 52, 67, 80, 92, 102 };

static const char *name_of(int i) { return &kallsyms_names[kallsyms_offsets[i]]; }
static unsigned long text(unsigned long off) { return (unsigned long)&fake_text[off]; }

/* Is @name a pointer into the table's names (as opposed to a host name, or NULL)? */
static bool from_table(const char *name)
{
	return name && (uintptr_t)name >= (uintptr_t)kallsyms_names &&
	       (uintptr_t)name < (uintptr_t)kallsyms_names + sizeof(kallsyms_names);
}

/* Look up fake_text[@off] and check the answer against symbol @i. */
static void expect_symbol(unsigned long off, int i)
{
	unsigned long size = ~0UL, offset = ~0UL;
	unsigned long end = i + 1 < NSYMS ? starts[i + 1] : 0x400;
	const char *name = kallsyms_lookup(text(off), &size, &offset);

	cr_assert(from_table(name), "text+%#lx: expected %s+0x%lx/0x%lx from the table, saw %s",
		  off, name_of(i), off - starts[i], end - starts[i], name ? name : "NULL");
	cr_assert(strcmp(name, name_of(i)) == 0 && offset == off - starts[i] &&
		  size == end - starts[i], "text+%#lx: expected %s+0x%lx/0x%lx, saw %s+0x%lx/0x%lx",
		  off, name_of(i), off - starts[i], end - starts[i], name, offset, size);
}

Test(kallsyms_lookup, finds_the_function_around_every_address_of_the_text,
     .description = POINTS(3))
{
	int i = 0;

	for (unsigned long off = starts[0]; off < 0x400; off++) {
		while (i + 1 < NSYMS && starts[i + 1] <= off)
			i++;
		expect_symbol(off, i);
	}
}

Test(kallsyms_lookup, a_symbols_start_has_offset_zero_and_the_size_to_the_next,
     .description = POINTS(2))
{
	for (int i = 0; i < NSYMS; i++)
		expect_symbol(starts[i], i);
}

Test(kallsyms_lookup, the_first_and_last_symbols_and_one_in_the_middle, .description = POINTS(2))
{
	expect_symbol(starts[0], 0);			/* the first byte the table covers */
	expect_symbol(starts[1] - 1, 0);		/* the last byte of the first function */
	expect_symbol(starts[NSYMS / 2] + 0x11, NSYMS / 2);
	expect_symbol(starts[NSYMS - 1], NSYMS - 1);
	expect_symbol(0x3ff, NSYMS - 1);		/* the last symbol ends at _etext */
}

Test(kallsyms_lookup, the_table_answers_only_from_the_first_symbol_to_etext,
     .description = POINTS(2))
{
	unsigned long size, offset;
	unsigned long outside[] = { text(0), text(starts[0] - 1), (unsigned long)_etext,
				    (unsigned long)_etext + 1, (unsigned long)_etext + 0x1000 };
	const char *name;

	for (size_t k = 0; k < ARRAY_SIZE(outside); k++) {
		name = kallsyms_lookup(outside[k], &size, &offset);
		cr_expect(!from_table(name), "%#lx is outside [%#lx, %#lx): expected no name from "
			  "the table, saw %s", outside[k], text(starts[0]), (unsigned long)_etext, name);
	}
	name = kallsyms_lookup(text(starts[0]), &size, &offset);
	cr_expect(from_table(name), "%#lx is the first symbol: expected %s, saw %s",
		  text(starts[0]), name_of(0), name ? name : "NULL");
}

Test(kallsyms_lookup, lookup_name_gives_the_address_of_each_name, .description = POINTS(2))
{
	for (int i = 0; i < NSYMS; i++)
		cr_expect_eq(kallsyms_lookup_name(name_of(i)), text(starts[i]),
			     "kallsyms_lookup_name(\"%s\"): expected %#lx, saw %#lx", name_of(i),
			     text(starts[i]), kallsyms_lookup_name(name_of(i)));
	const char *absent[] = { "no_such_function", "start", "start_kernel_", "lkdtm_", "" };

	for (size_t k = 0; k < ARRAY_SIZE(absent); k++)
		cr_expect_eq(kallsyms_lookup_name(absent[k]), 0,
			     "kallsyms_lookup_name(\"%s\"): expected 0, saw %#lx", absent[k],
			     kallsyms_lookup_name(absent[k]));
}

Test(kallsyms_lookup, percent_ps_prints_name_offset_and_size, .description = POINTS(1))
{
	char buf[KSYM_SYMBOL_LEN];

	snprintf(buf, sizeof(buf), "%pS", (void *)text(0x190));
	cr_expect_str_eq(buf, "free_area_init+0x10/0x40", "expected free_area_init+0x10/0x40, saw %s",
			 buf);
}
