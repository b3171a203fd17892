/* Tangled from chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vm_event_item.h>
#include <linux/vmalloc.h>
#include <asm/host.h>

/* helpers of the vmalloc tests */
static char report[1 << 16];

/* Assert that every rule of the trees holds, with the first broken one and @what. */
static void check_trees(const char *what)
{
	struct seq_file m = { .buf = report, .size = sizeof(report) };

	report[0] = '\0';
	cr_assert_eq(vmap_check(&m), 0, "%s: %s", what, report);
}

static unsigned int seed;

static void boot(unsigned long long bytes)
{
	host_boot(bytes);
	seed = (unsigned int)time(NULL);
	srand(seed);
}

/* host tests of vmalloc's trees */
Test(vmalloc, a_random_workload_keeps_every_rule_of_the_trees)
{
	enum { LIVE = 64, OPS = 100000 };
	static unsigned char *live[LIVE];
	static unsigned long size[LIVE];
	char what[64];

	boot(64ULL << 20);
	check_trees("after boot");
	for (int op = 0; op < OPS; op++) {
		int i = rand() % LIVE;

		snprintf(what, sizeof(what), "seed %u, op %d", seed, op);
		if (live[i]) {
			cr_assert(live[i][0] == (unsigned char)i && live[i][size[i] - 1] == (unsigned char)i,
				  "%s: the buffer lost its contents", what);
			vfree(live[i]);
			live[i] = NULL;
		} else {
			size[i] = 1 + (unsigned long)rand() % (12 * PAGE_SIZE);
			live[i] = vmalloc(size[i]);
			cr_assert_not_null(live[i], "%s: vmalloc(%lu) failed: %s", what, size[i], host_console_output());
			live[i][0] = live[i][size[i] - 1] = (unsigned char)i;
		}
		check_trees(what);
	}
}

Test(vmalloc, freed_areas_wait_and_one_flush_purges_them_all)
{
	unsigned long all, one, purges, areas;
	void *p[100];

	boot(64ULL << 20);
	all = vm_events[NR_TLB_LOCAL_FLUSH_ALL];
	one = vm_events[NR_TLB_LOCAL_FLUSH_ONE];
	purges = vmap_purges;
	areas = vmap_purged_areas;
	for (int i = 0; i < 100; i++)
		p[i] = vmalloc(PAGE_SIZE);
	for (int i = 0; i < 100; i++)
		vfree(p[i]);
	cr_expect_eq(vm_events[NR_TLB_LOCAL_FLUSH_ALL] + vm_events[NR_TLB_LOCAL_FLUSH_ONE], all + one,
		     "200 pages freed, less than lazy_max_pages: no flush yet");
	for (int i = 0; i < 100; i++)
		vfree(vmalloc(100 * PAGE_SIZE));
	cr_expect_eq(vmap_purges, purges + 1, "one purge, after 8192 lazy pages");
	cr_expect_eq(vm_events[NR_TLB_LOCAL_FLUSH_ALL], all + 1, "the purge is one full flush");
	cr_expect_eq(vm_events[NR_TLB_LOCAL_FLUSH_ONE], one);
	cr_expect_gt(vmap_purged_areas - areas, 150, "one flush for %lu areas", vmap_purged_areas - areas);
	check_trees("after the purge");
}

/* host tests of vmalloc's memory */
Test(vmalloc, pages_come_from_high_memory_unless_the_caller_forbids_it)
{
	unsigned char *v, *z, *d;

	boot(2ULL << 30);
	v = vmalloc(8 * PAGE_SIZE);
	z = vzalloc(8 * PAGE_SIZE);
	d = vmalloc_32(8 * PAGE_SIZE);
	cr_assert(v && z && d);
	for (int i = 0; i < 8; i++) {
		cr_expect(PageHighMem(vmalloc_to_page(v + i * PAGE_SIZE)), "vmalloc page %d is not high", i);
		cr_expect(!PageHighMem(vmalloc_to_page(d + i * PAGE_SIZE)), "vmalloc_32 page %d is high", i);
	}
	for (unsigned long i = 0; i < 8 * PAGE_SIZE; i++)
		cr_assert_eq(z[i], 0, "vzalloc byte %lu is %#x", i, z[i]);
	memset(v, 0x5a, 8 * PAGE_SIZE);
	cr_expect(is_vmalloc_addr(v) && !is_vmalloc_addr(page_address(alloc_page(GFP_KERNEL))));
	vfree(v);
	vfree(z);
	vfree(d);
	check_trees("after the three frees");
}

