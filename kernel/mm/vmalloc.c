/* Tangled from chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/rbtree_augmented.h>
#include <linux/vmalloc.h>

unsigned long vmalloc_nr_pages;		/* pages vmalloc() holds: meminfo's VmallocUsed */

/* the trees and lists of areas */
static DEFINE_SPINLOCK(vmap_area_lock);		/* the busy tree and list */
static struct rb_root vmap_area_root = RB_ROOT;
static LIST_HEAD(vmap_area_list);

static DEFINE_SPINLOCK(free_vmap_area_lock);	/* the free tree and list */
static struct rb_root free_vmap_area_root = RB_ROOT;
static LIST_HEAD(free_vmap_area_list);

static inline unsigned long va_size(struct vmap_area *va) { return va->va_end - va->va_start; }

static inline unsigned long get_subtree_max_size(struct rb_node *node)
{
	return node ? rb_entry(node, struct vmap_area, rb_node)->subtree_max_size : 0;
}

RB_DECLARE_CALLBACKS_MAX(static, free_vmap_area_rb_augment_cb, struct vmap_area, rb_node,
			 unsigned long, subtree_max_size, va_size);

/* [[insert_vmap_area]]: into a tree and its list, by address */
/* Link @va into @root and @head by address. Context: the tree's lock held. */
static void link_va(struct vmap_area *va, struct rb_root *root, struct list_head *head)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;
	struct vmap_area *p = NULL;

	while (*link) {
		parent = *link;
		p = rb_entry(parent, struct vmap_area, rb_node);
		BUG_ON(va->va_start < p->va_end && va->va_end > p->va_start);	/* overlap */
		link = va->va_start < p->va_start ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&va->rb_node, parent, link);
	if (!parent)
		list_add(&va->list, head);
	else if (link == &parent->rb_left)
		list_add_tail(&va->list, &p->list);	/* just before p */
	else
		list_add(&va->list, &p->list);		/* just after p */
}

/* Insert busy or purged area @va into @root and @head. Context: the tree's lock held. */
static void insert_vmap_area(struct vmap_area *va, struct rb_root *root, struct list_head *head)
{
	link_va(va, root, head);
	rb_insert_color(&va->rb_node, root);
}

/* Insert free area @va into the free tree, keeping subtree_max_size. Context: its lock held. */
static void insert_free_area(struct vmap_area *va)
{
	link_va(va, &free_vmap_area_root, &free_vmap_area_list);
	va->subtree_max_size = 0;
	rb_insert_augmented(&va->rb_node, &free_vmap_area_root, &free_vmap_area_rb_augment_cb);
	free_vmap_area_rb_augment_cb_propagate(&va->rb_node, NULL);
}

/* Take @va out of @root and its list; augmented if @root is the free tree. Context: lock held. */
static void unlink_va(struct vmap_area *va, struct rb_root *root)
{
	if (root == &free_vmap_area_root)
		rb_erase_augmented(&va->rb_node, root, &free_vmap_area_rb_augment_cb);
	else
		rb_erase(&va->rb_node, root);
	list_del(&va->list);
	RB_CLEAR_NODE(&va->rb_node);
}

/* [[__find_vmap_area]]: the area that holds an address */
/* The area of @root holding @addr, or NULL. Context: the tree's lock held. */
static struct vmap_area *__find_vmap_area(unsigned long addr, struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n) {
		struct vmap_area *va = rb_entry(n, struct vmap_area, rb_node);

		if (addr < va->va_start)
			n = n->rb_left;
		else if (addr >= va->va_end)
			n = n->rb_right;
		else
			return va;
	}
	return NULL;
}

/* [[is_within_this_va]]: does the request fit in this free area? */
/* Does [@vstart or later, aligned to @align) + @size fit inside @va? */
static inline bool is_within_this_va(struct vmap_area *va, unsigned long size,
				     unsigned long align, unsigned long vstart)
{
	unsigned long start = ALIGN(max(va->va_start, vstart), align);

	if (start + size < start)		/* wrapped around */
		return false;
	return start + size <= va->va_end;
}

/* [[find_vmap_lowest_match]]: the lowest free area that fits, in O(log n) */
/**
 * find_vmap_lowest_match - the free area of lowest address that can hold the request
 * @size: bytes, a multiple of PAGE_SIZE
 * @align: a power of two, at least PAGE_SIZE
 * @vstart: the lowest address the request may start at
 *
 * Context: free_vmap_area_lock held. Return: the area, or NULL when none fits.
 */
