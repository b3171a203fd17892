/* Tangled from chapters/92-rbtree.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_RBTREE_AUGMENTED_H
#define _LINUX_RBTREE_AUGMENTED_H

#include <linux/rbtree.h>

/* [[rb_augment_callbacks]]: what the library calls to keep a value true */
struct rb_augment_callbacks {
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	void (*copy)(struct rb_node *old, struct rb_node *new);
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment);
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment);

/* [[RB_DECLARE_CALLBACKS_MAX]]: the callbacks for a subtree's largest value */
#define RB_DECLARE_CALLBACKS_MAX(rbstatic, rbname, rbstruct, rbfield, rbtype, rbaugmented,	\
				 rbcompute)						\
/* The largest of @node's own value and its children's subtree values. */			\
static inline rbtype rbname ## _compute_max(rbstruct *node)					\
{												\
	rbtype max = rbcompute(node), child;							\
	if (node->rbfield.rb_left) {								\
		child = rb_entry(node->rbfield.rb_left, rbstruct, rbfield)->rbaugmented;	\
		if (child > max)								\
			max = child;								\
	}											\
	if (node->rbfield.rb_right) {								\
		child = rb_entry(node->rbfield.rb_right, rbstruct, rbfield)->rbaugmented;	\
		if (child > max)								\
			max = child;								\
	}											\
	return max;										\
}												\
static void rbname ## _propagate(struct rb_node *rb, struct rb_node *stop)			\
{												\
	for (; rb != stop; rb = rb_parent(rb)) {						\
		rbstruct *node = rb_entry(rb, rbstruct, rbfield);				\
		rbtype max = rbname ## _compute_max(node);					\
		if (node->rbaugmented == max)							\
			break;									\
		node->rbaugmented = max;							\
	}											\
}												\
static void rbname ## _copy(struct rb_node *rb_old, struct rb_node *rb_new)			\
{												\
	rb_entry(rb_new, rbstruct, rbfield)->rbaugmented =					\
		rb_entry(rb_old, rbstruct, rbfield)->rbaugmented;				\
}												\
static void rbname ## _rotate(struct rb_node *rb_old, struct rb_node *rb_new)			\
{												\
	rbstruct *old = rb_entry(rb_old, rbstruct, rbfield);					\
	rbstruct *new = rb_entry(rb_new, rbstruct, rbfield);					\
	new->rbaugmented = old->rbaugmented;							\
	old->rbaugmented = rbname ## _compute_max(old);						\
}												\
rbstatic const struct rb_augment_callbacks rbname = {						\
	.propagate = rbname ## _propagate,							\
	.copy = rbname ## _copy,								\
	.rotate = rbname ## _rotate,								\
}

#endif /* _LINUX_RBTREE_AUGMENTED_H */
