/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <linux/string.h>

#define EXPECT_FORMAT(t, want, fmt, ...) do {					\
	char __buf[128];							\
	snprintf(__buf, sizeof(__buf), fmt, ##__VA_ARGS__);			\
	EXPECT_STREQ(t, __buf, want);						\
} while (0)

SELFTEST(printf_formats_like_linux)
{
	const char *volatile null_string = NULL;	/* hidden from the format checker */

	EXPECT_FORMAT(t, "[mem 0x000000000009fc00-0x000000000009ffff]",
		      "[mem %#018llx-%#018llx]", 0x9fc00ULL, 0x9ffffULL);
	EXPECT_FORMAT(t, " -42|42   |002a", "%4d|%-5u|%04x", -42, 42u, 42u);
	EXPECT_FORMAT(t, "(null) abc %", "%s %.3s %%", null_string, "abcdef");
	EXPECT_FORMAT(t, "-9223372036854775808", "%lld", (long long)(-9223372036854775807LL - 1));
	EXPECT_EQ(t, snprintf(NULL, 0, "%d", 12345), 5);
}
