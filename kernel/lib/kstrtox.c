/* Tangled from chapters/02-memory-map.nw, chapters/01-reports.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/errno.h>

/* [[kstrtoul]]: the whole string is the number, or an error */
/* linux/kernel.h. */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long result = 0;
	const char *cp = s;

	if (*cp == '+')
		cp++;
	/* with no base given, choose it from a [[0]] or [[0x]] prefix */
	if (base == 0) {
		base = 10;
		if (cp[0] == '0') {
			base = 8;
			if (cp[1] == 'x' || cp[1] == 'X') {
				base = 16;
				cp += 2;
			}
		}
	} else if (base == 16 && cp[0] == '0' && (cp[1] == 'x' || cp[1] == 'X')) {
		cp += 2;
	}
	if (!*cp || *cp == '\n')
		return -EINVAL;
	/* read each digit of [[cp]] into [[result]], refusing a non-digit or an overflow */
	for (; *cp && *cp != '\n'; cp++) {
		int digit = hex_to_bin(*cp);
		unsigned int d = digit < 0 ? 16 : (unsigned int)digit;

		if (d >= base)
			return -EINVAL;
		if (result > (~0UL - d) / base)
			return -ERANGE;
		result = result * base + d;
	}
	if (*cp == '\n' && cp[1])
		return -EINVAL;
	*res = result;
	return 0;
}
