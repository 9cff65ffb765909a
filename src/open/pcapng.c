/*
 * What libpcap does not do for pcapng: read its Decryption Secrets Blocks,
 * and accept interfaces whose snapshot lengths differ (it refuses such a
 * file; Wireshark writes them when it captures on several interfaces).
 *
 * draft-ietf-opsawg-pcapng, 3.1: every block is
 *
 *    0                   1                   2                   3
 *   +---------------------------------------------------------------+
 *   |                          Block Type                           |
 *   |                      Block Total Length                       |
 *   /                          Block Body                           /
 *   |                      Block Total Length                       |
 *   +---------------------------------------------------------------+
 *
 * and a Section Header Block (0x0A0D0D0A) sets the byte order of the
 * blocks after it by its byte-order magic 0x1A2B3C4D.
 */
#include <stdlib.h>
#include <string.h>

#include "base/reader.h"
#include "open/open.h"

#define PCAPNG_SHB 0x0A0D0D0Au
#define PCAPNG_IDB 0x00000001u
#define PCAPNG_DSB 0x0000000Au
#define PCAPNG_BYTE_ORDER_MAGIC 0x1A2B3C4Du
#define DSB_TLS_KEY_LOG 0x544c534bu /* "TLSK" */

static uint32_t swap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

struct block {
	uint32_t type;
	struct reader body; /* the body, between the two lengths */
	bool swapped;       /* little-endian: each 32-bit value read must be swapped */
};

/*
 * Reads the next block at `r` into `b`; false at the end, or at a block
 * that is cut short or malformed (nothing after it is read).
 */
static bool next_block(struct reader *r, struct block *b, bool *swapped)
{
	uint32_t type, total;
	bool first = reader_offset(r) == 0;
	if (!reader_u32(r, &type) || !reader_u32(r, &total))
		return false;
	if (type == PCAPNG_SHB) {
		uint32_t magic;
		struct reader peek = *r;
		if (!reader_u32(&peek, &magic))
			return false;
		if (magic == PCAPNG_BYTE_ORDER_MAGIC)
			*swapped = false;
		else if (swap32(magic) == PCAPNG_BYTE_ORDER_MAGIC)
			*swapped = true;
		else
			return false;
	} else if (first) {
		return false; /* not pcapng: the first block must be a Section Header Block */
	}
	if (*swapped) {
		type = swap32(type);
		total = swap32(total);
	}
	b->type = type;
	b->swapped = *swapped;
	return total >= 12 && total % 4 == 0 && reader_sub(r, total - 12, &b->body) &&
	       reader_u32(r, &total);
}

static bool block_u32(struct block *b, uint32_t *out)
{
	if (!reader_u32(&b->body, out))
		return false;
	if (b->swapped)
		*out = swap32(*out);
	return true;
}

void dsb_read(const uint8_t *bytes, size_t len, struct keylog *k)
{
	struct reader r = reader_init(bytes, len, 0);
	struct block b;
	bool swapped = false;
	while (next_block(&r, &b, &swapped)) {
		uint32_t secrets_type, secrets_len;
		const uint8_t *secrets;
		if (b.type == PCAPNG_DSB && block_u32(&b, &secrets_type) &&
		    block_u32(&b, &secrets_len) && secrets_type == DSB_TLS_KEY_LOG &&
		    reader_bytes(&b.body, secrets_len, &secrets))
			keylog_parse(k, (const char *)secrets, secrets_len, true);
	}
}

/*
 * An Interface Description Block: LinkType (16 bits), Reserved (16),
 * SnapLen (32), options. A snapshot length of 0 means "no limit".
 */
bool pcapng_uniform_snaplen(const uint8_t *bytes, size_t len, struct buf *out)
{
	struct reader r = reader_init(bytes, len, 0);
	struct block b;
	bool swapped = false;
	size_t interfaces = 0;
	uint32_t first = 0;
	bool differ = false;
	/* First: are there interfaces whose snapshot lengths differ? */
	while (next_block(&r, &b, &swapped)) {
		uint32_t link_reserved, snaplen;
		if (b.type != PCAPNG_IDB || !block_u32(&b, &link_reserved) ||
		    !block_u32(&b, &snaplen))
			continue;
		if (interfaces++ == 0)
			first = snaplen;
		differ |= snaplen != first;
	}
	if (!differ)
		return false;
	buf_append(out, bytes, len);
	r = reader_init(bytes, len, 0);
	swapped = false;
	while (next_block(&r, &b, &swapped))
		if (b.type == PCAPNG_IDB && reader_remaining(&b.body) >= 8)
			memset(out->data + reader_offset(&b.body) + 4, 0, 4); /* SnapLen: no limit */
	return true;
}
