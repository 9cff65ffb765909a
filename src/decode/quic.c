/*
 * QUIC (RFC 9000): a packet's header, its frames once opened, and the
 * transport parameters TLS carries for it (quic_transport_parameters).
 *
 * A packet is a record of the trace (rec->quic). Header protection (RFC
 * 9001, 5.4) masks the first byte's low bits and the packet number on the
 * wire: the trace says what they are once it removed the mask, and a packet
 * whose mask stayed on shows them as protected. Frames are read from the
 * opened plaintext, at the offsets their ciphertext has in the packet (the
 * AEAD keeps them in place).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "decode/internal.h"

/* RFC 9000, 15; RFC 9369, 3.1; drafts numbered 0xff0000NN. */
static void version_value(struct field *f, uint32_t v)
{
	if (v == 0x00000001)
		field_set_value(f, "QUIC version 1 (0x%08" PRIx32 ")", v);
	else if (v == 0x6b3343cf)
		field_set_value(f, "QUIC version 2 (0x%08" PRIx32 ")", v);
	else if (v == 0)
		field_set_value(f, "0: Version Negotiation");
	else if ((v & 0x0f0f0f0f) == 0x0a0a0a0a)
		field_set_value(f, "reserved, to exercise version negotiation (0x%08" PRIx32 ")", v);
	else if (v >> 8 == 0xff0000)
		field_set_value(f, "draft-ietf-quic-transport-%" PRIu32 " (0x%08" PRIx32 ")", v & 0xff,
				v);
	else
		field_set_value(f, "unknown (0x%08" PRIx32 ")", v);
	f->code = (long)v;
}

/* One bit field of the first byte: a child of `byte`, over its one byte. */
static struct field *bits(struct field *byte, const char *name, unsigned v)
{
	struct field *f = field_add(byte, name, byte->offset, 1);
	field_set_uint(f, v);
	f->is_number = true;
	f->number = v;
	return f;
}

/*
 * The first byte (RFC 9000, 17.2 and 17.3.1):
 *   long:  1 1 TT RR PP   (Retry: 1 1 TT UUUU; Version Negotiation: 1 UUUUUUU)
 *   short: 0 1 S RR K PP
 * Header protection masks the low 4 bits of a long header, 5 of a short one.
 */
static void first_byte(const struct record *rec, uint8_t wire, struct field *root)
{
	bool long_header = wire & 0x80;
	bool masked_kind = rec->type != QUIC_PACKET_RETRY &&
			   rec->type != QUIC_PACKET_VERSION_NEGOTIATION;
	bool masked = masked_kind && !rec->quic_unmasked;
	uint8_t b = masked_kind && rec->quic_unmasked ? rec->quic_first : wire;
	struct field *byte = field_add(root, "first_byte", 0, 1);
	if (masked)
		field_set_value(byte, "0x%02x on the wire; its low %d bits are masked by header "
				"protection", wire, long_header ? 4 : 5);
	else if (b != wire)
		field_set_value(byte, "0x%02x (0x%02x on the wire, under header protection)", b,
				wire);
	else
		field_set_value(byte, "0x%02x", b);
	field_set_value(bits(byte, "header_form", b >> 7), "%u: %s header", b >> 7,
			long_header ? "long" : "short");
	if (rec->type == QUIC_PACKET_VERSION_NEGOTIATION) {
		bits(byte, "unused", b & 0x7f);
		return;
	}
	bits(byte, "fixed_bit", b >> 6 & 1);
	if (long_header) {
		unsigned type = b >> 4 & 3;
		static const char *const long_types[] = { "Initial", "0-RTT", "Handshake", "Retry" };
		field_set_value(bits(byte, "long_packet_type", type), "%u: %s", type,
				rec->type < QUIC_PACKET_1RTT ? long_types[rec->type] : "?");
		if (rec->type == QUIC_PACKET_RETRY) {
			bits(byte, "unused", b & 0x0f);
			return;
		}
	} else {
		bits(byte, "spin_bit", b >> 5 & 1);
	}
	if (masked) {
		field_set_value(bits(byte, "protected_bits", wire & (long_header ? 0x0f : 0x1f)),
				"masked: the reserved bits%s and the packet number's length are "
				"unknown", long_header ? "" : ", the key phase");
		return;
	}
	bits(byte, "reserved_bits", long_header ? b >> 2 & 3 : b >> 3 & 3);
	if (!long_header)
		bits(byte, "key_phase", b >> 2 & 1);
	unsigned pn_len = (b & 3) + 1u;
	field_set_value(bits(byte, "packet_number_length", b & 3), "%u: a %u-byte packet number",
			b & 3, pn_len);
}

/* A connection ID of `len` bytes (RFC 9000, 5.1), or "empty". */
static bool connection_id(struct reader *r, struct field *root, const char *name, size_t len)
{
	struct field *f;
	if (!d_opaque(r, root, name, len, &f))
		return false;
	if (len == 0)
		field_set_value(f, "empty (0 bytes)");
	return true;
}

/* ---- Frames (RFC 9000, 19; RFC 9221, 4) ---- */

/* Where the frames stand: the trace and the packet they came in. */
struct frames_site {
	const struct trace *t;
	const struct record *rec;
};

