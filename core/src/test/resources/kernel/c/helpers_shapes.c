// SPDX-License-Identifier: GPL-2.0
/*
 * Hand-written fixture modelled on the shapes of the kernel's rust/helpers/*.c (not a copy of kernel code).
 * EXPECT: 11 helper definitions, 7 annotated, 2 exports. Each definition is marked EXPECT below.
 * A comment mentioning rust_helper_in_comment(void) { } is not a definition.
 */

#include <linux/slab.h>
#include <linux/refcount.h>

/* 1. annotation, return type and name on one line */
__rust_helper struct file *rust_helper_get_file(struct file *f) // EXPECT annotated
{
	return get_file(f);
}

/* 2. annotation alone on the line above */
__rust_helper
struct gpuvm_bo *rust_helper_gpuvm_bo_get(struct gpuvm_bo *vm_bo) // EXPECT annotated
{
	return gpuvm_bo_get(vm_bo);
}

// 3. annotation and return type on the line above, name first on its line
__rust_helper int
rust_helper_atomic_read(const atomic_t *v) // EXPECT annotated
{
	return atomic_read(v);
}

/* 4. unannotated, as before the 7.0 series */
void rust_helper_mutex_lock(struct mutex *lock) // EXPECT unannotated
{
	mutex_lock(lock);
}
EXPORT_SYMBOL_GPL(rust_helper_mutex_lock);

/* 5. extra attributes between the return type and the name, signature spanning lines */
__rust_helper void *__must_check __realloc_size(2)
rust_helper_krealloc_sized(const void *objp, size_t new_size, // EXPECT annotated
			   unsigned long align, gfp_t flags, int node)
{
	return krealloc_sized(objp, new_size, align, flags, node);
}

/* 6. unannotated with extra attributes */
void * __must_check __realloc_size(2)
rust_helper_kvrealloc_sized(const void *p, size_t size, gfp_t flags) // EXPECT unannotated
{
	return kvrealloc_sized(p, size, flags);
}

#ifdef CONFIG_RUST_FIXTURE_OPTION
/* 7. inside a conditional block */
__rust_helper bool rust_helper_refcount_dec_and_test(refcount_t *r) // EXPECT annotated
{
	return refcount_dec_and_test(r);
}
#endif /* CONFIG_RUST_FIXTURE_OPTION */

/* prototypes, calls and macros are not definitions */
__rust_helper int rust_helper_prototype_only(int x);
#define DEFINE_HELPER(name) \
	__rust_helper void rust_helper_##name(void) \
	{ name(); }
#define rust_helper_alias rust_helper_mutex_lock

/* 8. a helper that calls another helper; the call is not a definition */
void rust_helper_calls(struct mutex *lock) // EXPECT unannotated
{
	const char *s = "rust_helper_in_string(void) {";
	rust_helper_mutex_lock(lock);
}
EXPORT_SYMBOL_GPL(rust_helper_calls);

/* 9. lock annotations after the parameter list */
__rust_helper void rust_helper_spin_lock(spinlock_t *lock) __acquires(lock) // EXPECT annotated
{
	spin_lock(lock);
}

/* 10. everything on one line */
__rust_helper long rust_helper_one_liner(long x) { return x; } // EXPECT annotated

static inline int not_a_helper(void) { return 0; }
/* 11. a comment between the annotation and the type */
/* keep */ int /* odd but legal */ rust_helper_commented(void) // EXPECT unannotated
{
	return not_a_helper();
}
