#include "decode/field.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* The name a node was made with lives in the node's own allocation, after it. */
static char *own_name(struct field *f)
{
	return (char *)(f + 1);
}

struct field *field_root(const char *name, size_t offset, size_t length)
{
	size_t len = strlen(name);
	struct field *f = xcalloc(1, sizeof(*f) + len + 1);
	f->name = memcpy(own_name(f), name, len + 1);
	f->code = FIELD_NO_CODE;
	f->offset = offset;
	f->length = length;
	return f;
}

void field_rename(struct field *f, const char *name)
{
	if (f->name != own_name(f))
		free(f->name);
	f->name = xstrdup(name);
}

struct field *field_add(struct field *parent, const char *name, size_t offset, size_t length)
{
	struct field *f = field_root(name, offset, length);
	ARRAY_GROW(parent->children, parent->count, parent->cap);
	parent->children[parent->count++] = f;
	return f;
}

/* A new string, printf-formatted (owned by the caller). */
static char *vformat(const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	buf_vprintf(&b, fmt, ap); /* always allocates: at least the terminator */
	return (char *)b.data;
}

void field_set_value(struct field *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(f->value);
	f->value = vformat(fmt, ap);
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
	free(f->value);
	f->value = xstrdup(digits + at);
}

void field_set_hex(struct field *f, const uint8_t *bytes, size_t len, size_t max)
{
	static const char digits[] = "0123456789abcdef";
	struct buf b = BUF_INIT;
	size_t shown = max && len > max ? max : len;
	for (size_t i = 0; i < shown; i++) {
		char pair[3] = { ' ', digits[bytes[i] >> 4], digits[bytes[i] & 15] };
		buf_append(&b, i ? pair : pair + 1, i ? 3 : 2);
	}
	if (shown < len)
		buf_printf(&b, " ... (%zu bytes)", len);
	if (len == 0)
		buf_printf(&b, "(empty)");
	buf_append(&b, "", 1);
	free(f->value);
	f->value = (char *)b.data;
}

struct field *field_error(struct field *parent, size_t offset, const char *fmt, ...)
{
	struct field *f = field_add(parent, "error", offset, 0);
	va_list ap;
	va_start(ap, fmt);
	f->value = vformat(fmt, ap);
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
	for (size_t i = 0; i < f->count; i++)
		field_free(f->children[i]);
	free(f->children);
	if (f->name != own_name(f))
		free(f->name);
	free(f->value);
	free(f);
}
