/* Tangled from chapters/09-kmalloc.nw, chapters/08-slabs.nw, chapters/10-reclaim.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <linux/string.h>
#include <linux/timer.h>
#include "slab.h"

/* the [[slabinfo]] command */
static int cmd_slabinfo(struct seq_file *m, int argc, char **argv)
{
	slabinfo_show(m);
	return 0;
}
DEFINE_CONSOLE_COMMAND(slabinfo, "", "the slab caches (/proc/slabinfo)", cmd_slabinfo);

/* GFP flags written as in C: [[parse_gfp]] */
/* the names of the GFP flags the console knows */
static const struct { const char *name; gfp_t gfp; } gfp_names[] = {
	{ "GFP_KERNEL", GFP_KERNEL }, { "GFP_ATOMIC", GFP_ATOMIC }, { "GFP_NOWAIT", GFP_NOWAIT },
	{ "GFP_NOIO", GFP_NOIO }, { "GFP_NOFS", GFP_NOFS }, { "GFP_USER", GFP_USER },
	{ "GFP_HIGHUSER", GFP_HIGHUSER }, { "GFP_DMA", GFP_DMA }, { "__GFP_ZERO", __GFP_ZERO },
	{ "__GFP_HIGHMEM", __GFP_HIGHMEM }, { "__GFP_NOWARN", __GFP_NOWARN },
	{ "__GFP_DMA", __GFP_DMA }, { "__GFP_HIGH", __GFP_HIGH }, { "__GFP_WAIT", __GFP_WAIT },
};

/* [[parse_gfp]]: names joined by [[|]], as a mask */
/* "GFP_KERNEL|__GFP_ZERO" as a mask; false if a name is unknown. */
static bool parse_gfp(const char *s, gfp_t *gfp)
{
	*gfp = 0;
	while (*s) {
		size_t len = 0;
		unsigned int i;

		while (s[len] && s[len] != '|')
			len++;
		for (i = 0; i < ARRAY_SIZE(gfp_names); i++)
			if (strlen(gfp_names[i].name) == len && !strncmp(s, gfp_names[i].name, len))
				break;
		if (i == ARRAY_SIZE(gfp_names))
			return false;
		*gfp |= gfp_names[i].gfp;
		s += len + (s[len] == '|');
	}
	return true;
}

/* the [[kmalloc]] and [[kfree]] commands */
/* the [[kmalloc]] command */
static int cmd_kmalloc(struct seq_file *m, int argc, char **argv)
{
	unsigned long size;
	gfp_t gfp = GFP_KERNEL;
	void *p;

	if (argc < 2 || argc > 3 || (argc == 3 && !parse_gfp(argv[2], &gfp))) {
		seq_printf(m, "usage: kmalloc SIZE [FLAGS], FLAGS such as GFP_KERNEL|__GFP_ZERO\n");
		return -1;
	}
	if (console_number(m, "kmalloc", "SIZE", argv[1], 0, KMALLOC_MAX_SIZE, true, &size) < 0)
		return -1;
	p = kmalloc(size, gfp);
	if (!p) {
		seq_printf(m, "kmalloc(%lu): NULL\n", size);
		return -1;
	}
	seq_printf(m, "kmalloc(%lu) = %p, ksize %zu, %s\n", size, p, ksize(p),
		   p == ZERO_SIZE_PTR ? "ZERO_SIZE_PTR" :
		   PageSlab(compound_head(virt_to_page(p))) ?
		   compound_head(virt_to_page(p))->slab_cache->name : "pages");
	return 0;
}
DEFINE_CONSOLE_COMMAND(kmalloc, "SIZE [FLAGS]", "allocate SIZE bytes with kmalloc", cmd_kmalloc);