static const char *level_name(const struct record *rec)
{
	switch (rec->type) {
	case QUIC_PACKET_INITIAL:
		return "Initial";
	case QUIC_PACKET_HANDSHAKE:
		return "Handshake";
	default:
		return "1-RTT";
	}
}

/* RFC 9000, 2.1: bit 0 says who opened the stream, bit 1 its direction. */
static void stream_id_value(struct field *f, uint64_t id)
{
	field_set_value(f, "%" PRIu64 ": %s-initiated, %s", id, id & 1 ? "server" : "client",
			id & 2 ? "unidirectional" : "bidirectional");
}

static bool stream_id(struct reader *r, struct field *frame, uint64_t *id)
{
	if (!d_varint(r, frame, "stream_id", id))
		return false;
	stream_id_value(frame->children[frame->count - 1], *id);
	return true;
}

/* The last child's value with a unit: "1200 bytes". */
static void unit(struct field *parent, const char *what)
{
	struct field *f = parent->children[parent->count - 1];
	field_set_value(f, "%" PRIu64 " %s", f->number, what);
}

/* RFC 9000, 20.1; 0x0100-0x01ff carry a TLS alert (RFC 9001, 4.8). */
static void transport_error_value(struct field *f, uint64_t code)
{
	static const char *const names[] = {
		"NO_ERROR", "INTERNAL_ERROR", "CONNECTION_REFUSED", "FLOW_CONTROL_ERROR",
		"STREAM_LIMIT_ERROR", "STREAM_STATE_ERROR", "FINAL_SIZE_ERROR",
		"FRAME_ENCODING_ERROR", "TRANSPORT_PARAMETER_ERROR", "CONNECTION_ID_LIMIT_ERROR",
		"PROTOCOL_VIOLATION", "INVALID_TOKEN", "APPLICATION_ERROR",
		"CRYPTO_BUFFER_EXCEEDED", "KEY_UPDATE_ERROR", "AEAD_LIMIT_REACHED",
		"NO_VIABLE_PATH",
	};
	f->code = (long)code;
	if (code < sizeof(names) / sizeof(names[0])) {
		field_set_value(f, "%s (0x%02" PRIx64 ")", names[code], code);
	} else if (code >> 8 == 1) {
		const char *alert = registry_name(REG_ALERT_DESCRIPTION, (uint16_t)(code & 0xff));
		field_set_value(f, "CRYPTO_ERROR (0x%03" PRIx64 "): TLS alert %s (%u)", code,
				alert ? alert : "unknown", (unsigned)(code & 0xff));
	} else {
		field_set_value(f, "unknown (0x%" PRIx64 ")", code);
	}
}

/* The reason phrase, as text (RFC 9000, 19.19: UTF-8, for people). */
static bool reason_phrase(struct reader *r, struct field *frame)
{
	uint64_t len;
	const uint8_t *p;
	if (!d_varint(r, frame, "reason_phrase_length", &len))
		return false;
	struct reader peek = *r;
	if (!d_opaque(r, frame, "reason_phrase", len, NULL))
		return false;
	if (reader_bytes(&peek, len, &p))
		set_text_preview(frame->children[frame->count - 1], p, len);
	return true;
}

typedef bool (*frame_decoder)(const struct frames_site *s, struct reader *r, struct field *frame,
			      uint64_t type);

static bool no_fields(const struct frames_site *s, struct reader *r, struct field *frame,
		      uint64_t type)
{
	(void)s, (void)r, (void)frame, (void)type;
	return true;
}

/* Appends "a-b" or "a" to the ACK's summary. */
static void ack_range_text(struct buf *b, uint64_t smallest, uint64_t largest)
{
	buf_printf(b, "%s%" PRIu64, b->len ? ", " : "", smallest);
	if (largest != smallest)
		buf_printf(b, "-%" PRIu64, largest);
}

/*
 * ACK Frame {
 *   Type (i) = 0x02..0x03, Largest Acknowledged (i), ACK Delay (i),
 *   ACK Range Count (i), First ACK Range (i), ACK Range (..) ...,
 *   [ECN Counts (..)],
 * }
 * ACK Range { Gap (i), ACK Range Length (i) }          (RFC 9000, 19.3)
 */
static bool ack(const struct frames_site *s, struct reader *r, struct field *frame,
		uint64_t type)
{
	(void)s;
	uint64_t largest, count, first;
	if (!d_varint(r, frame, "largest_acknowledged", &largest) ||
	    !d_varint(r, frame, "ack_delay", NULL) ||
	    !d_varint(r, frame, "ack_range_count", &count) ||
	    !d_varint(r, frame, "first_ack_range", &first))
		return false;
	if (first > largest) {
		field_error(frame, reader_offset(r), "first_ack_range %" PRIu64 " goes below packet "
			    "0: a FRAME_ENCODING_ERROR", first);
		return false;
	}
	struct buf summary = BUF_INIT;
	uint64_t smallest = largest - first;
	ack_range_text(&summary, smallest, largest);
	bool ok = true;
	for (uint64_t i = 0; ok && i < count; i++) {
		size_t at = reader_offset(r);
		struct field *range = field_add(frame, "ack_range", at, 0);
		uint64_t gap, len;
		if (!d_varint(r, range, "gap", &gap) ||
		    !d_varint(r, range, "ack_range_length", &len)) {
			range->length = reader_offset(r) - at;
			ok = false;
			break;
		}
		range->length = reader_offset(r) - at;
		/* 19.3.1: the next range's largest is the previous smallest - gap - 2. */
		if (smallest < gap + 2 || smallest - gap - 2 < len) {
			field_error(range, reader_offset(r), "the range goes below packet 0: a "
				    "FRAME_ENCODING_ERROR");
			ok = false;
			break;
		}
		uint64_t high = smallest - gap - 2;
		smallest = high - len;
		field_set_value(range, "packets %" PRIu64 "-%" PRIu64, smallest, high);
		ack_range_text(&summary, smallest, high);
	}
	if (ok && type == 0x03) {
		size_t at = reader_offset(r);
		struct field *ecn = field_add(frame, "ecn_counts", at, 0);
		ok = d_varint(r, ecn, "ect0_count", NULL) && d_varint(r, ecn, "ect1_count", NULL) &&
		     d_varint(r, ecn, "ecn_ce_count", NULL);
		ecn->length = reader_offset(r) - at;
	}
	buf_append(&summary, "", 1);
	if (ok)
		field_set_value(frame, "acknowledges packets %s", (char *)summary.data);
	buf_release(&summary);
	return ok;
}

