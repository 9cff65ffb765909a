/*
 * Decoders: field trees for TCP segments, TLS records and every message.
 * Each returns a tree the caller owns (field_free()); malformed input gives
 * the partial tree with an error node where decoding stopped, never a crash
 * or a read out of bounds.
 */
#ifndef TLSVIZ_DECODE_DECODE_H
#define TLSVIZ_DECODE_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "decode/field.h"
#include "trace/trace.h"

/* What a decoder must know of the connection to read a message right. */
struct decode_context {
	uint16_t version;      /* 0x0303 or 0x0304; 0 before the ServerHello */
	uint16_t cipher_suite; /* for TLS 1.2 key exchange messages */
};

/*
 * A handshake message, header included: <bytes, len>, offsets from 0.
 * Also the message_hash of RFC 8446, 4.4.1 and unknown types (as bytes).
 */
struct field *decode_handshake(const struct decode_context *ctx, const uint8_t *bytes,
			       size_t len);
/* Any message of a trace: handshake, alert, ChangeCipherSpec, application data. */
struct field *decode_message(const struct trace *t, const struct message *m);
/* A record as on the wire (header, then fragment or protected payload and its opening). */
struct field *decode_record(const struct trace *t, const struct record *r);
/* A modeled TCP segment (its header fields; the payload is the TLS bytes). */
struct field *decode_segment(const struct trace *t, const struct segment *s);

/* The name of a message for people: "ClientHello", "HelloRetryRequest", "Alert". */
const char *message_name(const struct message *m);
/* What a message is for, in a sentence or two. */
const char *message_explanation(const struct message *m);

#endif
