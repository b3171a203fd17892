/* Tangled from chapters/05-getting-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "../qemu.h"

/* read one number of one zone from [[zoneinfo]] */
/* The value after @field in @zone's part of the zoneinfo that follows "mm> zoneinfo". */
static long zone_field(const char *out, const char *zone, const char *field)
{
	char header[64];
	const char *z = strstr(out, "mm> zoneinfo\n"), *f, *next;
	long v;

	snprintf(header, sizeof(header), "zone %8s\n", zone);
	if (!z || !(z = strstr(z, header)))
		return -1;
	next = strstr(z + 1, "Node 0, zone");
	f = strstr(z, field);
	if (!f || (next && f > next) || sscanf(f + strlen(field), " %ld", &v) != 1)
		return -1;
	return v;
}

/* boot one size, run the workload, and read the zones */
/* Boot @mem of RAM (@max_pfn pages), run the workload, check the zones and buddyinfo. */
static void check_size(const char *mem, long max_pfn)
{
	const long low = max_pfn < 0x377fe ? max_pfn : 0x377fe;
	const char *first, *second;
	struct boot b;

	cr_assert_eq(qemu_boot(&b, mem, "", "buddyinfo\nstress 20000 5\nbuddyinfo\nzoneinfo\nhalt\n",
			       90), 0);
	cr_expect_eq(b.status, 0, "status %d:\n%s", b.status, b.output);
	/* the zones' spans are what the rules give for [[max_pfn]] */
	cr_expect_eq(zone_field(b.output, "DMA", "start_pfn:"), 1);
	cr_expect_eq(zone_field(b.output, "DMA", "spanned"), 4095);
	cr_expect_eq(zone_field(b.output, "DMA", "present"), 3998);
	cr_expect_eq(zone_field(b.output, "Normal", "start_pfn:"), 4096);
	cr_expect_eq(zone_field(b.output, "Normal", "spanned"), low - 4096);
	cr_expect_eq(zone_field(b.output, "HighMem", "spanned"), max_pfn - low,
		     "HighMem spans %ld, expected %ld", zone_field(b.output, "HighMem", "spanned"),
		     max_pfn - low);
	/* the workload passed, and [[buddyinfo]] reads the same after it */
	cr_expect(strstr(b.output, "0 errors; buddyinfo restored\n"), "%s", b.output);
	first = strstr(b.output, "mm> buddyinfo\n");
	second = first ? strstr(first + 1, "mm> buddyinfo\n") : NULL;
	cr_assert(first && second, "%s", b.output);
	cr_expect(strncmp(first, second, (size_t)(strstr(first, "mm> stress") - first)) == 0,
		  "buddyinfo before and after the workload differ:\n%s", b.output);
	boot_free(&b);
}

Test(mm_boot, zones_and_workload_at_64M, .timeout = 120) { check_size("64M", 0x3fe0); }
Test(mm_boot, zones_and_workload_at_1G, .timeout = 120) { check_size("1G", 0x3ffe0); }
Test(mm_boot, zones_and_workload_at_2G, .timeout = 120) { check_size("2G", 0x7ffe0); }
Test(mm_boot, zones_and_workload_at_3_5G, .timeout = 120) { check_size("3584M", 0xbffe0); }

/* Ctrl-C ends a run of ten million steps at its first check, and it still gives everything back. */
Test(mm_boot, ctrl_c_stops_stress_which_gives_everything_back, .timeout = 60)
{
	const char *first, *second, *end;
	struct boot b;

	cr_assert_eq(qemu_boot(&b, "64M", "", "buddyinfo\nstress 10000000 1\n\003buddyinfo\nhalt\n", 30), 0);
	cr_expect_eq(b.status, 0, "%s", b.output);
	cr_expect(strstr(b.output, "^C\nstress: interrupted after 1000 of 10000000 ops\n"
			 "stress: 1000 ops (seed 1): "), "%s", b.output);
	cr_expect(strstr(b.output, " 0 errors; buddyinfo restored\n"), "%s", b.output);
	first = strstr(b.output, "mm> buddyinfo\n");
	second = first ? strstr(first + 1, "mm> buddyinfo\n") : NULL;
	end = second ? strstr(second + 1, "mm> ") : NULL;
	cr_assert(end, "%s", b.output);
	cr_expect(strncmp(first, second, (size_t)(end - second)) == 0, "%s", b.output);
	boot_free(&b);
}