/* RESET_STREAM Frame { Type (i) = 0x04, Stream ID (i), Application Protocol Error Code (i),
 * Final Size (i) }                                    (RFC 9000, 19.4) */
static bool reset_stream(const struct frames_site *s, struct reader *r, struct field *frame,
			 uint64_t type)
{
	(void)s, (void)type;
	uint64_t id;
	if (!stream_id(r, frame, &id) ||
	    !d_varint(r, frame, "application_protocol_error_code", NULL) ||
	    !d_varint(r, frame, "final_size", NULL))
		return false;
	unit(frame, "bytes");
	field_set_value(frame, "stream %" PRIu64, id);
	return true;
}

/* STOP_SENDING Frame { Type (i) = 0x05, Stream ID (i), Application Protocol Error Code (i) } */
static bool stop_sending(const struct frames_site *s, struct reader *r, struct field *frame,
			 uint64_t type)
{
	(void)s, (void)type;
	uint64_t id;
	if (!stream_id(r, frame, &id) ||
	    !d_varint(r, frame, "application_protocol_error_code", NULL))
		return false;
	field_set_value(frame, "stream %" PRIu64, id);
	return true;
}

/* CRYPTO Frame { Type (i) = 0x06, Offset (i), Length (i), Crypto Data (..) }  (RFC 9000, 19.6) */
static bool crypto(const struct frames_site *s, struct reader *r, struct field *frame,
		   uint64_t type)
{
	(void)type;
	uint64_t offset, len;
	struct field *data;
	const uint8_t *p;
	struct reader peek;
	if (!d_varint(r, frame, "offset", &offset) || !d_varint(r, frame, "length", &len))
		return false;
	peek = *r;
	if (!d_opaque(r, frame, "crypto_data", len, &data))
		return false;
	const char *level = level_name(s->rec);
	if (len == 0) {
		field_set_value(data, "no bytes of the %s CRYPTO stream", level);
	} else if (offset == 0 && reader_bytes(&peek, len, &p)) {
		const char *first = registry_name(REG_HANDSHAKE_TYPE, p[0]);
		field_set_value(data, "bytes 0-%" PRIu64 " of the %s CRYPTO stream, from the start "
				"of a %s", len - 1, level, first ? first : "handshake message");
	} else {
		field_set_value(data, "bytes %" PRIu64 "-%" PRIu64 " of the %s CRYPTO stream", offset,
				offset + len - 1, level);
	}
	field_set_value(frame, "%" PRIu64 " bytes of the TLS handshake", len);
	return true;
}

/* NEW_TOKEN Frame { Type (i) = 0x07, Token Length (i), Token (..) }  (RFC 9000, 19.7) */
static bool new_token(const struct frames_site *s, struct reader *r, struct field *frame,
		      uint64_t type)
{
	(void)s, (void)type;
	uint64_t len;
	return d_varint(r, frame, "token_length", &len) && d_opaque(r, frame, "token", len, NULL);
}

/*
 * STREAM Frame {
 *   Type (i) = 0x08..0x0f,            bits: OFF 0x04, LEN 0x02, FIN 0x01
 *   Stream ID (i), [Offset (i)], [Length (i)], Stream Data (..),
 * }                                                   (RFC 9000, 19.8)
 */
static bool stream(const struct frames_site *s, struct reader *r, struct field *frame,
		   uint64_t type)
{
	(void)s;
	uint64_t id, offset = 0, len;
	if (!stream_id(r, frame, &id))
		return false;
	if ((type & 0x04) && !d_varint(r, frame, "offset", &offset))
		return false;
	if (type & 0x02) {
		if (!d_varint(r, frame, "length", &len))
			return false;
	} else {
		len = reader_remaining(r); /* to the end of the packet */
	}
	struct reader peek = *r;
	const uint8_t *p;
	if (!d_opaque(r, frame, "stream_data", len, NULL))
		return false;
	if (reader_bytes(&peek, len, &p))
		set_text_preview(frame->children[frame->count - 1], p, len);
	if (len)
		field_set_value(frame, "stream %" PRIu64 ", bytes %" PRIu64 "-%" PRIu64 "%s", id,
				offset, offset + len - 1, type & 1 ? ", and its end (FIN)" : "");
	else
		field_set_value(frame, "stream %" PRIu64 ", no bytes, at %" PRIu64 "%s", id, offset,
				type & 1 ? ": its end (FIN)" : "");
	return true;
}

