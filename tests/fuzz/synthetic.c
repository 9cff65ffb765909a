#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "base/reader.h"

enum item { ITEM_CHUNK, ITEM_SECRET, ITEM_CONTROL, ITEM_OUTCOME };

/*
 * Every label the engine records: TLS 1.3's HKDF labels (RFC 8446, 7.1) and
 * extract steps, TLS 1.2's premaster and master secrets, and the server's
 * ephemeral private key (for the math). New labels go at the end, so that a
 * seed keeps its meaning.
 */
static const char *const labels[] = {
	"early ikm",    "early secret", "handshake ikm", "handshake secret", "master secret",
	"derived",      "ext binder",   "res binder",    "c e traffic",      "e exp master",
	"c hs traffic", "s hs traffic", "c ap traffic",  "s ap traffic",     "exp master",
	"res master",   "resumption",   "key",           "iv",               "finished",
	"traffic upd",  "premaster secret", "server ephemeral private",
};
#define LABEL_COUNT (sizeof(labels) / sizeof(labels[0]))

static const char *const outcomes[] = { "complete", "failed", "stalled" };

/* The next `want` bytes, or as many as are left (never NULL: memcpy may get it). */
static const uint8_t *take(struct reader *r, uint16_t want, size_t *len)
{
	static const uint8_t none[1];
	const uint8_t *p = none;
	*len = want < reader_remaining(r) ? want : reader_remaining(r);
	if (*len && !reader_bytes(r, *len, &p))
		*len = 0;
	return p;
}

static void read_chunk(struct reader *r, uint8_t header, struct capture *c, size_t sent[2])
{
	enum direction dir = header & 4 ? DIR_SERVER_TO_CLIENT : DIR_CLIENT_TO_SERVER;
	uint16_t want = 0, position = 0;
	uint8_t mask = 0;
	size_t len;
	if (!reader_u16(r, &want))
		return;
	const uint8_t *bytes = take(r, want, &len);
	if (!len)
		return;
	capture_chunk(c, dir, (uint64_t)c->chunk_count * 1000000, bytes, len, sent[!dir]);
	sent[dir] += len;
	if (header & 8 && reader_u16(r, &position) && reader_u8(r, &mask)) {
		uint8_t *delivered = memcpy(xmalloc(len), bytes, len);
		delivered[position % len] ^= mask;
		capture_delivered(c, delivered);
		free(delivered);
	}
}

const char *synthetic_read(const uint8_t *data, size_t size, struct capture *c)
{
	struct reader r = reader_init(data, size, 0);
	const char *outcome = outcomes[0];
	size_t sent[2] = { 0, 0 };
	uint8_t header;
	uint16_t want;
	size_t len;
	const uint8_t *bytes;
	capture_init(c);
	while (reader_u8(&r, &header)) {
		switch ((enum item)(header & 3)) {
		case ITEM_CHUNK:
			read_chunk(&r, header, c, sent);
			break;
		case ITEM_SECRET:
			if (!reader_u16(&r, &want))
				break;
			bytes = take(&r, want, &len);
			if (len > SECRET_MAX) /* kept whole in the framing, cut to what a capture holds */
				len = SECRET_MAX;
			const char *label = labels[(header >> 2) % LABEL_COUNT];
			capture_secret(c, label, strlen(label), bytes, len);
			break;
		case ITEM_CONTROL:
			if (!(header & 4)) {
				if (c->conn + 1 < CONNECTION_MAX) {
					capture_next_connection(c);
					sent[0] = sent[1] = 0;
				}
			} else if (reader_u16(&r, &want)) {
				bytes = take(&r, want, &len);
				if (len)
					capture_server_key(c, bytes, len);
			}
			break;
		case ITEM_OUTCOME:
			outcome = outcomes[(header >> 2) % 3];
			break;
		}
	}
	return outcome;
}

static void put_u16(struct buf *out, size_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };
	buf_append(out, b, 2);
}

static void put_item(struct buf *out, uint8_t header, const uint8_t *bytes, size_t len)
{
	buf_append(out, &header, 1);
	put_u16(out, len);
	buf_append(out, bytes, len);
}

/* The chunk's one changed byte, as position and mask; -1 when more than one changed. */
static int write_chunk(const struct chunk *ch, struct buf *out)
{
	size_t changed = 0, position = 0;
	for (size_t i = 0; ch->delivered && i < ch->len; i++)
		if (ch->delivered[i] != ch->bytes[i]) {
			changed++;
			position = i;
		}
	if (changed > 1 || ch->len > UINT16_MAX)
		return -1;
	put_item(out, (uint8_t)(ITEM_CHUNK | (ch->dir ? 4 : 0) | (changed ? 8 : 0)), ch->bytes,
		 ch->len);
	if (changed) {
		put_u16(out, position);
		uint8_t mask = ch->bytes[position] ^ ch->delivered[position];
		buf_append(out, &mask, 1);
	}
	return 0;
}

static int write_secrets(const struct capture *c, unsigned conn, struct buf *out)
{
	for (size_t i = 0; i < c->secret_count; i++) {
		const struct secret *s = &c->secrets[i];
		size_t k = 0;
		if (s->conn != conn)
			continue;
		while (k < LABEL_COUNT && strcmp(labels[k], s->label) != 0)
			k++;
		if (k == LABEL_COUNT)
			return -1;
		put_item(out, (uint8_t)(ITEM_SECRET | k << 2), s->bytes, s->len);
	}
	return 0;
}

int synthetic_write(const struct capture *c, const char *outcome, struct buf *out)
{
	uint8_t header = ITEM_OUTCOME;
	for (size_t k = 0; k < 3; k++)
		if (!strcmp(outcome, outcomes[k]))
			header = (uint8_t)(ITEM_OUTCOME | k << 2);
	buf_append(out, &header, 1);
	if (c->server_key)
		put_item(out, ITEM_CONTROL | 4, c->server_key, c->server_key_len);
	unsigned conn = 0;
	if (write_secrets(c, 0, out) != 0)
		return -1;
	for (size_t i = 0; i < c->chunk_count; i++) {
		const struct chunk *ch = &c->chunks[i];
		if (ch->conn != conn) {
			header = ITEM_CONTROL;
			buf_append(out, &header, 1);
			conn = ch->conn;
			if (write_secrets(c, conn, out) != 0)
				return -1;
		}
		if (write_chunk(ch, out) != 0)
			return -1;
	}
	return 0;
}
