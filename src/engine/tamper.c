#include "engine/tamper.h"

#include "base/reader.h"

#define CONTENT_CHANGE_CIPHER_SPEC 20
#define CONTENT_HANDSHAKE 22
#define CONTENT_APPLICATION_DATA 23
#define CLIENT_HELLO 1
#define SERVER_KEY_EXCHANGE 12
#define TLS_NULL_WITH_NULL_NULL 0x0000

/* Whether the record <type, body> is the one this scenario alters. */
static bool is_target(struct tamper_state *t, enum direction dir, uint8_t type,
		      const uint8_t *body, size_t len)
{
	switch (t->what) {
	case TAMPER_RECORD:
		/* The server's first encrypted TLS 1.3 record: its EncryptedExtensions. */
		return dir == DIR_SERVER_TO_CLIENT && type == CONTENT_APPLICATION_DATA;
	case TAMPER_RECORD_TLS12:
		/* TLS 1.2: the client's first handshake record after its ChangeCipherSpec. */
		return dir == DIR_CLIENT_TO_SERVER && type == CONTENT_HANDSHAKE &&
		       t->change_cipher_spec_seen[dir];
	case TAMPER_CIPHER_LIST:
		/* The client's ClientHello: in clear, so a middlebox can rewrite it. */
		return dir == DIR_CLIENT_TO_SERVER && type == CONTENT_HANDSHAKE &&
		       body[0] == CLIENT_HELLO;
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

/*
 * Strikes the first of a ClientHello's cipher suites, as a downgrading
 * middlebox would: it becomes TLS_NULL_WITH_NULL_NULL, which no server may
 * choose (RFC 5246, A.5), and the length stays. Returns the offset in `body`
 * of the suite, or 0 when the message is too short to have two suites.
 *
 *   struct {
 *       HandshakeType msg_type; uint24 length;
 *       ProtocolVersion client_version; Random random;
 *       SessionID session_id<0..32>;
 *       CipherSuite cipher_suites<2..2^16-2>; ...
 *   } ClientHello;
 */
static size_t first_suite(const uint8_t *body, size_t len)
{
	struct reader r = reader_init(body, len, 0);
	const uint8_t *skipped;
	uint8_t session_id_len;
	uint16_t suites_len;
	if (!reader_bytes(&r, 4 + 2 + 32, &skipped) || !reader_u8(&r, &session_id_len) ||
	    !reader_bytes(&r, session_id_len, &skipped) || !reader_u16(&r, &suites_len) ||
	    suites_len < 4 || reader_remaining(&r) < suites_len)
		return 0;
	return reader_offset(&r);
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
		size_t from = (size_t)(body - bytes);
		if (t->what == TAMPER_CIPHER_LIST) {
			size_t at = first_suite(body, body_len);
			if (!at)
				continue;
			bytes[from + at] = TLS_NULL_WITH_NULL_NULL >> 8;
			bytes[from + at + 1] = TLS_NULL_WITH_NULL_NULL & 0xff;
		} else {
			/* The lowest bit of one byte: inside the ciphertext, or the signature's last. */
			size_t at = t->what == TAMPER_SIGNATURE ? body_len - 1u : body_len / 2u;
			bytes[from + at] ^= 0x01;
		}
		t->done = true;
	}
	return true;
}