Test(vmalloc, an_area_has_a_guard_page_unless_it_asks_for_none)
{
	struct vm_struct *a, *b, *c;

	boot(64ULL << 20);
	a = get_vm_area(2 * PAGE_SIZE, VM_MAP);
	b = get_vm_area(2 * PAGE_SIZE, VM_MAP | VM_NO_GUARD);
	c = get_vm_area(PAGE_SIZE, VM_MAP);
	cr_assert(a && b && c);
	cr_expect_eq(a->size, 3 * PAGE_SIZE, "two pages and a guard page");
	cr_expect_eq(get_vm_area_size(a), 2 * PAGE_SIZE);
	cr_expect_eq(b->size, 2 * PAGE_SIZE, "VM_NO_GUARD: no guard page");
	cr_expect_eq((char *)b->addr, (char *)a->addr + 3 * PAGE_SIZE);
	cr_expect_eq((char *)c->addr, (char *)b->addr + 2 * PAGE_SIZE, "right after, with no guard between");
	vunmap(a->addr);
	vunmap(b->addr);
	vunmap(c->addr);
	check_trees("after three vunmaps");
}

Test(vmalloc, vmap_maps_the_callers_pages_in_its_order_and_leaves_them)
{
	struct page *pages[3];
	char *v;

	boot(64ULL << 20);
	for (int i = 0; i < 3; i++) {
		pages[2 - i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		cr_assert_not_null(pages[2 - i]);
		*(int *)page_address(pages[2 - i]) = 2 - i;
	}
	v = vmap(pages, 3, 0, PAGE_KERNEL);
	cr_assert_not_null(v);
	for (int i = 0; i < 3; i++)
		cr_expect_eq(*(int *)(v + i * PAGE_SIZE), i, "page %d of the mapping", i);
	vunmap(v);
	cr_expect_eq(*(int *)page_address(pages[1]), 1, "vunmap must leave the pages alone");
	check_trees("after vunmap");
}

Test(vmalloc, kvmalloc_takes_kmalloc_when_it_can)
{
	void *small, *big;

	boot(64ULL << 20);
	small = kvmalloc(2000, GFP_KERNEL);
	big = kvmalloc(64UL << 20, GFP_KERNEL | __GFP_NOWARN);
	cr_expect(small && !is_vmalloc_addr(small), "2000 bytes should come from kmalloc");
	cr_expect_null(big, "64 MiB cannot be had on a 64 MiB machine");
	big = kvmalloc(8UL << 20, GFP_KERNEL);
	cr_expect(big && is_vmalloc_addr(big), "8 MiB is beyond kmalloc: vmalloc");
	kvfree(small);
	kvfree(big);
	check_trees("after kvfree");
}

Test(vmalloc, ioremap_maps_a_reserved_page_and_refuses_ram)
{
	char *io;
	struct seq_file m = { .buf = report, .size = sizeof(report) };

	boot(64ULL << 20);
	host_console_reset();
	cr_expect_null(ioremap(0x200000, PAGE_SIZE), "RAM the kernel manages must be refused");
	cr_expect(strstr(host_console_output(), "ioremap on RAM at 0x200000 - 0x200fff"), "%s",
		  host_console_output());
	io = ioremap(0xb8010, 16);			/* the VGA text buffer, reserved */
	cr_assert_not_null(io);
	cr_expect_eq((unsigned long)io & ~PAGE_MASK, 0x10);
	report[0] = '\0';
	vmallocinfo_show(&m);
	cr_expect(strstr(report, " phys=0x000b8000 ioremap\n"), "%s", report);
	cr_expect_eq(pte_flags(*lookup_address((unsigned long)io, &(unsigned int){0})) & _PAGE_PCD,
		     _PAGE_PCD, "device memory is mapped uncached");
	iounmap(io);
	check_trees("after iounmap");
}

/* host tests of vmalloc's reports */
static char *overrun;

static void write_past_the_end(void) { overrun[16384] = 1; }

Test(vmalloc_reports, an_overrun_faults_on_the_guard_page)
{
	int status;

	boot(64ULL << 20);
	overrun = vmalloc(16384);
	cr_assert_not_null(overrun);
	overrun[16383] = 1;
	host_console_reset();
	status = host_run(write_past_the_end);
	cr_expect_eq(status, 2, "status %d", status);
	cr_expect(strstr(host_console_output(), "the address is 0 bytes past the end of the 16384-byte "
						"area allocated by vmalloc_reports_an_overrun_faults_on_the_guard_page"),
		  "%s", host_console_output());
}

Test(vmalloc_reports, bad_frees_are_reported_and_change_nothing)
{
	char *p, *k;

	boot(64ULL << 20);
	p = vmalloc(3 * PAGE_SIZE);
	k = kmalloc(100, GFP_KERNEL);
	cr_assert(p && k);
	host_console_reset();
	vfree(p + 1);
	cr_expect(strstr(host_console_output(), "Trying to vfree() bad address ("), "%s",
		  host_console_output());
	host_console_reset();
	vfree(p + PAGE_SIZE);
	cr_expect(strstr(host_console_output(), "Trying to vfree() nonexistent vm area ("), "%s",
		  host_console_output());
	host_console_reset();
	vfree(k);
	cr_expect(strstr(host_console_output(), "Trying to vfree() "), "%s", host_console_output());
	check_trees("after the bad frees");
	p[3 * PAGE_SIZE - 1] = 1;			/* still p's */
	vfree(p);
	host_console_reset();
	vfree(p);
	cr_expect(strstr(host_console_output(), "Trying to vfree() nonexistent vm area ("),
		  "a second vfree: %s", host_console_output());
	host_console_reset();
	p = vmalloc(100);
	kfree(p);
	cr_expect(strstr(host_console_output(), "a vmalloc address, for vfree() or kvfree()"), "%s",
		  host_console_output());
	vfree(p);
	kfree(k);
	check_trees("at the end");
}

static void *from_irq;
static irqreturn_t vmalloc_in_irq(int irq, void *dev)
{
	from_irq = vmalloc(PAGE_SIZE);
	return IRQ_HANDLED;
}
static irqreturn_t vfree_in_irq(int irq, void *dev)
{
	vfree(from_irq);
	return IRQ_HANDLED;
}

Test(vmalloc_reports, vmalloc_in_an_interrupt_is_reported_and_vfree_deferred)
{
	boot(64ULL << 20);
	cr_assert_eq(request_irq(5, vmalloc_in_irq, 0, "vmalloc", NULL), 0);
	cr_assert_eq(request_irq(6, vfree_in_irq, 0, "vfree", NULL), 0);
	host_console_reset();
	host_raise_irq(5);
	cr_expect(strstr(host_console_output(), "BUG: sleeping function called from invalid context"),
		  "%s", host_console_output());
	cr_assert_not_null(from_irq);
	host_raise_irq(6);
	cr_expect(find_vm_area(from_irq) != NULL, "vfree from an interrupt must wait");
	vfree(NULL);
	vfree_deferred_drain();
	cr_expect(find_vm_area(from_irq) == NULL, "the next call in process context frees it");
	check_trees("after the deferred free");
}
