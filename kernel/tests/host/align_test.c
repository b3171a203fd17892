/* Tangled from chapters/16-alignment.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/align.h>
#include <linux/types.h>

/* test helpers: compare a value, a pointer, a type */
#define EXPECT_VALUE(expr, want) do {						\
	unsigned long long seen_ = (unsigned long long)(expr);			\
	unsigned long long want_ = (unsigned long long)(want);			\
	cr_expect(seen_ == want_, "%s: expected %#llx, saw %#llx", #expr, want_, seen_); \
} while (0)
#define EXPECT_SIGNED(expr, want) do {						\
	long long seen_ = (expr), want_ = (want);				\
	cr_expect(seen_ == want_, "%s: expected %lld, saw %lld", #expr, want_, seen_); \
} while (0)
#define EXPECT_PTR(expr, want) do {						\
	const void *seen_ = (expr), *want_ = (want);				\
	cr_expect(seen_ == want_, "%s: expected %p, saw %p", #expr, want_, seen_); \
} while (0)
#define EXPECT_TYPE(expr, type) _Static_assert(					\
	__builtin_types_compatible_p(typeof(expr), type), #expr " should be " #type)

/* host tests: rounding up and down at every width */
#define EXPECT_ROUNDS_UP(type, a) do {						\
	EXPECT_VALUE(ALIGN((type)0, a), 0);					\
	EXPECT_VALUE(ALIGN((type)1, a), a);					\
	EXPECT_VALUE(ALIGN((type)((a) - 1), a), a);				\
	EXPECT_VALUE(ALIGN((type)(a), a), a);					\
	EXPECT_VALUE(ALIGN((type)((a) + 1), a), 2 * (a));			\
} while (0)
#define EXPECT_ROUNDS_DOWN(type, a) do {					\
	EXPECT_VALUE(ALIGN_DOWN((type)0, a), 0);				\
	EXPECT_VALUE(ALIGN_DOWN((type)1, a), 0);				\
	EXPECT_VALUE(ALIGN_DOWN((type)((a) - 1), a), 0);			\
	EXPECT_VALUE(ALIGN_DOWN((type)(a), a), a);				\
	EXPECT_VALUE(ALIGN_DOWN((type)((a) + 1), a), a);			\
} while (0)
#define EXPECT_ALIGNED_ONLY_AT_MULTIPLES(type, a) do {				\
	cr_expect(IS_ALIGNED((type)0, a), "0 is a multiple of %#llx", (u64)(a)); \
	cr_expect(!IS_ALIGNED((type)1, a), "1 is not a multiple of %#llx", (u64)(a)); \
	cr_expect(!IS_ALIGNED((type)((a) - 1), a), "%#llx - 1 is not aligned", (u64)(a)); \
	cr_expect(IS_ALIGNED((type)(a), a), "%#llx is aligned to itself", (u64)(a)); \
	cr_expect(IS_ALIGNED((type)(2 * (a)), a), "2 * %#llx is aligned", (u64)(a)); \
} while (0)
#define EXPECT_ALL_EDGES(type, a) do {						\
	EXPECT_ROUNDS_UP(type, a);						\
	EXPECT_ROUNDS_DOWN(type, a);						\
	EXPECT_ALIGNED_ONLY_AT_MULTIPLES(type, a);				\
} while (0)
Test(align, rounds_to_the_nearest_multiples_at_every_width)
{
	EXPECT_ALL_EDGES(u8, 4);
	EXPECT_ALL_EDGES(u8, 0x40);
	EXPECT_ALL_EDGES(u16, 0x100);
	EXPECT_ALL_EDGES(u16, 0x4000);
	EXPECT_ALL_EDGES(u32, 0x1000);
	EXPECT_ALL_EDGES(u32, 0x40000000U);
	EXPECT_ALL_EDGES(u64, 0x1000);
	EXPECT_ALL_EDGES(u64, 1ULL << 62);
	EXPECT_ALL_EDGES(unsigned long, 0x1000UL);
	EXPECT_ALL_EDGES(int, 8);
}

