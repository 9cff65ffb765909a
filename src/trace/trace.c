#include "trace/trace.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/reader.h"
#include "crypto/crypto.h"

#define MAX_RECORD_LEN (16384 + 256) /* TLSCiphertext.length may not exceed 2^14 + 256 */

enum handshake_type {
	HS_CLIENT_HELLO = 1,
	HS_SERVER_HELLO = 2,
	HS_SERVER_KEY_EXCHANGE = 12,
	HS_FINISHED = 20,
};

enum extension_type {
	EXT_SUPPORTED_VERSIONS = 43,
	EXT_KEY_SHARE = 51,
};

/* RFC 8446, 4.1.3: a ServerHello with this random is a HelloRetryRequest. */
static const uint8_t hello_retry_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

/* The state of one build: where each direction's parsing is, and its keys. */
struct builder {
	struct trace *t;
	size_t parsed[2];     /* stream bytes already split into records */
	struct buf pending[2]; /* handshake bytes not yet a whole message */
	size_t pending_first_record[2];
	struct record_keys keys[2];
	enum protection level[2]; /* what protects the next record of each direction */
	size_t chunk; /* the chunk being processed */
};

/* Records the first error of the trace; later ones are consequences. */
static void trace_error(struct trace *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void trace_error(struct trace *t, const char *fmt, ...)
{
	if (t->error[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->error, sizeof(t->error), fmt, ap);
	va_end(ap);
}

static const char *direction_text(enum direction d)
{
	return d == DIR_CLIENT_TO_SERVER ? "client->server" : "server->client";
}

const uint8_t *trace_record_bytes(const struct trace *t, const struct record *r)
{
	return t->stream[r->dir].data + r->stream_offset;
}

static void add_step(struct trace *t, enum step_kind kind, size_t index)
{
	ARRAY_GROW(t->steps, t->step_count, t->step_cap);
	t->steps[t->step_count++] = (struct step){ kind, index };
}

static struct message *add_message(struct builder *b, enum direction dir, enum message_kind kind,
				   size_t first_record, size_t last_record)
{
	struct trace *t = b->t;
	ARRAY_GROW(t->messages, t->message_count, t->message_cap);
	struct message *m = &t->messages[t->message_count];
	memset(m, 0, sizeof(*m));
	m->dir = dir;
	m->kind = kind;
	m->protection = t->records[last_record].protection;
	m->first_record = first_record;
	m->last_record = last_record;
	m->chunk = b->chunk;
	add_step(t, STEP_MESSAGE, t->message_count++);
	return m;
}

/* Installs the keys of `dir` from a TLS 1.3 traffic secret captured under `label`. */
static void use_tls13_secret(struct builder *b, enum direction dir, const char *label,
			     enum protection level)
{
	const struct suite_params *suite = crypto_suite(b->t->negotiated.cipher_suite);
	const struct secret *s = capture_find_secret(&b->t->capture, label);
	b->level[dir] = level;
	if (!suite) {
		trace_error(b->t, "cipher suite 0x%04x cannot be decrypted by tlsviz",
			    b->t->negotiated.cipher_suite);
	} else if (!s) {
		trace_error(b->t, "the \"%s\" secret was not captured", label);
	} else if (crypto_tls13_keys(suite, s->bytes, s->len, &b->keys[dir]) != 0) {
		trace_error(b->t, "could not derive the keys of \"%s\"", label);
	} else {
		return;
	}
	memset(&b->keys[dir], 0, sizeof(b->keys[dir]));
}

/* TLS 1.2, at a ChangeCipherSpec from `dir`: its records are protected from now on. */
static void use_tls12_keys(struct builder *b, enum direction dir)
{
	struct record_keys keys[2];
	const struct suite_params *suite = crypto_suite(b->t->negotiated.cipher_suite);
	const struct secret *master = capture_find_secret(&b->t->capture, "master secret");
	b->level[dir] = PROTECTION_APPLICATION;
	memset(&b->keys[dir], 0, sizeof(b->keys[dir]));
	if (!suite)
		trace_error(b->t, "cipher suite 0x%04x cannot be decrypted by tlsviz",
			    b->t->negotiated.cipher_suite);
	else if (!master || master->len != 48)
		trace_error(b->t, "the master secret was not captured");
	else if (crypto_tls12_keys(suite, master->bytes, b->t->negotiated.client_random,
				   b->t->negotiated.server_random,
				   &keys[0], &keys[1]) != 0)
		trace_error(b->t, "could not derive the TLS 1.2 key block");
	else
		b->keys[dir] = keys[dir];
}

/*
 * struct {
 *     ProtocolVersion legacy_version;
 *     Random random;
 *     opaque legacy_session_id_echo<0..32>;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method;
 *     Extension extensions<6..2^16-1>;
 * } ServerHello;
 */
static void on_server_hello(struct builder *b, struct reader *r)
{
	struct negotiated *n = &b->t->negotiated;
	const uint8_t *random;
	uint8_t session_id_len, compression;
	struct reader session_id, extensions;
	uint16_t extensions_len;
	if (!reader_u16(r, &n->version) || !reader_bytes(r, 32, &random) ||
	    !reader_u8(r, &session_id_len) || !reader_sub(r, session_id_len, &session_id) ||
	    !reader_u16(r, &n->cipher_suite) || !reader_u8(r, &compression)) {
		trace_error(b->t, "the ServerHello is truncated");
		return;
	}
	bool retry = memcmp(random, hello_retry_random, 32) == 0;
	if (!retry)
		memcpy(n->server_random, random, 32);
	n->hello_retry |= retry;
	if (reader_remaining(r) && reader_u16(r, &extensions_len) &&
	    reader_sub(r, extensions_len, &extensions)) {
		uint16_t type, len;
		struct reader body;
		while (reader_u16(&extensions, &type) && reader_u16(&extensions, &len) &&
		       reader_sub(&extensions, len, &body)) {
			/* A HelloRetryRequest's key_share names the group it wants (2 bytes). */
			if (type == EXT_SUPPORTED_VERSIONS && !reader_u16(&body, &n->version))
				trace_error(b->t, "the ServerHello's supported_versions is truncated");
			if (type == EXT_KEY_SHARE && !reader_u16(&body, &n->group))
				trace_error(b->t, "the ServerHello's key_share is truncated");
		}
	}
	if (n->version == 0x0304 && !retry) {
		use_tls13_secret(b, DIR_CLIENT_TO_SERVER, "c hs traffic", PROTECTION_HANDSHAKE);
		use_tls13_secret(b, DIR_SERVER_TO_CLIENT, "s hs traffic", PROTECTION_HANDSHAKE);
	}
}

/* The parts of a handshake message the trace itself needs: randoms, version, suite, keys. */
static void on_handshake(struct builder *b, const struct message *m)
{
	struct reader r = reader_init(m->bytes.data + HANDSHAKE_HEADER_LEN,
				      m->bytes.len - HANDSHAKE_HEADER_LEN, HANDSHAKE_HEADER_LEN);
	uint16_t legacy_version;
	const uint8_t *random;
	uint8_t curve_type;
	switch (m->type) {
	case HS_CLIENT_HELLO:
		if (reader_u16(&r, &legacy_version) && reader_bytes(&r, 32, &random))
			memcpy(b->t->negotiated.client_random, random, 32);
		break;
	case HS_SERVER_HELLO:
		on_server_hello(b, &r);
		break;
	case HS_SERVER_KEY_EXCHANGE:
		/* ECParameters: curve_type 3 (named_curve) then the group (RFC 8422, 5.4). */
		if (reader_u8(&r, &curve_type) && curve_type == 3 &&
		    !reader_u16(&r, &b->t->negotiated.group))
			trace_error(b->t, "the ServerKeyExchange is truncated");
		break;
	case HS_FINISHED:
		if (b->t->negotiated.version == 0x0304 && b->level[m->dir] == PROTECTION_HANDSHAKE)
			use_tls13_secret(b, m->dir,
					 m->dir == DIR_CLIENT_TO_SERVER ? "c ap traffic"
									: "s ap traffic",
					 PROTECTION_APPLICATION);
		break;
	}
}

/* Appends a record's handshake bytes and cuts out every message they complete. */
static void split_handshake(struct builder *b, size_t record_index)
{
	const struct record *rec = &b->t->records[record_index];
	enum direction dir = rec->dir;
	struct buf *pending = &b->pending[dir];
	if (pending->len == 0)
		b->pending_first_record[dir] = record_index;
	buf_append(pending, rec->plain.data, rec->plain.len);

	size_t used = 0;
	for (;;) {
		struct reader r = reader_init(pending->data + used, pending->len - used, 0);
		uint8_t type;
		uint32_t len;
		if (!reader_u8(&r, &type) || !reader_u24(&r, &len) || reader_remaining(&r) < len)
			break;
		size_t total = HANDSHAKE_HEADER_LEN + len;
		struct message *m = add_message(b, dir, MESSAGE_HANDSHAKE,
						b->pending_first_record[dir], record_index);
		m->type = type;
		m->protection = rec->protection;
		buf_append(&m->bytes, pending->data + used, total);
		used += total;
		b->pending_first_record[dir] = record_index;
		on_handshake(b, m);
	}
	memmove(pending->data, pending->data + used, pending->len - used);
	pending->len -= used;
}

/* Opens a protected record into rec->plain; false when it does not authenticate. */
static bool open_record(struct builder *b, struct record *rec)
{
	struct record_keys *keys = &b->keys[rec->dir];
	if (!keys->suite)
		return false;
	const uint8_t *wire = trace_record_bytes(b->t, rec);
	if (crypto_open_record(keys, wire, rec->len, &rec->plain) != 0)
		return false;
	rec->decrypted = true;
	if (!keys->suite->tls13)
		return true;
	/* RFC 8446, 5.2: TLSInnerPlaintext is content, the real type, then zeros. */
	while (rec->plain.len > 0 && rec->plain.data[rec->plain.len - 1] == 0) {
		rec->plain.len--;
		rec->padding++;
	}
	if (rec->plain.len == 0)
		return false;
	rec->inner_type = rec->plain.data[--rec->plain.len];
	return true;
}

static void process_record(struct builder *b, size_t index)
{
	struct trace *t = b->t;
	struct record *rec = &t->records[index];
	enum direction dir = rec->dir;
	bool tls13 = t->negotiated.version == 0x0304;
	/* TLS 1.3's middlebox-compatibility ChangeCipherSpec always travels in clear. */
	bool is_protected = b->level[dir] != PROTECTION_PLAINTEXT &&
			    !(tls13 && rec->type == CONTENT_CHANGE_CIPHER_SPEC);

	rec->inner_type = rec->type;
	if (is_protected) {
		rec->protection = b->level[dir];
		if (!open_record(b, rec)) {
			trace_error(t, "record %zu (%s) does not open with the recomputed keys", index,
				    direction_text(dir));
			add_message(b, dir, MESSAGE_UNREADABLE, index, index);
			return;
		}
	} else {
		buf_append(&rec->plain, trace_record_bytes(t, rec) + RECORD_HEADER_LEN,
			   rec->len - RECORD_HEADER_LEN);
	}

	struct message *m;
	switch (rec->inner_type) {
	case CONTENT_HANDSHAKE:
		split_handshake(b, index);
		break;
	case CONTENT_CHANGE_CIPHER_SPEC:
		m = add_message(b, dir, MESSAGE_CHANGE_CIPHER_SPEC, index, index);
		buf_append(&m->bytes, rec->plain.data, rec->plain.len);
		if (!tls13)
			use_tls12_keys(b, dir);
		break;
	case CONTENT_ALERT:
		m = add_message(b, dir, MESSAGE_ALERT, index, index);
		buf_append(&m->bytes, rec->plain.data, rec->plain.len);
		if (rec->plain.len >= 2) {
			m->level = rec->plain.data[0];
			m->type = rec->plain.data[1];
		} else {
			trace_error(t, "record %zu (%s) holds a truncated alert", index,
				    direction_text(dir));
		}
		break;
	case CONTENT_APPLICATION_DATA:
		m = add_message(b, dir, MESSAGE_APPLICATION_DATA, index, index);
		buf_append(&m->bytes, rec->plain.data, rec->plain.len);
		break;
	default:
		trace_error(t, "record %zu (%s) has unknown content type %u", index,
			    direction_text(dir), rec->inner_type);
		add_message(b, dir, MESSAGE_UNREADABLE, index, index);
	}
}

/*
 * struct {
 *     ContentType type;
 *     ProtocolVersion legacy_record_version;
 *     uint16 length;
 *     opaque fragment[TLSPlaintext.length];
 * } TLSPlaintext;
 *
 * Cuts every whole record out of what `dir` has sent so far.
 */
static void split_records(struct builder *b, enum direction dir)
{
	struct trace *t = b->t;
	const struct buf *stream = &t->stream[dir];
	while (b->parsed[dir] < stream->len) {
		struct reader r = reader_init(stream->data + b->parsed[dir],
					      stream->len - b->parsed[dir], b->parsed[dir]);
		uint8_t type;
		uint16_t version, len;
		if (!reader_u8(&r, &type) || !reader_u16(&r, &version) || !reader_u16(&r, &len) ||
		    reader_remaining(&r) < len)
			return;
		if (len > MAX_RECORD_LEN) {
			trace_error(t, "a %s record claims %u bytes, more than TLS allows",
				    direction_text(dir), len);
			b->parsed[dir] = stream->len;
			return;
		}
		ARRAY_GROW(t->records, t->record_count, t->record_cap);
		struct record *rec = &t->records[t->record_count];
		memset(rec, 0, sizeof(*rec));
		rec->dir = dir;
		rec->type = type;
		rec->version = version;
		rec->stream_offset = b->parsed[dir];
		rec->len = RECORD_HEADER_LEN + (size_t)len;
		rec->chunk = b->chunk;
		b->parsed[dir] += rec->len;
		process_record(b, t->record_count++);
	}
}

static void add_segments_since(struct trace *t, size_t first)
{
	for (size_t i = first; i < t->tcp.count; i++)
		add_step(t, STEP_SEGMENT, i);
}

void trace_build(struct trace *t, struct capture *capture, const char *scenario,
		 const char *outcome, const char *detail)
{
	memset(t, 0, sizeof(*t));
	t->capture = *capture;
	memset(capture, 0, sizeof(*capture));
	snprintf(t->scenario, sizeof(t->scenario), "%s", scenario);
	snprintf(t->outcome, sizeof(t->outcome), "%s", outcome);
	snprintf(t->detail, sizeof(t->detail), "%s", detail);

	struct builder b = { .t = t };
	const struct capture *c = &t->capture;
	tcp_init(&t->tcp, TCP_DEFAULT_MSS, c->tcp_isn);
	tcp_open(&t->tcp, 0);
	add_segments_since(t, 0);
	for (size_t i = 0; i < c->chunk_count; i++) {
		const struct chunk *ch = &c->chunks[i];
		b.chunk = i;
		size_t first = t->tcp.count;
		tcp_write(&t->tcp, ch->dir, ch->len, ch->time_ns);
		add_segments_since(t, first);
		buf_append(&t->stream[ch->dir], ch->bytes, ch->len);
		split_records(&b, ch->dir);
		/* The receiver acknowledges at once unless its own next write carries the ACK. */
		if (i + 1 == c->chunk_count || c->chunks[i + 1].dir == ch->dir) {
			first = t->tcp.count;
			tcp_ack(&t->tcp, direction_flip(ch->dir), ch->time_ns);
			add_segments_since(t, first);
		}
	}
	size_t first = t->tcp.count;
	tcp_close(&t->tcp, c->chunk_count ? c->chunks[c->chunk_count - 1].time_ns : 0);
	add_segments_since(t, first);

	for (int dir = 0; dir < 2; dir++) {
		if (b.parsed[dir] < t->stream[dir].len)
			trace_error(t, "the last %zu bytes %s are not a whole record",
				    t->stream[dir].len - b.parsed[dir], direction_text(dir));
		if (b.pending[dir].len)
			trace_error(t, "the last %zu handshake bytes %s are not a whole message",
				    b.pending[dir].len, direction_text(dir));
		buf_release(&b.pending[dir]);
	}
}

void trace_release(struct trace *t)
{
	for (size_t i = 0; i < t->record_count; i++)
		buf_release(&t->records[i].plain);
	for (size_t i = 0; i < t->message_count; i++)
		buf_release(&t->messages[i].bytes);
	free(t->records);
	free(t->messages);
	free(t->steps);
	tcp_release(&t->tcp);
	buf_release(&t->stream[0]);
	buf_release(&t->stream[1]);
	capture_release(&t->capture);
	memset(t, 0, sizeof(*t));
}