/* the [[kfree]] command */
static int cmd_kfree(struct seq_file *m, int argc, char **argv)
{
	unsigned long addr;

	if (argc != 2) {
		seq_printf(m, "usage: kfree ADDR\n");
		return -1;
	}
	if (kstrtoul(argv[1], 16, &addr) < 0) {		/* as kmalloc printed it: hex */
		seq_printf(m, "kfree: invalid ADDR '%s' (expected an address in hex, as kmalloc "
			   "printed it)\n", argv[1]);
		return -1;
	}
	kfree((void *)addr);
	return 0;
}
DEFINE_CONSOLE_COMMAND(kfree, "ADDR", "free what kmalloc returned (mistakes are reported)",
		       cmd_kfree);

/* the [[slabdump]] command */
static int cmd_slabdump(struct seq_file *m, int argc, char **argv)
{
	struct kmem_cache *s;

	if (argc != 2) {
		seq_printf(m, "usage: slabdump CACHE, a name from slabinfo\n");
		return -1;
	}
	list_for_each_entry(s, &slab_caches, list)
		if (!strcmp(s->name, argv[1])) {
			slab_dump(m, s);
			return 0;
		}
	seq_printf(m, "slabdump: no cache %s\n", argv[1]);
	return -1;
}
DEFINE_CONSOLE_COMMAND(slabdump, "CACHE", "a cache's CPU slab, object by object", cmd_slabdump);

/* the which-flag-when table, run: [[whichflag]] */
/* one allocation in a chosen context: [[gfp_trial]] */
/* the contexts, and what a trial records */
enum gfp_context { IN_PROCESS, UNDER_SPINLOCK, IN_IRQ };
static const char *const gfp_context_names[] = { "process", "spinlock", "irq" };

struct gfp_trial {
	gfp_t gfp;
	void *object;
	bool in_interrupt, in_atomic;
	struct timer_list timer;
	struct completion done;
};

/* run the trial where it is, and note the context */
/* The trial itself: kmalloc(64, t->gfp), and the context it ran in. Any context. */
static void gfp_trial_run(struct gfp_trial *t)
{
	t->object = kmalloc(64, t->gfp);
	t->in_interrupt = in_interrupt();
	t->in_atomic = in_atomic();
}

/* The trial's timer: run it in the tick's interrupt and complete it. */
static void gfp_trial_timer(struct timer_list *timer)
{
	struct gfp_trial *t = container_of(timer, struct gfp_trial, timer);

	gfp_trial_run(t);
	complete(&t->done);
}

/* [[gfp_trial]]: a trial in a process, under a spinlock or in the tick */
/* kmalloc(64, @gfp) in @context; prints the result, frees it; 0 if it succeeded, -1 if
 * not. Context: process context, may sleep (it waits for the tick). */
static int gfp_trial(struct seq_file *m, enum gfp_context context, gfp_t gfp, const char *flags)
{
	static DEFINE_SPINLOCK(lock);
	struct gfp_trial t = { .gfp = gfp };

		/* run the trial in [[context]], and wait for it */
		if (context == IN_IRQ) {
			init_completion(&t.done);
			timer_setup(&t.timer, gfp_trial_timer, 0);
			mod_timer(&t.timer, jiffies + 1);
			wait_for_completion(&t.done);
		} else if (context == UNDER_SPINLOCK) {
			spin_lock(&lock);
			gfp_trial_run(&t);
			spin_unlock(&lock);
		} else
			gfp_trial_run(&t);
	seq_printf(m, "%-9s %-20s in_interrupt %d in_atomic %d: ", gfp_context_names[context],
		   flags, t.in_interrupt, t.in_atomic);
	if (!t.object) {
		seq_printf(m, "NULL\n");
		return -1;
	}
	seq_printf(m, "%p from %s\n", t.object, page_zone(virt_to_page(t.object))->name);
	kfree(t.object);
	return 0;
}

/* the [[whichflag]] command */
/* whichflag [CONTEXT FLAGS]: the table's rows, or one trial. Context: the console, may
 * sleep. Returns 0, or -1 if a trial failed or with the usage line. */
