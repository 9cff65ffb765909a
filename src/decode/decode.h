/*
 * Decoders: field trees for TCP segments, TLS records and every message.
 * Each returns a tree the caller owns (field_free()); malformed input gives
 * the partial tree with an error node where decoding stopped, never a crash
 * or a read out of bounds.
 */
#ifndef TLSVIZ_DECODE_DECODE_H
#define TLSVIZ_DECODE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "decode/field.h"
#include "trace/trace.h"

/* Who sent a message; UNKNOWN where a caller cannot say (explanations true for both). */
enum sender {
	SENDER_UNKNOWN,
	SENDER_CLIENT,
	SENDER_SERVER,
};

/* Whether a message travelled protected by record keys. */
enum sealing {
	SEALING_UNKNOWN,
	SEALING_CLEAR,
	SEALING_PROTECTED,
	SEALING_EARLY, /* TLS 1.3 0-RTT: protected by keys from the PSK alone */
};

/*
 * What a decoder must know of the connection to read a message right, and
 * what its explanations depend on. Callers that know only the first two
 * members leave the rest zero.
 */
struct decode_context {
	uint16_t version;      /* 0x0303 or 0x0304; 0 before the ServerHello */
	uint16_t cipher_suite; /* for TLS 1.2 key exchange messages */
	enum sender sender;
	enum sealing sealing;
	bool resumed; /* the connection resumed an earlier session */
	bool extended_master_secret; /* TLS 1.2: negotiated (RFC 7627) */
	bool captured; /* a TCP segment as a capture file recorded it, not modeled */
	/*
	 * DTLS (RFC 6347, RFC 9147): headers with epochs, sequence numbers and
	 * fragments, a ClientHello with a cookie; `version` is then the TLS
	 * version it adapts (tls_version_of), which the rest follows.
	 */
	bool dtls;
	/*
	 * QUIC (RFC 9000, RFC 9001): TLS 1.3 carried in CRYPTO frames, whose
	 * packets replace the records (then `dtls` is false: the messages
	 * have TLS's 4-byte headers).
	 */
	bool quic;
};

/*
 * The context of a message or record of connection `conn` of `t` sent in
 * direction `dir` under `protection`: the negotiated version, or before a
 * ServerHello the highest one the connection's ClientHello offers.
 */
void decode_context_of(const struct trace *t, unsigned conn, enum direction dir,
		       enum protection protection, struct decode_context *out);
/* The highest version a ClientHello (header included) offers, 0 when it cannot be read. */

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
/*
 * What a message of trace `t` is for, in a sentence or two, for its version
 * and sender (an alert: what its description reports). Static text.
 */
const char *message_explanation(const struct trace *t, const struct message *m);

/*
 * Appends why connection `conn` of `t` has no ServerHello, for the headers
 * of the exports: "no ServerHello was sent: the server answered ...".
 */
void explain_no_server_hello(const struct trace *t, unsigned conn, struct buf *out);

#endif