static struct vmap_area *find_vmap_lowest_match(unsigned long size, unsigned long align,
						unsigned long vstart)
{
	unsigned long length = align > PAGE_SIZE ? size + align - 1 : size;
	struct rb_node *node = free_vmap_area_root.rb_node;
	struct vmap_area *va;

	while (node) {
		va = rb_entry(node, struct vmap_area, rb_node);
		if (get_subtree_max_size(node->rb_left) >= length && vstart < va->va_start) {
			node = node->rb_left;
			continue;
		}
		if (is_within_this_va(va, size, align, vstart))
			return va;
		if (get_subtree_max_size(node->rb_right) >= length) {
			node = node->rb_right;
			continue;
		}
		/* climb to the first ancestor on the right that fits or has room on its right */
		while ((node = rb_parent(node))) {
			va = rb_entry(node, struct vmap_area, rb_node);
			if (is_within_this_va(va, size, align, vstart))
				return va;
			if (get_subtree_max_size(node->rb_right) >= length && vstart <= va->va_start) {
				vstart = va->va_start + 1;
				node = node->rb_right;
				break;
			}
		}
	}
	return NULL;
}

/* [[adjust_va_to_fit_type]]: cut the request out of the free area */
/* Remove [@start, @start + @size) from free area @va; *@spare is taken for a split.
 * Context: free_vmap_area_lock held. */
static void adjust_va_to_fit_type(struct vmap_area *va, unsigned long start, unsigned long size,
				  struct vmap_area **spare)
{
	unsigned long end = start + size;

	if (start == va->va_start && end == va->va_end) {		/* FL_FIT */
		unlink_va(va, &free_vmap_area_root);
		kfree(va);
		return;
	}
	if (start == va->va_start) {					/* LE_FIT */
		va->va_start = end;
	} else if (end == va->va_end) {					/* RE_FIT */
		va->va_end = start;
	} else {							/* NE_FIT */
		struct vmap_area *lva = *spare;

		*spare = NULL;
		lva->va_start = va->va_start;
		lva->va_end = start;
		va->va_start = end;
		free_vmap_area_rb_augment_cb_propagate(&va->rb_node, NULL);
		insert_free_area(lva);
		return;
	}
	free_vmap_area_rb_augment_cb_propagate(&va->rb_node, NULL);
}

/* [[merge_or_add_vmap_area]]: give a range back, joined to its neighbours */
/* Return range @va to the free tree, merging it with the areas it touches; @va may be freed.
 * Context: free_vmap_area_lock held. */
static void merge_or_add_vmap_area(struct vmap_area *va)
{
	struct rb_node *n = free_vmap_area_root.rb_node;
	struct vmap_area *next = NULL, *prev;
	struct list_head *after = &free_vmap_area_list;	/* the list node va would follow */

	while (n) {
		struct vmap_area *p = rb_entry(n, struct vmap_area, rb_node);

		if (va->va_start < p->va_start) {
			next = p;
			n = n->rb_left;
		} else {
			after = &p->list;
			n = n->rb_right;
		}
	}
	prev = after == &free_vmap_area_list ? NULL : list_entry(after, struct vmap_area, list);
	if (next && next->va_start == va->va_end) {
		next->va_start = va->va_start;		/* next grows down over va */
		kfree(va);
		va = next;
		if (prev && prev->va_end == va->va_start) {
			unlink_va(va, &free_vmap_area_root);	/* and prev grows over both */
			prev->va_end = va->va_end;
			kfree(va);
			va = prev;
		}
	} else if (prev && prev->va_end == va->va_start) {
		prev->va_end = va->va_end;		/* prev grows up over va */
		kfree(va);
		va = prev;
	} else {
		insert_free_area(va);
		return;
	}
	free_vmap_area_rb_augment_cb_propagate(&va->rb_node, NULL);
}

/* [[vmap_pages_range]]: map pages, a page table at a time */
#define pmd_addr_end(addr, end)							\
	({ unsigned long __boundary = ((addr) + PMD_SIZE) & PMD_MASK;		\
	   __boundary - 1 < (end) - 1 ? __boundary : (end); })

/* [[vmap_pte_range]]: one pte for each page */
/* Map pages[*nr] on at [@addr, @end), all under @pmd, with @prot; *@nr counts them. */
static int vmap_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end, pgprot_t prot,
			  struct page **pages, int *nr)
{
	pte_t *pte = pte_alloc_kernel(pmd, addr);

	if (!pte)
		return -ENOMEM;
	for (; addr != end; addr += PAGE_SIZE, pte++) {
		struct page *page = pages[*nr];

		if (WARN_ON(!pte_none(*pte)))
			return -EBUSY;
		if (WARN_ON(!page))
			return -ENOMEM;
		set_pte_at(&init_mm, addr, pte, pfn_pte(page_to_pfn(page), prot));
		(*nr)++;
	}
	return 0;
}

/* Map @pages, in order, at [@addr, @end) with @prot. Context: may sleep (page tables). */
static int vmap_pages_range(unsigned long addr, unsigned long end, pgprot_t prot,
			    struct page **pages)
{
	int nr = 0;

	while (addr != end) {
		unsigned long next = pmd_addr_end(addr, end);
		pmd_t *pmd = pmd_offset(pgd_offset_k(addr), addr);
		int err = vmap_pte_range(pmd, addr, next, prot, pages, &nr);

		if (err)
			return err;
		addr = next;
	}
	return 0;
}

