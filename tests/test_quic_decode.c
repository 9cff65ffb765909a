/*
 * QUIC's decoders: packets built by hand (RFC 9001's Appendix A samples
 * among them), every frame type, headers still under protection, Retry and
 * Version Negotiation, every truncation of a frame list and of a packet,
 * transport parameters, and TLS 1.3's explanations where QUIC changes them.
 * Every node must be explained, by one best entry, inside its parent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "decode/decode.h"
#include "decode/internal.h"
#include "open/open.h"
#include "suites.h"

#define CAPTURES TLSVIZ_SOURCE_DIR "/../shared/captures"

/* Appends the bytes of a hex string (whitespace ignored). */
static void hex(struct buf *b, const char *text)
{
	for (const char *p = text; *p;) {
		if (*p == ' ' || *p == '\n') {
			p++;
			continue;
		}
		char pair[3] = { p[0], p[1], 0 };
		uint8_t byte = (uint8_t)strtoul(pair, NULL, 16);
		buf_append(b, &byte, 1);
		p += 2;
	}
}

static void zeros(struct buf *b, size_t n)
{
	static const uint8_t zero[1];
	for (size_t i = 0; i < n; i++)
		buf_append(b, zero, 1);
}

/* RFC 9001, A.2: the client Initial's CRYPTO frame (its ClientHello, 241 bytes). */
static const char client_crypto[] =
	"060040f1010000ed0303ebf8fa56f12939b9584a3896472ec40bb863cfd3e868"
	"04fe3a47f06a2b69484c00000413011302010000c000000010000e00000b6578"
	"616d706c652e636f6dff01000100000a00080006001d00170018001000070005"
	"04616c706e000500050100000000003300260024001d00209370b2c9caa47fba"
	"baf4559fedba753de171fa71f50f1ce15d43e994ec74d748002b000302030400"
	"0d0010000e0403050306030203080408050806002d00020101001c0002400100"
	"3900320408ffffffffffffffff05048000ffff07048000ffff08011001048000"
	"75300901100f088394c8f03e51570806048000ffff";

/* RFC 9001, A.3: the server Initial's ACK and CRYPTO (ServerHello) frames. */
static const char server_frames[] =
	"02000000000600405a020000560303eefce7f7b37ba1d1632e96677825ddf739"
	"88cfc79825df566dc5430b9a045a1200130100002e00330024001d00209d3c94"
	"0d89690b84d08a60993c144eca684d1081287c834d5311bcf32bb9da1a002b00"
	"020304";

/* A trace of one QUIC connection holding one packet, built by hand. */
struct sample {
	struct trace t;
	struct record rec;
};

/*
 * Packet `wire` sent in `dir`, its header `header_len` bytes; `plain`, when
 * not NULL, its opened frames (then a 16-byte tag follows them).
 */
static void sample_init(struct sample *s, enum direction dir, enum quic_packet type,
			const struct buf *wire, const struct buf *plain, size_t header_len)
{
	memset(s, 0, sizeof(*s));
	s->t.capture.quic = true;
	s->t.capture.datagrams = true;
	s->t.conn_count = 1;
	s->t.conns[0].negotiated.version = 0x0304;
	s->t.conns[0].negotiated.cipher_suite = 0x1301;
	/* An exact copy, so that a read past the packet is a real overrun. */
	s->t.stream[dir].data = xmalloc(wire->len ? wire->len : 1);
	if (wire->len)
		memcpy(s->t.stream[dir].data, wire->data, wire->len);
	s->t.stream[dir].len = s->t.stream[dir].cap = wire->len;
	struct record *r = &s->rec;
	r->dir = dir;
	r->quic = true;
	r->type = (uint8_t)type;
	r->len = wire->len;
	r->quic_version = 1;
	r->protection = type == QUIC_PACKET_INITIAL     ? PROTECTION_INITIAL
			: type == QUIC_PACKET_0RTT      ? PROTECTION_EARLY
			: type == QUIC_PACKET_HANDSHAKE ? PROTECTION_HANDSHAKE
			: type == QUIC_PACKET_1RTT      ? PROTECTION_APPLICATION
							: PROTECTION_PLAINTEXT;
	if (plain) {
		r->decrypted = r->quic_unmasked = true;
		r->plain.data = xmalloc(plain->len ? plain->len : 1);
		if (plain->len)
			memcpy(r->plain.data, plain->data, plain->len);
		r->plain.len = r->plain.cap = plain->len;
		r->layout = (struct record_layout){ .content_at = header_len,
						    .content_len = plain->len,
						    .tag_at = header_len + plain->len,
						    .tag_len = 16 };
	}
}

static void sample_release(struct sample *s)
{
	buf_release(&s->rec.plain);
	buf_release(&s->t.stream[0]);
	buf_release(&s->t.stream[1]);
}

/* The node at '/'-separated `path` below `f` (each step: the first child so named), or NULL. */
static const struct field *node_at(const struct field *f, const char *path)
{
	char name[64];
	while (f && *path) {
		size_t n = strcspn(path, "/");
		ck_assert_uint_lt(n, sizeof(name));
		memcpy(name, path, n);
		name[n] = '\0';
		path += n + (path[n] == '/');
		const struct field *next = NULL;
		for (size_t i = 0; i < f->count && !next; i++)
			if (strcmp(f->children[i]->name, name) == 0)
				next = f->children[i];
		f = next;
	}
	return f;
}

static const struct field *must(const struct field *root, const char *path)
{
	const struct field *f = node_at(root, path);
	ck_assert_msg(f != NULL, "%s: no node %s", root->name, path);
	return f;
}

