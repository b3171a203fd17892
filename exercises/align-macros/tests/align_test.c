#include <criterion/criterion.h>
#include <linux/types.h>
#include <linux/align.h>
#include "points.h"

/* Compare a value with the expected one; print the expression and both in hex. */
#define EXPECT_EQ(expr, want) do {						\
	unsigned long long seen_ = (unsigned long long)(expr);			\
	unsigned long long want_ = (unsigned long long)(want);			\
	cr_expect(seen_ == want_, "%s: expected %#llx, saw %#llx", #expr, want_, seen_); \
} while (0)
#define EXPECT_SIGNED_EQ(expr, want) do {					\
	long long seen_ = (expr), want_ = (want);				\
	cr_expect(seen_ == want_, "%s: expected %lld, saw %lld", #expr, want_, seen_); \
} while (0)
#define EXPECT_ALIGNED(expr, a, want)						\
	cr_expect((IS_ALIGNED(expr, a) != 0) == (want), "IS_ALIGNED(%s, %s): expected %s, saw %s", \
		  #expr, #a, (want) ? "true" : "false", (want) ? "false" : "true")

/* Around the first boundary above 0, and two boundaries further, in @type. */
#define EXPECT_ROUNDS_UP(type, a) do {						\
	EXPECT_EQ(ALIGN((type)0, a), 0);					\
	EXPECT_EQ(ALIGN((type)1, a), a);					\
	EXPECT_EQ(ALIGN((type)((a) - 1), a), a);				\
	EXPECT_EQ(ALIGN((type)(a), a), a);					\
	EXPECT_EQ(ALIGN((type)((a) + 1), a), 2 * (a));				\
	EXPECT_EQ(ALIGN((type)(3 * (a) - 1), a), 3 * (a));			\
} while (0)
#define EXPECT_ROUNDS_DOWN(type, a) do {					\
	EXPECT_EQ(ALIGN_DOWN((type)0, a), 0);					\
	EXPECT_EQ(ALIGN_DOWN((type)1, a), 0);					\
	EXPECT_EQ(ALIGN_DOWN((type)((a) - 1), a), 0);				\
	EXPECT_EQ(ALIGN_DOWN((type)(a), a), a);					\
	EXPECT_EQ(ALIGN_DOWN((type)((a) + 1), a), a);				\
	EXPECT_EQ(ALIGN_DOWN((type)(3 * (a) - 1), a), 2 * (a));			\
} while (0)
#define EXPECT_ALIGNED_AT_MULTIPLES_ONLY(type, a) do {				\
	EXPECT_ALIGNED((type)0, a, true);					\
	EXPECT_ALIGNED((type)(a), a, true);					\
	EXPECT_ALIGNED((type)(3 * (a)), a, true);				\
	EXPECT_ALIGNED((type)1, a, false);					\
	EXPECT_ALIGNED((type)((a) - 1), a, false);				\
	EXPECT_ALIGNED((type)((a) + 1), a, false);				\
	EXPECT_ALIGNED((type)((a) + (a) / 2), a, false);			\
} while (0)

Test(align_macros, align_rounds_up_to_the_next_multiple, .description = POINTS(2))
{
	EXPECT_ROUNDS_UP(u16, 2);
	EXPECT_ROUNDS_UP(u16, 0x100);
	EXPECT_ROUNDS_UP(u32, 8);
	EXPECT_ROUNDS_UP(u32, 0x1000);
	EXPECT_ROUNDS_UP(u32, 0x100000);
	EXPECT_ROUNDS_UP(u64, 0x1000);
	EXPECT_ROUNDS_UP(u64, 1ULL << 40);
	EXPECT_ROUNDS_UP(unsigned long, 64UL);
	EXPECT_ROUNDS_UP(int, 16);
	EXPECT_EQ(ALIGN(0x1234U, 0x1000), 0x2000);		/* the chapter's example */
	EXPECT_EQ(ALIGN(0x12345U, 1), 0x12345);		/* alignment 1 changes nothing */
}

Test(align_macros, align_down_rounds_down_to_the_previous_multiple, .description = POINTS(2))
{
	EXPECT_ROUNDS_DOWN(u16, 2);
	EXPECT_ROUNDS_DOWN(u16, 0x100);
	EXPECT_ROUNDS_DOWN(u32, 8);
	EXPECT_ROUNDS_DOWN(u32, 0x1000);
	EXPECT_ROUNDS_DOWN(u32, 0x100000);
	EXPECT_ROUNDS_DOWN(u64, 0x1000);
	EXPECT_ROUNDS_DOWN(u64, 1ULL << 40);
	EXPECT_ROUNDS_DOWN(unsigned long, 64UL);
	EXPECT_ROUNDS_DOWN(int, 16);
	EXPECT_EQ(ALIGN_DOWN(0x1234U, 0x1000), 0x1000);
	EXPECT_EQ(ALIGN_DOWN(0x12345U, 1), 0x12345);
}