static int cmd_whichflag(struct seq_file *m, int argc, char **argv)
{
	static const struct { enum gfp_context context; const char *flags; } table[] = {
		{ IN_PROCESS, "GFP_KERNEL" }, { UNDER_SPINLOCK, "GFP_ATOMIC" },
		{ IN_IRQ, "GFP_ATOMIC" }, { IN_PROCESS, "GFP_KERNEL|GFP_DMA" },
		{ UNDER_SPINLOCK, "GFP_ATOMIC|GFP_DMA" },
	};
	int errors = 0;
	gfp_t gfp;

	if (argc == 1) {
		/* run every row of the table, and fail if any row failed */
		for (unsigned int i = 0; i < ARRAY_SIZE(table); i++) {
			parse_gfp(table[i].flags, &gfp);
			errors += gfp_trial(m, table[i].context, gfp, table[i].flags) != 0;
		}
		return errors ? -1 : 0;
	}
	for (unsigned int c = 0; argc == 3 && c < ARRAY_SIZE(gfp_context_names); c++)
		if (!strcmp(argv[1], gfp_context_names[c]) && parse_gfp(argv[2], &gfp))
			return gfp_trial(m, c, gfp, argv[2]);
	seq_printf(m, "usage: whichflag [process|spinlock|irq FLAGS]\n");
	return -1;
}
DEFINE_CONSOLE_COMMAND(whichflag, "[CONTEXT FLAGS]",
		       "run the which-flag-when table, or one allocation in a context", cmd_whichflag);

/* threads and the tick allocating at once: [[kmstress]] */
/* one workload's random steps: [[kmstress_step]] */
/* a workload: the objects it holds, and their pattern */
struct kmstress {
	void *held[32];
	size_t size[32];
	u64 rng;
	unsigned long allocs, corrupted, failed;
	unsigned long end;			/* jiffies */
};

/* a workload's pattern, checked before each free */
/* The byte slot @i of @st is filled with. */
static u8 kmstress_mark(const struct kmstress *st, unsigned int i)
{
	return (u8)((uintptr_t)st >> 4 ^ i);
}

/* Check slot @i's object against its pattern, counting bad bytes, and free it. Any context. */
static void kmstress_put(struct kmstress *st, unsigned int i)
{
	for (size_t k = 0; k < st->size[i]; k++)
		st->corrupted += ((u8 *)st->held[i])[k] != kmstress_mark(st, i);
	kfree(st->held[i]);
	st->held[i] = NULL;
}

/* [[kmstress_step]]: allocate into an empty slot, or check and free a full one */
/* One step: allocate into an empty slot, or check and free a full one. Any context that
 * @gfp allows. */
static void kmstress_step(struct kmstress *st, gfp_t gfp)
{
	unsigned int i;

	st->rng ^= st->rng << 13;
	st->rng ^= st->rng >> 7;
	st->rng ^= st->rng << 17;
	i = (unsigned int)(st->rng % ARRAY_SIZE(st->held));
	if (st->held[i]) {
		kmstress_put(st, i);
		return;
	}
	st->size[i] = 1 + (size_t)((st->rng >> 20) % 2048);
	st->held[i] = kmalloc(st->size[i], gfp | __GFP_NOWARN);
	if (!st->held[i]) {
		st->failed++;
		return;
	}
	memset(st->held[i], kmstress_mark(st, i), st->size[i]);
	st->allocs++;
}

/* the threads' loop */
/* A thread's workload: steps with GFP_KERNEL until its end. Returns 0. */
static int kmstress_thread(void *data)
{
	struct kmstress *st = data;

	while (time_before(jiffies, READ_ONCE(st->end)))
		kmstress_step(st, GFP_KERNEL);
	return 0;
}

/* the tick's workload */
static struct kmstress kmstress_irq;
static struct timer_list kmstress_timer;

/* The tick's workload: 16 GFP_ATOMIC steps a tick until its end. Interrupt context. */
static void kmstress_tick(struct timer_list *timer)
{
	for (int k = 0; k < 16; k++)
		kmstress_step(&kmstress_irq, GFP_ATOMIC);
	if (time_before(jiffies, READ_ONCE(kmstress_irq.end)))
		mod_timer(timer, jiffies + 1);
}