static void value_is(const struct field *root, const char *path, const char *value)
{
	const struct field *f = must(root, path);
	ck_assert_msg(f->value && strcmp(f->value, value) == 0, "%s %s: \"%s\", not \"%s\"",
		      root->name, path, f->value ? f->value : "(null)", value);
}

static void explained_says(const struct field *root, const char *path, const char *part)
{
	const struct field *f = must(root, path);
	ck_assert_msg(f->explain && strstr(f->explain, part), "%s %s: \"%s\" lacks \"%s\"",
		      root->name, path, f->explain ? f->explain : "(none)", part);
}


/* Every node lies inside its parent (error nodes are points) and is explained. */
static void check_tree(const struct field *f, size_t from, size_t to, const char *where)
{
	ck_assert_msg(f->offset >= from && f->offset + f->length <= to,
		      "%s: %s [%zu+%zu] outside [%zu, %zu)", where, f->name, f->offset, f->length,
		      from, to);
	ck_assert_msg(f->explain || f->error, "%s: field %s has no explanation", where, f->name);
	for (size_t i = 0; i < f->count; i++)
		check_tree(f->children[i], f->offset, f->error ? to : f->offset + f->length, where);
}

/* One entry alone is the best for each node, as explain_tree() chooses it. */
static void check_all(const struct field *root, const struct decode_context *ctx,
		      const uint8_t *bytes, size_t len, const char *where)
{
	check_tree(root, 0, len, where);
	struct explain_site site = { root->name, "", ctx, NULL, NULL, bytes, len };
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s", "");
	check_unique(root, NULL, &path, &site, where);
	buf_release(&path);
}

/* Decodes the sample's packet and checks the tree's invariants. */
static struct field *decode_sample(const struct sample *s, const char *where)
{
	struct field *f = decode_record(&s->t, &s->rec);
	struct decode_context ctx;
	decode_context_of(&s->t, 0, s->rec.dir, s->rec.protection, &ctx);
	ck_assert(ctx.quic && !ctx.dtls);
	check_all(f, &ctx, trace_record_bytes(&s->t, &s->rec), s->rec.len, where);
	return f;
}

/* RFC 9001, A.2: the client's Initial, unprotected header c3 ... 00000002, padded to 1200. */
static void client_initial(struct sample *s)
{
	struct buf wire = BUF_INIT, plain = BUF_INIT;
	hex(&plain, client_crypto);
	zeros(&plain, 1162 - plain.len);
	/* On the wire: the protected header (A.2), then stand-in ciphertext and tag. */
	hex(&wire, "c000000001088394c8f03e5157080000449e7b9aec34");
	buf_append(&wire, plain.data, plain.len);
	zeros(&wire, 16);
	sample_init(s, DIR_CLIENT_TO_SERVER, QUIC_PACKET_INITIAL, &wire, &plain, 22);
	s->rec.quic_first = 0xc3;
	s->rec.quic_pn_len = 4;
	s->rec.quic_pn_at = 18;
	s->rec.sequence_number = 2;
	buf_release(&wire);
	buf_release(&plain);
}

START_TEST(the_client_initial_of_rfc_9001)
{
	struct sample s;
	client_initial(&s);
	ck_assert_uint_eq(s.rec.len, 1200);
	struct field *f = decode_sample(&s, "client Initial");
	ck_assert_msg(!field_has_error(f), "%s", first_error(f));
	ck_assert_str_eq(f->name, "Initial packet");
	value_is(f, "first_byte", "0xc3 (0xc0 on the wire, under header protection)");
	value_is(f, "first_byte/header_form", "1: long header");
	value_is(f, "first_byte/fixed_bit", "1");
	value_is(f, "first_byte/long_packet_type", "0: Initial");
	value_is(f, "first_byte/reserved_bits", "0");
	value_is(f, "first_byte/packet_number_length", "3: a 4-byte packet number");
	value_is(f, "version", "QUIC version 1 (0x00000001)");
	value_is(f, "destination_connection_id_length", "8");
	value_is(f, "destination_connection_id", "83 94 c8 f0 3e 51 57 08");
	value_is(f, "source_connection_id", "empty (0 bytes)");
	value_is(f, "token_length", "0");
	value_is(f, "token", "empty (0 bytes)");
	value_is(f, "length", "1182 bytes");
	value_is(f, "packet_number", "2 (sent as its low 4 bytes, 0x00000002)");
	const struct field *pn = must(f, "packet_number");
	ck_assert_uint_eq(pn->offset, 18);
	ck_assert_uint_eq(pn->length, 4);
	value_is(f, "payload", "2 frames");
	value_is(f, "payload/CRYPTO", "241 bytes of the TLS handshake");
	value_is(f, "payload/CRYPTO/type", "0x06");
	value_is(f, "payload/CRYPTO/offset", "0");
	value_is(f, "payload/CRYPTO/length", "241");
	value_is(f, "payload/CRYPTO/crypto_data",
		 "bytes 0-240 of the Initial CRYPTO stream, from the start of a ClientHello");
	const struct field *data = must(f, "payload/CRYPTO/crypto_data");
	ck_assert_uint_eq(data->offset, 22 + 4);
	ck_assert_uint_eq(data->length, 241);
	value_is(f, "payload/PADDING", "917 bytes");
	ck_assert_uint_eq(must(f, "payload/PADDING")->offset, 22 + 245);
	ck_assert_uint_eq(must(f, "authentication_tag")->offset, 1184);
	explained_says(f, "", "1200 bytes");
	explained_says(f, "destination_connection_id", "at least 8 bytes");
	explained_says(f, "payload/CRYPTO", "not in TLS records");
	field_free(f);
	sample_release(&s);
}
END_TEST