/* MAX_DATA and DATA_BLOCKED { Type (i), Maximum Data (i) }  (RFC 9000, 19.9 and 19.12) */
static bool maximum_data(const struct frames_site *s, struct reader *r, struct field *frame,
			 uint64_t type)
{
	(void)s, (void)type;
	if (!d_varint(r, frame, "maximum_data", NULL))
		return false;
	unit(frame, "bytes");
	return true;
}

/* MAX_STREAM_DATA and STREAM_DATA_BLOCKED { Type (i), Stream ID (i), Maximum Stream Data (i) } */
static bool maximum_stream_data(const struct frames_site *s, struct reader *r, struct field *frame,
				uint64_t type)
{
	(void)s, (void)type;
	uint64_t id;
	if (!stream_id(r, frame, &id) || !d_varint(r, frame, "maximum_stream_data", NULL))
		return false;
	unit(frame, "bytes");
	field_set_value(frame, "stream %" PRIu64, id);
	return true;
}

/* MAX_STREAMS and STREAMS_BLOCKED { Type (i) = 0x12..0x13 or 0x16..0x17, Maximum Streams (i) } */
static bool maximum_streams(const struct frames_site *s, struct reader *r, struct field *frame,
			    uint64_t type)
{
	(void)s;
	if (!d_varint(r, frame, "maximum_streams", NULL))
		return false;
	unit(frame, "streams");
	field_set_value(frame, "%s streams", type & 1 ? "unidirectional" : "bidirectional");
	return true;
}

/*
 * NEW_CONNECTION_ID Frame {
 *   Type (i) = 0x18, Sequence Number (i), Retire Prior To (i), Length (8),
 *   Connection ID (8..160), Stateless Reset Token (128),
 * }                                                   (RFC 9000, 19.15)
 */
static bool new_connection_id(const struct frames_site *s, struct reader *r, struct field *frame,
			      uint64_t type)
{
	(void)s, (void)type;
	uint32_t len;
	return d_varint(r, frame, "sequence_number", NULL) &&
	       d_varint(r, frame, "retire_prior_to", NULL) && d_uint(r, frame, "length", 1, &len) &&
	       connection_id(r, frame, "connection_id", len) &&
	       d_opaque(r, frame, "stateless_reset_token", 16, NULL);
}

/* RETIRE_CONNECTION_ID Frame { Type (i) = 0x19, Sequence Number (i) }  (RFC 9000, 19.16) */
static bool retire_connection_id(const struct frames_site *s, struct reader *r,
				 struct field *frame, uint64_t type)
{
	(void)s, (void)type;
	return d_varint(r, frame, "sequence_number", NULL);
}

/* PATH_CHALLENGE and PATH_RESPONSE { Type (i), Data (64) }  (RFC 9000, 19.17 and 19.18) */
static bool path_data(const struct frames_site *s, struct reader *r, struct field *frame,
		      uint64_t type)
{
	(void)s, (void)type;
	return d_opaque(r, frame, "data", 8, NULL);
}

/*
 * CONNECTION_CLOSE Frame {
 *   Type (i) = 0x1c..0x1d, Error Code (i), [Frame Type (i)],
 *   Reason Phrase Length (i), Reason Phrase (..),
 * }                                                   (RFC 9000, 19.19)
 */
static const char *frame_name(uint64_t type);

static bool connection_close(const struct frames_site *s, struct reader *r, struct field *frame,
			     uint64_t type)
{
	(void)s;
	uint64_t code, trigger;
	if (!d_varint(r, frame, "error_code", &code))
		return false;
	struct field *error = frame->children[frame->count - 1];
	if (type == 0x1c) {
		transport_error_value(error, code);
		if (!d_varint(r, frame, "frame_type", &trigger))
			return false;
		const char *name = frame_name(trigger);
		field_set_value(frame->children[frame->count - 1], "0x%02" PRIx64 " (%s)", trigger,
				trigger == 0 ? "none named" : name ? name : "unknown");
		field_set_value(frame, "%s", error->value);
	} else {
		field_set_value(frame, "the application's error %" PRIu64, code);
	}
	return reason_phrase(r, frame);
}

/* DATAGRAM Frame { Type (i) = 0x30..0x31, [Length (i)], Datagram Data (..) }  (RFC 9221, 4) */
static bool datagram(const struct frames_site *s, struct reader *r, struct field *frame,
		     uint64_t type)
{
	(void)s;
	uint64_t len;
	if (type & 1) {
		if (!d_varint(r, frame, "length", &len))
			return false;
	} else {
		len = reader_remaining(r);
	}
	struct reader peek = *r;
	const uint8_t *p;
	if (!d_opaque(r, frame, "datagram_data", len, NULL))
		return false;
	if (reader_bytes(&peek, len, &p))
		set_text_preview(frame->children[frame->count - 1], p, len);
	return true;
}

