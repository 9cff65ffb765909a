#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

#include "decode/internal.h"
#include "trace/quic.h"

/* Adds the error node for a read of `need` bytes that the reader could not satisfy. */
static bool short_read(struct reader *r, struct field *parent, const char *name, size_t need,
		       size_t left)
{
	field_error(parent, reader_offset(r), "truncated: %s needs %zu bytes, %zu left", name, need,
		    left);
	r->failed = true;
	return false;
}

bool d_uint(struct reader *r, struct field *parent, const char *name, size_t size, uint32_t *out)
{
	size_t at = reader_offset(r);
	uint64_t v = 0; /* up to 8 bytes: DTLS's sequence_number has 6 */
	const uint8_t *p;
	size_t left = reader_remaining(r);
	if (!reader_bytes(r, size, &p))
		return short_read(r, parent, name, size, left);
	for (size_t i = 0; i < size; i++)
		v = v << 8 | p[i];
	struct field *f = field_add(parent, name, at, size);
	field_set_uint(f, v);
	f->is_number = true;
	f->number = v;
	if (out)
		*out = (uint32_t)v;
	return true;
}

bool d_enum(struct reader *r, struct field *parent, const char *name, size_t size,
	    enum registry reg, uint32_t *out)
{
	uint32_t v;
	if (!d_uint(r, parent, name, size, &v))
		return false;
	struct field *f = parent->children[parent->count - 1];
	const char *known = registry_name(reg, (uint16_t)v);
	if (known)
		field_set_value(f, "%s (0x%0*x)", known, (int)size * 2, v);
	else
		field_set_value(f, "unknown (0x%0*x)", (int)size * 2, v);
	f->code = (long)v;
	if (out)
		*out = v;
	return true;
}

bool d_opaque(struct reader *r, struct field *parent, const char *name, size_t len,
	      struct field **node)
{
	size_t at = reader_offset(r);
	const uint8_t *p;
	size_t left = reader_remaining(r);
	if (!reader_bytes(r, len, &p))
		return short_read(r, parent, name, len, left);
	struct field *f = field_add(parent, name, at, len);
	field_set_hex(f, p, len, 32);
	if (node)
		*node = f;
	return true;
}

bool d_vector(struct reader *r, struct field *parent, const char *name, size_t prefix,
	      struct reader *body, struct field **node)
{
	size_t at = reader_offset(r);
	uint32_t len;
	const uint8_t *p;
	size_t left = reader_remaining(r);
	if (!reader_bytes(r, prefix, &p))
		return short_read(r, parent, name, prefix, left);
	len = 0;
	for (size_t i = 0; i < prefix; i++)
		len = len << 8 | p[i];
	struct field *f = field_add(parent, name, at, prefix);
	struct field *length = field_add(f, "length", at, prefix);
	field_set_value(length, "%u", len);
	left = reader_remaining(r);
	if (!reader_sub(r, len, body)) {
		char what[96];
		snprintf(what, sizeof(what), "%s (%u bytes)", name, len);
		f->length = prefix + left;
		return short_read(r, f, what, len, left);
	}
	f->length = prefix + len;
	field_set_value(f, "%u bytes", len);
	if (node)
		*node = f;
	return true;
}

bool d_opaque_vector(struct reader *r, struct field *parent, const char *name, size_t prefix,
		     struct field **node)
{
	struct reader body;
	struct field *f;
	if (!d_vector(r, parent, name, prefix, &body, &f))
		return false;
	size_t len = reader_remaining(&body);
	const uint8_t *p;
	if (reader_bytes(&body, len, &p))
		field_set_hex(f, p, len, 32);
	if (node)
		*node = f;
	return true;
}

bool d_enum_list(struct reader *r, struct field *parent, const char *name, size_t prefix,
		 size_t size, enum registry reg)
{
	struct reader body;
	struct field *list;
	if (!d_vector(r, parent, name, prefix, &body, &list))
		return false;
	/* The items are named after the registry's entries; the list says how many. */
	size_t n = 0;
	while (reader_remaining(&body) >= size) {
		if (!d_enum(&body, list, "item", size, reg, NULL))
			return false;
		struct field *item = list->children[list->count - 1];
		const char *entry = registry_name(reg, (uint16_t)item->code);
		field_rename(item, entry ? entry : "unknown");
		item->item = true;
		n++;
	}
	d_trailing(&body, list, name);
	field_set_value(list, "%zu %s", n, n == 1 ? "entry" : "entries");
	return true;
}

void d_trailing(struct reader *r, struct field *parent, const char *what)
{
	size_t left = reader_remaining(r);
	if (left)
		field_error(parent, reader_offset(r), "%zu bytes left over at the end of %s", left,
			    what);
}

bool d_varint(struct reader *r, struct field *parent, const char *name, uint64_t *out)
{
	size_t at = reader_offset(r), left = reader_remaining(r);
	struct reader peek = *r;
	uint64_t v;
	if (!quic_varint(&peek, &v)) /* RFC 9000, 16: the first byte's two high bits give the size */
		return short_read(r, parent, name, left ? (size_t)1 << (r->bytes[r->pos] >> 6) : 1,
				  left);
	*r = peek;
	struct field *f = field_add(parent, name, at, reader_offset(r) - at);
	field_set_uint(f, v);
	f->is_number = true;
	f->number = v;
	if (out)
		*out = v;
	return true;
}