/* RFC 9001, A.3: the server's Initial, ACK and CRYPTO (its ServerHello). */
START_TEST(the_server_initial_of_rfc_9001)
{
	struct sample s;
	struct buf wire = BUF_INIT, plain = BUF_INIT;
	hex(&plain, server_frames);
	hex(&wire, "cf000000010008f067a5502a4262b5004075c0d9");
	buf_append(&wire, plain.data, plain.len);
	zeros(&wire, 16);
	sample_init(&s, DIR_SERVER_TO_CLIENT, QUIC_PACKET_INITIAL, &wire, &plain, 20);
	s.rec.quic_first = 0xc1;
	s.rec.quic_pn_len = 2;
	s.rec.quic_pn_at = 18;
	s.rec.sequence_number = 1;
	struct field *f = decode_sample(&s, "server Initial");
	ck_assert_msg(!field_has_error(f), "%s", first_error(f));
	value_is(f, "length", "117 bytes");
	value_is(f, "destination_connection_id", "empty (0 bytes)");
	value_is(f, "source_connection_id", "f0 67 a5 50 2a 42 62 b5");
	value_is(f, "packet_number", "1 (sent as its low 2 bytes, 0x0001)");
	value_is(f, "payload/ACK", "acknowledges packets 0");
	value_is(f, "payload/ACK/largest_acknowledged", "0");
	value_is(f, "payload/CRYPTO/crypto_data",
		 "bytes 0-89 of the Initial CRYPTO stream, from the start of a ServerHello");
	explained_says(f, "", "ServerHello");
	explained_says(f, "token", "no token");
	field_free(f);
	buf_release(&wire);
	buf_release(&plain);
	sample_release(&s);
}
END_TEST

/* Every frame type of RFC 9000, 19 and RFC 9221, 4, in one 1-RTT packet. */
static const struct {
	const char *bytes, *name, *value; /* value: the frame node's, or NULL */
} every_frame[] = {
	{ "01", "PING", NULL },
	{ "02 0a 00 01 02 01 01", "ACK", "acknowledges packets 8-10, 4-5" },
	{ "03 05 10 00 00 01 02 03", "ACK", "acknowledges packets 5" },
	{ "04 02 4001 0a", "RESET_STREAM", "stream 2" },
	{ "05 03 07", "STOP_SENDING", "stream 3" },
	{ "06 05 03 616263", "CRYPTO", "3 bytes of the TLS handshake" },
	{ "07 04 01020304", "NEW_TOKEN", NULL },
	{ "0b 00 05 474554202f", "STREAM", "stream 0, bytes 0-4, and its end (FIN)" },
	{ "0e 04 0a 03 616263", "STREAM", "stream 4, bytes 10-12" },
	{ "10 4400", "MAX_DATA", NULL },
	{ "11 01 4400", "MAX_STREAM_DATA", "stream 1" },
	{ "12 10", "MAX_STREAMS", "bidirectional streams" },
	{ "13 03", "MAX_STREAMS", "unidirectional streams" },
	{ "14 4400", "DATA_BLOCKED", NULL },
	{ "15 00 4400", "STREAM_DATA_BLOCKED", "stream 0" },
	{ "16 10", "STREAMS_BLOCKED", "bidirectional streams" },
	{ "17 03", "STREAMS_BLOCKED", "unidirectional streams" },
	{ "18 01 00 04 a1a2a3a4 000102030405060708090a0b0c0d0e0f", "NEW_CONNECTION_ID", NULL },
	{ "19 00", "RETIRE_CONNECTION_ID", NULL },
	{ "1a 0102030405060708", "PATH_CHALLENGE", NULL },
	{ "1b 0102030405060708", "PATH_RESPONSE", NULL },
	{ "1e", "HANDSHAKE_DONE", NULL },
	{ "31 02 6869", "DATAGRAM", NULL },
	{ "1d 05 03 627965", "CONNECTION_CLOSE", "the application's error 5" },
	{ "1c 4128 06 03 627965", "CONNECTION_CLOSE",
	  "CRYPTO_ERROR (0x128): TLS alert handshake_failure (40)" },
	{ "00 00 00", "PADDING", "3 bytes" },
	{ "30 6869", "DATAGRAM", NULL },
};

#define EVERY_FRAME_COUNT (sizeof(every_frame) / sizeof(every_frame[0]))

/* A 1-RTT packet 41 a1a2a3a4 (pn 0x1234 in 2 bytes) carrying `plain`. */
static void one_rtt(struct sample *s, const struct buf *plain, enum direction dir)
{
	struct buf wire = BUF_INIT;
	hex(&wire, "5a a1a2a3a4 9e77");
	buf_append(&wire, plain->data, plain->len);
	zeros(&wire, 16);
	sample_init(s, dir, QUIC_PACKET_1RTT, &wire, plain, 7);
	s->rec.quic_first = 0x41;
	s->rec.quic_pn_len = 2;
	s->rec.quic_pn_at = 5;
	s->rec.sequence_number = 0x11234;
	buf_release(&wire);
}