/* [[vunmap_range_noflush]]: clear the ptes of a range, keep the tables */
/* Clear the ptes of [@addr, @end). The TLB may still hold them. Context: any. */
static void vunmap_range_noflush(unsigned long addr, unsigned long end)
{
	while (addr != end) {
		unsigned long next = pmd_addr_end(addr, end);
		pmd_t *pmd = pmd_offset(pgd_offset_k(addr), addr);

		if (!pmd_none(*pmd) && !WARN_ON(pmd_large(*pmd) || pmd_bad(*pmd))) {
			pte_t *pte = pte_offset_kernel(pmd, addr);

			for (unsigned long a = addr; a != next; a += PAGE_SIZE, pte++) {
				WARN_ON(!pte_none(*pte) && !pte_present(*pte));
				pte_clear(&init_mm, a, pte);
			}
		}
		addr = next;
	}
}

/* lazy unmapping: the purge list, and one flush for all of it */
static DEFINE_SPINLOCK(purge_vmap_area_lock);	/* the purge tree, list and count */
static struct rb_root purge_vmap_area_root = RB_ROOT;
static LIST_HEAD(purge_vmap_area_list);
static unsigned long vmap_lazy_nr;		/* pages on the purge list */
unsigned long vmap_purges, vmap_purged_areas;	/* for the book's measurements */

/* The number of the highest bit set in @x, from 1; 0 for 0 (Linux's, in linux/bitops.h). */
static inline int fls(unsigned int x) { return x ? 32 - __builtin_clz(x) : 0; }

/* The pages that may wait for a flush: 32 MiB per power of two of CPUs (one so far). */
static unsigned long lazy_max_pages(void)
{
	return fls(1) * (32UL * 1024 * 1024 / PAGE_SIZE);
}

/* Flush the TLB once for every area on the purge list, then free their ranges. Process context. */
static void purge_vmap_area_lazy(void)
{
	struct vmap_area *va, *n;
	LIST_HEAD(local);

	spin_lock(&free_vmap_area_lock);
	spin_lock(&purge_vmap_area_lock);
	list_splice_init(&purge_vmap_area_list, &local);
	purge_vmap_area_root = RB_ROOT;
	vmap_lazy_nr = 0;
	spin_unlock(&purge_vmap_area_lock);
	if (list_empty(&local)) {
		spin_unlock(&free_vmap_area_lock);
		return;
	}
	flush_tlb_kernel_range(list_first_entry(&local, struct vmap_area, list)->va_start,
			       list_last_entry(&local, struct vmap_area, list)->va_end);
	vmap_purges++;
	list_for_each_entry_safe(va, n, &local, list) {
		list_del(&va->list);
		vmap_purged_areas++;
		merge_or_add_vmap_area(va);
	}
	spin_unlock(&free_vmap_area_lock);
}

/* linux/vmalloc.h: purge the lazily freed areas now, with their one flush. Process context. */
void vm_unmap_aliases(void)
{
	purge_vmap_area_lazy();
}

/* Unmap busy area @va, just taken out of the busy tree, and queue it for the next purge.
 * Context: vmap_area_lock held, so that the range is always in one of the trees. */
static void free_unmap_vmap_area(struct vmap_area *va)
{
	vunmap_range_noflush(va->va_start, va->va_end);
	spin_lock(&purge_vmap_area_lock);
	insert_vmap_area(va, &purge_vmap_area_root, &purge_vmap_area_list);
	vmap_lazy_nr += va_size(va) >> PAGE_SHIFT;
	spin_unlock(&purge_vmap_area_lock);
}

/* [[alloc_vmap_area]]: find room, cut it out, record it as busy */
/**
 * alloc_vmap_area - a busy area of @size bytes aligned to @align in [@vstart, @vend)
 * @gfp: for the descriptors; GFP_KERNEL unless the caller cannot sleep
 *
 * Context: process context when @gfp may sleep. Return: the area, or
 * ERR_PTR(-ENOMEM) without memory, ERR_PTR(-EBUSY) without room.
 */
static struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
					 unsigned long vstart, unsigned long vend, gfp_t gfp)
{
	struct vmap_area *va, *spare, *found;
	unsigned long addr = vend;
	bool purged = false;

	might_sleep();
	va = kmalloc(sizeof(*va), gfp & ~(GFP_ZONEMASK | __GFP_ZERO));
	spare = kmalloc(sizeof(*spare), gfp & ~(GFP_ZONEMASK | __GFP_ZERO));
	if (!va || !spare)
		goto nomem;
retry:
	spin_lock(&vmap_area_lock);
	spin_lock(&free_vmap_area_lock);
	found = find_vmap_lowest_match(size, align, vstart);
	addr = found ? ALIGN(max(found->va_start, vstart), align) : vend;
	if (found && addr + size <= vend) {
		adjust_va_to_fit_type(found, addr, size, &spare);
		va->va_start = addr;
		va->va_end = addr + size;
		va->vm = NULL;
		insert_vmap_area(va, &vmap_area_root, &vmap_area_list);
	} else {
		addr = vend;
	}
	spin_unlock(&free_vmap_area_lock);
	spin_unlock(&vmap_area_lock);
	if (addr == vend) {
		if (!purged) {
			purge_vmap_area_lazy();
			purged = true;
			goto retry;
		}
		if (!(gfp & __GFP_NOWARN))
			pr_warn("vmap allocation for size %lu failed: use vmalloc=<size> to increase size\n",
				size);
		kfree(va);
		kfree(spare);
		return ERR_PTR(-EBUSY);
	}
	kfree(spare);
	return va;
nomem:
	kfree(va);
	kfree(spare);
	return ERR_PTR(-ENOMEM);
}

