#include "decode/field.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* A root and the arena of its tree, in one allocation. */
struct tree {
	struct arena arena;
	struct field root;
};

static void field_init(struct field *f, struct arena *a, const char *name, size_t offset,
		       size_t length)
{
	f->name = arena_strndup(a, name, strlen(name));
	f->code = FIELD_NO_CODE;
	f->offset = offset;
	f->length = length;
	f->arena = a;
}

struct field *field_root(const char *name, size_t offset, size_t length)
{
	struct tree *t = xcalloc(1, sizeof(*t));
	field_init(&t->root, &t->arena, name, offset, length);
	return &t->root;
}

void field_rename(struct field *f, const char *name)
{
	f->name = arena_strndup(f->arena, name, strlen(name));
}

struct field *field_add(struct field *parent, const char *name, size_t offset, size_t length)
{
	struct field *f = arena_alloc(parent->arena, sizeof(*f));
	field_init(f, parent->arena, name, offset, length);
	if (parent->count == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 4;
		parent->children = arena_grow(parent->arena, parent->children, parent->count, cap,
					      sizeof(*parent->children));
		parent->cap = cap;
	}
	parent->children[parent->count++] = f;
	return f;
}

/* A printf-formatted string in `f`'s arena. */
static char *vformat(struct field *f, const char *fmt, va_list ap)
{
	char small[256];
	va_list again;
	va_copy(again, ap);
	int n = format_quick(small, sizeof(small), fmt, ap);
	if (n >= 0) {
		va_end(again);
		return arena_strndup(f->arena, small, (size_t)n);
	}
	va_list once;
	va_copy(once, again);
	n = vsnprintf(small, sizeof(small), fmt, once);
	va_end(once);
	if (n < 0)
		abort();
	char *out;
	if ((size_t)n < sizeof(small)) {
		out = arena_strndup(f->arena, small, (size_t)n);
	} else {
		out = arena_alloc(f->arena, (size_t)n + 1);
		vsnprintf(out, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	return out;
}

void field_set_value(struct field *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	f->value = vformat(f, fmt, ap);
	va_end(ap);
}

void field_set_uint(struct field *f, uint64_t v)
{
	/* By hand: the bulk scenario's trees hold tens of thousands of these. */
	char digits[21];
	size_t at = sizeof(digits);
	digits[--at] = '\0';
	do {
		digits[--at] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	f->value = arena_strndup(f->arena, digits + at, sizeof(digits) - 1 - at);
}

void field_set_hex(struct field *f, const uint8_t *bytes, size_t len, size_t max)
{
	static const char digits[] = "0123456789abcdef";
	size_t shown = max && len > max ? max : len;
	char tail[40] = "";
	if (shown < len)
		snprintf(tail, sizeof(tail), " ... (%zu bytes)", len);
	if (len == 0)
		snprintf(tail, sizeof(tail), "(empty)");
	size_t hex_len = shown ? shown * 3 - 1 : 0, tail_len = strlen(tail);
	char *out = arena_alloc(f->arena, hex_len + tail_len + 1), *at = out;
	for (size_t i = 0; i < shown; i++) {
		if (i)
			*at++ = ' ';
		*at++ = digits[bytes[i] >> 4];
		*at++ = digits[bytes[i] & 15];
	}
	memcpy(at, tail, tail_len + 1);
	f->value = out;
}

struct field *field_error(struct field *parent, size_t offset, const char *fmt, ...)
{
	struct field *f = field_add(parent, "error", offset, 0);
	va_list ap;
	va_start(ap, fmt);
	f->value = vformat(f, fmt, ap);
	va_end(ap);
	f->error = true;
	return f;
}

const struct field *field_find(const struct field *root, const char *name)
{
	if (strcmp(root->name, name) == 0)
		return root;
	for (size_t i = 0; i < root->count; i++) {
		const struct field *found = field_find(root->children[i], name);
		if (found)
			return found;
	}
	return NULL;
}

bool field_has_error(const struct field *root)
{
	if (root->error)
		return true;
	for (size_t i = 0; i < root->count; i++)
		if (field_has_error(root->children[i]))
			return true;
	return false;
}

void field_free(struct field *f)
{
	if (!f)
		return;
	struct tree *t = (struct tree *)((char *)f - offsetof(struct tree, root));
	if (f->arena != &t->arena)
		abort(); /* not a root: its tree owns it */
	arena_release(&t->arena);
	free(t);
}
