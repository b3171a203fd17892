/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/arch.h>
#include <linux/kallsyms.h>
#include <linux/string.h>

/* the generated table, weak so that a kernel may lack it */
extern const unsigned long kallsyms_num_syms __weak;
extern const unsigned long kallsyms_addresses[] __weak;
extern const unsigned int kallsyms_offsets[] __weak;
extern const char kallsyms_names[] __weak;
extern char _etext[] __weak;

/* [[kallsyms_lookup]]: binary search of the table */
/* linux/kallsyms.h: falls back on the machine's lookup outside the table. Any context. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
	unsigned long lo = 0, hi, end;

	if (!&kallsyms_num_syms || kallsyms_num_syms == 0 ||
	    addr < kallsyms_addresses[0] || addr >= (unsigned long)_etext)
		return arch_kallsyms_lookup(addr, size, offset);
	hi = kallsyms_num_syms;
	while (hi - lo > 1) {		/* invariant: addresses[lo] <= addr */
		unsigned long mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	end = lo + 1 < kallsyms_num_syms ? kallsyms_addresses[lo + 1] : (unsigned long)_etext;
	*size = end - kallsyms_addresses[lo];
	*offset = addr - kallsyms_addresses[lo];
	return &kallsyms_names[kallsyms_offsets[lo]];
}

/* [[kallsyms_lookup_name]]: the address of a name */
/* linux/kallsyms.h: 0 when there is no table, as on the host. Any context. */
unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned long i = 0; &kallsyms_num_syms && i < kallsyms_num_syms; i++)
		if (strcmp(&kallsyms_names[kallsyms_offsets[i]], name) == 0)
			return kallsyms_addresses[i];
	return 0;
}

/* [[sprint_symbol]]: name, offset and size as text */
int sprint_symbol(char *buf, unsigned long addr)
{
	unsigned long size, offset;
	const char *name = kallsyms_lookup(addr, &size, &offset);

	if (!name)
		return snprintf(buf, KSYM_SYMBOL_LEN, "0x%lx", addr);
	return snprintf(buf, KSYM_SYMBOL_LEN, "%s+0x%lx/0x%lx", name, offset, size);
}

int sprint_symbol_no_offset(char *buf, unsigned long addr)
{
	unsigned long size, offset;
	const char *name = kallsyms_lookup(addr, &size, &offset);

	if (!name)
		return snprintf(buf, KSYM_SYMBOL_LEN, "0x%lx", addr);
	return snprintf(buf, KSYM_SYMBOL_LEN, "%s", name);
}