/* getting and finding a [[vm_struct]] */
/* An area of @size bytes (and a guard page unless VM_NO_GUARD) in [@start, @end), or NULL. */
static struct vm_struct *__get_vm_area_node(unsigned long size, unsigned long align,
					    unsigned long flags, unsigned long start,
					    unsigned long end, gfp_t gfp, const void *caller)
{
	struct vm_struct *area;
	struct vmap_area *va;

	size = PAGE_ALIGN(size);
	if (unlikely(!size))
		return NULL;
	area = kzalloc(sizeof(*area), gfp & ~(GFP_ZONEMASK | __GFP_ZERO));
	if (!area)
		return NULL;
	if (!(flags & VM_NO_GUARD))
		size += PAGE_SIZE;
	va = alloc_vmap_area(size, align, start, end, gfp & ~(GFP_ZONEMASK | __GFP_ZERO));
	if (IS_ERR(va)) {
		kfree(area);
		return NULL;
	}
	area->addr = (void *)va->va_start;
	area->size = size;
	area->flags = flags;
	area->caller = caller;
	spin_lock(&vmap_area_lock);
	va->vm = area;
	spin_unlock(&vmap_area_lock);
	return area;
}

/* linux/vmalloc.h: an area of @size bytes in the vmalloc range, unmapped, or NULL. May sleep. */
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	return __get_vm_area_node(size, PAGE_SIZE, flags, VMALLOC_START, VMALLOC_END, GFP_KERNEL,
				  __builtin_return_address(0));
}

/* linux/vmalloc.h: the same, naming @caller as its owner. May sleep. */
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags, const void *caller)
{
	return __get_vm_area_node(size, PAGE_SIZE, flags, VMALLOC_START, VMALLOC_END, GFP_KERNEL,
				  caller);
}

/* linux/vmalloc.h: the busy area that starts at @addr, or NULL. Any context. */
struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va;

	spin_lock(&vmap_area_lock);
	va = __find_vmap_area((unsigned long)addr, &vmap_area_root);
	spin_unlock(&vmap_area_lock);
	return va && va->vm && va->vm->addr == addr ? va->vm : NULL;
}

/* linux/vmalloc.h: unmap and release the area that starts at @addr; its vm_struct, or NULL. */
struct vm_struct *remove_vm_area(const void *addr)
{
	struct vmap_area *va;
	struct vm_struct *vm = NULL;

	might_sleep();
	spin_lock(&vmap_area_lock);
	va = __find_vmap_area((unsigned long)addr, &vmap_area_root);
	if (va && va->vm && va->vm->addr == addr) {
		vm = va->vm;
		unlink_va(va, &vmap_area_root);
		free_unmap_vmap_area(va);
	}
	spin_unlock(&vmap_area_lock);
	if (vm && vmap_lazy_nr > lazy_max_pages())
		purge_vmap_area_lazy();
	return vm;
}

/* [[vmalloc_failed]]: the report of a failed vmalloc */
/* Report that a vmalloc of @size failed and why; return NULL. */
static void *vmalloc_failed(unsigned long size, gfp_t gfp, const char *why)
{
	if (!(gfp & __GFP_NOWARN)) {
		pr_warn("%s: vmalloc error: size %lu, %s\n", current->comm, size, why);
		dump_stack();
	}
	return NULL;
}

/* [[vfree]]: unmap lazily, give the pages back */
/* Unmap and release busy area @area, then free its pages, page array and descriptor. */
static void __vfree_area(struct vm_struct *area)
{
	remove_vm_area(area->addr);
	if (area->pages) {
		for (unsigned int i = 0; i < area->nr_pages; i++)
			__free_pages(area->pages[i], 0);
		kvfree(area->pages);
	}
	kfree(area);
}

/* The part of vfree() that runs in process context. */
static void __vfree(const void *addr)
{
	struct vm_struct *area;

	if (WARN(!PAGE_ALIGNED(addr), KERN_ERR "Trying to vfree() bad address (%p)\n", addr))
		return;
	area = find_vm_area(addr);
	if (unlikely(!area || !(area->flags & VM_ALLOC))) {
		WARN(1, KERN_ERR "Trying to vfree() nonexistent vm area (%p)\n", addr);
		return;
	}
	vmalloc_nr_pages -= area->nr_pages;
	__vfree_area(area);
}

