#include "trace/quic.h"

#include <string.h>

const char *quic_packet_name(enum quic_packet type)
{
	static const char *const names[] = {
		[QUIC_PACKET_INITIAL] = "Initial packet",
		[QUIC_PACKET_0RTT] = "0-RTT packet",
		[QUIC_PACKET_HANDSHAKE] = "Handshake packet",
		[QUIC_PACKET_RETRY] = "Retry packet",
		[QUIC_PACKET_1RTT] = "1-RTT packet",
		[QUIC_PACKET_VERSION_NEGOTIATION] = "Version Negotiation packet",
	};
	return (size_t)type < sizeof(names) / sizeof(names[0]) ? names[type] : "QUIC packet";
}

bool quic_varint(struct reader *r, uint64_t *out)
{
	uint8_t first;
	if (!reader_u8(r, &first))
		return false;
	size_t more = ((size_t)1 << (first >> 6)) - 1;
	uint64_t v = first & 0x3f;
	for (size_t i = 0; i < more; i++) {
		uint8_t b;
		if (!reader_u8(r, &b))
			return false;
		v = v << 8 | b;
	}
	*out = v;
	return true;
}

/* A long header's packet type: version 2 numbers them differently (RFC 9369, 3.2). */
static enum quic_packet long_type(uint32_t version, uint8_t first)
{
	static const enum quic_packet v1[4] = { QUIC_PACKET_INITIAL, QUIC_PACKET_0RTT,
						QUIC_PACKET_HANDSHAKE, QUIC_PACKET_RETRY };
	static const enum quic_packet v2[4] = { QUIC_PACKET_RETRY, QUIC_PACKET_INITIAL,
						QUIC_PACKET_0RTT, QUIC_PACKET_HANDSHAKE };
	unsigned bits = first >> 4 & 3;
	return version == 0x6b3343cf ? v2[bits] : v1[bits];
}

bool quic_header(const uint8_t *p, size_t left, size_t short_dcid_len, struct quic_header *out)
{
	struct reader r = reader_init(p, left, 0);
	uint8_t first;
	memset(out, 0, sizeof(*out));
	if (!reader_u8(&r, &first))
		return false;
	if (!(first & 0x80)) {
		/* 17.3.1: the fixed bit, the Destination Connection ID, then the packet number. */
		out->type = QUIC_PACKET_1RTT;
		out->dcid_len = (uint8_t)short_dcid_len;
		if (!(first & 0x40) || !reader_bytes(&r, short_dcid_len, &out->dcid))
			return false;
		out->pn_at = reader_offset(&r);
		out->len = left;
		return true;
	}
	out->long_header = true;
	if (!reader_u32(&r, &out->version) || !reader_u8(&r, &out->dcid_len) ||
	    !reader_bytes(&r, out->dcid_len, &out->dcid) || !reader_u8(&r, &out->scid_len) ||
	    !reader_bytes(&r, out->scid_len, &out->scid))
		return false;
	if (out->version == 0) {
		/* 17.2.1: Version Negotiation lists versions to the datagram's end. */
		out->type = QUIC_PACKET_VERSION_NEGOTIATION;
		out->len = left;
		return true;
	}
	/* Connection IDs of up to 20 bytes in the versions tlsviz reads; others may differ. */
	if (out->dcid_len > QUIC_CID_MAX || out->scid_len > QUIC_CID_MAX || !(first & 0x40))
		return false;
	out->type = long_type(out->version, first);
	if (out->type == QUIC_PACKET_RETRY) {
		out->len = left; /* 17.2.5: no Length; the token and integrity tag fill the rest */
		return true;
	}
	uint64_t token_len, length;
	if (out->type == QUIC_PACKET_INITIAL &&
	    (!quic_varint(&r, &token_len) || token_len > reader_remaining(&r) ||
	     !reader_bytes(&r, (size_t)token_len, &out->token)))
		return false;
	out->token_len = out->token ? (size_t)token_len : 0;
	if (!quic_varint(&r, &length) || length > reader_remaining(&r))
		return false;
	out->pn_at = reader_offset(&r);
	out->len = out->pn_at + (size_t)length;
	return true;
}

uint64_t quic_packet_number(bool any, uint64_t largest, uint64_t truncated, unsigned pn_len)
{
	/* RFC 9000, A.3 */
	uint64_t expected = any ? largest + 1 : 0;
	uint64_t win = (uint64_t)1 << (pn_len * 8), half = win / 2, mask = win - 1;
	uint64_t candidate = (expected & ~mask) | truncated;
	if (candidate + half <= expected && candidate < ((uint64_t)1 << 62) - win)
		return candidate + win;
	if (candidate > expected + half && candidate >= win)
		return candidate - win;
	return candidate;
}

/* Reads `count` variable-length integers into out[] (NULL: skipped). */
static bool varints(struct reader *r, size_t count, uint64_t *out)
{
	uint64_t v;
	for (size_t i = 0; i < count; i++) {
		if (!quic_varint(r, &v))
			return false;
		if (out)
			out[i] = v;
	}
	return true;
}