Test(align_macros, is_aligned_is_true_at_multiples_only, .description = POINTS(1))
{
	EXPECT_ALIGNED_AT_MULTIPLES_ONLY(u16, 2);
	EXPECT_ALIGNED_AT_MULTIPLES_ONLY(u16, 0x100);
	EXPECT_ALIGNED_AT_MULTIPLES_ONLY(u32, 8);
	EXPECT_ALIGNED_AT_MULTIPLES_ONLY(u32, 0x1000);
	EXPECT_ALIGNED_AT_MULTIPLES_ONLY(u64, 0x1000);
	EXPECT_ALIGNED_AT_MULTIPLES_ONLY(u64, 1ULL << 40);
	EXPECT_ALIGNED_AT_MULTIPLES_ONLY(unsigned long, 64UL);
	EXPECT_ALIGNED_AT_MULTIPLES_ONLY(int, 16);
	EXPECT_ALIGNED(0xfffff000U, 0x1000, true);
	EXPECT_ALIGNED(0xffffffffU, 0x1000, false);
	EXPECT_ALIGNED(~0UL, 1, true);			/* everything is a multiple of 1 */
	EXPECT_ALIGNED(1ULL << 32, 1ULL << 33, false);	/* alignments wider than 32 bits */
	EXPECT_ALIGNED(3ULL << 40, 1ULL << 41, false);
	EXPECT_ALIGNED(1ULL << 62, 1ULL << 63, false);
	EXPECT_ALIGNED(1ULL << 63, 1ULL << 63, true);
}

Test(align_macros, rounding_up_past_the_last_boundary_wraps_to_zero, .description = POINTS(2))
{
	EXPECT_EQ(ALIGN((u32)0xfffff000U, 0x1000), 0xfffff000U);
	EXPECT_EQ(ALIGN((u32)0xfffff001U, 0x1000), 0);
	EXPECT_EQ(ALIGN((u32)0xffffffffU, 0x1000), 0);
	EXPECT_EQ(ALIGN((u32)0x80000001U, 0x80000000U), 0);
	EXPECT_EQ(ALIGN(~0ULL - 0xfff, 0x1000), ~0ULL - 0xfff);
	EXPECT_EQ(ALIGN(~0ULL - 0xffe, 0x1000), 0);
	EXPECT_EQ(ALIGN(~0UL, 0x1000), 0);
	EXPECT_EQ(ALIGN_DOWN((u32)0xffffffffU, 0x1000), 0xfffff000U);	/* down never wraps */
	EXPECT_EQ(ALIGN_DOWN(~0ULL, 1ULL << 63), 1ULL << 63);
	EXPECT_EQ(ALIGN_DOWN(~0UL, 0x1000), ~0UL - 0xfff);
}

Test(align_macros, the_mask_is_as_wide_as_x, .description = POINTS(1))
{
	u64 phys = 0x123456789ULL;
	u32 a = 0x1000;

	EXPECT_EQ(ALIGN(phys, a), 0x123457000ULL);
	EXPECT_EQ(ALIGN_DOWN(phys, a), 0x123456000ULL);
	EXPECT_ALIGNED(phys, a, false);
	EXPECT_ALIGNED(0x100000800ULL, a, false);
	EXPECT_ALIGNED(0x100001000ULL, a, true);
}

Test(align_macros, small_and_signed_values_follow_c_arithmetic, .description = POINTS(1))
{
	EXPECT_EQ(ALIGN((u8)0xff, 4), 0x100);			/* a u8 is promoted to int */
	EXPECT_EQ(ALIGN((u16)0x8001, 0x8000), 0x10000);
	EXPECT_EQ(ALIGN_DOWN((u8)0xff, 0x10), 0xf0);
	EXPECT_SIGNED_EQ(ALIGN(-5, 4), -4);
	EXPECT_SIGNED_EQ(ALIGN_DOWN(-5, 4), -8);
	EXPECT_SIGNED_EQ(ALIGN_DOWN(-8, 4), -8);
	EXPECT_ALIGNED(-8, 4, true);
	EXPECT_ALIGNED(-5, 4, false);
}

Test(align_macros, the_page_and_pointer_macros_round_through_them, .description = POINTS(2))
{
	static char buf[256] __attribute__((aligned(64)));

	EXPECT_EQ(PAGE_ALIGN(0UL), 0);
	EXPECT_EQ(PAGE_ALIGN(1UL), 4096);
	EXPECT_EQ(PAGE_ALIGN(4095UL), 4096);
	EXPECT_EQ(PAGE_ALIGN(4096UL), 4096);
	EXPECT_EQ(PAGE_ALIGN(4097UL), 8192);
	EXPECT_EQ(PAGE_ALIGN(0x123456789ULL), 0x123457000ULL);
	EXPECT_EQ(PAGE_ALIGN_DOWN(4097UL), 4096);
	EXPECT_EQ(PAGE_ALIGN_DOWN(0x123456789ULL), 0x123456000ULL);
	cr_expect(PAGE_ALIGNED(0x2000UL) && !PAGE_ALIGNED(0x2001UL) && !PAGE_ALIGNED(&buf[1]),
		  "PAGE_ALIGNED: expected 0x2000 to be a page boundary, and neither 0x2001 nor %p",
		  (void *)&buf[1]);
	cr_expect(PTR_ALIGN(&buf[1], 64) == &buf[64], "PTR_ALIGN(&buf[1], 64): expected %p, saw %p",
		  (void *)&buf[64], (void *)PTR_ALIGN(&buf[1], 64));
	cr_expect(PTR_ALIGN_DOWN(&buf[127], 64) == &buf[64],
		  "PTR_ALIGN_DOWN(&buf[127], 64): expected %p, saw %p", (void *)&buf[64],
		  (void *)PTR_ALIGN_DOWN(&buf[127], 64));
}
