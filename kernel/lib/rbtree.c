/* Tangled from chapters/92-rbtree.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/rbtree_augmented.h>

/* the colour and the parent, read and written */
#define RB_RED		0
#define RB_BLACK	1

static inline bool rb_is_black(const struct rb_node *rb)
{
	return !rb || (rb->__rb_parent_color & RB_BLACK);	/* a missing child is black */
}
static inline bool rb_is_red(const struct rb_node *rb) { return !rb_is_black(rb); }
static inline int rb_color(const struct rb_node *rb) { return rb->__rb_parent_color & 1; }

static inline void rb_set_color(struct rb_node *rb, int color)
{
	rb->__rb_parent_color = (rb->__rb_parent_color & ~1UL) | color;
}

static inline void rb_set_parent(struct rb_node *rb, struct rb_node *p)
{
	rb->__rb_parent_color = (unsigned long)p | (rb->__rb_parent_color & 1);
}

/* Put @new where @old hung below @parent, or at the root when @parent is NULL. */
static inline void rb_change_child(struct rb_node *old, struct rb_node *new,
				   struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/* [[rb_rotate]]: a child becomes its parent's parent */
/* Rotate at @x: its child y on the side @up_left says rises; x goes down on the other side. */
static void rb_rotate(struct rb_node *x, bool up_left, struct rb_root *root,
		      const struct rb_augment_callbacks *augment)
{
	struct rb_node *p = rb_parent(x);
	struct rb_node *y = up_left ? x->rb_left : x->rb_right;
	struct rb_node *inner = up_left ? y->rb_right : y->rb_left;

	if (up_left) {
		x->rb_left = inner;
		y->rb_right = x;
	} else {
		x->rb_right = inner;
		y->rb_left = x;
	}
	if (inner)
		rb_set_parent(inner, x);
	rb_set_parent(y, p);
	rb_set_parent(x, y);
	rb_change_child(x, y, p, root);
	augment->rotate(x, y);
}

/* [[rb_insert_augmented]]: red below red, repaired going up */
/* Rebalance after rb_link_node(); the caller has updated the values on @node's path. */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		bool left = parent == (gparent = rb_parent(parent))->rb_left;

		uncle = left ? gparent->rb_right : gparent->rb_left;
		if (rb_is_red(uncle)) {
			rb_set_color(parent, RB_BLACK);
			rb_set_color(uncle, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (node == (left ? parent->rb_right : parent->rb_left)) {
			rb_rotate(parent, !left, root, augment);
			node = parent;
			parent = rb_parent(node);
		}
		rb_set_color(parent, RB_BLACK);
		rb_set_color(gparent, RB_RED);
		rb_rotate(gparent, left, root, augment);
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

/* [[rb_erase_augmented]]: take the node out, then repair a missing black */
/* [[rb_erase_fixup]]: one black short below [[parent]], repaired */
/* Paths through @x, a child of @parent (NULL perhaps), are one black short: repair them. */
static void rb_erase_fixup(struct rb_node *x, struct rb_node *parent, struct rb_root *root,
			   const struct rb_augment_callbacks *augment)
{
	while (x != root->rb_node && rb_is_black(x)) {
		bool left = x == parent->rb_left;
		struct rb_node *w = left ? parent->rb_right : parent->rb_left;

		if (rb_is_red(w)) {
			rb_set_color(w, RB_BLACK);
			rb_set_color(parent, RB_RED);
			rb_rotate(parent, !left, root, augment);
			w = left ? parent->rb_right : parent->rb_left;
		}
		if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
			rb_set_color(w, RB_RED);
			x = parent;
			parent = rb_parent(x);
			continue;
		}
		if (rb_is_black(left ? w->rb_right : w->rb_left)) {
			rb_set_color(left ? w->rb_left : w->rb_right, RB_BLACK);
			rb_set_color(w, RB_RED);
			rb_rotate(w, left, root, augment);
			w = left ? parent->rb_right : parent->rb_left;
		}
		rb_set_color(w, rb_color(parent));
		rb_set_color(parent, RB_BLACK);
		rb_set_color(left ? w->rb_right : w->rb_left, RB_BLACK);
		rb_rotate(parent, !left, root, augment);
		x = root->rb_node;
	}
	if (x)
		rb_set_color(x, RB_BLACK);
}

/* Remove @node from @root, keeping the values of @augment true. */
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment)
{
	struct rb_node *x, *parent, *succ;
	int removed_color = rb_color(node);

	if (!node->rb_left || !node->rb_right) {
		x = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		rb_change_child(node, x, parent, root);
		if (x)
			rb_set_parent(x, parent);
		if (parent)
			augment->propagate(parent, NULL);
	} else {
		/* let the successor take [[node]]'s place */
		succ = node->rb_right;
		while (succ->rb_left)
			succ = succ->rb_left;
		removed_color = rb_color(succ);
		x = succ->rb_right;
		if (rb_parent(succ) == node) {
			parent = succ;
		} else {
			parent = rb_parent(succ);
			parent->rb_left = x;
			if (x)
				rb_set_parent(x, parent);
			succ->rb_right = node->rb_right;
			rb_set_parent(succ->rb_right, succ);
		}
		rb_change_child(node, succ, rb_parent(node), root);
		succ->__rb_parent_color = node->__rb_parent_color;	/* node's parent and colour */
		succ->rb_left = node->rb_left;
		rb_set_parent(succ->rb_left, succ);
		augment->copy(node, succ);
		augment->propagate(parent, succ);
		augment->propagate(succ, NULL);
	}
	if (removed_color == RB_BLACK)
		rb_erase_fixup(x, parent, root, augment);
}

/* [[rb_insert_color]] and [[rb_erase]]: the same with nothing to keep */
static void dummy_propagate(struct rb_node *node, struct rb_node *stop) { }
static void dummy_copy(struct rb_node *old, struct rb_node *new) { }
static void dummy_rotate(struct rb_node *old, struct rb_node *new) { }

static const struct rb_augment_callbacks dummy_callbacks = {
	.propagate = dummy_propagate, .copy = dummy_copy, .rotate = dummy_rotate,
};

/* Rebalance @root after rb_link_node() of @node. Any context; the caller's lock. */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	rb_insert_augmented(node, root, &dummy_callbacks);
}

/* Remove @node from @root. Any context; the caller's lock. */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	rb_erase_augmented(node, root, &dummy_callbacks);
}

/* walking the tree in order */
/* The first node in order, or NULL when the tree is empty. */
struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n && n->rb_left)
		n = n->rb_left;
	return n;
}

/* The last node in order, or NULL. */
struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n && n->rb_right)
		n = n->rb_right;
	return n;
}

/* The node after @node in order, or NULL. */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

/* The node before @node in order, or NULL. */
struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}