START_TEST(every_frame_of_a_1rtt_packet)
{
	struct buf plain = BUF_INIT;
	for (size_t i = 0; i < EVERY_FRAME_COUNT; i++)
		hex(&plain, every_frame[i].bytes);
	struct sample s;
	one_rtt(&s, &plain, DIR_SERVER_TO_CLIENT);
	struct field *f = decode_sample(&s, "1-RTT");
	ck_assert_msg(!field_has_error(f), "%s", first_error(f));
	ck_assert_str_eq(f->name, "1-RTT packet");
	value_is(f, "first_byte", "0x41 (0x5a on the wire, under header protection)");
	value_is(f, "first_byte/header_form", "0: short header");
	value_is(f, "first_byte/spin_bit", "0");
	value_is(f, "first_byte/key_phase", "0");
	value_is(f, "first_byte/packet_number_length", "1: a 2-byte packet number");
	value_is(f, "destination_connection_id", "a1 a2 a3 a4");
	value_is(f, "packet_number", "70196 (sent as its low 2 bytes, 0x1234)");
	const struct field *payload = must(f, "payload");
	ck_assert_uint_eq(payload->count, EVERY_FRAME_COUNT);
	for (size_t i = 0; i < EVERY_FRAME_COUNT; i++) {
		const struct field *frame = payload->children[i];
		ck_assert_str_eq(frame->name, every_frame[i].name);
		if (every_frame[i].value)
			ck_assert_msg(frame->value && !strcmp(frame->value, every_frame[i].value),
				      "%s: \"%s\"", frame->name, frame->value);
	}
	value_is(f, "payload/ACK/ack_range", "packets 4-5");
	value_is(f, "payload/STREAM/type", "0x0b: OFF=0 LEN=1 FIN=1");
	value_is(f, "payload/STREAM/stream_id", "0: client-initiated, bidirectional");
	value_is(f, "payload/STREAM/stream_data", "\"GET /\" (5 bytes)");
	value_is(f, "payload/MAX_STREAM_DATA/stream_id", "1: server-initiated, bidirectional");
	value_is(f, "payload/STOP_SENDING/stream_id", "3: server-initiated, unidirectional");
	value_is(f, "payload/RESET_STREAM/final_size", "10 bytes");
	value_is(f, "payload/MAX_DATA/maximum_data", "1024 bytes");
	value_is(f, "payload/CONNECTION_CLOSE/reason_phrase", "\"bye\" (3 bytes)");
	value_is(f, "payload/NEW_CONNECTION_ID/connection_id", "a1 a2 a3 a4");
	value_is(f, "payload/DATAGRAM/datagram_data", "\"hi\" (2 bytes)");
	/* The last frames: 0x1c's error names its alert; a DATAGRAM of type 0x30 runs to the end. */
	const struct field *close = payload->children[EVERY_FRAME_COUNT - 3];
	ck_assert_str_eq(node_at(close, "frame_type")->value, "0x06 (CRYPTO)");
	ck_assert_uint_eq(payload->children[EVERY_FRAME_COUNT - 1]->offset +
				  payload->children[EVERY_FRAME_COUNT - 1]->length,
			  payload->offset + payload->length);
	explained_says(f, "payload/HANDSHAKE_DONE", "HANDSHAKE_DONE");
	explained_says(f, "first_byte/key_phase", "not with TLS's KeyUpdate");
	field_free(f);
	buf_release(&plain);
	sample_release(&s);
}
END_TEST

/* The frames that have a length for everything: a cut is an error unless it falls between. */
static const char *const cut_frames[] = {
	"02 0a 00 01 02 01 01", "06 4005 03 616263", "0f 04 0a 03 616263", "18 01 00 04 a1a2a3a4"
	" 000102030405060708090a0b0c0d0e0f",
	"1c 4128 06 03 627965", "31 02 6869", "1a 0102030405060708", "01", "1e",
};

START_TEST(every_truncation_of_the_frames)
{
	struct buf all = BUF_INIT;
	size_t boundaries[16], n = 0;
	boundaries[n++] = 0;
	for (size_t i = 0; i < sizeof(cut_frames) / sizeof(cut_frames[0]); i++) {
		hex(&all, cut_frames[i]);
		boundaries[n++] = all.len;
	}
	for (size_t len = 0; len <= all.len; len++) {
		struct buf plain = BUF_INIT;
		buf_append(&plain, all.data, len);
		struct sample s;
		one_rtt(&s, &plain, DIR_CLIENT_TO_SERVER);
		struct field *f = decode_sample(&s, "cut frames");
		bool between = false;
		for (size_t k = 0; k < n; k++)
			between |= boundaries[k] == len;
		ck_assert_msg(field_has_error(f) != between, "cut at %zu: %s", len,
			      between ? first_error(f) : "no error");
		if (!between)
			ck_assert_msg(strstr(first_error(f), "truncated") ||
					      strstr(first_error(f), "unknown frame type"),
				      "cut at %zu: %s", len, first_error(f));
		field_free(f);
		sample_release(&s);
		buf_release(&plain);
	}
	buf_release(&all);
}
END_TEST

/* Every cut of the client Initial's bytes stops with an error, never reading past them. */
START_TEST(every_truncation_of_a_packet)
{
	struct sample whole;
	client_initial(&whole);
	const uint8_t *wire = trace_record_bytes(&whole.t, &whole.rec);
	for (size_t len = 0; len < 60; len++) {
		struct sample s = whole;
		struct buf cut = BUF_INIT;
		buf_append(&cut, wire, len);
		s.t.stream[0] = cut;
		s.rec.len = len;
		struct field *f = decode_record(&s.t, &s.rec);
		ck_assert_msg(field_has_error(f), "Initial cut at %zu decoded without error", len);
		field_free(f);
		buf_release(&cut);
	}
	sample_release(&whole);
	struct buf plain = BUF_INIT;
	hex(&plain, "01");
	one_rtt(&whole, &plain, DIR_CLIENT_TO_SERVER);
	wire = trace_record_bytes(&whole.t, &whole.rec);
	for (size_t len = 0; len < whole.rec.len; len++) {
		struct sample s = whole;
		struct buf cut = BUF_INIT;
		buf_append(&cut, wire, len);
		s.t.stream[0] = cut;
		s.rec.len = len;
		struct field *f = decode_record(&s.t, &s.rec);
		ck_assert_msg(field_has_error(f), "1-RTT cut at %zu decoded without error", len);
		field_free(f);
		buf_release(&cut);
	}
	sample_release(&whole);
	buf_release(&plain);
}
END_TEST