/* host tests: alignment 1, the largest power of two and the top of the range */
Test(align, alignment_one_changes_nothing)
{
	EXPECT_VALUE(ALIGN((u8)0xff, 1), 0xff);
	EXPECT_VALUE(ALIGN((u32)0x12345, 1), 0x12345);
	EXPECT_VALUE(ALIGN(~0ULL, 1), ~0ULL);
	EXPECT_VALUE(ALIGN_DOWN(~0UL, 1), ~0UL);
	EXPECT_VALUE(ALIGN_DOWN((u16)0, 1), 0);
	cr_expect(IS_ALIGNED((u8)0xff, 1) && IS_ALIGNED(~0ULL, 1), "everything is aligned to 1");
}
Test(align, the_largest_power_of_two_of_each_type)
{
	EXPECT_VALUE(ALIGN((u8)1, 0x80), 0x80);
	EXPECT_VALUE(ALIGN((u8)0x81, 0x80), 0x100);		/* an int: no wrap */
	EXPECT_VALUE(ALIGN((u16)0x8001, 0x8000), 0x10000);	/* an int: no wrap */
	EXPECT_VALUE(ALIGN((u32)1, 0x80000000U), 0x80000000U);
	EXPECT_VALUE(ALIGN((u32)0x80000001U, 0x80000000U), 0);
	EXPECT_VALUE(ALIGN_DOWN((u32)0xffffffffU, 0x80000000U), 0x80000000U);
	EXPECT_VALUE(ALIGN((u64)1, 1ULL << 63), 1ULL << 63);
	EXPECT_VALUE(ALIGN((1ULL << 63) + 1, 1ULL << 63), 0);
	EXPECT_VALUE(ALIGN_DOWN(~0ULL, 1ULL << 63), 1ULL << 63);
	cr_expect(IS_ALIGNED(1ULL << 63, 1ULL << 63) && !IS_ALIGNED(~0ULL, 1ULL << 63),
		  "only 0 and 1 << 63 are multiples of 1 << 63");
}
Test(align, rounding_up_past_the_last_boundary_wraps_to_zero)
{
	EXPECT_VALUE(ALIGN((u32)0xfffff000U, 0x1000), 0xfffff000U);
	EXPECT_VALUE(ALIGN((u32)0xfffff001U, 0x1000), 0);
	EXPECT_VALUE(ALIGN((u32)0xffffffffU, 0x1000), 0);
	EXPECT_VALUE(ALIGN(~0ULL - 0xfff, 0x1000), ~0ULL - 0xfff);
	EXPECT_VALUE(ALIGN(~0ULL - 0xffe, 0x1000), 0);
	EXPECT_VALUE(ALIGN(~0UL, 0x1000), 0);
	EXPECT_VALUE(ALIGN_DOWN(~0UL, 0x1000), ~0UL - 0xfff);
	EXPECT_VALUE(ALIGN_DOWN((u32)0xffffffffU, 0x1000), 0xfffff000U);
	EXPECT_VALUE(ALIGN_DOWN((u32)0, 0x1000), 0);
}

/* host tests: the type of the result and the width of the mask */
Test(align, the_result_has_the_type_of_x_after_promotion)
{
	EXPECT_TYPE(ALIGN((u32)1, 4), u32);
	EXPECT_TYPE(ALIGN((u32)1, 4ULL), u32);
	EXPECT_TYPE(ALIGN((u64)1, 4U), u64);
	EXPECT_TYPE(ALIGN(1UL, 4), unsigned long);
	EXPECT_TYPE(ALIGN(1, 4), int);
	EXPECT_TYPE(ALIGN((u8)1, 4), int);		/* C promotes a u8 ... */
	EXPECT_TYPE(ALIGN((u16)1, 4), int);		/* ... and a u16 to int */
	EXPECT_VALUE(ALIGN((u8)0xff, 4), 0x100);
	EXPECT_VALUE(ALIGN((u32)0xffffffffU, 4ULL), 0);
	/* host tests: the types of the other macros */
	EXPECT_TYPE(ALIGN_DOWN((u32)5, 4), u32);
	EXPECT_TYPE(ALIGN_DOWN((u32)5, 4ULL), u64);
	EXPECT_TYPE(__ALIGN_MASK((u64)5, 3), u64);
	EXPECT_TYPE(IS_ALIGNED((u64)5, 4), int);
	EXPECT_TYPE(PAGE_ALIGN((u32)1), u32);
	EXPECT_TYPE(PAGE_ALIGN((u64)1), u64);
	EXPECT_TYPE(PAGE_ALIGN_DOWN((u64)1), u64);
	EXPECT_VALUE(ALIGN_DOWN((u32)5, 4ULL), 4);
}
Test(align, the_mask_is_as_wide_as_x)
{
	u64 phys = 0x123456789ULL;
	u32 a = 0x1000;

	EXPECT_VALUE((phys + a - 1) & ~(a - 1), 0x23457000ULL);	/* the mistake */
	EXPECT_VALUE(ALIGN(phys, a), 0x123457000ULL);
	EXPECT_VALUE(ALIGN_DOWN(phys, a), 0x123456000ULL);
	cr_expect(!IS_ALIGNED(phys, a) && IS_ALIGNED(0x100000000ULL, a),
		  "IS_ALIGNED looks at the low 12 bits of a u64");
}

