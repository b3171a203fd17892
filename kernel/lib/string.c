/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/string.h>

/* copying and filling memory */
/* copy memory: [[memcpy]] */
/**
 * memcpy - copy @n bytes from @src to @dst; the two must not overlap
 * Context: any; no lock. Return: @dst (it cannot fail).
 */
void *memcpy(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

/* copy memory that may overlap: [[memmove]] */
/**
 * memmove - copy @n bytes from @src to @dst, which may overlap
 * Context: any; no lock. Return: @dst (it cannot fail).
 */
void *memmove(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

/* fill memory: [[memset]] */
/**
 * memset - fill @n bytes at @s with the byte @c
 * Context: any; no lock. Return: @s (it cannot fail).
 */
void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

/* comparing and measuring strings */
/* compare memory: [[memcmp]] */
/**
 * memcmp - compare @n bytes of @a and @b as unsigned bytes
 * Context: any; no lock. Return: <0, 0 or >0, as the first differing byte of @a is.
 */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

/* measure a string: [[strlen]] */
/**
 * strlen - the length of the string @s, without its final '\0'
 * Context: any; no lock. Return: the length (it cannot fail).
 */
size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* compare strings: [[strncmp]] and [[strcmp]] */
/**
 * strncmp - compare the strings @a and @b, at most @n characters
 * Context: any; no lock. Return: <0, 0 or >0; strcmp() is strncmp() without a limit.
 */
int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}

/* find a character: [[strchr]] */
/**
 * strchr - find the first @c in the string @s ('\0' finds the end)
 * Context: any; no lock. Return: a pointer to it, or NULL when @s has none.
 */
char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

/* copy a string that always ends: [[strlcpy]] */
/**
 * strlcpy - copy the string @src into @dst of @size bytes, always terminated
 * Context: any; no lock. Return: strlen(@src); a result >= @size means it was cut.
 */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