/* Frames where they do not belong, and types nobody defined, stop the walk. */
START_TEST(misplaced_and_unknown_frames_stop)
{
	struct buf plain = BUF_INIT;
	hex(&plain, "01 21 01");
	struct sample s;
	one_rtt(&s, &plain, DIR_CLIENT_TO_SERVER);
	struct field *f = decode_sample(&s, "unknown frame");
	ck_assert_ptr_nonnull(strstr(first_error(f), "unknown frame type 0x21"));
	ck_assert_uint_eq(must(f, "payload")->count, 2); /* PING, then the unknown frame */
	field_free(f);
	sample_release(&s);
	buf_release(&plain);
	/* STREAM in an Initial packet (RFC 9000, 12.4). */
	struct buf wire = BUF_INIT;
	hex(&plain, "08 00 6869");
	hex(&wire, "c0 00000001 00 00 00 15 00");
	buf_append(&wire, plain.data, plain.len);
	zeros(&wire, 16);
	sample_init(&s, DIR_CLIENT_TO_SERVER, QUIC_PACKET_INITIAL, &wire, &plain, 10);
	s.rec.quic_first = 0xc0;
	s.rec.quic_pn_len = 1;
	s.rec.quic_pn_at = 9;
	f = decode_sample(&s, "misplaced frame");
	ck_assert_ptr_nonnull(strstr(first_error(f), "not allowed in an Initial packet"));
	field_free(f);
	sample_release(&s);
	buf_release(&plain);
	buf_release(&wire);
}
END_TEST

/* No keys: the low bits and the packet number stay masked, the reason said. */
START_TEST(a_packet_still_under_header_protection)
{
	struct buf wire = BUF_INIT;
	hex(&wire, "e7 00000001 04 01020304 04 05060708 4020");
	zeros(&wire, 32);
	struct sample s;
	sample_init(&s, DIR_SERVER_TO_CLIENT, QUIC_PACKET_HANDSHAKE, &wire, NULL, 0);
	s.rec.quic_pn_at = 17;
	snprintf(s.t.unopened, sizeof(s.t.unopened), "no key log line for client random 3d a2");
	struct field *f = decode_sample(&s, "masked Handshake");
	ck_assert_str_eq(f->name, "Handshake packet");
	value_is(f, "first_byte", "0xe7 on the wire; its low 4 bits are masked by header protection");
	value_is(f, "first_byte/long_packet_type", "2: Handshake");
	value_is(f, "first_byte/protected_bits",
		 "masked: the reserved bits and the packet number's length are unknown");
	ck_assert_ptr_null(node_at(f, "first_byte/packet_number_length"));
	ck_assert_ptr_null(node_at(f, "packet_number"));
	const struct field *p = must(f, "protected_payload");
	ck_assert_uint_eq(p->offset, 17);
	ck_assert_uint_eq(p->length, 32);
	ck_assert_str_eq(first_error(f), "not decrypted: no key log line for client random 3d a2");
	explained_says(f, "protected_payload", "The packet number, then");
	field_free(f);
	sample_release(&s);
	buf_release(&wire);
	/* A short header: the spin bit is in clear, the next 5 bits are not. */
	hex(&wire, "7f a1a2a3a4");
	zeros(&wire, 24);
	sample_init(&s, DIR_CLIENT_TO_SERVER, QUIC_PACKET_1RTT, &wire, NULL, 0);
	s.rec.quic_pn_at = 5;
	f = decode_sample(&s, "masked 1-RTT");
	value_is(f, "first_byte/spin_bit", "1");
	value_is(f, "first_byte/protected_bits", "masked: the reserved bits, the key phase and the "
		 "packet number's length are unknown");
	value_is(f, "destination_connection_id", "a1 a2 a3 a4");
	ck_assert_str_eq(first_error(f), "not decrypted: no key opens this packet");
	field_free(f);
	sample_release(&s);
	buf_release(&wire);
	/* Unmasked, but the payload did not open: the number is shown, the rest is not. */
	hex(&wire, "e1 00000001 00 00 4014 0007");
	zeros(&wire, 18);
	sample_init(&s, DIR_SERVER_TO_CLIENT, QUIC_PACKET_HANDSHAKE, &wire, NULL, 0);
	s.rec.quic_unmasked = true;
	s.rec.quic_first = 0xe1;
	s.rec.quic_pn_len = 2;
	s.rec.quic_pn_at = 9;
	s.rec.sequence_number = 7;
	f = decode_sample(&s, "unopened Handshake");
	value_is(f, "packet_number", "7 (sent as its low 2 bytes, 0x0007)");
	ck_assert_uint_eq(must(f, "protected_payload")->offset, 11);
	explained_says(f, "protected_payload", "could not decrypt them");
	field_free(f);
	sample_release(&s);
	buf_release(&wire);
}
END_TEST

/* RFC 9001, A.4: the server's Retry. */
START_TEST(a_retry_packet)
{
	struct buf wire = BUF_INIT;
	hex(&wire, "ff000000010008f067a5502a4262b5746f6b656e04a265ba2eff4d829058fb3f0f2496ba");
	struct sample s;
	sample_init(&s, DIR_SERVER_TO_CLIENT, QUIC_PACKET_RETRY, &wire, NULL, 0);
	struct field *f = decode_sample(&s, "Retry");
	ck_assert_msg(!field_has_error(f), "%s", first_error(f));
	ck_assert_str_eq(f->name, "Retry packet");
	value_is(f, "first_byte", "0xff");
	value_is(f, "first_byte/long_packet_type", "3: Retry");
	value_is(f, "first_byte/unused", "15");
	value_is(f, "source_connection_id", "f0 67 a5 50 2a 42 62 b5");
	value_is(f, "retry_token", "74 6f 6b 65 6e");
	value_is(f, "retry_integrity_tag", "04 a2 65 ba 2e ff 4d 82 90 58 fb 3f 0f 24 96 ba");
	field_free(f);
	sample_release(&s);
	buf_release(&wire);
}
END_TEST

