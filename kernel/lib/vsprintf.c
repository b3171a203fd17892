/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/string.h>

/* the output cursor */
struct out {
	char *buf;
	size_t size;	/* bytes available, including the final '\0' */
	size_t len;	/* bytes produced so far, stored or not */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_repeat(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* a format specification, parsed */
enum { F_LEFT = 1, F_PLUS = 2, F_SPACE = 4, F_SPECIAL = 8, F_ZERO = 16 };

struct spec {
	int flags;
	int width;	/* -1: none */
	int precision;	/* -1: none */
	int length;	/* 'H' for hh, 'h', 'l', 'L' for ll, 'z', 't', or 0 */
};

/* [[put_number]]: an integer in any base, with sign, prefix and padding */
/* Print @num (negated when @negative) in @base, laid out as @s says. */
static void put_number(struct out *o, unsigned long long num, bool negative,
		       unsigned int base, bool upper, struct spec s)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, zeros, pad;
	const char *prefix = "";

	do {
		tmp[n++] = digits[num % base];
		num /= base;
	} while (num);
	if (s.precision == 0 && n == 1 && tmp[0] == '0')
		n = 0;			/* "%.0d" of zero prints nothing */
	/* choose the sign or the base prefix */
	if (negative)
		prefix = "-";
	else if (s.flags & F_PLUS)
		prefix = "+";
	else if (s.flags & F_SPACE)
		prefix = " ";
	else if ((s.flags & F_SPECIAL) && base == 16)
		prefix = upper ? "0X" : "0x";
	else if ((s.flags & F_SPECIAL) && base == 8 && !(n > 0 && tmp[n - 1] == '0'))
		prefix = "0";
	/* lay out the padding, the prefix, the zeros and the digits */
	zeros = s.precision > n ? s.precision - n : 0;
	pad = s.width - (int)strlen(prefix) - zeros - n;
	if ((s.flags & F_ZERO) && !(s.flags & F_LEFT) && s.precision < 0) {
		zeros += pad > 0 ? pad : 0;
		pad = 0;
	}
	if (!(s.flags & F_LEFT))
		put_repeat(o, ' ', pad);
	while (*prefix)
		put(o, *prefix++);
	put_repeat(o, '0', zeros);
	while (n > 0)
		put(o, tmp[--n]);
	if (s.flags & F_LEFT)
		put_repeat(o, ' ', pad);
}

/* [[put_string]]: a string with width and precision */
/* Print @str (NULL: "(null)"), cut to the precision and padded to the width of @s. */
static void put_string(struct out *o, const char *str, struct spec s)
{
	int n = 0;

	if (!str)
		str = "(null)";
	while (str[n] && (s.precision < 0 || n < s.precision))
		n++;
	if (!(s.flags & F_LEFT))
		put_repeat(o, ' ', s.width - n);
	for (int i = 0; i < n; i++)
		put(o, str[i]);
	if (s.flags & F_LEFT)
		put_repeat(o, ' ', s.width - n);
}

/* [[put_pointer]]: [[%p]] and its symbolic forms */
/* Print @ptr as %p (or %px), or as %pS / %ps when @ext is 'S' / 's'. Returns chars of fmt used. */
static int put_pointer(struct out *o, const void *ptr, char ext, struct spec s)
{
	if (ext == 'S' || ext == 's') {
		char sym[KSYM_SYMBOL_LEN];

		if (ext == 'S')
			sprint_symbol(sym, (unsigned long)ptr);
		else
			sprint_symbol_no_offset(sym, (unsigned long)ptr);
		put_string(o, sym, s);
		return 1;
	}
	s.flags |= F_ZERO;
	if (s.width < 0)
		s.width = 2 * (int)sizeof(void *);
	put_number(o, (unsigned long)ptr, false, 16, false, s);
	return ext == 'x';
}

/* [[parse_spec]]: read flags, width, precision and length */
/* Parse the specification after '%'; return the pointer to its conversion character. */
static const char *parse_spec(const char *fmt, struct spec *s, va_list *args)
{
	*s = (struct spec){ .width = -1, .precision = -1 };
	for (;; fmt++) {
		if (*fmt == '-') s->flags |= F_LEFT;
		else if (*fmt == '+') s->flags |= F_PLUS;
		else if (*fmt == ' ') s->flags |= F_SPACE;
		else if (*fmt == '#') s->flags |= F_SPECIAL;
		else if (*fmt == '0') s->flags |= F_ZERO;
		else break;
	}

/* read the width and the precision */
	/* read the width: digits, or a [[*]] argument */
	if (*fmt == '*') {
		s->width = va_arg(*args, int);
		if (s->width < 0) {
			s->flags |= F_LEFT;
			s->width = -s->width;
		}
		fmt++;
	} else if (*fmt >= '0' && *fmt <= '9') {
		s->width = (int)simple_strtoul(fmt, (char **)&fmt, 10);
	}
	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			s->precision = va_arg(*args, int);
			fmt++;
		} else {
			s->precision = (int)simple_strtoul(fmt, (char **)&fmt, 10);
		}
		if (s->precision < 0)
			s->precision = -1;
	}
	/* read the length modifier */
	if (fmt[0] == 'h' && fmt[1] == 'h') {
		s->length = 'H';
		fmt += 2;
	} else if (fmt[0] == 'l' && fmt[1] == 'l') {
		s->length = 'L';
		fmt += 2;
	} else if (*fmt == 'h' || *fmt == 'l' || *fmt == 'z' || *fmt == 't' || *fmt == 'L') {
		s->length = *fmt++;
	}
	return fmt;
}