/* the [[kmstress]] command */
/* kmstress [THREADS] [MS]: the stress, checked. Context: the console, may sleep. Returns
 * 0, or -1 on corruption, a leak, or with the usage line. */
static int cmd_kmstress(struct seq_file *m, int argc, char **argv)
{
	static struct kmstress st[4];
	struct task_struct *tasks[ARRAY_SIZE(st)];
	unsigned long n = 3, ms = 1000, end;
	unsigned long before = slab_objects_in_use(), allocs = 0, corrupted, failed = 0;

	if (argc > 3) {
		seq_printf(m, "usage: kmstress [THREADS (1-4)] [MS]\n");
		return -1;
	}
	if ((argc > 1 && console_number(m, "kmstress", "THREADS", argv[1], 1, ARRAY_SIZE(st),
					false, &n) < 0) ||
	    (argc > 2 && console_number(m, "kmstress", "MS", argv[2], 1, 60000, false, &ms) < 0))
		return -1;
	end = jiffies + msecs_to_jiffies((unsigned int)ms);
	/* start the tick's workload and [[n]] threads */
	kmstress_irq = (struct kmstress){ .rng = 0x9e3779b97f4a7c15ULL, .end = end };
	timer_setup(&kmstress_timer, kmstress_tick, 0);
	mod_timer(&kmstress_timer, jiffies + 1);
	for (unsigned int i = 0; i < n; i++) {
		st[i] = (struct kmstress){ .rng = 2 * i + 1, .end = end };
		tasks[i] = kthread_create(kmstress_thread, &st[i], "kmstress/%u", i);
		if (IS_ERR(tasks[i])) {
			seq_printf(m, "kmstress: no memory for a thread\n");
			n = i;
			break;
		}
		get_task_struct(tasks[i]);	/* it may exit before we stop it */
		wake_up_process(tasks[i]);
	}
	/* stop the threads and the tick's timer */
	while (time_before(jiffies, end) && !console_interrupted())
		msleep(10);
	for (unsigned int i = 0; i < n; i++)
		WRITE_ONCE(st[i].end, jiffies);		/* Ctrl-C: time is up now */
	WRITE_ONCE(kmstress_irq.end, jiffies);
	for (unsigned int i = 0; i < n; i++) {
		kthread_stop(tasks[i]);
		put_task_struct(tasks[i]);
	}
	del_timer(&kmstress_timer);	/* it cannot be running: we are not in its interrupt */
	/* free what the workloads still hold, and add up their counts */
	corrupted = 0;
	for (unsigned int i = 0; i < n; i++) {
		for (unsigned int k = 0; k < ARRAY_SIZE(st[i].held); k++)
			if (st[i].held[k])
				kmstress_put(&st[i], k);
		allocs += st[i].allocs;
		corrupted += st[i].corrupted;
		failed += st[i].failed;
	}
	for (unsigned int k = 0; k < ARRAY_SIZE(kmstress_irq.held); k++)
		if (kmstress_irq.held[k])
			kmstress_put(&kmstress_irq, k);
	corrupted += kmstress_irq.corrupted;
	/* print the counts, and fail on a corrupted byte or a leaked object */
	seq_printf(m, "kmstress: %lu threads, %lu ms: %lu allocations in threads, %lu in interrupts; "
		      "%lu corrupted, %lu failed; objects in use %lu before, %lu after\n", n, ms,
		   allocs, kmstress_irq.allocs, corrupted, failed + kmstress_irq.failed, before,
		   slab_objects_in_use());
	return corrupted || slab_objects_in_use() != before ? -1 : 0;
}
DEFINE_CONSOLE_COMMAND(kmstress, "[THREADS] [MS]",
		       "threads and the timer interrupt allocating at once, checked", cmd_kmstress);