START_TEST(a_version_negotiation_packet)
{
	struct buf wire = BUF_INIT;
	hex(&wire, "8a 00000000 04 01020304 08 8394c8f03e515708 00000001 6b3343cf 1a2a3a4a");
	struct sample s;
	sample_init(&s, DIR_SERVER_TO_CLIENT, QUIC_PACKET_VERSION_NEGOTIATION, &wire, NULL, 0);
	struct field *f = decode_sample(&s, "Version Negotiation");
	ck_assert_msg(!field_has_error(f), "%s", first_error(f));
	ck_assert_str_eq(f->name, "Version Negotiation packet");
	value_is(f, "", "3 versions offered");
	value_is(f, "first_byte/unused", "10");
	value_is(f, "version", "0: Version Negotiation");
	ck_assert_uint_eq(f->count, 9);
	ck_assert_str_eq(f->children[6]->value, "QUIC version 1 (0x00000001)");
	ck_assert_str_eq(f->children[7]->value, "QUIC version 2 (0x6b3343cf)");
	ck_assert_str_eq(f->children[8]->value,
			 "reserved, to exercise version negotiation (0x1a2a3a4a)");
	explained_says(f, "source_connection_id", "copied");
	field_free(f);
	sample_release(&s);
	buf_release(&wire);
	/* A version cut short. */
	hex(&wire, "8a 00000000 00 00 000000");
	sample_init(&s, DIR_SERVER_TO_CLIENT, QUIC_PACKET_VERSION_NEGOTIATION, &wire, NULL, 0);
	f = decode_sample(&s, "Version Negotiation cut");
	ck_assert_str_eq(first_error(f), "truncated: supported_version needs 4 bytes, 3 left");
	field_free(f);
	sample_release(&s);
	buf_release(&wire);
}
END_TEST

static const struct decode_context quic_client = {
	.version = 0x0304, .sender = SENDER_CLIENT, .sealing = SEALING_PROTECTED, .quic = true,
};
static const struct decode_context quic_server = {
	.version = 0x0304, .sender = SENDER_SERVER, .sealing = SEALING_PROTECTED, .quic = true,
};

static struct field *decode_checked(const struct decode_context *ctx, const struct buf *b,
				    const char *where)
{
	struct field *f = decode_handshake(ctx, b->data, b->len);
	ck_assert_msg(!field_has_error(f), "%s: %s", where, first_error(f));
	check_all(f, ctx, b->data, b->len, where);
	return f;
}

START_TEST(transport_parameters)
{
	/* RFC 9001, A.2: the ClientHello, its CRYPTO frame's data. */
	struct buf b = BUF_INIT;
	hex(&b, client_crypto + 8);
	struct field *f = decode_checked(&quic_client, &b, "ClientHello");
	const struct field *tp = field_find(f, "quic_transport_parameters");
	ck_assert_ptr_nonnull(tp);
	tp = node_at(tp, "extension_data");
	ck_assert_ptr_nonnull(tp);
	ck_assert_str_eq(tp->value, "8 transport parameters");
	value_is(tp, "initial_max_data", "4611686018427387903 bytes");
	value_is(tp, "initial_max_data/parameter_id", "0x04");
	value_is(tp, "initial_max_data/parameter_length", "8");
	value_is(tp, "initial_max_stream_data_bidi_local", "65535 bytes");
	value_is(tp, "initial_max_stream_data_bidi_remote", "65535 bytes");
	value_is(tp, "initial_max_stream_data_uni", "65535 bytes");
	value_is(tp, "initial_max_streams_bidi", "16 streams");
	value_is(tp, "initial_max_streams_uni", "16 streams");
	value_is(tp, "max_idle_timeout", "30000 ms");
	value_is(tp, "initial_source_connection_id", "83 94 c8 f0 3e 51 57 08");
	explained_says(f, "", "CRYPTO frames of its Initial packets");
	explained_says(f, "legacy_session_id", "as QUIC requires");
	explained_says(f, "cipher_suites", "TLS_AES_128_CCM_8_SHA256");
	field_free(f);
	buf_release(&b);

	/* An EncryptedExtensions with the server's parameters, and the rarer ones. */
	static const char params[] =
		"00 08 8394c8f03e515708"                             /* original_destination_cid */
		"02 10 000102030405060708090a0b0c0d0e0f"             /* stateless_reset_token */
		"03 02 45c0 0a 01 03 0b 01 19 0c 00 0e 01 04"        /* udp 1472, 3, 25, migration */
		"0d 2d c0000201 01bb 20010db8000000000000000000000001 01bb 04 a1a2a3a4"
		"000102030405060708090a0b0c0d0e0f"                  /* preferred_address */
		"10 04 b1b2b3b4"                                     /* retry_source_connection_id */
		"11 08 00000001 6b3343cf"                            /* version_information */
		"20 02 4400 6ab2 00"                                 /* datagrams 1024, grease bit */
		"1b 02 abcd 5234 01 ff";                             /* reserved 27, unknown 0x1234 */
	struct buf body = BUF_INIT;
	hex(&body, params);
	uint8_t head[10] = { 8, 0, 0, 0, 0, 0, 0, 0x39, 0, 0 };
	size_t ext = body.len, list = ext + 4, msg = list + 2;
	head[1] = (uint8_t)(msg >> 16), head[2] = (uint8_t)(msg >> 8), head[3] = (uint8_t)msg;
	head[4] = (uint8_t)(list >> 8), head[5] = (uint8_t)list;
	head[8] = (uint8_t)(ext >> 8), head[9] = (uint8_t)ext;
	buf_append(&b, head, sizeof(head));
	buf_append(&b, body.data, body.len);
	f = decode_checked(&quic_server, &b, "EncryptedExtensions");
	tp = node_at(field_find(f, "quic_transport_parameters"), "extension_data");
	ck_assert_ptr_nonnull(tp);
	ck_assert_str_eq(tp->value, "14 transport parameters");
	value_is(tp, "max_udp_payload_size", "1472 bytes");
	value_is(tp, "ack_delay_exponent", "3");
	value_is(tp, "max_ack_delay", "25 ms");
	value_is(tp, "disable_active_migration", "present");
	value_is(tp, "active_connection_id_limit", "4 connection IDs");
	value_is(tp, "preferred_address/parameter_value/ipv4_address", "192.0.2.1");
	value_is(tp, "preferred_address/parameter_value/ipv4_port", "443");
	value_is(tp, "preferred_address/parameter_value/connection_id", "a1 a2 a3 a4");
	value_is(tp, "version_information/parameter_value/chosen_version",
		 "QUIC version 1 (0x00000001)");
	value_is(tp, "version_information/parameter_value/available_version",
		 "QUIC version 2 (0x6b3343cf)");
	value_is(tp, "max_datagram_frame_size", "1024 bytes");
	value_is(tp, "grease_quic_bit", "present");
	value_is(tp, "reserved/parameter_id", "0x1b");
	value_is(tp, "unknown/parameter_id", "0x1234");
	explained_says(f, "", "transport parameters");
	/* Every cut of it is an error, inside the bytes it had. */
	for (size_t len = 0; len < b.len; len++) {
		uint8_t *cut = xmalloc(len ? len : 1);
		memcpy(cut, b.data, len);
		struct field *c = decode_handshake(&quic_server, cut, len);
		ck_assert_msg(field_has_error(c), "EncryptedExtensions cut at %zu", len);
		check_tree(c, 0, len, "cut EncryptedExtensions");
		field_free(c);
		free(cut);
	}
	field_free(f);
	buf_release(&b);
	buf_release(&body);
}
END_TEST

