#include "base/reader.h"

struct reader reader_init(const uint8_t *bytes, size_t len, size_t base)
{
	return (struct reader){ .bytes = bytes, .len = len, .base = base };
}

size_t reader_remaining(const struct reader *r)
{
	return r->failed ? 0 : r->len - r->pos;
}

size_t reader_offset(const struct reader *r)
{
	return r->base + r->pos;
}

/* Reserves `n` bytes and returns a pointer to them, or NULL (and a sticky failure). */
static const uint8_t *reader_take(struct reader *r, size_t n)
{
	if (r->failed || r->len - r->pos < n) {
		r->failed = true;
		return NULL;
	}
	/* An empty reader may have no bytes at all: a zero-length take still succeeds. */
	static const uint8_t nothing[1];
	const uint8_t *p = r->bytes ? r->bytes + r->pos : nothing;
	r->pos += n;
	return p;
}

static bool reader_uint(struct reader *r, size_t n, uint32_t *out)
{
	const uint8_t *p = reader_take(r, n);
	if (!p)
		return false;
	uint32_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = v << 8 | p[i];
	*out = v;
	return true;
}

bool reader_u8(struct reader *r, uint8_t *out)
{
	uint32_t v;
	if (!reader_uint(r, 1, &v))
		return false;
	*out = (uint8_t)v;
	return true;
}

bool reader_u16(struct reader *r, uint16_t *out)
{
	uint32_t v;
	if (!reader_uint(r, 2, &v))
		return false;
	*out = (uint16_t)v;
	return true;
}

bool reader_u24(struct reader *r, uint32_t *out)
{
	return reader_uint(r, 3, out);
}

bool reader_u32(struct reader *r, uint32_t *out)
{
	return reader_uint(r, 4, out);
}

bool reader_bytes(struct reader *r, size_t len, const uint8_t **out)
{
	const uint8_t *p = reader_take(r, len);
	if (!p)
		return false;
	*out = p;
	return true;
}

bool reader_sub(struct reader *r, size_t len, struct reader *out)
{
	size_t start = r->pos;
	const uint8_t *p = reader_take(r, len);
	if (!p)
		return false;
	*out = reader_init(p, len, r->base + start);
	return true;
}