/* Packet types by bit: which may carry a frame (RFC 9000, 12.4, Table 3; RFC 9221, 4). */
#define IN_I (1u << QUIC_PACKET_INITIAL)
#define IN_0 (1u << QUIC_PACKET_0RTT)
#define IN_H (1u << QUIC_PACKET_HANDSHAKE)
#define IN_1 (1u << QUIC_PACKET_1RTT)

static const struct {
	uint64_t first, last;
	const char *name;
	unsigned allowed;
	frame_decoder decode;
} frame_types[] = {
	{ 0x00, 0x00, "PADDING", IN_I | IN_H | IN_0 | IN_1, no_fields },
	{ 0x01, 0x01, "PING", IN_I | IN_H | IN_0 | IN_1, no_fields },
	{ 0x02, 0x03, "ACK", IN_I | IN_H | IN_1, ack },
	{ 0x04, 0x04, "RESET_STREAM", IN_0 | IN_1, reset_stream },
	{ 0x05, 0x05, "STOP_SENDING", IN_0 | IN_1, stop_sending },
	{ 0x06, 0x06, "CRYPTO", IN_I | IN_H | IN_1, crypto },
	{ 0x07, 0x07, "NEW_TOKEN", IN_1, new_token },
	{ 0x08, 0x0f, "STREAM", IN_0 | IN_1, stream },
	{ 0x10, 0x10, "MAX_DATA", IN_0 | IN_1, maximum_data },
	{ 0x11, 0x11, "MAX_STREAM_DATA", IN_0 | IN_1, maximum_stream_data },
	{ 0x12, 0x13, "MAX_STREAMS", IN_0 | IN_1, maximum_streams },
	{ 0x14, 0x14, "DATA_BLOCKED", IN_0 | IN_1, maximum_data },
	{ 0x15, 0x15, "STREAM_DATA_BLOCKED", IN_0 | IN_1, maximum_stream_data },
	{ 0x16, 0x17, "STREAMS_BLOCKED", IN_0 | IN_1, maximum_streams },
	{ 0x18, 0x18, "NEW_CONNECTION_ID", IN_0 | IN_1, new_connection_id },
	{ 0x19, 0x19, "RETIRE_CONNECTION_ID", IN_0 | IN_1, retire_connection_id },
	{ 0x1a, 0x1a, "PATH_CHALLENGE", IN_0 | IN_1, path_data },
	{ 0x1b, 0x1b, "PATH_RESPONSE", IN_1, path_data },
	{ 0x1c, 0x1c, "CONNECTION_CLOSE", IN_I | IN_H | IN_0 | IN_1, connection_close },
	{ 0x1d, 0x1d, "CONNECTION_CLOSE", IN_0 | IN_1, connection_close },
	{ 0x1e, 0x1e, "HANDSHAKE_DONE", IN_1, no_fields },
	{ 0x30, 0x31, "DATAGRAM", IN_0 | IN_1, datagram },
};

#define FRAME_TYPE_COUNT (sizeof(frame_types) / sizeof(frame_types[0]))

static size_t frame_index(uint64_t type)
{
	for (size_t i = 0; i < FRAME_TYPE_COUNT; i++)
		if (type >= frame_types[i].first && type <= frame_types[i].last)
			return i;
	return FRAME_TYPE_COUNT;
}

static const char *frame_name(uint64_t type)
{
	size_t i = frame_index(type);
	return i < FRAME_TYPE_COUNT ? frame_types[i].name : NULL;
}

/* A run of PADDING frames (0x00 each) as one node: RFC 9000, 19.1. */
static void padding_run(struct reader *r, struct field *payload)
{
	size_t at = reader_offset(r), n = 0;
	uint8_t b;
	struct reader peek = *r;
	while (reader_u8(&peek, &b) && b == 0) {
		*r = peek;
		n++;
	}
	field_set_value(field_add(payload, "PADDING", at, n), "%zu byte%s", n, n == 1 ? "" : "s");
}

/* Every frame of the payload, in order; an unknown or misplaced type stops the walk. */
static void decode_frames(const struct frames_site *s, struct reader *r, struct field *payload)
{
	size_t count = 0;
	while (reader_remaining(r)) {
		size_t at = reader_offset(r);
		uint8_t b;
		struct reader peek = *r;
		if (reader_u8(&peek, &b) && b == 0) {
			padding_run(r, payload);
			count++;
			continue;
		}
		struct field *frame = field_add(payload, "frame", at, reader_remaining(r));
		uint64_t type;
		if (!d_varint(r, frame, "type", &type))
			return;
		size_t i = frame_index(type);
		struct field *type_node = frame->children[frame->count - 1];
		field_set_value(type_node, "0x%02" PRIx64, type);
		type_node->code = (long)type;
		if (i == FRAME_TYPE_COUNT) {
			field_rename(frame, "unknown");
			field_error(frame, reader_offset(r), "unknown frame type 0x%" PRIx64 ": the "
				    "receiver closes the connection with FRAME_ENCODING_ERROR", type);
			return;
		}
		field_rename(frame, frame_types[i].name);
		count++;
		if (!(frame_types[i].allowed & 1u << s->rec->type)) {
			field_error(frame, reader_offset(r), "a %s frame is not allowed in a%s %s: a "
				    "PROTOCOL_VIOLATION (RFC 9000, 12.4)", frame_types[i].name,
				    s->rec->type == QUIC_PACKET_INITIAL ? "n" : "",
				    quic_packet_name(s->rec->type));
			return;
		}
		if (frame_types[i].first == 0x08)
			field_set_value(type_node, "0x%02" PRIx64 ": OFF=%u LEN=%u FIN=%u", type,
					(unsigned)(type >> 2 & 1), (unsigned)(type >> 1 & 1),
					(unsigned)(type & 1));
		if (!frame_types[i].decode(s, r, frame, type))
			return;
		frame->length = reader_offset(r) - at;
	}
	field_set_value(payload, "%zu frame%s", count, count == 1 ? "" : "s");
}