/**
 * vfree - free what vmalloc() returned
 * @addr: the address; NULL is ignored
 *
 * Context: process context, where it may sleep; from an interrupt the free
 * is deferred to the next vmalloc() or vfree() in process context.
 */
void vfree(const void *addr)
{
	if (!addr)
		return;
	if (unlikely(in_interrupt())) {
		vfree_atomic(addr);
		return;
	}
	might_sleep();
	vfree_deferred_drain();
	__vfree(addr);
}

/* [[vfree_atomic]]: a free put off until process context */
struct vfree_deferred {
	struct vfree_deferred *next;	/* written into the memory being freed */
};
static struct vfree_deferred *vfree_deferred_list;

/* linux/vmalloc.h: free @addr later, from process context. Any context. */
void vfree_atomic(const void *addr)
{
	struct vfree_deferred *d = (struct vfree_deferred *)addr;
	unsigned long flags;

	if (!addr)
		return;
	local_irq_save(flags);
	d->next = vfree_deferred_list;
	vfree_deferred_list = d;
	local_irq_restore(flags);
}

/* Free what interrupts left on the deferred list. Process context. */
void vfree_deferred_drain(void)
{
	struct vfree_deferred *d;
	unsigned long flags;

	local_irq_save(flags);
	d = vfree_deferred_list;
	vfree_deferred_list = NULL;
	local_irq_restore(flags);
	while (d) {
		struct vfree_deferred *next = d->next;

		__vfree(d);
		d = next;
	}
}

/* [[__vmalloc_node_range]]: pages one at a time, then their ptes */
/**
 * __vmalloc_node_range - @size bytes mapped in [@start, @end) with @prot
 * @gfp: for the pages; __GFP_HIGHMEM is added unless it names a DMA zone
 * @caller: the owner, for reports and vmallocinfo
 *
 * Context: process context; may sleep. Return: the address, or NULL after a report.
 */
void *__vmalloc_node_range(unsigned long size, unsigned long align, unsigned long start,
			   unsigned long end, gfp_t gfp, pgprot_t prot, unsigned long vm_flags,
			   const void *caller)
{
	gfp_t page_gfp = (gfp & ~__GFP_ZERO) | __GFP_NOWARN;
	unsigned int nr;
	struct vm_struct *area;

	vfree_deferred_drain();
	if (!(gfp & (__GFP_DMA | __GFP_DMA32)))
		page_gfp |= __GFP_HIGHMEM;
	area = __get_vm_area_node(size, align, VM_ALLOC | vm_flags, start, end, gfp, caller);
	if (!area)
		return vmalloc_failed(size, gfp, "vm_struct allocation failed");
	nr = get_vm_area_size(area) >> PAGE_SHIFT;
	area->pages = nr * sizeof(struct page *) > PAGE_SIZE ?
		__vmalloc_node_range(nr * sizeof(struct page *), 1, start, end,
				     (gfp & ~GFP_ZONEMASK) | __GFP_ZERO, PAGE_KERNEL, 0, caller) :
		kzalloc(nr * sizeof(struct page *), gfp & ~(GFP_ZONEMASK | __GFP_ZERO));
	if (!area->pages)
		goto fail;
	for (; area->nr_pages < nr; area->nr_pages++) {
		area->pages[area->nr_pages] = alloc_page(page_gfp);
		if (!area->pages[area->nr_pages])
			goto fail;
	}
	if (vmap_pages_range((unsigned long)area->addr, (unsigned long)area->addr + nr * PAGE_SIZE,
			     prot, area->pages) < 0)
		goto fail;
	vmalloc_nr_pages += nr;
	if (gfp & __GFP_ZERO)
		memset(area->addr, 0, nr * PAGE_SIZE);
	return area->addr;
fail:
	vmalloc_failed(size, gfp, area->pages ? "failed to allocate pages" : "no page array");
	__vfree_area(area);
	return NULL;
}

/* the entry points of vmalloc */
#define VMALLOC_RANGE(size, gfp)						\
	__vmalloc_node_range(size, 1, VMALLOC_START, VMALLOC_END, gfp, PAGE_KERNEL, 0,	\
			     __builtin_return_address(0))

/* linux/vmalloc.h: @size bytes, virtually contiguous, from any zone. May sleep. */
void *vmalloc(unsigned long size) { return VMALLOC_RANGE(size, GFP_KERNEL); }
/* linux/vmalloc.h: the same, zeroed. */
void *vzalloc(unsigned long size) { return VMALLOC_RANGE(size, GFP_KERNEL | __GFP_ZERO); }
/* linux/vmalloc.h: with pages a 32-bit device can reach: no high memory. */
void *vmalloc_32(unsigned long size) { return VMALLOC_RANGE(size, GFP_VMALLOC32); }
/* linux/vmalloc.h: with the caller's @gfp. */
void *__vmalloc(unsigned long size, gfp_t gfp) { return VMALLOC_RANGE(size, gfp); }

