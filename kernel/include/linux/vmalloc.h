/* Tangled from chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/pgtable.h>
#include <linux/rbtree.h>

struct seq_file;

/* the flags of an area */
#define VM_IOREMAP		0x00000001	/* ioremap() and friends */
#define VM_ALLOC		0x00000002	/* vmalloc() */
#define VM_MAP			0x00000004	/* vmap()ed pages */
#define VM_NO_GUARD		0x00000040	/* no guard page after the area */

/* [[vm_struct]]: a busy area's contents */
struct vm_struct {
	void *addr;
	unsigned long size;		/* bytes, the guard page included */
	unsigned long flags;		/* VM_* */
	struct page **pages;		/* VM_ALLOC and VM_MAP: the pages, in order */
	unsigned int nr_pages;
	phys_addr_t phys_addr;		/* VM_IOREMAP: the device's physical address */
	const void *caller;
};

/* The bytes of @area a caller may use: its size without the guard page. */
static inline unsigned long get_vm_area_size(const struct vm_struct *area)
{
	return area->flags & VM_NO_GUARD ? area->size : area->size - PAGE_SIZE;
}

/* [[vmap_area]]: a range of the vmalloc area, busy or free */
struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;			/* one past the last byte */
	struct rb_node rb_node;			/* in the busy, free or purge tree */
	struct list_head list;			/* the same tree's areas, in address order */
	union {
		unsigned long subtree_max_size;	/* free: the largest free area below */
		struct vm_struct *vm;		/* busy: what it was given for */
	};
};

/* the interface of vmalloc */
#ifndef __iomem
#define __iomem
#endif
#define GFP_VMALLOC32		(__GFP_DMA32 | GFP_KERNEL)	/* Linux's, for 32-bit machines */

extern unsigned long vmalloc_nr_pages, vmap_purges, vmap_purged_areas;

void vmalloc_init(void);
void vm_unmap_aliases(void);
void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *vmalloc_32(unsigned long size);
void *__vmalloc(unsigned long size, gfp_t gfp);
void *__vmalloc_node_range(unsigned long size, unsigned long align, unsigned long start,
			   unsigned long end, gfp_t gfp, pgprot_t prot, unsigned long vm_flags,
			   const void *caller);
void vfree(const void *addr);
void vfree_atomic(const void *addr);
void vfree_deferred_drain(void);
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);
void vunmap(const void *addr);
bool is_vmalloc_addr(const void *x);
void *kvmalloc(size_t size, gfp_t flags);
void kvfree(const void *addr);
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags, const void *caller);
struct vm_struct *find_vm_area(const void *addr);
struct vm_struct *remove_vm_area(const void *addr);
void __iomem *ioremap(phys_addr_t phys, unsigned long size);
void iounmap(volatile void __iomem *addr);
int vmap_check(struct seq_file *m);
void vmalloc_fault_info(unsigned long address);
void vmallocinfo_show(struct seq_file *m);
void vmap_tree_show(struct seq_file *m);

#endif /* _LINUX_VMALLOC_H */