/*
 * A frame the trace draws as a step of its own (HANDSHAKE_DONE,
 * CONNECTION_CLOSE): the frame under the message's root, read as in the
 * packet it came in (its last record).
 */
void decode_quic_frame(const struct trace *t, const struct message *m, struct reader *r,
		       struct field *root)
{
	const struct frames_site s = { t, &t->records[m->last_record] };
	decode_frames(&s, r, root);
	field_set_value(root, "a %s frame", message_name(m));
}

/* ---- Packets (RFC 9000, 17) ---- */

/*
 * The packet number and what follows it: the frames and the AEAD tag when
 * the packet opened, else the protected bytes and why they stayed so.
 * `r` stands at the packet number and ends with the packet.
 */
static void packet_body(const struct frames_site *s, struct reader *r, struct field *root)
{
	const struct record *rec = s->rec;
	const uint8_t *wire = trace_record_bytes(s->t, rec);
	if (rec->quic_unmasked) {
		size_t at = reader_offset(r);
		const uint8_t *p;
		size_t left = reader_remaining(r);
		unsigned n = rec->quic_pn_len;
		if (n < 1 || n > 4 || !reader_bytes(r, n, &p)) {
			field_error(root, at, "truncated: packet_number needs %u bytes, %zu left", n,
				    left);
			return;
		}
		struct field *pn = field_add(root, "packet_number", at, n);
		uint64_t on_wire = rec->sequence_number & ((UINT64_C(1) << (8 * n)) - 1);
		field_set_value(pn, "%" PRIu64 " (sent as its low %u byte%s, 0x%0*" PRIx64 ")",
				rec->sequence_number, n, n == 1 ? "" : "s", (int)(2 * n), on_wire);
		pn->is_number = true;
		pn->number = rec->sequence_number;
	}
	size_t at = reader_offset(r), len = reader_remaining(r);
	if (!rec->decrypted) {
		struct field *enc = field_add(root, "protected_payload", at, len);
		field_set_hex(enc, wire + at, len, 16);
		field_error(enc, at, "not decrypted: %s",
			    s->t->unopened[0] ? s->t->unopened : "no key opens this packet");
		return;
	}
	/* The opened parts where the trace says they lie: inside what is left of the packet. */
	const struct record_layout *l = &rec->layout;
	size_t end = at + len;
	if (l->content_at != at || l->content_len > end - at ||
	    (l->tag_len && (l->tag_at < l->content_at + l->content_len || l->tag_at > end ||
			    l->tag_len > end - l->tag_at))) {
		field_error(root, at, "truncated: the opened payload and its tag need %zu bytes, "
			    "%zu left", l->content_len + l->tag_len, len);
		return;
	}
	struct field *payload = field_add(root, "payload", l->content_at, l->content_len);
	size_t plain_len = rec->plain.len < l->content_len ? rec->plain.len : l->content_len;
	struct reader frames = reader_init(rec->plain.data, plain_len, l->content_at);
	decode_frames(s, &frames, payload);
	if (l->tag_len)
		field_set_hex(field_add(root, "authentication_tag", l->tag_at, l->tag_len),
			      wire + l->tag_at, l->tag_len, 0);
}

/*
 * Long Header Packet {
 *   Header Form (1) = 1, Fixed Bit (1) = 1, Long Packet Type (2), Type-Specific Bits (4),
 *   Version (32),
 *   Destination Connection ID Length (8), Destination Connection ID (0..160),
 *   Source Connection ID Length (8), Source Connection ID (0..160),
 *   Type-Specific Payload (..),
 * }                                                   (RFC 9000, 17.2)
 * Initial: Token Length (i), Token (..), Length (i), Packet Number (8..32), Packet Payload (8..)
 * 0-RTT and Handshake: Length (i), Packet Number (8..32), Packet Payload (8..)
 * Retry: Retry Token (..), Retry Integrity Tag (128)
 * Version Negotiation: Supported Version (32) ...
 */