/* [[vsnprintf]]: walk the format */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	va_list ap;

	va_copy(ap, args);
	for (; *fmt; fmt++) {
		struct spec s;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &ap);
		switch (*fmt) {

/* the conversions */
		/* convert a signed integer: [[%d]] and [[%i]] */
		case 'd': case 'i': {
			long long v = s.length == 'L' ? va_arg(ap, long long)
				    : s.length == 'l' || s.length == 't' || s.length == 'z'
				      ? (long long)va_arg(ap, long) : va_arg(ap, int);

			if (s.length == 'h') v = (short)v;
			if (s.length == 'H') v = (signed char)v;
			put_number(&o, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
				   v < 0, 10, false, s);
			break;
		}

		/* convert an unsigned integer: [[%u]], [[%x]], [[%X]] and [[%o]] */
		case 'u': case 'x': case 'X': case 'o': {
			unsigned long long v = s.length == 'L' ? va_arg(ap, unsigned long long)
					     : s.length == 'l' || s.length == 't' || s.length == 'z'
					       ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			unsigned int base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;

			if (s.length == 'h') v = (unsigned short)v;
			if (s.length == 'H') v = (unsigned char)v;
			s.flags &= ~(F_PLUS | F_SPACE);
			put_number(&o, v, false, base, *fmt == 'X', s);
			break;
		}

/* convert a character, a string, a pointer or a [[%]] */
		/* convert a character, padded to the width: [[%c]] */
		case 'c': {
			char c = (char)va_arg(ap, int);

			if (!(s.flags & F_LEFT)) put_repeat(&o, ' ', s.width - 1);
			put(&o, c);
			if (s.flags & F_LEFT) put_repeat(&o, ' ', s.width - 1);
			break;
		}
		case 's':
			put_string(&o, va_arg(ap, const char *), s);
			break;
		case 'p':
			fmt += put_pointer(&o, va_arg(ap, const void *), fmt[1], s);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;		/* a lone '%' at the end: stop at the '\0' */
			break;
		default:		/* unknown: print it as it was written */
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	va_end(ap);
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

/* the convenience wrappers */
/* [[vscnprintf]]: the length written, not the length wanted */
/* linux/kernel.h: as vsnprintf(), but return the bytes written (0 when @size is 0). */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int len = vsnprintf(buf, size, fmt, args);

	if (size == 0)
		return 0;
	return len < (int)size ? len : (int)size - 1;
}

/* [[snprintf]] and [[scnprintf]]: the two with their arguments */
/* linux/kernel.h: vsnprintf() and vscnprintf() with "...". Any context; no lock. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}

/* [[simple_strtoul]]: parse a number for the console */
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	unsigned long result = 0;

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
	for (;; cp++) {
		int d = hex_to_bin(*cp);

		if (d < 0 || (unsigned int)d >= base)
			break;
		result = result * base + (unsigned int)d;
	}
	if (endp)
		*endp = (char *)cp;
	return result;
}