/* Transport parameters whose values do not fit say where. */
START_TEST(malformed_transport_parameters)
{
	static const struct {
		const char *bytes, *error;
	} cases[] = {
		{ "01 02 05 05", "1 bytes left over at the end of max_idle_timeout" },
		{ "04 09 ffffffffffffffff", "truncated: parameter_value needs 9 bytes, 8 left" },
		{ "0c 01 00", "1 bytes left over at the end of disable_active_migration" },
		{ "01 01 40", "truncated: parameter_value needs 2 bytes, 1 left" },
		{ "40", "truncated: parameter_id needs 2 bytes, 1 left" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf body = BUF_INIT;
		hex(&body, cases[i].bytes);
		struct reader r = reader_init(body.data, body.len, 0);
		struct field *f = field_root("extension_data", 0, body.len);
		decode_transport_parameters(&r, f, EXT_CLIENT_HELLO);
		ck_assert_msg(strcmp(first_error(f), cases[i].error) == 0, "%s: \"%s\"",
			      cases[i].bytes, first_error(f));
		field_free(f);
		buf_release(&body);
	}
}
END_TEST

/* TLS 1.3's messages, where QUIC changes what is true of them (RFC 9001, 6, 8.3, 8.4). */
START_TEST(tls_explanations_in_quic)
{
	static const struct {
		int bytes[8];
		const char *quic, *tls;
	} cases[] = {
		{ { 24, 0, 0, 1, 0, -1 }, "Forbidden in QUIC", "records after this one" },
		{ { 5, 0, 0, 0, -1 }, "must not send it", "the last message under the early" },
	};
	const struct decode_context tls = { .version = 0x0304, .sender = SENDER_CLIENT };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;
		for (const int *v = cases[i].bytes; *v >= 0; v++) {
			uint8_t byte = (uint8_t)*v;
			buf_append(&b, &byte, 1);
		}
		struct field *f = decode_checked(&quic_client, &b, "QUIC message");
		ck_assert_msg(strstr(f->explain, cases[i].quic), "%s: %s", f->name, f->explain);
		field_free(f);
		f = decode_handshake(&tls, b.data, b.len);
		ck_assert_msg(strstr(f->explain, cases[i].tls), "%s: %s", f->name, f->explain);
		field_free(f);
		buf_release(&b);
	}
	/* Messages that are not handshake messages: by their roots' names. */
	static const struct {
		const char *message, *part;
		enum sealing sealing;
	} roots[] = {
		{ "ChangeCipherSpec", "no way to carry", SEALING_CLEAR },
		{ "ApplicationData", "STREAM frames", SEALING_PROTECTED },
		{ "ApplicationData", "0-RTT packets", SEALING_EARLY },
		{ "Alert", "CONNECTION_CLOSE", SEALING_PROTECTED },
		{ "unreadable record", "QUIC packet", SEALING_PROTECTED },
	};
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		struct decode_context ctx = quic_client;
		ctx.sealing = roots[i].sealing;
		const struct field root = { .name = (char *)roots[i].message, .code = FIELD_NO_CODE };
		const struct explain_site site = { root.name, "", &ctx, &root, NULL, NULL, 0 };
		size_t ties = 1;
		const struct explain_entry *e = explain_choose(&site, &ties);
		ck_assert_ptr_nonnull(e);
		ck_assert_uint_eq(ties, 0);
		ck_assert_msg(strstr(e->text, roots[i].part), "%s: %s", roots[i].message, e->text);
	}
}
END_TEST