static void long_header(const struct frames_site *s, struct reader *r, struct field *root)
{
	const struct record *rec = s->rec;
	uint32_t version, dcid_len, scid_len;
	if (!d_uint(r, root, "version", 4, &version))
		return;
	version_value(root->children[root->count - 1], version);
	if (!d_uint(r, root, "destination_connection_id_length", 1, &dcid_len) ||
	    !connection_id(r, root, "destination_connection_id", dcid_len) ||
	    !d_uint(r, root, "source_connection_id_length", 1, &scid_len) ||
	    !connection_id(r, root, "source_connection_id", scid_len))
		return;
	if (rec->type == QUIC_PACKET_VERSION_NEGOTIATION) {
		size_t n = 0;
		while (reader_remaining(r)) {
			if (!d_uint(r, root, "supported_version", 4, &version))
				return;
			version_value(root->children[root->count - 1], version);
			n++;
		}
		field_set_value(root, "%zu version%s offered", n, n == 1 ? "" : "s");
		return;
	}
	if (rec->type == QUIC_PACKET_RETRY) {
		size_t left = reader_remaining(r);
		if (left < 16) {
			field_error(root, reader_offset(r), "truncated: retry_integrity_tag needs 16 "
				    "bytes, %zu left", left);
			return;
		}
		struct field *token;
		if (d_opaque(r, root, "retry_token", left - 16, &token) &&
		    d_opaque(r, root, "retry_integrity_tag", 16, NULL) && left == 16)
			field_set_value(token, "empty (0 bytes)");
		return;
	}
	uint64_t token_len, len;
	struct field *token;
	if (rec->type == QUIC_PACKET_INITIAL) {
		if (!d_varint(r, root, "token_length", &token_len) ||
		    !d_opaque(r, root, "token", token_len, &token))
			return;
		if (token_len == 0)
			field_set_value(token, "empty (0 bytes)");
	}
	struct reader body;
	size_t left;
	if (!d_varint(r, root, "length", &len))
		return;
	unit(root, "bytes");
	left = reader_remaining(r);
	if (!reader_sub(r, len, &body)) {
		field_error(root, reader_offset(r), "truncated: the packet needs %" PRIu64 " bytes, "
			    "%zu left", len, left);
		return;
	}
	packet_body(s, &body, root);
	d_trailing(r, root, "the packet");
}

/*
 * 1-RTT Packet {
 *   Header Form (1) = 0, Fixed Bit (1) = 1, Spin Bit (1), Reserved Bits (2), Key Phase (1),
 *   Packet Number Length (2),
 *   Destination Connection ID (0..160),     its length is the connection's, not on the wire
 *   Packet Number (8..32), Packet Payload (8..),
 * }                                                   (RFC 9000, 17.3.1)
 */
static void short_header(const struct frames_site *s, struct reader *r, struct field *root)
{
	size_t pn_at = s->rec->quic_pn_at;
	if (pn_at < 1) {
		field_error(root, reader_offset(r), "the Destination Connection ID's length is "
			    "unknown (no long header of this side said it): the rest cannot be read");
		return;
	}
	if (!connection_id(r, root, "destination_connection_id", pn_at - 1))
		return;
	packet_body(s, r, root);
}

struct field *decode_quic_packet(const struct trace *t, const struct record *rec)
{
	const uint8_t *wire = trace_record_bytes(t, rec);
	const char *name = quic_packet_name(rec->type);
	struct field *root = field_root(name, 0, rec->len);
	struct reader r = reader_init(wire, rec->len, 0);
	const struct frames_site s = { t, rec };
	uint8_t first;
	if (!reader_u8(&r, &first)) {
		field_error(root, 0, "truncated: the first byte needs 1 bytes, 0 left");
		return root;
	}
	first_byte(rec, first, root);
	if (rec->type == QUIC_PACKET_1RTT)
		short_header(&s, &r, root);
	else if (rec->type < QUIC_PACKET_1RTT || rec->type == QUIC_PACKET_VERSION_NEGOTIATION)
		long_header(&s, &r, root);
	else
		field_error(root, 1, "a QUIC packet of a type tlsviz does not know");
	return root;
}

/* ---- Transport parameters (RFC 9000, 18) ---- */

enum parameter_kind {
	PARAMETER_INTEGER,  /* a variable-length integer */
	PARAMETER_BYTES,    /* a connection ID or a token */
	PARAMETER_EMPTY,    /* its presence says it all */
	PARAMETER_PREFERRED_ADDRESS,
	PARAMETER_VERSION_INFORMATION,
};

static const struct {
	uint64_t id;
	const char *name;
	enum parameter_kind kind;
	const char *unit; /* of an integer's value, or NULL */
} parameters[] = {
	/* RFC 9000, 18.2 */
	{ 0x00, "original_destination_connection_id", PARAMETER_BYTES, NULL },
	{ 0x01, "max_idle_timeout", PARAMETER_INTEGER, "ms" },
	{ 0x02, "stateless_reset_token", PARAMETER_BYTES, NULL },
	{ 0x03, "max_udp_payload_size", PARAMETER_INTEGER, "bytes" },
	{ 0x04, "initial_max_data", PARAMETER_INTEGER, "bytes" },
	{ 0x05, "initial_max_stream_data_bidi_local", PARAMETER_INTEGER, "bytes" },
	{ 0x06, "initial_max_stream_data_bidi_remote", PARAMETER_INTEGER, "bytes" },
	{ 0x07, "initial_max_stream_data_uni", PARAMETER_INTEGER, "bytes" },
	{ 0x08, "initial_max_streams_bidi", PARAMETER_INTEGER, "streams" },
	{ 0x09, "initial_max_streams_uni", PARAMETER_INTEGER, "streams" },
	{ 0x0a, "ack_delay_exponent", PARAMETER_INTEGER, NULL },
	{ 0x0b, "max_ack_delay", PARAMETER_INTEGER, "ms" },
	{ 0x0c, "disable_active_migration", PARAMETER_EMPTY, NULL },
	{ 0x0d, "preferred_address", PARAMETER_PREFERRED_ADDRESS, NULL },
	{ 0x0e, "active_connection_id_limit", PARAMETER_INTEGER, "connection IDs" },
	{ 0x0f, "initial_source_connection_id", PARAMETER_BYTES, NULL },
	{ 0x10, "retry_source_connection_id", PARAMETER_BYTES, NULL },
	{ 0x11, "version_information", PARAMETER_VERSION_INFORMATION, NULL }, /* RFC 9368, 3 */
	{ 0x20, "max_datagram_frame_size", PARAMETER_INTEGER, "bytes" },      /* RFC 9221, 3 */
	{ 0x2ab2, "grease_quic_bit", PARAMETER_EMPTY, NULL },                 /* RFC 9287, 3 */
};

