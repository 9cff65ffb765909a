/*
 * QUIC's wire format as far as the trace reads it (RFC 9000): variable-length
 * integers, packet headers, the packet number, and frames one by one. Pure
 * functions of bytes; the trace removes header protection and opens packets
 * (crypto/crypto.h), and the decoders name every field.
 */
#ifndef TLSVIZ_TRACE_QUIC_H
#define TLSVIZ_TRACE_QUIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/reader.h"
#include "trace/trace.h"

/* "Initial packet", "1-RTT packet", ... as RFC 9000, 17 names a packet of type `type`. */
const char *quic_packet_name(enum quic_packet type);

/* A connection ID is at most 20 bytes in versions 1 and 2 (RFC 9000, 17.2). */
#define QUIC_CID_MAX 20

/* RFC 9000, 16: two bits of the first byte give the length, 1, 2, 4 or 8 bytes. */
bool quic_varint(struct reader *r, uint64_t *out);

/* One packet's header, where its parts lie in the packet (RFC 9000, 17.2 and 17.3). */
struct quic_header {
	enum quic_packet type;
	bool long_header;
	uint32_t version; /* a long header's; 0 for a short one */
	const uint8_t *dcid, *scid;
	uint8_t dcid_len, scid_len;
	const uint8_t *token; /* Initial: the token of a Retry or NEW_TOKEN, else NULL */
	size_t token_len;
	size_t pn_at; /* where the (protected) packet number begins */
	size_t len;   /* the whole packet: a long header's Length says; a short one runs to the end */
};

/*
 * Reads the header of the packet at the start of <p, left> (the rest of a
 * datagram); `short_dcid_len` is the length of the Destination Connection
 * ID a short header carries, which only the handshake tells. False when
 * the bytes are no whole packet.
 */
bool quic_header(const uint8_t *p, size_t left, size_t short_dcid_len, struct quic_header *out);

/*
 * RFC 9000, A.3: the full packet number of a truncated one of `pn_len`
 * bytes, nearest to the one after the largest received so far in its
 * space (`any`: whether one was).
 */
uint64_t quic_packet_number(bool any, uint64_t largest, uint64_t truncated, unsigned pn_len);

/* Frame types of RFC 9000, 19 (and RFC 9221's DATAGRAM) the trace acts on or names. */
enum quic_frame_type {
	QUIC_FRAME_PADDING = 0x00,
	QUIC_FRAME_PING = 0x01,
	QUIC_FRAME_ACK = 0x02,
	QUIC_FRAME_ACK_ECN = 0x03,
	QUIC_FRAME_CRYPTO = 0x06,
	QUIC_FRAME_STREAM = 0x08, /* to 0x0f: OFF, LEN and FIN bits */
	QUIC_FRAME_CONNECTION_CLOSE = 0x1c,
	QUIC_FRAME_CONNECTION_CLOSE_APP = 0x1d,
	QUIC_FRAME_HANDSHAKE_DONE = 0x1e,
};

struct quic_frame {
	uint64_t type;
	size_t at, len; /* in the payload */
	/* CRYPTO and STREAM: where the data goes in its stream, and the data */
	uint64_t offset, stream_id;
	bool fin;
	const uint8_t *data;
	size_t data_len;
	/* CONNECTION_CLOSE: the error code */
	uint64_t error_code;
};

enum quic_frame_result {
	QUIC_FRAME_END,       /* the payload is read */
	QUIC_FRAME_READ,      /* *out holds the next frame */
	QUIC_FRAME_CUT,       /* the payload ends inside a frame */
	QUIC_FRAME_UNKNOWN,   /* a type RFC 9000 and RFC 9221 do not define: the rest is unread */
};

/* The next frame of a packet's payload; a run of PADDING is one frame. */
enum quic_frame_result quic_next_frame(struct reader *r, struct quic_frame *out);

#endif
