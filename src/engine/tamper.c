#include "engine/tamper.h"

#include "base/reader.h"

#define CONTENT_CHANGE_CIPHER_SPEC 20
#define CONTENT_HANDSHAKE 22
#define CONTENT_APPLICATION_DATA 23
#define SERVER_KEY_EXCHANGE 12

/* Whether the record <type, body> is the one this scenario alters. */
static bool is_target(struct tamper_state *t, enum direction dir, uint8_t type,
		      const uint8_t *body, size_t len)
{
	switch (t->what) {
	case TAMPER_RECORD:
		/* The server's first encrypted TLS 1.3 record: its EncryptedExtensions. */
		return dir == DIR_SERVER_TO_CLIENT && type == CONTENT_APPLICATION_DATA;
	case TAMPER_FINISHED:
		/* TLS 1.2: the client's first handshake record after its ChangeCipherSpec. */
		return dir == DIR_CLIENT_TO_SERVER && type == CONTENT_HANDSHAKE &&
		       t->change_cipher_spec_seen[dir];
	case TAMPER_SIGNATURE:
		/* A ServerKeyExchange alone in its record: its last byte is the signature's. */
		return dir == DIR_SERVER_TO_CLIENT && type == CONTENT_HANDSHAKE && len > 4 &&
		       body[0] == SERVER_KEY_EXCHANGE &&
		       ((size_t)body[1] << 16 | (size_t)body[2] << 8 | body[3]) + 4 == len;
	case TAMPER_NONE:
		break;
	}
	return false;
}

bool tamper_in_transit(void *ctx, enum direction dir, uint8_t *bytes, size_t len)
{
	struct tamper_state *t = ctx;
	struct reader r = reader_init(bytes, len, 0);
	uint8_t type;
	uint16_t version, body_len;
	const uint8_t *body;
	while (!t->done && reader_u8(&r, &type) && reader_u16(&r, &version) &&
	       reader_u16(&r, &body_len) && reader_bytes(&r, body_len, &body)) {
		if (type == CONTENT_CHANGE_CIPHER_SPEC)
			t->change_cipher_spec_seen[dir] = true;
		if (body_len == 0 || !is_target(t, dir, type, body, body_len))
			continue;
		/* Flip the lowest bit of one byte: inside the ciphertext, or the signature's last. */
		size_t at = t->what == TAMPER_SIGNATURE ? body_len - 1u : body_len / 2u;
		bytes[(size_t)(body - bytes) + at] ^= 0x01;
		t->done = true;
	}
	return true;
}