/*
 * Preferred Address {
 *   IPv4 Address (32), IPv4 Port (16), IPv6 Address (128), IPv6 Port (16),
 *   Connection ID Length (8), Connection ID (..), Stateless Reset Token (128),
 * }                                                   (RFC 9000, 18.2)
 */
static void preferred_address(struct reader *r, struct field *value)
{
	const uint8_t *p;
	struct reader peek = *r;
	uint32_t len;
	if (!d_opaque(r, value, "ipv4_address", 4, NULL))
		return;
	if (reader_bytes(&peek, 4, &p))
		field_set_value(value->children[value->count - 1], "%u.%u.%u.%u", p[0], p[1], p[2],
				p[3]);
	if (d_uint(r, value, "ipv4_port", 2, NULL) && d_opaque(r, value, "ipv6_address", 16, NULL) &&
	    d_uint(r, value, "ipv6_port", 2, NULL) &&
	    d_uint(r, value, "connection_id_length", 1, &len) &&
	    connection_id(r, value, "connection_id", len))
		d_opaque(r, value, "stateless_reset_token", 16, NULL);
}

/* Version Information { Chosen Version (32), Available Versions (32) ... }  (RFC 9368, 3) */
static void version_information(struct reader *r, struct field *value)
{
	uint32_t v;
	if (!d_uint(r, value, "chosen_version", 4, &v))
		return;
	version_value(value->children[value->count - 1], v);
	while (reader_remaining(r)) {
		if (!d_uint(r, value, "available_version", 4, &v))
			return;
		version_value(value->children[value->count - 1], v);
	}
}

/* One parameter's value, as its kind reads; the node's own value says it in short. */
static void parameter_value(struct reader *value, struct field *node, enum parameter_kind kind,
			    const char *what)
{
	size_t at = reader_offset(value), len = reader_remaining(value);
	uint64_t v;
	struct field *f;
	switch (kind) {
	case PARAMETER_INTEGER:
		if (!d_varint(value, node, "parameter_value", &v))
			return;
		if (what)
			field_set_value(node, "%" PRIu64 " %s", v, what);
		else
			field_set_value(node, "%" PRIu64, v);
		break;
	case PARAMETER_BYTES:
		if (d_opaque(value, node, "parameter_value", len, &f))
			field_set_value(node, "%s", len ? f->value : "empty (0 bytes)");
		break;
	case PARAMETER_EMPTY:
		field_set_value(node, "present");
		break;
	case PARAMETER_PREFERRED_ADDRESS:
		preferred_address(value, field_add(node, "parameter_value", at, len));
		break;
	case PARAMETER_VERSION_INFORMATION:
		version_information(value, field_add(node, "parameter_value", at, len));
		break;
	}
	if (!value->failed)
		d_trailing(value, node, node->name);
}

/*
 * Transport Parameters { Transport Parameter (..) ... }
 * Transport Parameter {
 *   Transport Parameter ID (i), Transport Parameter Length (i), Transport Parameter Value (..),
 * }                                                   (RFC 9000, 18)
 */
void decode_transport_parameters(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	size_t n = 0;
	while (reader_remaining(r)) {
		size_t start = reader_offset(r);
		struct field *node = field_add(ext, "parameter", start, reader_remaining(r));
		uint64_t id, len;
		if (!d_varint(r, node, "parameter_id", &id))
			return;
		size_t i = 0;
		while (i < sizeof(parameters) / sizeof(parameters[0]) && parameters[i].id != id)
			i++;
		bool known = i < sizeof(parameters) / sizeof(parameters[0]);
		/* RFC 9000, 18.1: ids 31 * N + 27 are reserved, sent to exercise the rule to ignore. */
		bool reserved = id >= 27 && (id - 27) % 31 == 0;
		field_rename(node, known ? parameters[i].name : reserved ? "reserved" : "unknown");
		node->code = (long)id;
		field_set_value(node->children[0], "0x%02" PRIx64, id);
		struct reader value;
		size_t left;
		if (!d_varint(r, node, "parameter_length", &len))
			return;
		left = reader_remaining(r);
		if (!reader_sub(r, len, &value)) {
			node->length = reader_offset(r) - start + left;
			field_error(node, reader_offset(r), "truncated: parameter_value needs %" PRIu64
				    " bytes, %zu left", len, left);
			r->failed = true;
			return;
		}
		node->length = reader_offset(r) - start;
		n++;
		if (known)
			parameter_value(&value, node, parameters[i].kind, parameters[i].unit);
		else if (len)
			d_opaque(&value, node, "parameter_value", len, NULL);
	}
	field_set_value(ext, "%zu transport parameter%s", n, n == 1 ? "" : "s");
}
