/*
 * A bounds-checked cursor over borrowed bytes (after s2n's stuffer).
 *
 * Every read checks the remaining length; the first failure sets a sticky
 * error and every later read fails too, so a decoder can read a whole
 * structure and check once. Offsets are absolute: a sub-reader opened over a
 * length-prefixed run reports positions in its parent's coordinates.
 */
#ifndef TLSVIZ_BASE_READER_H
#define TLSVIZ_BASE_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct reader {
	const uint8_t *bytes; /* borrowed */
	size_t len;           /* end of this reader, relative to bytes */
	size_t pos;           /* next byte, relative to bytes */
	size_t base;          /* absolute offset of bytes[0] */
	bool failed;
};

/* A reader over <bytes, len> whose first byte is at absolute offset `base`. */
struct reader reader_init(const uint8_t *bytes, size_t len, size_t base);

size_t reader_remaining(const struct reader *r);
/* Absolute offset of the next byte. */
size_t reader_offset(const struct reader *r);

bool reader_u8(struct reader *r, uint8_t *out) __attribute__((warn_unused_result));
bool reader_u16(struct reader *r, uint16_t *out) __attribute__((warn_unused_result));
bool reader_u24(struct reader *r, uint32_t *out) __attribute__((warn_unused_result));
bool reader_u32(struct reader *r, uint32_t *out) __attribute__((warn_unused_result));
/* Borrows the next `len` bytes. */
bool reader_bytes(struct reader *r, size_t len, const uint8_t **out)
	__attribute__((warn_unused_result));
/* Opens a sub-reader over the next `len` bytes and skips them in `r`. */
bool reader_sub(struct reader *r, size_t len, struct reader *out)
	__attribute__((warn_unused_result));

#endif