/* [[vmap]] and [[vunmap]]: a mapping of someone else's pages */
/* linux/vmalloc.h: map @count pages at a new area with @prot; its address or NULL. May sleep. */
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	struct vm_struct *area;
	unsigned long addr;

	vfree_deferred_drain();
	area = get_vm_area_caller((unsigned long)count << PAGE_SHIFT, flags | VM_MAP,
				  __builtin_return_address(0));
	if (!area)
		return NULL;
	addr = (unsigned long)area->addr;
	if (vmap_pages_range(addr, addr + ((unsigned long)count << PAGE_SHIFT), prot, pages) < 0) {
		vunmap(area->addr);
		return NULL;
	}
	area->nr_pages = count;
	return area->addr;
}

/* linux/vmalloc.h: unmap what vmap() mapped at @addr; the pages stay the caller's. May sleep. */
void vunmap(const void *addr)
{
	struct vm_struct *vm;

	if (!addr)
		return;
	vm = find_vm_area(addr);
	if (unlikely(!vm || !(vm->flags & VM_MAP))) {
		WARN(1, KERN_ERR "Trying to vunmap() nonexistent vm area (%p)\n", addr);
		return;
	}
	remove_vm_area(addr);
	kfree(vm);
}

/* [[kvmalloc]] and [[kvfree]]: kmalloc if it can, vmalloc if it must */
/* linux/mm.h: is @x an address in the vmalloc area? Any context. */
bool is_vmalloc_addr(const void *x)
{
	unsigned long addr = (unsigned long)x;

	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

/* linux/vmalloc.h: @size bytes from kmalloc, or else vmalloc when @flags may sleep. */
void *kvmalloc(size_t size, gfp_t flags)
{
	gfp_t kmalloc_flags = size > PAGE_SIZE ? flags | __GFP_NOWARN | __GFP_NORETRY : flags;
	void *p = kmalloc(size, kmalloc_flags);

	if (p || size <= PAGE_SIZE || !(flags & __GFP_WAIT))
		return p;
	return __vmalloc_node_range(size, 1, VMALLOC_START, VMALLOC_END, flags, PAGE_KERNEL, 0,
				    __builtin_return_address(0));
}

/* linux/vmalloc.h: free what kvmalloc() returned. Process context for a vmalloc'd one. */
void kvfree(const void *addr)
{
	if (is_vmalloc_addr(addr))
		vfree(addr);
	else
		kfree(addr);
}

/* [[ioremap]] and [[iounmap]]: a device's registers, uncached */
/* Map the pfns from @phys at [@addr, @end) with @prot. Context: may sleep (page tables). */
static int vmap_range_noflush(unsigned long addr, unsigned long end, phys_addr_t phys,
			      pgprot_t prot)
{
	unsigned long pfn = (unsigned long)(phys >> PAGE_SHIFT);

	while (addr != end) {
		unsigned long next = pmd_addr_end(addr, end);
		pmd_t *pmd = pmd_offset(pgd_offset_k(addr), addr);
		pte_t *pte = pte_alloc_kernel(pmd, addr);

		if (!pte)
			return -ENOMEM;
		for (; addr != next; addr += PAGE_SIZE, pte++, pfn++)
			set_pte_at(&init_mm, addr, pte, pfn_pte(pfn, prot));
	}
	return 0;
}

/**
 * ioremap - map @size bytes of device memory at physical @phys, uncached
 *
 * Context: process context; may sleep. Return: the address of @phys, or NULL
 * after a warning when the range is RAM the kernel manages.
 */
void __iomem *ioremap(phys_addr_t phys, unsigned long size)
{
	unsigned long offset = phys & ~PAGE_MASK, addr;
	phys_addr_t last = phys + size - 1;
	struct vm_struct *area;

	if (!size || last < phys)
		return NULL;
	for (phys_addr_t p = phys & PAGE_MASK; p <= last; p += PAGE_SIZE)
		if (pfn_valid(p >> PAGE_SHIFT) && !PageReserved(pfn_to_page(p >> PAGE_SHIFT))) {
			WARN(1, "ioremap on RAM at %#llx - %#llx\n", (unsigned long long)phys,
			     (unsigned long long)last);
			return NULL;
		}
	size = PAGE_ALIGN(size + offset);
	area = get_vm_area_caller(size, VM_IOREMAP, __builtin_return_address(0));
	if (!area)
		return NULL;
	area->phys_addr = phys - offset;
	addr = (unsigned long)area->addr;
	if (vmap_range_noflush(addr, addr + size, area->phys_addr, PAGE_KERNEL_NOCACHE) < 0) {
		iounmap((void __iomem *)addr);
		return NULL;
	}
	return (void __iomem *)(addr + offset);
}

/* Unmap what ioremap() returned; any address inside the mapping will do. May sleep. */
void iounmap(volatile void __iomem *addr)
{
	void *start = (void *)((unsigned long)addr & PAGE_MASK);
	struct vm_struct *vm = find_vm_area(start);

	if (unlikely(!vm || !(vm->flags & VM_IOREMAP))) {
		WARN(1, "iounmap: bad address %p\n", (void *)addr);
		return;
	}
	remove_vm_area(start);
	kfree(vm);
}

/* [[vmalloc_init]]: the whole area, one free area */
/* linux/vmalloc.h: make the vmalloc range one free area. Boot, once the slab allocator works. */
void vmalloc_init(void)
{
	struct vmap_area *va = kzalloc(sizeof(*va), GFP_KERNEL);

	if (!va)
		panic("vmalloc_init: no memory");
	vmalloc_nr_pages = 0;
	free_vmap_area_root = vmap_area_root = purge_vmap_area_root = RB_ROOT;
	INIT_LIST_HEAD(&free_vmap_area_list);
	INIT_LIST_HEAD(&vmap_area_list);
	INIT_LIST_HEAD(&purge_vmap_area_list);
	vmap_lazy_nr = 0;
	vfree_deferred_list = NULL;
	va->va_start = VMALLOC_START;
	va->va_end = VMALLOC_END;
	spin_lock(&free_vmap_area_lock);
	insert_free_area(va);
	spin_unlock(&free_vmap_area_lock);
}

/* [[vmap_check]]: every rule of the two trees, checked */
/* [[check_va_tree]]: one tree's shape, order, colours and list */
#define VA_BAD(m, ...)	({ if (!bad++) seq_printf(m, "vmapcheck: " __VA_ARGS__); })

/* Check the subtree at @rb below @parent; its black height, or -1 when something is wrong. */
static int check_va_node(struct rb_node *rb, struct rb_node *parent, bool augmented, int *count)
{
	struct vmap_area *va;
	int l, r;

	if (!rb)
		return 1;
	va = rb_entry(rb, struct vmap_area, rb_node);
	(*count)++;
	if (rb_parent(rb) != parent || va->va_start >= va->va_end ||
	    !PAGE_ALIGNED(va->va_start) || !PAGE_ALIGNED(va->va_end))
		return -1;
	if (!(rb->__rb_parent_color & 1) && ((rb->rb_left && !(rb->rb_left->__rb_parent_color & 1)) ||
					     (rb->rb_right && !(rb->rb_right->__rb_parent_color & 1))))
		return -1;
	if (augmented && va->subtree_max_size != free_vmap_area_rb_augment_cb_compute_max(va))
		return -1;
	l = check_va_node(rb->rb_left, rb, augmented, count);
	r = check_va_node(rb->rb_right, rb, augmented, count);
	if (l < 0 || l != r)
		return -1;
	return l + (rb->__rb_parent_color & 1);
}

/* Check tree @root, named @name, against its list @head. Return: 1 if broken, else 0. */
static int check_va_tree(struct seq_file *m, struct rb_root *root, struct list_head *head,
			 bool augmented, const char *name)
{
	struct rb_node *rb = rb_first(root);
	struct vmap_area *va, *prev = NULL;
	int count = 0, listed = 0, bad = 0;

	if (root->rb_node && !(root->rb_node->__rb_parent_color & 1))
		VA_BAD(m, "the %s tree's root is red\n", name);
	else if (check_va_node(root->rb_node, NULL, augmented, &count) < 0)
		VA_BAD(m, "the %s tree breaks a rule of red-black trees or its values\n", name);
	list_for_each_entry(va, head, list) {
		if (&va->rb_node != rb || (prev && prev->va_end > va->va_start)) {
			VA_BAD(m, "the %s list is not the tree in address order at %#lx\n", name,
			       va->va_start - PGTABLE_VA_BASE);
			break;
		}
		prev = va;
		rb = rb_next(rb);
		listed++;
	}
	if (!bad && listed != count)
		VA_BAD(m, "the %s tree has %d areas, its list %d\n", name, count, listed);
	return bad;
}

/* Check every rule of the vmalloc area's trees; print the first broken one to @m. Return: the
 * number broken. Context: process context; takes the three locks in turn. */
int vmap_check(struct seq_file *m)
{
	struct rb_node *rb[3];
	unsigned long next = VMALLOC_START;
	int bad = 0;

	spin_lock(&vmap_area_lock);
	spin_lock(&free_vmap_area_lock);
	spin_lock(&purge_vmap_area_lock);
	bad += check_va_tree(m, &vmap_area_root, &vmap_area_list, false, "busy");
	bad += check_va_tree(m, &free_vmap_area_root, &free_vmap_area_list, true, "free");
	bad += check_va_tree(m, &purge_vmap_area_root, &purge_vmap_area_list, false, "purge");
	/* walk the three lists together: each address covered once, free areas apart */
	rb[0] = rb_first(&vmap_area_root);
	rb[1] = rb_first(&free_vmap_area_root);
	rb[2] = rb_first(&purge_vmap_area_root);
	for (int last = -1; !bad;) {
		struct vmap_area *va = NULL;
		int k = -1;

		for (int i = 0; i < 3; i++)
			if (rb[i] && (!va || rb_entry(rb[i], struct vmap_area, rb_node)->va_start < va->va_start))
				va = rb_entry(rb[i], struct vmap_area, rb_node), k = i;
		if (!va)
			break;
		if (va->va_start != next)
			VA_BAD(m, "%#lx: %s, where an area should begin\n", next - PGTABLE_VA_BASE,
			       va->va_start > next ? "a hole" : "an overlap");
		else if (k == 1 && last == 1)
			VA_BAD(m, "%#lx: two free areas side by side\n", va->va_start - PGTABLE_VA_BASE);
		next = va->va_end;
		last = k;
		rb[k] = rb_next(rb[k]);
	}
	if (!bad && next != VMALLOC_END)
		VA_BAD(m, "the areas end at %#lx, not at VMALLOC_END\n", next - PGTABLE_VA_BASE);
	spin_unlock(&purge_vmap_area_lock);
	spin_unlock(&free_vmap_area_lock);
	spin_unlock(&vmap_area_lock);
	return bad;
}

/* [[vmalloc_fault_info]]: what the oops says about a vmalloc address */
/* linux/vmalloc.h: if @address is in a busy area or its guard page, say so. Any context. */
void vmalloc_fault_info(unsigned long address)
{
	struct vmap_area *va;
	unsigned long end;

	if (!is_vmalloc_addr((void *)address))
		return;
	va = __find_vmap_area(address, &vmap_area_root);
	if (!va || !va->vm) {
		printk(KERN_EMERG "the address is in the vmalloc area, in no busy area\n");
		return;
	}
	end = va->va_start + get_vm_area_size(va->vm);
	if (address >= end)
		printk(KERN_EMERG "the address is %lu bytes past the end of the %lu-byte area "
		       "allocated by %pS\n", address - end, get_vm_area_size(va->vm), va->vm->caller);
	else
		printk(KERN_EMERG "the address is %lu bytes into the %lu-byte area allocated by %pS\n",
		       address - va->va_start, get_vm_area_size(va->vm), va->vm->caller);
}

/* [[vmallocinfo_show]]: the busy areas, as /proc/vmallocinfo */
/* linux/vmalloc.h: print every busy and unpurged area to @m. Process context. */
void vmallocinfo_show(struct seq_file *m)
{
	const unsigned long b = PGTABLE_VA_BASE;
	struct vmap_area *va;

	vfree_deferred_drain();
	spin_lock(&vmap_area_lock);
	list_for_each_entry(va, &vmap_area_list, list) {
		struct vm_struct *v = va->vm;

		if (!v)
			continue;
		seq_printf(m, "0x%08lx-0x%08lx %7ld", (unsigned long)v->addr - b,
			   (unsigned long)v->addr + v->size - b, v->size);
		if (v->caller)
			seq_printf(m, " %pS", v->caller);
		if (v->nr_pages)
			seq_printf(m, " pages=%u", v->nr_pages);
		if (v->phys_addr)
			seq_printf(m, " phys=0x%08llx", (unsigned long long)v->phys_addr);
		if (v->flags & VM_IOREMAP)
			seq_printf(m, " ioremap");
		if (v->flags & VM_ALLOC)
			seq_printf(m, " vmalloc");
		if (v->flags & VM_MAP)
			seq_printf(m, " vmap");
		if (is_vmalloc_addr(v->pages))
			seq_printf(m, " vpages");
		seq_printf(m, "\n");
	}
	spin_unlock(&vmap_area_lock);
	spin_lock(&purge_vmap_area_lock);
	list_for_each_entry(va, &purge_vmap_area_list, list)
		seq_printf(m, "0x%08lx-0x%08lx %7ld unpurged vm_area\n", va->va_start - b,
			   va->va_end - b, va->va_end - va->va_start);
	spin_unlock(&purge_vmap_area_lock);
}

/* [[vmap_tree_show]]: the free tree, drawn sideways */
/* Print the subtree at @rb, right subtree first, @depth levels in. */
static void show_free_node(struct seq_file *m, struct rb_node *rb, int depth)
{
	struct vmap_area *va;

	if (!rb)
		return;
	va = rb_entry(rb, struct vmap_area, rb_node);
	show_free_node(m, rb->rb_right, depth + 1);
	seq_printf(m, "%*s0x%08lx-0x%08lx %7lu %s %7lu\n", depth * 4, "",
		   va->va_start - PGTABLE_VA_BASE, va->va_end - PGTABLE_VA_BASE,
		   va_size(va) >> PAGE_SHIFT, rb->__rb_parent_color & 1 ? "black" : "red  ",
		   va->subtree_max_size >> PAGE_SHIFT);
	show_free_node(m, rb->rb_left, depth + 1);
}

/* linux/vmalloc.h: the free tree, sideways: range, pages, colour, the largest below (pages). */
void vmap_tree_show(struct seq_file *m)
{
	spin_lock(&free_vmap_area_lock);
	show_free_node(m, free_vmap_area_root.rb_node, 0);
	spin_unlock(&free_vmap_area_lock);
}
