/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_SELFTEST_H
#define _LINUX_SELFTEST_H

#include <linux/compiler.h>

struct selftest_ctx {
	const char *name;
	int failures;
};

struct selftest {
	const char *name;
	void (*run)(struct selftest_ctx *t);
};

#define SELFTEST(fn)								\
	static void fn(struct selftest_ctx *t);					\
	static const struct selftest __selftest_##fn				\
	__used __section("selftests") __aligned(sizeof(void *)) = { #fn, fn };	\
	static void fn(struct selftest_ctx *t)

/* the expectations */
void selftest_fail(struct selftest_ctx *t, const char *file, int line, const char *fmt, ...)
	__printf(4, 5);

#define EXPECT_TRUE(t, cond) do {						\
	if (!(cond))								\
		selftest_fail(t, __FILE__, __LINE__, "Expected %s to be true", #cond); \
} while (0)

#define EXPECT_EQ(t, a, b) do {							\
	long long __a = (long long)(a), __b = (long long)(b);			\
	if (__a != __b)								\
		selftest_fail(t, __FILE__, __LINE__,				\
			"Expected %s == %s, but\n        %s == %lld (%#llx)\n        %s == %lld (%#llx)", \
			#a, #b, #a, __a, __a, #b, __b, __b);			\
} while (0)

#define EXPECT_STREQ(t, a, b) do {						\
	const char *__a = (a), *__b = (b);					\
	if (strcmp(__a, __b) != 0)						\
		selftest_fail(t, __FILE__, __LINE__,				\
			"Expected %s == %s, but\n        %s == \"%s\"\n        %s == \"%s\"", \
			#a, #b, #a, __a, #b, __b);				\
} while (0)

/* Run every self-test, print KTAP; returns the number that failed. */
int run_selftests(void);

#endif