/* A QUIC connection's datagram says QUIC, a DTLS one's DTLS. */
START_TEST(a_datagram_says_what_it_carries)
{
	static const uint8_t udp[8] = { 0xc3, 0x50, 0x01, 0xbb, 0x04, 0xc8, 0, 0 };
	struct trace t;
	memset(&t, 0, sizeof(t));
	t.capture.datagrams = true;
	t.capture.quic = true;
	struct segment seg = { .dir = DIR_CLIENT_TO_SERVER, .len = 1200, .header = udp,
			       .header_len = sizeof(udp) };
	struct field *f = decode_segment(&t, &seg);
	ck_assert_str_eq(f->value, "1200 bytes of QUIC (captured)");
	value_is(f, "payload", "1200 bytes of QUIC");
	explained_says(f, "", "QUIC puts");
	explained_says(f, "payload", "QUIC packets");
	field_free(f);
	t.capture.quic = false;
	f = decode_segment(&t, &seg);
	ck_assert_str_eq(f->value, "1200 bytes of DTLS (captured)");
	explained_says(f, "payload", "DTLS records");
	field_free(f);
}
END_TEST

/*
 * The QUIC captures of the shared corpus: every packet and message of their
 * QUIC connections decodes inside its bytes, explained by one best entry; a
 * packet that opened decodes without error.
 */
START_TEST(real_captures_decode_explained)
{
	static const struct {
		const char *file, *keys;
	} files[] = {
		{ "hotplace-http3.pcapng", "hotplace-http3.keys" },
		{ "ws-quic_follow_multistream.pcapng", NULL },
		{ "ws-quic-fragmented-handshakes.pcapng", NULL },
	};
	if (access(CAPTURES "/MANIFEST.md", R_OK) != 0) {
		printf("quic_decode: %s not found: real captures are not decoded\n", CAPTURES);
		return;
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", CAPTURES, files[i].file);
		struct buf file = BUF_INIT, keys = BUF_INIT;
		if (!read_whole_file(path, &file)) {
			buf_release(&file);
			continue;
		}
		if (files[i].keys) {
			snprintf(path, sizeof(path), "%s/%s", CAPTURES, files[i].keys);
			ck_assert(read_whole_file(path, &keys));
		}
		struct open_options opts = { .keylog_text = files[i].keys ? (char *)keys.data : NULL,
					     .keylog_len = keys.len };
		struct opened o;
		char why[300] = "";
		ck_assert_msg(open_capture(file.data, file.len, &opts, &o, why, sizeof(why)) == 0,
			      "%s", why);
		size_t packets = 0;
		for (size_t k = 0; k < o.count; k++) {
			if (!o.conns[k].tls || !o.conns[k].quic)
				continue;
			struct trace t;
			trace_build(&t, &o.conns[k].capture, "opened", "", "");
			for (size_t r = 0; r < t.record_count; r++) {
				const struct record *rec = &t.records[r];
				struct field *f = decode_record(&t, rec);
				struct decode_context ctx;
				decode_context_of(&t, rec->conn, rec->dir, rec->protection, &ctx);
				check_all(f, &ctx, trace_record_bytes(&t, rec), rec->len, files[i].file);
				ck_assert_msg(!rec->decrypted || !field_has_error(f), "%s packet %zu: %s",
					      files[i].file, r, first_error(f));
				packets += rec->decrypted;
				field_free(f);
			}
			for (size_t m = 0; m < t.message_count; m++) {
				const struct message *msg = &t.messages[m];
				struct field *f = decode_message(&t, msg);
				struct decode_context ctx;
				decode_context_of(&t, msg->conn, msg->dir, msg->protection, &ctx);
				check_all(f, &ctx, msg->bytes.data, msg->bytes.len, files[i].file);
				field_free(f);
			}
			for (size_t k2 = 0; k2 < t.tcp.count; k2++) {
				struct field *f = decode_segment(&t, &t.tcp.segments[k2]);
				ck_assert_ptr_nonnull(strstr(f->value, "QUIC"));
				check_tree(f, 0, f->length, files[i].file);
				field_free(f);
			}
			trace_release(&t);
		}
		ck_assert_msg(packets > 0, "%s: no packet opened", files[i].file);
		open_release(&o);
		buf_release(&file);
		buf_release(&keys);
	}
}
END_TEST

Suite *quic_decode_suite(void)
{
	Suite *s = suite_create("quic_decode");
	TCase *cases = tcase_create("cases");
	tcase_add_test(cases, the_client_initial_of_rfc_9001);
	tcase_add_test(cases, the_server_initial_of_rfc_9001);
	tcase_add_test(cases, every_frame_of_a_1rtt_packet);
	tcase_add_test(cases, every_truncation_of_the_frames);
	tcase_add_test(cases, every_truncation_of_a_packet);
	tcase_add_test(cases, misplaced_and_unknown_frames_stop);
	tcase_add_test(cases, a_packet_still_under_header_protection);
	tcase_add_test(cases, a_retry_packet);
	tcase_add_test(cases, a_version_negotiation_packet);
	tcase_add_test(cases, transport_parameters);
	tcase_add_test(cases, malformed_transport_parameters);
	tcase_add_test(cases, tls_explanations_in_quic);
	tcase_add_test(cases, a_datagram_says_what_it_carries);
	suite_add_tcase(s, cases);
	TCase *captures = tcase_create("captures");
	tcase_set_timeout(captures, 120);
	tcase_add_test(captures, real_captures_decode_explained);
	suite_add_tcase(s, captures);
	return s;
}