/* Skips a field whose length a variable-length integer gives. */
static bool sized(struct reader *r, const uint8_t **data, size_t *len)
{
	uint64_t n;
	if (!quic_varint(r, &n) || n > reader_remaining(r) || !reader_bytes(r, (size_t)n, data))
		return false;
	*len = (size_t)n;
	return true;
}

enum quic_frame_result quic_next_frame(struct reader *r, struct quic_frame *out)
{
	memset(out, 0, sizeof(*out));
	out->at = reader_offset(r);
	if (!reader_remaining(r))
		return QUIC_FRAME_END;
	const uint8_t *skip;
	size_t skip_len;
	uint64_t v[4];
	bool ok;
	if (!quic_varint(r, &out->type))
		return QUIC_FRAME_CUT;
	uint64_t t = out->type;
	if (t == QUIC_FRAME_PADDING) {
		/* 19.1: one byte each; a run of them is read as one. */
		uint8_t next;
		struct reader peek = *r;
		while (reader_u8(&peek, &next) && next == 0)
			*r = peek;
		ok = true;
	} else if (t == QUIC_FRAME_PING || t == QUIC_FRAME_HANDSHAKE_DONE) {
		ok = true; /* 19.2, 19.20: a type alone */
	} else if (t == QUIC_FRAME_ACK || t == QUIC_FRAME_ACK_ECN) {
		/* 19.3: largest, delay, range count, first range, then gap and length per range */
		ok = varints(r, 4, v);
		for (uint64_t i = 0; ok && i < v[2]; i++)
			ok = varints(r, 2, NULL);
		if (ok && t == QUIC_FRAME_ACK_ECN)
			ok = varints(r, 3, NULL); /* 19.3.2: ECT(0), ECT(1), ECN-CE counts */
	} else if (t == 0x04) {
		ok = varints(r, 3, NULL); /* 19.4 RESET_STREAM: stream, error code, final size */
	} else if (t == 0x05) {
		ok = varints(r, 2, NULL); /* 19.5 STOP_SENDING: stream, error code */
	} else if (t == QUIC_FRAME_CRYPTO) {
		/* 19.6: offset, length, data */
		ok = quic_varint(r, &out->offset) && sized(r, &out->data, &out->data_len);
	} else if (t == 0x07) {
		ok = sized(r, &skip, &skip_len); /* 19.7 NEW_TOKEN */
	} else if (t >= QUIC_FRAME_STREAM && t <= 0x0f) {
		/* 19.8: 0x04 OFF, 0x02 LEN, 0x01 FIN; without LEN the data runs to the payload's end */
		out->fin = t & 0x01;
		ok = quic_varint(r, &out->stream_id) && (!(t & 0x04) || quic_varint(r, &out->offset));
		if (ok && (t & 0x02))
			ok = sized(r, &out->data, &out->data_len);
		else if (ok)
			ok = reader_bytes(r, out->data_len = reader_remaining(r), &out->data);
	} else if (t == 0x10 || t == 0x12 || t == 0x13 || t == 0x14 || t == 0x16 || t == 0x17 ||
		   t == 0x19) {
		/* 19.9 MAX_DATA, 19.11 MAX_STREAMS, 19.12 DATA_BLOCKED, 19.14 STREAMS_BLOCKED, 19.16 */
		ok = varints(r, 1, NULL);
	} else if (t == 0x11 || t == 0x15) {
		ok = varints(r, 2, NULL); /* 19.10 MAX_STREAM_DATA, 19.13 STREAM_DATA_BLOCKED */
	} else if (t == 0x18) {
		/* 19.15 NEW_CONNECTION_ID: sequence, retire prior to, length, ID, reset token */
		uint8_t len;
		ok = varints(r, 2, NULL) && reader_u8(r, &len) && len >= 1 && len <= QUIC_CID_MAX &&
		     reader_bytes(r, len, &skip) && reader_bytes(r, 16, &skip);
	} else if (t == 0x1a || t == 0x1b) {
		ok = reader_bytes(r, 8, &skip); /* 19.17, 19.18: PATH_CHALLENGE, PATH_RESPONSE */
	} else if (t == QUIC_FRAME_CONNECTION_CLOSE || t == QUIC_FRAME_CONNECTION_CLOSE_APP) {
		/* 19.19: error code, the frame type (0x1c only), the reason phrase */
		ok = quic_varint(r, &out->error_code) &&
		     (t == QUIC_FRAME_CONNECTION_CLOSE_APP || varints(r, 1, NULL)) &&
		     sized(r, &out->data, &out->data_len);
	} else if (t == 0x30 || t == 0x31) {
		/* RFC 9221, 4: DATAGRAM, with a length (0x31) or to the end (0x30) */
		if (t == 0x31)
			ok = sized(r, &out->data, &out->data_len);
		else
			ok = reader_bytes(r, out->data_len = reader_remaining(r), &out->data);
	} else {
		return QUIC_FRAME_UNKNOWN;
	}
	if (!ok)
		return QUIC_FRAME_CUT;
	out->len = reader_offset(r) - out->at;
	return QUIC_FRAME_READ;
}