/* host tests: signed values and a non-power of two */
Test(align, signed_values_round_up_and_down_across_zero)
{
	EXPECT_SIGNED(ALIGN(5, 4), 8);
	EXPECT_SIGNED(ALIGN(-5, 4), -4);
	EXPECT_SIGNED(ALIGN(-4, 4), -4);
	EXPECT_SIGNED(ALIGN_DOWN(5, 4), 4);
	EXPECT_SIGNED(ALIGN_DOWN(-5, 4), -8);
	EXPECT_SIGNED(ALIGN(-0x1001LL, 0x1000), -0x1000LL);
	EXPECT_SIGNED(ALIGN_DOWN((s8)-1, 16), -16);
	cr_expect(IS_ALIGNED(-8, 4) && !IS_ALIGNED(-5, 4), "-8 is a multiple of 4, -5 is not");
}

Test(align, a_non_power_of_two_gives_no_multiple)
{
	EXPECT_VALUE(ALIGN(1U, 6), 2);		/* mask 101: not a run of ones */
	EXPECT_VALUE(ALIGN(7U, 6), 8);		/* not 12 */
}

Test(align, the_workers_take_an_alignment_or_a_mask)
{
	EXPECT_VALUE(__ALIGN_KERNEL(0x1234U, 0x1000), 0x2000);
	EXPECT_VALUE(__ALIGN_KERNEL_MASK(0x1234U, 0xfffU), 0x2000);
	EXPECT_VALUE(__ALIGN_MASK(0x1234U, 0xfffU), 0x2000);
	EXPECT_VALUE(__ALIGN_MASK(0x1000U, 0xfffU), 0x1000);
}

/* host tests: pointers and pages */
Test(align, ptr_align_moves_within_a_buffer_and_keeps_the_type)
{
	static char buf[256] __attribute__((aligned(64)));
	const u32 *word = (const u32 *)&buf[4];

	EXPECT_TYPE(PTR_ALIGN(word, 16), const u32 *);
	EXPECT_TYPE(PTR_ALIGN_DOWN(&buf[1], 16), char *);
	EXPECT_PTR(PTR_ALIGN(&buf[0], 64), buf);
	EXPECT_PTR(PTR_ALIGN(&buf[1], 64), &buf[64]);
	EXPECT_PTR(PTR_ALIGN(&buf[63], 64), &buf[64]);
	EXPECT_PTR(PTR_ALIGN(&buf[65], 1), &buf[65]);
	EXPECT_PTR(PTR_ALIGN(word, 16), &buf[16]);
	EXPECT_PTR(PTR_ALIGN_DOWN(&buf[127], 64), &buf[64]);
	EXPECT_PTR(PTR_ALIGN_DOWN(&buf[64], 64), &buf[64]);
	EXPECT_PTR(PTR_ALIGN((void *)0, 16), NULL);
}
Test(align, page_align_rounds_to_4096)
{
	cr_assert_eq(PAGE_SIZE, 4096, "PAGE_SIZE is %lu", (unsigned long)PAGE_SIZE);
	EXPECT_VALUE(PAGE_ALIGN(0UL), 0);
	EXPECT_VALUE(PAGE_ALIGN(1UL), 4096);
	EXPECT_VALUE(PAGE_ALIGN(4095UL), 4096);
	EXPECT_VALUE(PAGE_ALIGN(4096UL), 4096);
	EXPECT_VALUE(PAGE_ALIGN(4097UL), 8192);
	EXPECT_VALUE(PAGE_ALIGN(~0UL), 0);
	EXPECT_VALUE(PAGE_ALIGN(0x123456789ULL), 0x123457000ULL);
	EXPECT_VALUE(PAGE_ALIGN_DOWN(4095UL), 0);
	EXPECT_VALUE(PAGE_ALIGN_DOWN(4097UL), 4096);
	EXPECT_VALUE(PAGE_ALIGN_DOWN(~0UL), ~0UL - 4095);
}
Test(align, page_aligned_takes_pointers_and_integers)
{
	static char pages[2 * 4096] __attribute__((aligned(4096)));

	cr_expect(PAGE_ALIGNED(pages), "%p is a page boundary", (void *)pages);
	cr_expect(!PAGE_ALIGNED(&pages[1]), "%p is not", (void *)&pages[1]);
	cr_expect(PAGE_ALIGNED(&pages[4096]), "%p is", (void *)&pages[4096]);
	cr_expect(PAGE_ALIGNED(0) && PAGE_ALIGNED(0x2000), "0 and 0x2000 are page boundaries");
	cr_expect(!PAGE_ALIGNED(0x2001UL), "0x2001 is not a page boundary");
	cr_expect(PAGE_ALIGNED(0x100001000ULL), "a u64 above 4 GiB on a page boundary");
	cr_expect(!PAGE_ALIGNED(0x100000800ULL), "a u64 above 4 GiB in mid-page");
}
